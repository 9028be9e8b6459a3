"""Projects (hankkeet): the application's core data, objectives, lifecycle and frozen versions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects import lifecycle
from projects.lifecycle import (
    FUNDING_DECISION_FIELDS,
    FUNDING_DECISION_OPEN,
    TRANSITIONS,
    ProjectState,
    TransitionError,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


class FundingCall(models.Model):
    """A funder's call (haku). Its maximum aid rate is data, never a constant in code."""

    funder = models.CharField(_("funder"), max_length=200)
    name = models.CharField(_("name"), max_length=200)
    max_aid_rate = models.DecimalField(
        _("maximum aid rate"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("As a fraction: 0,8000 is 80 %."),
    )
    deadline = models.DateField(_("application deadline"), null=True, blank=True)

    class Meta:
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        ordering = ["funder", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_aid_rate__gte=0) & Q(max_aid_rate__lte=1) | Q(max_aid_rate__isnull=True),
                name="fundingcall_rate_between_0_and_1",
            )
        ]

    def __str__(self) -> str:
        return f"{self.funder}: {self.name}"


class ProjectQuerySet(models.QuerySet["Project"]):
    def active(self) -> ProjectQuerySet:
        return self.exclude(state__in=Project.State.ended())

    def for_year(self, year: int) -> ProjectQuerySet:
        return self.filter(start_date__year__lte=year, end_date__year__gte=year)

    def with_list_data(self) -> ProjectQuerySet:
        """What a list row shows, in a fixed number of queries."""
        from budgets.models import BudgetLine, FinancingLine  # noqa: PLC0415 - the apps refer to each other

        return self.select_related("funding_call").annotate(
            total_cost=models.Subquery(
                BudgetLine.objects.filter(project=models.OuterRef("pk"))
                .values("project")
                .annotate(total=models.Sum("amount"))
                .values("total")[:1],
                output_field=models.DecimalField(max_digits=14, decimal_places=2),
            ),
            applied_funding=models.Subquery(
                FinancingLine.objects.filter(project=models.OuterRef("pk"), source=FinancingLine.Source.APPLIED)
                .values("project")
                .annotate(total=models.Sum("amount"))
                .values("total")[:1],
                output_field=models.DecimalField(max_digits=14, decimal_places=2),
            ),
        )


