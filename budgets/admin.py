"""Back office for budget and financing lines; their inlines on the project live here too."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from budgets.models import BudgetLine, FinancingLine
from hankehallinta.money import format_eur


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    fields = ["year", "category", "amount", "justification"]
    extra = 0
    ordering = ["year", "category"]


class FinancingLineInline(admin.TabularInline):
    model = FinancingLine
    fields = ["year", "source", "funder_name", "amount", "in_kind"]
    extra = 0
    ordering = ["year", "source"]


@admin.register(BudgetLine)
class BudgetLineAdmin(SimpleHistoryAdmin):
    list_display = ["project", "year", "category", "amount_display", "justification"]
    list_filter = ["category", "year"]
    search_fields = ["project__title", "justification"]
    list_select_related = ["project"]
    autocomplete_fields = ["project"]
    ordering = ["project__title", "year", "category"]

    @admin.display(description=_("amount"), ordering="amount")
    def amount_display(self, obj: BudgetLine) -> str:
        return format_eur(obj.amount)


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
