"""The project's lifecycle pages: a step, the funder's decision, a named version, the difference page and
the status of a decision's conditions. The project page shows these through lifecycle_context()."""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from decisions.models import DecisionCondition
from hankehallinta import access_log
from hankehallinta.permissions import (
    can_move_project,
    can_set_condition_status,
    can_view_item,
    can_view_project,
)
from projects.diff import beyond_delegation, diff
from projects.lifecycle import FUNDING_DECISION_OPEN, TransitionError
from projects.lifecycle_forms import ConditionStatusForm, FundingDecisionForm, NamedVersionForm, TransitionForm
from projects.models import Project
from projects.services import approved_item, save_named_version, transition_project
from projects.versions import snapshot

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

# The button of each step, in the words of the state it leads to.
STEP_LABELS = {
    Project.State.PREPARATION: gettext_lazy("Siirrä valmisteluun"),
    Project.State.BOARD_REVIEW: gettext_lazy("Siirrä toimielimen käsittelyyn"),
    Project.State.SUBMITTED: gettext_lazy("Merkitse lähetetyksi rahoittajalle"),
    Project.State.FUNDING_DECIDED: gettext_lazy("Merkitse rahoituspäätös saaduksi"),
    Project.State.IN_PROGRESS: gettext_lazy("Merkitse käynnissä olevaksi"),
    Project.State.CLOSING: gettext_lazy("Siirrä päättymään"),
    Project.State.CLOSED: gettext_lazy("Merkitse päättyneeksi"),
    Project.State.REJECTED: gettext_lazy("Merkitse hylätyksi"),
    Project.State.RETURNED: gettext_lazy("Palauta valmisteluun"),
}


def step_label(to: str) -> str:
    return str(STEP_LABELS[to])


def lifecycle_context(
    user: AbstractBaseUser | AnonymousUser, project: Project, conditions: list[DecisionCondition] = ()
) -> dict[str, Any]:
    """What the project page shows of the lifecycle, in a fixed number of queries: the steps allowed
    now, the timeline, the versions, the changes since the approved version and a status form for
    each of `conditions` the user may set."""
    return {
        **approved_context(user, project),
        "can_move": can_move_project(user, project),
        "steps": [(to, step_label(to)) for to in project.allowed_transitions()],
        "timeline": list(project.state_changes.select_related("changed_by").order_by("-changed_at", "-pk")),
        "versions": list(project.versions.select_related("created_by").order_by("-number")),
        "funding_decision_open": project.state in FUNDING_DECISION_OPEN,
        "version_form": NamedVersionForm(),
        "condition_rows": _condition_forms(user, list(conditions)),
    }


def approved_context(user: AbstractBaseUser | AnonymousUser, project: Project) -> dict[str, Any]:
    """The version the board approved and what changed since, for the project page and the funding
    breakdown (the project's lines and objectives prefetched: two queries whatever the data)."""
    approved = approved_item(project)
    version = approved.application_version if approved else None
    current = snapshot(project) if version else None
    return {
        "approved_item": approved if approved and can_view_item(user, approved) else None,
        "approved_version": version,
        "approved_diff": diff(version.snapshot, current) if version else None,
        "beyond_delegation": beyond_delegation(version.snapshot, current) if version else [],
    }


def _project(request: HttpRequest, pk: int) -> Project:
    return get_object_or_404(Project.objects.select_related("funding_call"), pk=pk)


def _director_page(view: Callable[[HttpRequest, Project], HttpResponse]) -> Callable[..., HttpResponse]:
    """A lifecycle page of the development director: the project by `pk`, refused (and logged) unless the
    user may move it; what the page writes is attributed to that authority."""

    @login_required
    @require_http_methods(["GET", "HEAD", "POST"])
    @wraps(view)
    def page(request: HttpRequest, pk: int) -> HttpResponse:
        project = _project(request, pk)
        if not can_move_project(request.user, project):
            return access_log.refuse(request, project, authority="can_move_project")
        request.audit_authority = "can_move_project"
        return view(request, project)

    return page


@_director_page
def project_transition(request: HttpRequest, project: Project) -> HttpResponse:
    """GET: the step's form, with what stops it now; POST: the step, or the form again with the reasons."""
    if request.method == "POST":
        form = TransitionForm(request.POST, project=project)
        if form.is_valid():
            to = form.cleaned_data["to"]
            try:
                change = transition_project(project, to, by=request.user, reason=form.cleaned_data["reason"])
            except TransitionError as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(
                    request, _("Hanke siirrettiin tilaan ”%(state)s”.") % {"state": project.get_state_display()}
                )
                if change.flagged:
                    messages.warning(request, change.flag_reason)
                return redirect(project)
    else:
        to = request.GET.get("to", "")
        form = TransitionForm(project=project, initial={"to": to} if to else None)
        if to in project.allowed_transitions():
            form = TransitionForm({"to": to, "reason": ""}, project=project)
            form.is_valid()  # shows what stops the step now; nothing is written
    return render(request, "projects/project_transition.html", {"project": project, "form": form})


