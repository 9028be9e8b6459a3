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

from decisions.archive import STAFF_SEARCH_FIELDS, text_search
from decisions.models import AgendaItem, Body
from projects.models import Project

MAX_SECTION = 2_147_483_647


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class ItemSearchFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Hakusanat"),
        method="filter_text",
        max_length=200,
        help_text=_("Otsikko, päätösehdotus, päätös ja selostus."),
    )
    body = django_filters.ChoiceFilter(label=_("Toimielin"), field_name="body_id", empty_label=_("Kaikki"))
    year = django_filters.ChoiceFilter(label=_("Vuosi"), empty_label=_("Kaikki"))
    project = django_filters.ChoiceFilter(label=_("Hanke"), field_name="project_id", empty_label=_("Kaikki"))
    resolution = django_filters.ChoiceFilter(
        label=_("Päätöksen laji"), choices=AgendaItem.Resolution.choices, empty_label=_("Kaikki")
    )
    section = IntegerFilter(label=_("§"), min_value=1, max_value=MAX_SECTION)
    register_number = django_filters.CharFilter(label=_("Diaarinumero"), lookup_expr="icontains", max_length=100)

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
        return text_search(queryset, value, STAFF_SEARCH_FIELDS)
