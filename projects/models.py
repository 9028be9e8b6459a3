"""Projects (hankkeet): the application's core data, objectives, lifecycle and frozen versions."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from budgets.models import BudgetLine, FinancingLine
from projects import lifecycle
from projects.lifecycle import TRANSITIONS, ProjectState

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from projects.lifecycle import TransitionError

#: The lists' order, newest first; the primary key breaks ties so that pages never overlap.
NEWEST_FIRST = ("-start_date", "title", "pk")


class FundingCallQuerySet(models.QuerySet["FundingCall"]):
    def in_list_order(self) -> FundingCallQuerySet:
        """By funder and name; the primary key breaks ties so that pages never overlap."""
        return self.order_by("funder", "name", "pk")

    def with_project_count(self) -> FundingCallQuerySet:
        """Each call's `project_count`, counted for the calls of the page only (a subquery that the
        projects' funding_call index answers), never by grouping every project."""
        projects = (
            Project.objects.filter(funding_call=models.OuterRef("pk"))
            .order_by()
            .values("funding_call")
            .annotate(count=models.Count("pk"))
            .values("count")[:1]
        )
        return self.annotate(project_count=Coalesce(models.Subquery(projects), 0))


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
    #: How far a cost category's actual costs may exceed its budget before the follow-up warns
    #: (followup.actual_vs_plan), as a fraction: 0,1500 is 15 %. Empty: the call sets no limit.
    variance_limit = models.DecimalField(
        _("variance limit"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("As a fraction: 0,1500 is 15 %."),
    )
    # Bumped by every save through the pages' form: a stale form is refused, not merged.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = FundingCallQuerySet.as_manager()

    class Meta:
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        ordering = ["funder", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_aid_rate__gte=0) & Q(max_aid_rate__lte=1) | Q(max_aid_rate__isnull=True),
                name="fundingcall_rate_between_0_and_1",
            ),
            models.CheckConstraint(
                condition=Q(variance_limit__gte=0) & Q(variance_limit__lte=1) | Q(variance_limit__isnull=True),
                name="fundingcall_variance_limit_between_0_and_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.funder}: {self.name}"

    def get_absolute_url(self) -> str:
        """The calls are managed on one page: the list, at the call's row."""
        return f"{reverse('projects:call_list')}#call-{self.pk}"


def _line_sum(lines: models.QuerySet) -> models.Subquery:
    """The sum of the project's lines in `lines`, as a subquery of the project query."""
    return models.Subquery(
        lines.filter(project=models.OuterRef("pk"))
        .values("project")
        .annotate(total=models.Sum("amount"))
        .values("total")[:1],
        output_field=models.DecimalField(max_digits=14, decimal_places=2),
    )


class ProjectQuerySet(models.QuerySet["Project"]):
    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> ProjectQuerySet:
        """The projects whose page the user may open ("projects.view_project" as a queryset): all of
        them to everyone signed in, none to anyone else."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.all()

    def newest_first(self) -> ProjectQuerySet:
        """The lists' order: the latest start first, then by title (index project_newest_first)."""
        return self.order_by(*NEWEST_FIRST)

    def keys_newest_first(self) -> ProjectQuerySet:
        """Only the keys, in the lists' order: what a list paginates (hankehallinta.pagination), so
        that neither its count nor the rows before its page compute any row's figures."""
        return self.newest_first().values("pk")

    def of_page(self, keys: models.QuerySet) -> ProjectQuerySet:
        """The projects of one page of keys_newest_first() (a sliced queryset, sent as a subquery),
        in the lists' order: the figures are computed for these rows only."""
        return self.filter(pk__in=keys).newest_first()

    def budgeted(self) -> ProjectQuerySet:
        """The projects an annual budget holds: all but the rejected ones."""
        return self.exclude(state=Project.State.REJECTED)

    def active(self) -> ProjectQuerySet:
        return self.exclude(state__in=Project.State.ended())

    def for_year(self, year: int) -> ProjectQuerySet:
        return self.filter(start_date__year__lte=year, end_date__year__gte=year)

    def with_list_data(self) -> ProjectQuerySet:
        """What a list row shows (total cost, applied funding), in a fixed number of queries."""
        return self.select_related("funding_call").annotate(
            total_cost=_line_sum(BudgetLine.objects.all()),
            applied_funding=_line_sum(FinancingLine.objects.filter(source=FinancingLine.Source.APPLIED)),
        )

    def with_portfolio_figures(self) -> ProjectQuerySet:
        """The list row's figures plus all external financing and the own contribution in kind, as
        annotations of the one query (projects.portfolio.PortfolioRow reads them)."""
        return self.with_list_data().annotate(
            external_financing=_line_sum(FinancingLine.objects.filter(source__in=FinancingLine.Source.external())),
            own_in_kind=_line_sum(FinancingLine.objects.filter(source=FinancingLine.Source.OWN, in_kind=True)),
        )

    def with_application(self) -> ProjectQuerySet:
        """The whole application (call, objectives with indicators, lines): a snapshot, the diff page and
        the funding breakdown read it in a fixed number of queries."""
        return self.select_related("funding_call").prefetch_related(
            "objectives__indicators", "budget_lines", "financing_lines"
        )

    def for_editor(self) -> ProjectQuerySet:
        """What the application editor shows around its forms (the objectives come with their formset)."""
        return self.select_related("funding_call").prefetch_related("budget_lines", "financing_lines")

    def for_page(self) -> ProjectQuerySet:
        """Everything the project page shows, in a fixed number of queries: the application, and the
        agenda items that handled the project with the conditions and delegations their decisions set
        (reached through the reverse relations the decisions app declares, by name)."""
        return self.with_application().prefetch_related(
            "agenda_items__meeting__body",
            "agenda_items__presenter",
            "agenda_items__conditions__status_set_by",
            "agenda_items__delegations",
            "conditions__item__meeting__body",
            "conditions__item__presenter",
            "conditions__status_set_by",
            "delegations__item__meeting__body",
            "delegations__item__presenter",
        )


class Project(models.Model):
    State = ProjectState

    title = models.CharField(_("title"), max_length=300)
    owning_unit = models.CharField(_("owning unit"), max_length=200, blank=True)
    manager = models.CharField(_("project manager"), max_length=200, blank=True)
    #: The manager's own account, when they use the system: they follow the project's reports and claims.
    manager_account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("project manager's account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_projects",
    )
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
        indexes = [
            # The lists' order (NEWEST_FIRST), and the filters of the list and the portfolio.
            models.Index(fields=["-start_date", "title", "id"], name="project_newest_first"),
            models.Index(fields=["state", "-start_date", "title", "id"], name="project_state_newest_first"),
            models.Index(fields=["end_date"], name="project_end_date"),
            models.Index(fields=["owning_unit"], name="project_owning_unit"),
        ]
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

    def as_stored(self) -> Project:
        """The project as stored now, with nothing prefetched: a snapshot must not read stale lines."""
        return Project.objects.select_related("funding_call").get(pk=self.pk)

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
    # The states, the table of steps and the guards are in projects/lifecycle.py; a step is written by
    # projects.services.lifecycle (the state with update_fields and a StateChange saying who, when, why).

    def allowed_transitions(self) -> tuple[str, ...]:
        """The states this project may move to next according to the table, before any guard."""
        return TRANSITIONS.get(self.state, ())

    def transition_errors(self, to: str, *, reason: str = "") -> list[TransitionError]:
        """Everything that stops the move to `to` now, each naming its guard; empty when allowed.

        The budget is read through the row's related managers (a prefetched row answers from its
        prefetch); the step itself asks a freshly locked row. The guards are in projects/lifecycle.py.
        """
        return lifecycle.transition_errors(self, to, reason=reason)

    def transition_flag(self, to: str) -> str:
        """Why an allowed step deserves a second look, or "": sent to the funder before the board decided."""
        return lifecycle.transition_flag(self, to)


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