@_director_page
def project_funding_decision(request: HttpRequest, project: Project) -> HttpResponse:
    """The funder's decision; recording it moves a project sent to the funder to "funding decided"
    (both or neither are written)."""
    form = FundingDecisionForm(request.POST if request.method == "POST" else None, instance=copy.copy(project))
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                project.record_funding_decision(
                    granted_amount=data["granted_amount"],
                    aid_rate=data["granted_aid_rate"],
                    decided_on=data["funding_decision_date"],
                    reference=data["funding_decision_reference"],
                    by=request.user,
                )
                if project.state == Project.State.SUBMITTED:
                    reason = _("Rahoittajan päätös %(reference)s.") % {"reference": data["funding_decision_reference"]}
                    transition_project(project, Project.State.FUNDING_DECIDED, by=request.user, reason=reason)
        except TransitionError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Rahoittajan päätös tallennettiin."))
            return redirect(project)
    return render(request, "projects/project_funding_decision.html", {"project": project, "form": form})


@_director_page
def project_version_create(request: HttpRequest, project: Project) -> HttpResponse:
    """The development director freezes the application under a name."""
    form = NamedVersionForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        version = save_named_version(project, by=request.user, label=form.cleaned_data["label"])
        messages.success(
            request,
            _("Hakemus tallennettiin versiona %(number)s ”%(label)s”.")
            % {"number": version.number, "label": version.label},
        )
        return redirect(project)
    return render(request, "projects/project_version_form.html", {"project": project, "form": form})


def _version_number(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit():
        raise Http404(_("Versiota ei ole."))
    return int(value)


@login_required
@require_safe
def project_diff(request: HttpRequest, pk: int) -> HttpResponse:
    """What changed: from the approved version (or ?from=) to the current application (or ?to=)."""
    project = get_object_or_404(
        Project.objects.select_related("funding_call").prefetch_related(
            "objectives__indicators", "budget_lines", "financing_lines"
        ),
        pk=pk,
    )
    if not can_view_project(request.user, project):
        return access_log.refuse(request, project, authority="can_view_project")
    versions = {version.number: version for version in project.versions.select_related("created_by")}
    from_number, to_number = _version_number(request, "from"), _version_number(request, "to")
    approved = approved_item(project)
    if from_number is not None:
        before = versions.get(from_number)
    elif approved is not None:
        before = approved.application_version
    else:
        before = versions[max(versions)] if versions else None
    after = versions.get(to_number) if to_number is not None else None
    if (from_number is not None and before is None) or (to_number is not None and after is None):
        raise Http404(_("Versiota ei ole."))
    after_data = after.snapshot if after else snapshot(project)
    context = {
        "project": project,
        "before": before,
        "after": after,
        "is_approved": before is not None and approved is not None and before.pk == approved.application_version_id,
        "approved_item": approved if approved and can_view_item(request.user, approved) else None,
        "changes": diff(before.snapshot, after_data) if before else None,
        "beyond_delegation": beyond_delegation(before.snapshot, after_data) if before else [],
        "versions": sorted(versions.values(), key=lambda version: version.number),
    }
    return render(request, "projects/project_diff.html", context)


def _condition_forms(
    user: AbstractBaseUser | AnonymousUser,
    conditions: list[DecisionCondition],
    bound: ConditionStatusForm | None = None,
) -> list[tuple[DecisionCondition, ConditionStatusForm | None]]:
    rows = []
    for condition in conditions:
        if bound is not None and bound.instance.pk == condition.pk:
            rows.append((condition, bound))
        elif can_set_condition_status(user, condition):
            rows.append((condition, ConditionStatusForm(instance=condition, prefix=f"condition-{condition.pk}")))
        else:
            rows.append((condition, None))
    return rows


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def project_conditions(request: HttpRequest, pk: int) -> HttpResponse:
    """The conditions the decisions about the project set; a person sets each one's status with evidence.

    POST names the condition (`condition`) and sends its prefixed status and evidence."""
    project = _project(request, pk)
    if not can_view_project(request.user, project):
        return access_log.refuse(request, project, authority="can_view_project")
    queryset = DecisionCondition.objects.select_related("item__meeting__body", "status_set_by")
    conditions = [c for c in queryset.filter(item__project=project) if can_view_item(request.user, c.item)]
    conditions += [
        c
        for c in queryset.filter(project=project).exclude(item__project=project)
        if can_view_item(request.user, c.item)
    ]
    bound = None
    if request.method == "POST":
        chosen = request.POST.get("condition", "")
        condition = next((c for c in conditions if str(c.pk) == chosen), None)
        if condition is None:
            raise Http404(_("Ehtoa ei ole."))
        if not can_set_condition_status(request.user, condition):
            return access_log.refuse(request, condition, authority="can_set_condition_status")
        request.audit_authority = "can_set_condition_status"
        bound = ConditionStatusForm(request.POST, instance=condition, prefix=f"condition-{condition.pk}")
        if bound.is_valid():
            saved = bound.save(commit=False)
            saved.evidence = saved.evidence.strip()
            saved.status_set_by = request.user
            saved.status_set_at = timezone.now()
            saved.save(update_fields=["status", "evidence", "status_set_by", "status_set_at"])
            messages.success(request, _("Ehdon tila tallennettiin."))
            return redirect(project)
    rows = _condition_forms(request.user, conditions, bound)
    # "form": the one being set (after a refused POST), else the first the user may set.
    form = bound or next((form for _condition, form in rows if form is not None), None)
    context = {"project": project, "condition_forms": rows, "form": form}
    return render(request, "projects/project_conditions.html", context)
