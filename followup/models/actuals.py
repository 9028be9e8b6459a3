"""Actual costs: rows of the county's ledger imported per project, and costs entered by hand.

A ledger file is imported in one transaction (followup.services.imports): its rows become
ActualCost rows pointing at their LedgerImport, each with a ``row_key`` (the SHA-256 of the row's
own values) so that a row imported twice is recognised. Re-importing a period replaces that
period's ledger rows of the project. Manual costs (in-kind work as hours × rate) are ActualCost
rows without an import. The account of a ledger row becomes a cost category (the budget's
categories, budgets.models.BudgetLine.Category) through the project's AccountMapping rows, or the
call's when the project has none for that account.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from budgets.models import BudgetLine

ZERO = Decimal("0.00")


class LedgerImport(models.Model):
    """One confirmed import of a ledger file for one project and period."""

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.PROTECT, related_name="ledger_imports"
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    row_count = models.PositiveIntegerField(_("rows imported"), default=0)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("ledger import")
        verbose_name_plural = _("ledger imports")
        ordering = ["-imported_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="ledger_period_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y})"


class ActualCostQuerySet(models.QuerySet["ActualCost"]):
    def for_project(self, project) -> ActualCostQuerySet:
        return self.filter(project=project)

    def in_period(self, start, end) -> ActualCostQuerySet:
        return self.filter(date__gte=start, date__lte=end)

    def for_year(self, year: int) -> ActualCostQuerySet:
        return self.filter(date__year=year)

    def from_ledger(self) -> ActualCostQuerySet:
        return self.filter(ledger_import__isnull=False)

    def manual(self) -> ActualCostQuerySet:
        return self.filter(ledger_import__isnull=True)

    def total(self) -> Decimal:
        return self.aggregate(total=Sum("amount", default=ZERO))["total"]

    def by_category(self) -> dict[str, Decimal]:
        """{category: sum of amounts}; unmapped rows (category "") under ""."""
        rows = self.order_by().values("category").annotate(total=Sum("amount"))
        return {row["category"]: row["total"] for row in rows}

    def unmapped(self) -> ActualCostQuerySet:
        return self.filter(category="")

    def row_keys(self) -> set[str]:
        """The ledger rows' keys (followup.ledger.row_key), to recognise a row imported before."""
        return set(self.exclude(row_key="").values_list("row_key", flat=True))

    def accounts(self) -> list[str]:
        """The distinct accounts of the rows, in order."""
        return list(self.exclude(account="").order_by("account").values_list("account", flat=True).distinct())


class ActualCost(models.Model):
    """One actual cost of a project: a ledger row, or a cost entered by hand (hours × rate)."""

    Category = BudgetLine.Category

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.PROTECT, related_name="actual_costs"
    )
    ledger_import = models.ForeignKey(
        LedgerImport,
        verbose_name=_("ledger import"),
        on_delete=models.CASCADE,
        related_name="costs",
        null=True,
        blank=True,
    )
    date = models.DateField(_("date"))
    account = models.CharField(_("account"), max_length=20, blank=True)
    cost_centre = models.CharField(_("cost centre"), max_length=40, blank=True)
    project_code = models.CharField(_("project code"), max_length=40, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)
    #: As entered or as in the ledger (a credit is negative).
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    #: The budget category the account maps to; "" while the account is not mapped.
    category = models.CharField(_("cost category"), max_length=20, choices=Category, blank=True)
    #: Manual in-kind work: hours × hourly rate = amount.
    hours = models.DecimalField(_("hours"), max_digits=8, decimal_places=2, null=True, blank=True)
    hourly_rate = models.DecimalField(_("hourly rate"), max_digits=10, decimal_places=2, null=True, blank=True)
    in_kind = models.BooleanField(_("in kind"), default=False)
    #: SHA-256 of the ledger row's own values (date, account, cost centre, project code, description,
    #: amount, and its occurrence number among equal rows of its file): the same row imported twice.
    row_key = models.CharField(_("row key"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ActualCostQuerySet.as_manager()

    class Meta:
        verbose_name = _("actual cost")
        verbose_name_plural = _("actual costs")
        ordering = ["project", "date", "pk"]
        indexes = [models.Index(fields=["project", "date"], name="actualcost_project_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "row_key"], condition=~Q(row_key=""), name="actualcost_ledger_row_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.description or self.account} {self.amount} €"

    @property
    def is_manual(self) -> bool:
        return self.ledger_import_id is None


class AccountMappingQuerySet(models.QuerySet["AccountMapping"]):
    def for_project(self, project) -> AccountMappingQuerySet:
        """The project's own mappings (not its call's)."""
        return self.filter(project=project)

    def for_call(self, funding_call) -> AccountMappingQuerySet:
        return self.filter(funding_call=funding_call)

    def categories_for(self, project) -> dict[str, str]:
        """{account: category} for the project: its call's mappings, overridden by its own."""
        rows = self.filter(Q(project=project) | Q(funding_call_id=project.funding_call_id, project__isnull=True))
        if project.funding_call_id is None:
            rows = rows.filter(project=project)
        # The call's rows first, so that the project's own overwrite them.
        ordered = rows.order_by(models.F("project").asc(nulls_first=True), "account")
        return dict(ordered.values_list("account", "category"))


class AccountMapping(models.Model):
    """Ledger account → cost category, kept by the director per project, or per call for all its
    projects (a project's own mapping wins)."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="account_mappings",
        null=True,
        blank=True,
    )
    funding_call = models.ForeignKey(
        "projects.FundingCall",
        verbose_name=_("funding call"),
        on_delete=models.CASCADE,
        related_name="account_mappings",
        null=True,
        blank=True,
    )
    account = models.CharField(_("account"), max_length=20)
    category = models.CharField(_("cost category"), max_length=20, choices=BudgetLine.Category)

    objects = AccountMappingQuerySet.as_manager()

    class Meta:
        verbose_name = _("account mapping")
        verbose_name_plural = _("account mappings")
        ordering = ["account", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(project__isnull=False, funding_call__isnull=True)
                | Q(project__isnull=True, funding_call__isnull=False),
                name="accountmapping_project_or_call",
            ),
            models.UniqueConstraint(
                fields=["project", "account"],
                condition=Q(project__isnull=False),
                name="accountmapping_once_per_project",
            ),
            models.UniqueConstraint(
                fields=["funding_call", "account"],
                condition=Q(funding_call__isnull=False),
                name="accountmapping_once_per_call",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account} → {self.get_category_display()}"
