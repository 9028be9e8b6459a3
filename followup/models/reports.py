"""Reports to the funder: interim, annual and final reports and a state grant's use-of-funds report
(käyttöselvitys), each with a due date, a narrative per objective, the indicator values achieved and
attachments.

A report is drafted, then submitted (who and when recorded); a submitted report no longer changes.
Its due dates come from the funder's decision (followup.reports.planned_reports, written by
followup.services.reports.schedule_reports) and stay editable. A report past its due date and not
submitted is overdue: the dashboard shows it to the development director and to the project's manager
(`Report.objects.overdue().for_user(user)`).

The narratives and values point at the application's objectives and indicators; when the director
removes one from the application later, the text stays with the report (the link becomes empty).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hankehallinta.permissions import is_development_director
from hankehallinta.uploads import file_sha256, validate_upload
from projects.lifecycle import ProjectState

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class ReportQuerySet(models.QuerySet["Report"]):
    def for_project(self, project) -> ReportQuerySet:
        return self.filter(project=project)

    def in_due_order(self) -> ReportQuerySet:
        """By due date (index report_state_due); the primary key breaks ties."""
        return self.order_by("due_date", "pk")

    def submitted(self) -> ReportQuerySet:
        return self.filter(state=Report.State.SUBMITTED)

    def final(self) -> ReportQuerySet:
        """The report that ends the project: a final report or a state grant's use-of-funds report."""
        return self.filter(kind__in=Report.Kind.closing())

    def overdue(self, today: dt.date | None = None) -> ReportQuerySet:
        """Not submitted and past the due date, of projects not yet closed or rejected."""
        today = today or timezone.localdate()
        return self.filter(state=Report.State.DRAFTED, due_date__lt=today).exclude(
            project__state__in=ProjectState.ended()
        )

    def for_user(self, user: AbstractBaseUser | AnonymousUser) -> ReportQuerySet:
        """The reports whose follow-up is the user's work: all of them for the development director,
        those of the projects they manage for a project manager, none for anyone else."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if is_development_director(user):
            return self.all()
        return self.filter(project__manager_account=user)


class Report(models.Model):
    """One report to the funder for one period."""

    class Kind(models.TextChoices):
        INTERIM = "interim", _("Interim report")
        ANNUAL = "annual", _("Annual report")
        FINAL = "final", _("Final report")
        USE_OF_FUNDS = "use_of_funds", _("Use-of-funds report")

        @classmethod
        def closing(cls) -> list[str]:
            """The kinds that close the project's reporting (closure requires one submitted)."""
            return [cls.FINAL, cls.USE_OF_FUNDS]

    class State(models.TextChoices):
        DRAFTED = "drafted", _("Drafted")
        SUBMITTED = "submitted", _("Submitted")

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.PROTECT, related_name="reports"
    )
    kind = models.CharField(_("kind of report"), max_length=20, choices=Kind)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    due_date = models.DateField(_("due date"))
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.DRAFTED)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Bumped by every save through the pages' form: a stale form is refused, not merged.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["project", "due_date", "pk"]
        indexes = [models.Index(fields=["state", "due_date"], name="report_state_due")]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="report_period_in_order"),
            models.CheckConstraint(
                condition=Q(state="drafted") | Q(submitted_at__isnull=False), name="report_submitted_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_start:%-d.%-m.%Y}–{self.period_end:%-d.%-m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("followup:report_edit", args=[self.pk])

    @property
    def is_submitted(self) -> bool:
        return self.state == self.State.SUBMITTED

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return not self.is_submitted and self.due_date < (today or timezone.localdate())


class ReportNarrative(models.Model):
    """What the report tells of one objective."""

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="narratives")
    objective = models.ForeignKey(
        "projects.Objective",
        verbose_name=_("objective"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("narrative"), blank=True)

    class Meta:
        verbose_name = _("report narrative")
        verbose_name_plural = _("report narratives")
        ordering = ["report", "objective__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "objective"], name="report_narrative_once_per_objective"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class IndicatorValue(models.Model):
    """The value an indicator reached in the report's period: a number when the indicator counts
    something (its target is a number, followup.reports.is_numeric), otherwise a text."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="indicator_values"
    )
    indicator = models.ForeignKey(
        "projects.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    number = models.DecimalField(_("value"), max_digits=16, decimal_places=4, null=True, blank=True)
    text = models.CharField(_("value"), max_length=300, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["report", "indicator__objective__order", "indicator", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="indicator_value_once_per_report"),
        ]

    def __str__(self) -> str:
        """The value as a person reads it: "1 200,5" for a number, or the text."""
        if self.number is None:
            return self.text
        whole, _dot, fraction = f"{self.number.normalize():f}".partition(".")
        sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
        groups = [digits[max(0, end - 3) : end] for end in range(len(digits), 0, -3)][::-1]
        return sign + "\u00a0".join(groups) + (f",{fraction}" if fraction else "")

    @property
    def value(self):
        """The number, or the text when there is no number."""
        return self.text if self.number is None else self.number


class ReportAttachment(models.Model):
    """A file attached to a report; accepted by its content and size (hankehallinta.uploads), stored
    through Django's storage API, its SHA-256 kept."""

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="reports/%Y/", validators=[validate_upload])
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("report attachment")
        verbose_name_plural = _("report attachments")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("followup:report_attachment", args=[self.pk])

    def record_file_hash(self) -> None:
        """Set `sha256` from the file (before the save)."""
        self.sha256 = file_sha256(self.file)
