"""The project list, the project page, its funding breakdown PDF and the application editor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from budgets.breakdown import FundingBreakdown
from decisions.models import AgendaItem, DecisionCondition, Delegation
from hankehallinta import access_log
from hankehallinta.editing import edit_with_version, for_update
from hankehallinta.pdf import PdfError, pdf_response, render_pdf
from hankehallinta.permissions import (
    can_download_funding_breakdown,
    can_edit_project,
    can_view_item,
    can_view_project,
)
from projects.forms import ProjectForm
from projects.models import Project

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


@login_required
@require_safe
def project_list(request: HttpRequest) -> HttpResponse:
    projects = [project for project in Project.objects.with_list_data() if can_view_project(request.user, project)]
    return render(request, "projects/project_list.html", {"projects": projects})


def _project_page_queryset() -> QuerySet[Project]:
    """Everything the project page shows, in a fixed number of queries."""
    items = AgendaItem.objects.select_related("meeting__body", "presenter").order_by("meeting__start", "order")
    related_item = ("item__meeting__body", "item__presenter")
    return Project.objects.select_related("funding_call").prefetch_related(
        "objectives__indicators",
        "budget_lines",
        "financing_lines",
        Prefetch("agenda_items", queryset=items.prefetch_related("conditions", "delegations")),
        Prefetch("conditions", queryset=DecisionCondition.objects.select_related(*related_item)),
        Prefetch("delegations", queryset=Delegation.objects.select_related(*related_item)),
    )


def _decided(user: AbstractBaseUser | AnonymousUser, project: Project) -> tuple[list, list, list]:
    """The items that handled the project and the conditions and delegations their decisions set.

    A condition or delegation is linked to its item and usually to the project too; both links are
    followed, and those of items the user may not see are left out.
    """
    handled = [(item, can_view_item(user, item)) for item in project.agenda_items.all()]
    conditions = {condition.pk: condition for condition in project.conditions.all()}
    delegations = {delegation.pk: delegation for delegation in project.delegations.all()}
    for item, _visible in handled:
        conditions.update((condition.pk, condition) for condition in item.conditions.all())
        delegations.update((delegation.pk, delegation) for delegation in item.delegations.all())

    def visible(records: dict) -> list:
        return [record for _pk, record in sorted(records.items()) if can_view_item(user, record.item)]

    return handled, visible(conditions), visible(delegations)


@login_required
@require_safe
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(_project_page_queryset(), pk=pk)
    if not can_view_project(request.user, project):
        return access_log.refuse(request, project, authority="can_view_project")
    handled, conditions, delegations = _decided(request.user, project)
    confidential = [item.pk for item, visible in handled if visible and not item.is_public]
    if confidential:
        access_log.confidential_read(request, project, authority="can_view_item", items=confidential)
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "breakdown": FundingBreakdown.for_project(project),
            "handled": handled,
            "conditions": conditions,
            "delegations": delegations,
            "can_edit": can_edit_project(request.user, project),
        },
    )


@login_required
@require_safe
def project_funding_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = Project.objects.select_related("funding_call").prefetch_related("budget_lines", "financing_lines")
    project = get_object_or_404(queryset, pk=pk)
    if not can_download_funding_breakdown(request.user, project):
        return access_log.refuse(request, project, authority="can_download_funding_breakdown")
    context = {
        "project": project,
        "breakdown": FundingBreakdown.for_project(project),
        "draft": False,
        "pdf": True,
    }
    try:
        pdf = render_pdf("projects/project_funding_pdf.html", context)
    except PdfError as error:
        messages.error(request, str(error))
        return redirect(project)
    filename = f"rahoituserittely-{slugify(project.title) or project.pk}.pdf"
    access_log.disclosure(
        request,
        project,
        authority="can_download_funding_breakdown",
        kind="rahoituserittely",
        document=filename,
        content=pdf,
        project=project.pk,
    )
    return pdf_response(pdf, filename)


# Application editor ------------------------------------------------------------------------------


def _editor_context(project: Project) -> dict:
    """What the editor shows beside the core data form; the full application editor adds its parts here."""
    return {}


@login_required
@transaction.atomic
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The development director edits the project's core data."""
    project = get_object_or_404(for_update(Project.objects.select_related("funding_call"), request), pk=pk)
    if not can_edit_project(request.user, project):
        return access_log.refuse(request, project, authority="can_edit_project")
    request.audit_authority = "can_edit_project"
    return edit_with_version(
        request,
        project,
        form_class=ProjectForm,
        template="projects/project_form.html",
        object_name="project",
        success_message=_("Hankkeen perustiedot tallennettiin."),
        extra_context=_editor_context(project),
    )
