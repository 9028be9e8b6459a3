"""The portfolio's filters: state, owning unit, funder and budget year. The page and both exports use
the same FilterSet, so an export holds exactly the rows the page shows."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Max, Min
from django.utils.translation import gettext_lazy as _

from projects.models import FundingCall, Project, ProjectQuerySet


class PortfolioFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=Project.State.choices, empty_label=_("All"))
    owning_unit = django_filters.ChoiceFilter(label=_("Owning unit"), empty_label=_("All"))
    funder = django_filters.ChoiceFilter(label=_("Funder"), field_name="funding_call__funder", empty_label=_("All"))
    year = django_filters.ChoiceFilter(
        label=_("Budget year"),
        method="filter_year",
        empty_label=_("All"),
        help_text=_("Projects running in the year; the table per year shows only that year."),
    )

    class Meta:
        model = Project
        fields: list[str] = []  # all four are declared above

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The choices are what the register holds: three small queries, whatever the number of projects,
        # each answered from an index (project_owning_unit, project_newest_first, project_end_date).
        units = Project.objects.exclude(owning_unit="").order_by("owning_unit").values_list("owning_unit", flat=True)
        funders = FundingCall.objects.exclude(funder="").order_by("funder").values_list("funder", flat=True)
        span = Project.objects.aggregate(first=Min("start_date"), last=Max("end_date"))
        years = range(span["first"].year, span["last"].year + 1) if span["first"] else range(0)
        self.filters["owning_unit"].extra["choices"] = [(unit, unit) for unit in units.distinct()]
        self.filters["funder"].extra["choices"] = [(funder, funder) for funder in funders.distinct()]
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in years]

    def filter_year(self, queryset: ProjectQuerySet, name: str, value: str) -> ProjectQuerySet:
        return queryset.for_year(int(value))

    @property
    def budget_year(self) -> int | None:
        """The chosen budget year, once the form is valid."""
        year = self.form.cleaned_data.get("year") if self.is_valid() else None
        return int(year) if year else None

    @property
    def used(self) -> dict[str, str]:
        """The filters in use, as text, for the audit log of an export."""
        if not self.is_valid():
            return {}
        return {name: str(value) for name, value in self.form.cleaned_data.items() if value not in (None, "")}