class Project(models.Model):
    State = ProjectState

    title = models.CharField(_("title"), max_length=300)
    owning_unit = models.CharField(_("owning unit"), max_length=200, blank=True)
    manager = models.CharField(_("project manager"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    funding_call = models.ForeignKey(
        FundingCall,
        verbose_name=_("funding call"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    partners = models.TextField(_("partners"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.IDEA)
    # The funder's decision, as the funder wrote it.
    granted_amount = models.DecimalField(_("granted amount"), max_digits=14, decimal_places=2, null=True, blank=True)
    granted_aid_rate = models.DecimalField(_("granted aid rate"), max_digits=5, decimal_places=4, null=True, blank=True)
    funding_decision_date = models.DateField(_("funding decision date"), null=True, blank=True)
    funding_decision_reference = models.CharField(_("funding decision reference"), max_length=100, blank=True)
    # Bumped by every save through the editor: a stale form is refused, not merged.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="project_end_after_start"),
            models.CheckConstraint(
                condition=Q(granted_amount__gte=0) | Q(granted_amount__isnull=True),
                name="project_granted_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])

    @property
    def funder(self) -> str:
        return self.funding_call.funder if self.funding_call else ""

    @property
    def duration_months(self) -> int:
        """Derived from the dates, never typed: whole months, counting a started month."""
        months = (self.end_date.year - self.start_date.year) * 12 + self.end_date.month - self.start_date.month
        return months + 1

    @property
    def years(self) -> list[int]:
        return list(range(self.start_date.year, self.end_date.year + 1))

    # Lifecycle ----------------------------------------------------------------------------
    # The states, the table of steps and the guards are in projects/lifecycle.py. Each step is one
    # atomic write: the state (with update_fields) and a StateChange saying who, when and why.

    def allowed_transitions(self) -> tuple[str, ...]:
        """The states this project may move to next according to the table, before any guard."""
        return TRANSITIONS.get(self.state, ())

    def transition_errors(self, to: str, *, reason: str = "") -> list[TransitionError]:
        """Everything that stops the move to `to` now, each naming its guard; empty when allowed.

        The budget is read through the row's related managers (a prefetched row answers from its
        prefetch); transition() asks a freshly locked row. The guards are in projects/lifecycle.py.
        """
        return lifecycle.transition_errors(self, to, reason=reason)

    def transition_flag(self, to: str) -> str:
        """Why an allowed step deserves a second look, or "": sent to the funder before the board decided."""
        return lifecycle.transition_flag(self, to)

    def transition(self, to: str, *, by: AbstractBaseUser, reason: str = "", flag: str = "") -> StateChange:
        """Move the project to the state `to`, or raise TransitionError naming the guard that refuses.

        The row is locked while the guards run; the state and the StateChange are written together.
        The row's version goes up, so an editor form opened before the move cannot save a stale state.
        `flag` marks the step for a second look (e.g. changes beyond a delegation sent it back).
        """
        from hankehallinta.audit import record  # noqa: PLC0415 - the audit log imports the apps' models
        from hankehallinta.models import AuditEvent  # noqa: PLC0415

        with transaction.atomic():
            locked = Project.objects.select_for_update(of=("self",)).select_related("funding_call").get(pk=self.pk)
            errors = locked.transition_errors(to, reason=reason)
            if errors:
                raise errors[0]
            flag_reason = " ".join(part for part in (flag.strip(), locked.transition_flag(to)) if part)[:300]
            from_state = locked.state
            locked.state = to
            locked.version += 1
            locked._history_user = by
            locked.save(update_fields=["state", "version", "updated_at"])
            change = StateChange.objects.create(
                project=locked,
                from_state=from_state,
                to_state=to,
                changed_by=by,
                reason=reason.strip(),
                flagged=bool(flag_reason),
                flag_reason=flag_reason,
            )
            record(
                AuditEvent.Action.STATE_CHANGE,
                user=by,
                obj=locked,
                detail={"from": from_state, "to": str(to), "flagged": bool(flag_reason)},
            )
        self.state, self.version, self.updated_at = locked.state, locked.version, locked.updated_at
        return change

    def record_funding_decision(
        self,
        *,
        granted_amount: Decimal,
        aid_rate: Decimal | None,
        decided_on: dt.date,
        reference: str,
        by: AbstractBaseUser,
    ) -> None:
        """Write the funder's decision as the funder wrote it: amount, aid rate, date and reference, together.

        Allowed once the application has been sent to the funder; raises ValidationError for a value
        that cannot be right and TransitionError before the application was sent.
        """
        errors = {}
        if not isinstance(granted_amount, Decimal) or granted_amount < 0:
            errors["granted_amount"] = gettext("The granted amount must be zero or more euros.")
        if aid_rate is not None and not (isinstance(aid_rate, Decimal) and 0 <= aid_rate <= 1):
            errors["granted_aid_rate"] = gettext("The aid rate must be a fraction between 0 and 1.")
        if not reference.strip():
            errors["funding_decision_reference"] = gettext("Give the reference of the funder's decision.")
        if errors:
            raise ValidationError(errors)
        with transaction.atomic():
            locked = Project.objects.select_for_update().get(pk=self.pk)
            if locked.state not in FUNDING_DECISION_OPEN:
                message = gettext(
                    "The funder's decision can be recorded only after the application was sent to the funder; "
                    "the project is in the state “%(state)s”."
                ) % {"state": locked.get_state_display()}
                raise TransitionError(message, guard="not_submitted")
            locked.granted_amount = granted_amount
            locked.granted_aid_rate = aid_rate
            locked.funding_decision_date = decided_on
            locked.funding_decision_reference = reference.strip()
            locked.version += 1
            locked._history_user = by
            locked.save(update_fields=[*FUNDING_DECISION_FIELDS, "version", "updated_at"])
        for name in (*FUNDING_DECISION_FIELDS, "version", "updated_at"):
            setattr(self, name, getattr(locked, name))


class StateChange(models.Model):
    """One step of a project's lifecycle: who moved it, when and why."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="state_changes"
    )
    from_state = models.CharField(_("from state"), max_length=20, choices=Project.State)
    to_state = models.CharField(_("to state"), max_length=20, choices=Project.State)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    flagged = models.BooleanField(
        _("flagged"), default=False, help_text=_("An allowed step that deserves a second look.")
    )
    flag_reason = models.CharField(_("flag reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ["project", "changed_at"]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_from_state_display()} → {self.get_to_state_display()}"


class Objective(models.Model):
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="objectives")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    text = models.TextField(_("objective"))
    actions = models.TextField(_("actions"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["project", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.text[:80]}"


class Indicator(models.Model):
    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=300)
    baseline = models.CharField(_("baseline"), max_length=100, blank=True)
    target = models.CharField(_("target"), max_length=100, blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["objective", "pk"]

    def __str__(self) -> str:
        return self.name


class ApplicationVersion(models.Model):
    """A frozen snapshot of the whole application; a decision points at exactly one."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("number"))
    label = models.CharField(_("label"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    snapshot = models.JSONField(_("snapshot"))
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64)

    class Meta:
        verbose_name = _("application version")
        verbose_name_plural = _("application versions")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="unique_version_number_per_project"),
        ]

    def __str__(self) -> str:
        return _("%(project)s, version %(number)s") % {"project": self.project, "number": self.number}
