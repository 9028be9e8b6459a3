"""The conditions the decisions about a project set, on the project's own address
(/projects/<pk>/conditions/): a person sets each one's status with the evidence."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from decisions.forms.conditions import ConditionStatusForm, status_rows
from decisions.models import DecisionCondition
from decisions.services.conditions import set_condition_status
from hankehallinta import access_log
from hankehallinta.editing import conflict_rows
from hankehallinta.entry import view_entry
from hankehallinta.permissions import has_permission
from hankehallinta.versioning import StaleVersionError
from projects.models import Project

SET_STATUS = "decisions.set_condition_status"


def _visible_conditions(request: HttpRequest, project: Project) -> list[DecisionCondition]:
    """The project's conditions whose item the user may see: those of the items about the project
    first, then those other items set on it."""
    conditions = DecisionCondition.objects.about_project(project.pk).select_related(
        "item__meeting__body", "status_set_by"
    )
    visible = [c for c in conditions if has_permission(request.user, "decisions.view_item", c.item)]
    return sorted(visible, key=lambda condition: condition.item.project_id != project.pk)


@view_entry(
    "projects.view_project",
    Project,
    methods=("GET", "POST"),
    queryset=lambda: Project.objects.select_related("funding_call"),
)
def project_conditions(request: HttpRequest, project: Project) -> HttpResponse:
    """The conditions and their status forms. POST names the condition (`condition`) and sends its
    prefixed status, evidence and version; setting it takes decisions.set_condition_status on that
    condition. A save after someone else's answers 409: the page with the condition's current status
    in its form and the user's values below, and nothing changed."""
    conditions = _visible_conditions(request, project)
    bound = None
    conflict = None
    if request.method == "POST":
        chosen = request.POST.get("condition", "")
        condition = next((c for c in conditions if str(c.pk) == chosen), None)
        if condition is None:
            raise Http404(_("There is no such condition."))
        if not has_permission(request.user, SET_STATUS, condition):
            return access_log.refuse(request, condition, authority=SET_STATUS)
        request.audit_authority = SET_STATUS
        prefix = f"condition-{condition.pk}"
        bound = ConditionStatusForm(request.POST, instance=copy.copy(condition), prefix=prefix)
        if bound.is_valid():
            data = bound.cleaned_data
            try:
                set_condition_status(
                    condition,
                    status=data["status"],
                    evidence=data["evidence"],
                    version=data["version"],
                    by=request.user,
                )
            except StaleVersionError:
                conditions = _visible_conditions(request, project)
                fresh = next(c for c in conditions if c.pk == condition.pk)
                current = ConditionStatusForm(instance=fresh, prefix=prefix)
                conflict = {"message": bound.stale_message, "rows": conflict_rows(bound, current)}
                bound = current
            else:
                messages.success(request, _("The condition's status was saved."))
                return redirect(project)
    rows = status_rows(request.user, conditions, bound)
    # "form": the one being set (after a refused POST), else the first the user may set.
    form = bound or next((form for _condition, form in rows if form is not None), None)
    context = {"project": project, "condition_forms": rows, "form": form, "conflict": conflict}
    return render(request, "projects/project_conditions.html", context, status=409 if conflict else 200)
