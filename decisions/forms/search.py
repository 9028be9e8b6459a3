"""The staff search over agenda items: text, body, year, project, resolution, § and register number.

Choices are plain values checked in Python before any query (no ModelChoiceFilter: an enormous id
would reach the database and overflow SQLite's integers). The project is typed, not chosen from a
list of every project: a fragment of its title or funding decision reference (trigram-indexed on
PostgreSQL, AgendaItem.objects.of_project_matching).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from decisions.models import AgendaItem, Body, Meeting

MAX_SECTION = 2_147_483_647
ALL = _("All")


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class ItemSearchFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search words"),
        method="filter_text",
        max_length=200,
        help_text=_("Title, proposal, decision, description and register number."),
    )
    body = django_filters.ChoiceFilter(label=_("Body"), field_name="body_id", empty_label=ALL)
    year = django_filters.ChoiceFilter(label=_("Year"), empty_label=ALL)
    project = django_filters.CharFilter(
        label=_("Project"),
        method="filter_project",
        max_length=100,
        help_text=_("Part of the project's name or funding decision reference."),
    )
    resolution = django_filters.ChoiceFilter(
        label=_("Kind of decision"), choices=AgendaItem.Resolution.choices, empty_label=ALL
    )
    section = IntegerFilter(label=_("§"), min_value=1, max_value=MAX_SECTION)
    register_number = django_filters.CharFilter(label=_("Register number"), lookup_expr="icontains", max_length=100)

    class Meta:
        model = AgendaItem
        fields: list[str] = []  # all are declared above

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Two small queries for the choices, whatever the number of items (the years of the meetings,
        # an item's year being its meeting's: not a scan of every item).
        bodies = Body.objects.order_by("name").values_list("pk", "name")
        years = Meeting.objects.order_by("-year").values_list("year", flat=True).distinct()
        self.filters["body"].extra["choices"] = [(str(pk), name) for pk, name in bodies]
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in years]

    @property
    def words(self) -> str:
        """The search words of a valid search ("" without)."""
        if not self.is_bound or not self.is_valid():
            return ""
        return self.form.cleaned_data.get("q") or ""

    def filter_text(self, queryset: QuerySet[AgendaItem], name: str, value: str) -> QuerySet[AgendaItem]:
        return queryset.search(value)

    def filter_project(self, queryset: QuerySet[AgendaItem], name: str, value: str) -> QuerySet[AgendaItem]:
        return queryset.of_project_matching(value)
