"""Projects (hankkeet): the application's core data, objectives, lifecycle and frozen versions."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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
    class State(models.TextChoices):
        IDEA = "idea", _("Idea")
        PREPARATION = "preparation", _("Preparation")
        BOARD_REVIEW = "board_review", _("Board review")
        SUBMITTED = "submitted", _("Submitted to funder")
        FUNDING_DECIDED = "funding_decided", _("Funding decided")
        IN_PROGRESS = "in_progress", _("In progress")
        CLOSING = "closing", _("Closing")
        CLOSED = "closed", _("Closed")
        REJECTED = "rejected", _("Rejected")
        RETURNED = "returned", _("Returned for preparation")

        @classmethod
        def ended(cls) -> list[str]:
            return [cls.CLOSED, cls.REJECTED]

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
