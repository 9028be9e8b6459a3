"""Budget lines (cost category x year) and financing lines (source x year) of a project.

The budget layer sits below the projects: it names the project model by its label only."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Self

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from collections.abc import Iterable

    from projects.models import Project

ZERO = Decimal("0.00")


def money_field(verbose_name: str) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, validators=[MinValueValidator(ZERO)])


class LineQuerySet(models.QuerySet):
    def for_projects(self, projects: Iterable[Project] | models.QuerySet) -> Self:
        """The lines of these projects (instances, or a queryset of them: sent to the database as a
        subquery, so a filtered list of thousands of projects never travels as a list of ids)."""
        return self.filter(project__in=projects)

    def in_year(self, year: int) -> Self:
        return self.filter(year=year)

    def total(self) -> Decimal:
        return self.aggregate(total=Sum("amount", default=ZERO))["total"]

    def by_year(self) -> dict[int, Decimal]:
        """Amounts summed per year, in one grouped query."""
        rows = self.values("year").annotate(total=Sum("amount")).order_by("year")
        return {row["year"]: row["total"] for row in rows}

    def cost_by_year(self, budgeted: models.QuerySet) -> dict[int, dict[str, Decimal | None]]:
        """Per year, in one grouped query: the amounts of all the lines (`cost`), and of the lines of
        the `budgeted` projects only (`budgeted_cost`, None when they have none that year; `budgeted`
        is a queryset of their keys, sent as a subquery)."""
        rows = (
            self.values("year")
            .annotate(cost=Sum("amount", default=ZERO), budgeted_cost=Sum("amount", filter=Q(project__in=budgeted)))
            .order_by("year")
        )
        return {row.pop("year"): row for row in rows}


class FinancingLineQuerySet(LineQuerySet):
    def income_by_year(self) -> dict[int, dict[str, Decimal]]:
        """Per year, in one grouped query: all financing, the grant income (external sources) and
        the own contribution given in kind as staff time."""
        rows = (
            self.values("year")
            .annotate(
                financing=Sum("amount", default=ZERO),
                grant_income=Sum("amount", default=ZERO, filter=Q(source__in=FinancingLine.Source.external())),
                own_in_kind=Sum("amount", default=ZERO, filter=Q(source=FinancingLine.Source.OWN, in_kind=True)),
            )
            .order_by("year")
        )
        return {row.pop("year"): row for row in rows}

    def portfolio_by_year(self, budgeted: models.QuerySet) -> dict[int, dict[str, Decimal | None]]:
        """Per year, in one grouped query: over all the lines, the funding applied for, all external
        financing and the own contribution in kind (the portfolio's totals row); over the lines of the
        `budgeted` projects only (a queryset of their keys, sent as a subquery), all financing (None
        when they have none that year), the grant income and the own contribution in kind."""
        in_budget = Q(project__in=budgeted)
        external = Q(source__in=FinancingLine.Source.external())
        in_kind = Q(source=FinancingLine.Source.OWN, in_kind=True)
        rows = (
            self.values("year")
            .annotate(
                applied=Sum("amount", default=ZERO, filter=Q(source=FinancingLine.Source.APPLIED)),
                external=Sum("amount", default=ZERO, filter=external),
                own_in_kind=Sum("amount", default=ZERO, filter=in_kind),
                budgeted_financing=Sum("amount", filter=in_budget),
                budgeted_grant_income=Sum("amount", default=ZERO, filter=in_budget & external),
                budgeted_own_in_kind=Sum("amount", default=ZERO, filter=in_budget & in_kind),
            )
            .order_by("year")
        )
        return {row.pop("year"): row for row in rows}


class BudgetLine(models.Model):
    class Category(models.TextChoices):
        STAFF = "staff", _("Staff costs")
        SERVICES = "services", _("Purchased services")
        TRAVEL = "travel", _("Travel costs")
        EQUIPMENT = "equipment", _("Machinery and equipment")
        RENTS = "rents", _("Rents")
        FLAT_RATE = "flat_rate", _("Flat-rate costs")
        OTHER = "other", _("Other costs")

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.CharField(_("cost category"), max_length=20, choices=Category)
    year = models.PositiveSmallIntegerField(_("year"))
    amount = money_field(_("amount"))
    justification = models.TextField(_("justification"), blank=True)
    #: A flat-rate line (category FLAT_RATE) is this rate of the year's lines in the base categories,
    #: as a fraction like the call's aid rate (0,4000 is 40 %); its amount is computed
    #: (budgets.flat_rate) and kept in step (budgets.services.flat_rates).
    flat_rate = models.DecimalField(
        _("flat rate"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.0001")), MaxValueValidator(Decimal("1"))],
        help_text=_("As a fraction: 0,4000 is 40 %."),
    )
    flat_rate_base = models.JSONField(_("base of the flat rate"), default=list, blank=True)

    objects = LineQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["project", "year", "category"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budgetline_amount_not_negative"),
            models.UniqueConstraint(
                fields=["project", "category", "year"], name="unique_budget_line_per_category_and_year"
            ),
            models.CheckConstraint(
                condition=Q(flat_rate__isnull=True) | Q(category="flat_rate", flat_rate__gt=0, flat_rate__lte=1),
                name="budgetline_flat_rate_of_flat_rate_line",
                violation_error_message=_(
                    "Only a flat-rate line can have a flat rate, and the rate must be more than zero and at most "
                    "one hundred percent."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.year}"

    @property
    def is_flat_rate(self) -> bool:
        """A computed line: a percentage of base categories (a flat-rate line typed by hand before
        flat rates were computed has no percentage and keeps its amount)."""
        return self.category == self.Category.FLAT_RATE and self.flat_rate is not None

    @property
    def base_categories(self) -> list[str]:
        """The base's category keys in the categories' order; unknown keys and the flat rate left out."""
        chosen = set(self.flat_rate_base or [])
        return [key for key in self.Category.values if key in chosen and key != self.Category.FLAT_RATE]


class FinancingLine(models.Model):
    class Source(models.TextChoices):
        APPLIED = "applied", _("Funding applied for")
        MUNICIPAL = "municipal", _("Municipal funding")
        OTHER_PUBLIC = "other_public", _("Other public funding")
        PRIVATE = "private", _("Private funding")
        OWN = "own", _("Own contribution")

        @classmethod
        def external(cls) -> list[str]:
            return [cls.APPLIED, cls.MUNICIPAL, cls.OTHER_PUBLIC, cls.PRIVATE]

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="financing_lines"
    )
    source = models.CharField(_("source"), max_length=20, choices=Source)
    funder_name = models.CharField(_("funder"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    amount = money_field(_("amount"))
    in_kind = models.BooleanField(
        _("in kind (staff time)"), default=False, help_text=_("Own contribution given as staff time, not money.")
    )

    objects = FinancingLineQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financing line")
        verbose_name_plural = _("financing lines")
        ordering = ["project", "year", "source"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="financingline_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.year}"
