"""The project list, the project page and its funding breakdown PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from budgets.breakdown import FundingBreakdown
from decisions.models import AgendaItem, DecisionCondition, Delegation
from hankehallinta.pdf import PdfError, pdf_response, render_pdf
from hankehallinta.permissions import can_view_item, can_view_project
from projects.models import Project

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


@login_required
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
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(_project_page_queryset(), pk=pk)
    if not can_view_project(request.user, project):
        raise PermissionDenied
    handled, conditions, delegations = _decided(request.user, project)
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "breakdown": FundingBreakdown.for_project(project),
            "handled": handled,
            "conditions": conditions,
            "delegations": delegations,
        },
    )


@login_required
def project_funding_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = Project.objects.select_related("funding_call").prefetch_related("budget_lines", "financing_lines")
    project = get_object_or_404(queryset, pk=pk)
    if not can_view_project(request.user, project):
        raise PermissionDenied
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
    return pdf_response(pdf, f"rahoituserittely-{slugify(project.title) or project.pk}.pdf")
