"""The project's lifecycle pages: a step, the funder's decision, a named version and the difference page.
The project page shows these through lifecycle_context(). (The status of a decision's conditions is
the decisions app's page, decisions.views.conditions.)"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hankehallinta.editing import conflict_rows
from hankehallinta.entry import view_entry
from hankehallinta.permissions import has_permission
from hankehallinta.versioning import StaleVersionError
from projects.approval import approved_item
from projects.diff import beyond_delegation, diff
from projects.forms.lifecycle import FundingDecisionForm, NamedVersionForm, TransitionForm
from projects.lifecycle import FUNDING_DECISION_OPEN, TransitionError
from projects.models import Project
from projects.services.lifecycle import decide_funding, transition_project
from projects.services.versions import save_named_version
from projects.versions import snapshot

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

MOVE = "projects.move_project"
DIRECTOR_PAGE = {"permission": MOVE, "model": Project, "methods": ("GET", "POST"), "lock": True}

# The button of each step, in the words of the state it leads to.
STEP_LABELS = {
    Project.State.PREPARATION: gettext_lazy("Move to preparation"),
    Project.State.BOARD_REVIEW: gettext_lazy("Move to the board's review"),
    Project.State.SUBMITTED: gettext_lazy("Mark as sent to the funder"),
    Project.State.FUNDING_DECIDED: gettext_lazy("Mark the funding decision as received"),
    Project.State.IN_PROGRESS: gettext_lazy("Mark as in progress"),
    Project.State.CLOSING: gettext_lazy("Move to closing"),
    Project.State.CLOSED: gettext_lazy("Mark as closed"),
    Project.State.REJECTED: gettext_lazy("Mark as rejected"),
    Project.State.RETURNED: gettext_lazy("Return to preparation"),
}


def step_label(to: str) -> str:
    return str(STEP_LABELS[to])


def lifecycle_context(user: AbstractBaseUser | AnonymousUser, project: Project) -> dict[str, Any]:
    """What the project page shows of the lifecycle, in a fixed number of queries: the steps allowed
    now, the timeline, the versions and the changes since the approved version."""
    return {
        **approved_context(user, project),
        "can_move": has_permission(user, MOVE, project),
        "steps": [(to, step_label(to)) for to in project.allowed_transitions()],
        "timeline": list(project.state_changes.select_related("changed_by").order_by("-changed_at", "-pk")),
        "versions": list(project.versions.select_related("created_by").order_by("-number")),
        "funding_decision_open": project.state in FUNDING_DECISION_OPEN,
        "version_form": NamedVersionForm(),
    }


def approved_context(user: AbstractBaseUser | AnonymousUser, project: Project) -> dict[str, Any]:
    """The version the board approved and what changed since, for the project page and the funding
    breakdown (the project's lines and objectives prefetched: two queries whatever the data)."""
    approved = approved_item(project)
    version = approved.application_version if approved else None
    current = snapshot(project) if version else None
    return {
        "approved_item": approved if approved and has_permission(user, "decisions.view_item", approved) else None,
        "approved_version": version,
        "approved_diff": diff(version.snapshot, current) if version else None,
        "beyond_delegation": beyond_delegation(version.snapshot, current) if version else [],
    }


@view_entry(**DIRECTOR_PAGE, queryset=lambda: Project.objects.select_related("funding_call"))
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
                    request,
                    _("The project was moved to the state “%(state)s”.") % {"state": project.get_state_display()},
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


@view_entry(**DIRECTOR_PAGE, queryset=lambda: Project.objects.select_related("funding_call"))
def project_funding_decision(request: HttpRequest, project: Project) -> HttpResponse:
    """The funder's decision; recording it moves a project sent to the funder to "funding decided"
    (both or neither are written)."""
    form = FundingDecisionForm(request.POST if request.method == "POST" else None, instance=copy.copy(project))
    if form.is_valid():
        data = form.cleaned_data
        try:
            decide_funding(
                project,
                granted_amount=data["granted_amount"],
                aid_rate=data["granted_aid_rate"],
                decided_on=data["funding_decision_date"],
                reference=data["funding_decision_reference"],
                by=request.user,
                expected_version=data["version"],
            )
        except StaleVersionError:
            fresh = Project.objects.select_related("funding_call").get(pk=project.pk)
            current = FundingDecisionForm(instance=fresh)
            conflict = {"message": form.stale_message, "rows": conflict_rows(form, current)}
            context = {"project": fresh, "form": current, "conflict": conflict}
            return render(request, "projects/project_funding_decision.html", context, status=409)
        except TransitionError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The funder's decision was saved."))
            return redirect(project)
    return render(request, "projects/project_funding_decision.html", {"project": project, "form": form})


@view_entry(**DIRECTOR_PAGE, queryset=lambda: Project.objects.select_related("funding_call"))
def project_version_create(request: HttpRequest, project: Project) -> HttpResponse:
    """The development director freezes the application under a name."""
    form = NamedVersionForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        version = save_named_version(project, by=request.user, label=form.cleaned_data["label"])
        messages.success(
            request,
            _("The application was saved as version %(number)s “%(label)s”.")
            % {"number": version.number, "label": version.label},
        )
        return redirect(project)
    return render(request, "projects/project_version_form.html", {"project": project, "form": form})


def _version_number(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit():
        raise Http404(_("There is no such version."))
    return int(value)


@view_entry("projects.view_project", Project, queryset=lambda: Project.objects.with_application())
def project_diff(request: HttpRequest, project: Project) -> HttpResponse:
    """What changed: from the approved version (or ?from=) to the current application (or ?to=)."""
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
        raise Http404(_("There is no such version."))
    after_data = after.snapshot if after else snapshot(project)
    visible = approved is not None and has_permission(request.user, "decisions.view_item", approved)
    context = {
        "project": project,
        "before": before,
        "after": after,
        "is_approved": before is not None and approved is not None and before.pk == approved.application_version_id,
        "approved_item": approved if visible else None,
        "changes": diff(before.snapshot, after_data) if before else None,
        "beyond_delegation": beyond_delegation(before.snapshot, after_data) if before else [],
        "versions": sorted(versions.values(), key=lambda version: version.number),
    }
    return render(request, "projects/project_diff.html", context)
