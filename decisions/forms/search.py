"""The staff search over agenda items: text, body, year, project, resolution, § and register number.

Choices are plain values checked in Python before any query (no ModelChoiceFilter: an enormous id
would reach the database and overflow SQLite's integers).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from decisions.models import AgendaItem, Body
from decisions.models.items import STAFF_SEARCH_FIELDS
from projects.models import Project

MAX_SECTION = 2_147_483_647
ALL = _("All")


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class ItemSearchFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search words"),
        method="filter_text",
        max_length=200,
        help_text=_("Title, proposal, decision and description."),
    )
    body = django_filters.ChoiceFilter(label=_("Body"), field_name="body_id", empty_label=ALL)
    year = django_filters.ChoiceFilter(label=_("Year"), empty_label=ALL)
    project = django_filters.ChoiceFilter(label=_("Project"), field_name="project_id", empty_label=ALL)
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
        # Three small queries for the choices, whatever the number of items.
        bodies = Body.objects.order_by("name").values_list("pk", "name")
        projects = Project.objects.filter(agenda_items__isnull=False).distinct().order_by("title")
        years = AgendaItem.objects.order_by("-year").values_list("year", flat=True).distinct()
        self.filters["body"].extra["choices"] = [(str(pk), name) for pk, name in bodies]
        self.filters["project"].extra["choices"] = [
            (str(pk), title) for pk, title in projects.values_list("pk", "title")
        ]
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in years]

    def filter_text(self, queryset: QuerySet[AgendaItem], name: str, value: str) -> QuerySet[AgendaItem]:
        return queryset.search_text(value, STAFF_SEARCH_FIELDS)
