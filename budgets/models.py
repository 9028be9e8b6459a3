"""Budget lines (cost category x year) and financing lines (source x year) of a project.

The budget layer sits below the projects: it names the project model by its label only."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Self

from django.core.validators import MinValueValidator
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
        """The lines of these projects (instances or a queryset of them)."""
        return self.filter(project__in=projects)

    def in_year(self, year: int) -> Self:
        return self.filter(year=year)

    def total(self) -> Decimal:
        return self.aggregate(total=Sum("amount", default=ZERO))["total"]

    def by_year(self) -> dict[int, Decimal]:
        """Amounts summed per year, in one grouped query."""
        rows = self.values("year").annotate(total=Sum("amount")).order_by("year")
        return {row["year"]: row["total"] for row in rows}


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
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.year}"


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
