"""A project's actual costs: the costs page (imports, manual costs, the rows page by page, and the
form for a manual cost), deleting a manual cost, and the account mapping of a project or a call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from budgets.models import BudgetLine
from followup.forms.costs import AccountMappingFormSet, ManualCostForm
from followup.models import AccountMapping, ActualCost
from followup.services import costs as cost_services
from hankehallinta.entry import view_entry
from hankehallinta.pagination import paginate, query_without_page
from hankehallinta.permissions import has_permission
from hankehallinta.services import ActionRefused
from projects.models import FundingCall, Project

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

ROWS_PER_PAGE = 50
MAPPING_PREFIX = "mapping"


@view_entry({"GET": "followup.view_costs", "POST": "followup.edit_costs"}, Project, methods=("GET", "POST"), lock=True)
def project_costs(request: HttpRequest, project: Project) -> HttpResponse:
    """The project's actual costs; a POST adds a manual cost."""
    form = ManualCostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cost_services.add_manual_cost(project, user=request.user, **form.cleaned_data)
        except ActionRefused as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The manual cost was saved."))
            return redirect("followup:project_costs", pk=project.pk)
    costs = ActualCost.objects.for_project(project)
    labels = dict(BudgetLine.Category.choices)
    context = {
        "project": project,
        "form": form,
        "imports": project.ledger_imports.select_related("imported_by"),
        "manual_costs": costs.manual().order_by("-date", "-pk"),
        "page": paginate(request, costs.from_ledger().order_by("-date", "-pk"), per_page=ROWS_PER_PAGE),
        "params": query_without_page(request),
        "totals": [(labels.get(category, ""), amount) for category, amount in sorted(costs.by_category().items())],
        "total": costs.total(),
        "unmapped": costs.from_ledger().unmapped().accounts(),
        "may_edit": has_permission(request.user, "followup.edit_costs", project),
    }
    return render(request, "followup/project_costs.html", context)


@view_entry("followup.edit_costs", Project, methods=("POST",), lock=True)
def manual_cost_delete(request: HttpRequest, project: Project) -> HttpResponse:
    """Delete one of the project's manual costs (POST "cost": its id); a ledger row goes only by
    importing its period again."""
    cost_id = request.POST.get("cost", "")
    cost = ActualCost.objects.for_project(project).manual().filter(pk=cost_id).first() if cost_id.isdigit() else None
    if cost is None:
        messages.error(request, _("The manual cost was not found: it may have been deleted already."))
        return redirect("followup:project_costs", pk=project.pk)
    try:
        cost_services.delete_manual_cost(cost, user=request.user)
    except ActionRefused as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The manual cost was deleted."))
    return redirect("followup:project_costs", pk=project.pk)


@view_entry(
    {"GET": "followup.view_costs", "POST": "followup.map_accounts"}, Project, methods=("GET", "POST"), lock=True
)
def project_accounts(request: HttpRequest, project: Project) -> HttpResponse:
    """The project's own account mapping (it wins over the call's), pre-filled with the accounts of
    its rows and of the previewed file (?account=...)."""
    mappings = AccountMapping.objects.for_project(project)
    seen = [*ActualCost.objects.for_project(project).from_ledger().accounts(), *request.GET.getlist("account")]
    inherited = AccountMapping.objects.for_call(project.funding_call) if project.funding_call_id else None
    return _mapping_page(request, project, mappings, seen, inherited, may_edit="followup.map_accounts")


@view_entry(
    {"GET": "followup.view_costs", "POST": "followup.map_accounts"}, FundingCall, methods=("GET", "POST"), lock=True
)
def call_accounts(request: HttpRequest, call: FundingCall) -> HttpResponse:
    """The call's account mapping, for every project of the call without its own for an account."""
    return _mapping_page(
        request, call, AccountMapping.objects.for_call(call), [], None, may_edit="followup.map_accounts"
    )


def _mapping_page(request, owner, mappings, seen: list[str], inherited, *, may_edit: str) -> HttpResponse:
    rows = {mapping.account: mapping.category for mapping in mappings}
    for account in seen:
        rows.setdefault(" ".join(account.split())[:20], "")
    initial = [{"account": account, "category": category} for account, category in sorted(rows.items()) if account]
    formset = AccountMappingFormSet(request.POST or None, initial=initial, prefix=MAPPING_PREFIX)
    if request.method == "POST" and formset.is_valid():
        updated = cost_services.save_mappings(owner, formset.mapping(), user=request.user)
        messages.success(request, _("The account mapping was saved; %(rows)s rows re-categorised.") % {"rows": updated})
        return redirect(request.path)
    is_project = isinstance(owner, Project)
    context = {
        "owner": owner,
        "project": owner if is_project else None,
        "call": owner if not is_project else None,
        "formset": formset,
        "inherited": {m.account: m.get_category_display() for m in inherited} if inherited is not None else {},
        "may_edit": has_permission(request.user, may_edit, owner),
    }
    return render(request, "followup/account_mapping.html", context)
