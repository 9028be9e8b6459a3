"""Back office for budget and financing lines; their inlines on the project live here too."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from budgets.flat_rate import BASE_CHOICES, describe
from budgets.models import BudgetLine, FinancingLine
from budgets.services.flat_rates import recompute_flat_rates
from hankehallinta.money import format_eur

if TYPE_CHECKING:
    from django.db import models
    from django.http import HttpRequest


class FlatRateBaseAdminMixin:
    """A flat rate's base categories as tick boxes (the JSON list they are stored as is no input)."""

    def formfield_for_dbfield(self, db_field: models.Field, request: HttpRequest, **kwargs: Any) -> forms.Field | None:
        if db_field.name == "flat_rate_base":
            return forms.MultipleChoiceField(
                label=str(db_field.verbose_name).capitalize(),
                choices=BASE_CHOICES,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class BudgetLineInline(FlatRateBaseAdminMixin, admin.TabularInline):
    """On the project's page; ProjectAdmin recomputes the flat rates after saving the lines."""

    model = BudgetLine
    fields = ["year", "category", "amount", "flat_rate", "flat_rate_base", "justification"]
    extra = 0
    ordering = ["year", "category"]


class FinancingLineInline(admin.TabularInline):
    model = FinancingLine
    fields = ["year", "source", "funder_name", "amount", "in_kind"]
    extra = 0
    ordering = ["year", "source"]


@admin.register(BudgetLine)
class BudgetLineAdmin(FlatRateBaseAdminMixin, SimpleHistoryAdmin):
    """A flat-rate line's amount is computed: whatever is typed, the project's flat rates are
    recomputed after every save and removal here (budgets.services.flat_rates)."""

    list_display = ["project", "year", "category", "amount_display", "flat_rate_display", "justification"]
    list_filter = ["category", "year"]
    search_fields = ["project__title", "justification"]
    list_select_related = ["project"]
    autocomplete_fields = ["project"]
    ordering = ["project__title", "year", "category"]

    @admin.display(description=_("amount"), ordering="amount")
    def amount_display(self, obj: BudgetLine) -> str:
        return format_eur(obj.amount)

    @admin.display(description=_("flat rate"))
    def flat_rate_display(self, obj: BudgetLine) -> str:
        return describe(obj.flat_rate, obj.base_categories) if obj.is_flat_rate else ""

    def save_model(self, request: HttpRequest, obj: BudgetLine, form: forms.Form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        recompute_flat_rates(obj.project)

    def delete_model(self, request: HttpRequest, obj: BudgetLine) -> None:
        project = obj.project
        super().delete_model(request, obj)
        recompute_flat_rates(project)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        projects = {line.project for line in queryset.select_related("project")}
        super().delete_queryset(request, queryset)
        for project in projects:
            recompute_flat_rates(project)


@admin.register(FinancingLine)
class FinancingLineAdmin(SimpleHistoryAdmin):
    list_display = ["project", "year", "source", "funder_name", "amount_display", "in_kind"]
    list_filter = ["source", "year", "in_kind"]
    search_fields = ["project__title", "funder_name"]
    list_select_related = ["project"]
    autocomplete_fields = ["project"]
    ordering = ["project__title", "year", "source"]

    @admin.display(description=_("amount"), ordering="amount")
    def amount_display(self, obj: FinancingLine) -> str:
        return format_eur(obj.amount)
