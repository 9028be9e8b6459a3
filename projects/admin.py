"""Back office for projects, their objectives and indicators, state history and frozen versions.

The admin shows and edits records; the rules (budget arithmetic, lifecycle guards) live in the
models and in budgets.breakdown, never here.
"""

from __future__ import annotations

import json

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from budgets.admin import BudgetLineInline, FinancingLineInline
from budgets.breakdown import FundingBreakdown
from budgets.services.flat_rates import recompute_flat_rates
from hankehallinta.money import format_eur, format_percent
from projects.models import ApplicationVersion, FundingCall, Indicator, Objective, Project, StateChange


@admin.register(FundingCall)
class FundingCallAdmin(admin.ModelAdmin):
    list_display = ["name", "funder", "max_aid_rate_display", "deadline"]
    list_filter = ["funder"]
    search_fields = ["name", "funder"]
    date_hierarchy = "deadline"

    @admin.display(description=_("maximum aid rate"), ordering="max_aid_rate")
    def max_aid_rate_display(self, obj: FundingCall) -> str:
        return format_percent(obj.max_aid_rate)


class ObjectiveInline(admin.TabularInline):
    model = Objective
    fields = ["order", "text", "actions"]
    extra = 0
    show_change_link = True  # the indicators are edited on the objective's own page


class StateChangeInline(admin.TabularInline):
    """The lifecycle history, read only: transitions are made by the project's methods."""

    model = StateChange
    fields = ["changed_at", "from_state", "to_state", "changed_by", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ApplicationVersionInline(admin.TabularInline):
    model = ApplicationVersion
    fields = ["number", "label", "created_at", "created_by", "content_hash"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "owning_unit",
        "state",
        "start_date",
        "end_date",
        "funding_call",
        "total_cost_display",
        "applied_display",
        "aid_rate_display",
        "over_cap",
    ]
    list_filter = ["state", "owning_unit", "funding_call"]
    search_fields = ["title", "owning_unit", "manager", "summary", "partners"]
    list_select_related = ["funding_call"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["funding_call"]
    readonly_fields = ["version", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "owning_unit", "manager", "state", "start_date", "end_date", "summary"]}),
        (_("Funding"), {"fields": ["funding_call", "partners"]}),
        (
            _("The funder's decision"),
            {
                "fields": [
                    "granted_amount",
                    "granted_aid_rate",
                    "funding_decision_date",
                    "funding_decision_reference",
                ]
            },
        ),
        (_("Record"), {"fields": ["version", "created_at", "updated_at"]}),
    ]
    inlines = [ObjectiveInline, BudgetLineInline, FinancingLineInline, StateChangeInline, ApplicationVersionInline]

    def get_queryset(self, request):
        # Totals as annotations (sortable) and the lines prefetched for the breakdown: a fixed
        # number of queries however many projects the list shows.
        return super().get_queryset(request).with_list_data().prefetch_related("budget_lines", "financing_lines")

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        recompute_flat_rates(form.instance)  # the budget lines' inline: flat rates follow their base

    @admin.display(description=_("total cost"), ordering="total_cost")
    def total_cost_display(self, obj: Project) -> str:
        return format_eur(obj.total_cost)

    @admin.display(description=_("funding applied for"), ordering="applied_funding")
    def applied_display(self, obj: Project) -> str:
        return format_eur(obj.applied_funding)

    @admin.display(description=_("aid rate"))
    def aid_rate_display(self, obj: Project) -> str:
        return format_percent(FundingBreakdown.for_project(obj).aid_rate)

    @admin.display(description=_("above the maximum aid rate"), boolean=True)
    def over_cap(self, obj: Project) -> bool:
        return FundingBreakdown.for_project(obj).exceeds_cap


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fields = ["name", "baseline", "target", "unit"]
    extra = 0


@admin.register(Objective)
class ObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "project", "order"]
    list_filter = ["project__state"]
    search_fields = ["text", "actions", "project__title"]
    list_select_related = ["project"]
    autocomplete_fields = ["project"]
    ordering = ["project__title", "order"]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "objective", "project", "baseline", "target", "unit"]
    search_fields = ["name", "objective__text", "objective__project__title"]
    list_select_related = ["objective__project"]
    autocomplete_fields = ["objective"]

    @admin.display(description=_("project"), ordering="objective__project__title")
    def project(self, obj: Indicator):
        return obj.objective.project


@admin.register(StateChange)
class StateChangeAdmin(admin.ModelAdmin):
    list_display = ["project", "from_state", "to_state", "changed_at", "changed_by"]
    list_filter = ["to_state", "from_state"]
    search_fields = ["project__title", "reason", "changed_by__username"]
    list_select_related = ["project", "changed_by"]
    autocomplete_fields = ["project", "changed_by"]
    date_hierarchy = "changed_at"
    readonly_fields = ["changed_at"]


@admin.register(ApplicationVersion)
class ApplicationVersionAdmin(admin.ModelAdmin):
    """Frozen snapshots: made by freeze_version(), never typed in; only the label can change."""

    list_display = ["project", "number", "label", "created_at", "created_by"]
    search_fields = ["project__title", "label", "content_hash"]
    list_select_related = ["project", "created_by"]
    date_hierarchy = "created_at"
    fields = ["project", "number", "label", "created_at", "created_by", "content_hash", "snapshot_display"]
    readonly_fields = ["project", "number", "created_at", "created_by", "content_hash", "snapshot_display"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("snapshot"))
    def snapshot_display(self, obj: ApplicationVersion) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.snapshot, indent=2, ensure_ascii=False, sort_keys=True))
