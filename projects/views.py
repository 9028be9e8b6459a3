"""The project list, the project page, its funding breakdown PDF and the application editor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from budgets.breakdown import FundingBreakdown
from budgets.validation import cap_warning
from decisions.models import AgendaItem, DecisionCondition, Delegation
from hankehallinta import access_log
from hankehallinta.editing import for_update
from hankehallinta.pdf import PdfError, pdf_response, render_pdf
from hankehallinta.permissions import (
    can_create_project,
    can_download_funding_breakdown,
    can_edit_project,
    can_view_item,
    can_view_project,
)
from hankehallinta.versioning import StaleVersionError
from projects.editor import ApplicationEditor
from projects.lifecycle_views import approved_context, lifecycle_context
from projects.models import Project
from projects.services import check_against_approved

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


@login_required
@require_safe
def project_list(request: HttpRequest) -> HttpResponse:
    projects = [project for project in Project.objects.with_list_data() if can_view_project(request.user, project)]
    context = {"projects": projects, "can_create": can_create_project(request.user)}
    return render(request, "projects/project_list.html", context)


def _project_page_queryset() -> QuerySet[Project]:
    """Everything the project page shows, in a fixed number of queries."""
    items = AgendaItem.objects.select_related("meeting__body", "presenter").order_by("meeting__start", "order")
    related_item = ("item__meeting__body", "item__presenter")
    return Project.objects.select_related("funding_call").prefetch_related(
        "objectives__indicators",
        "budget_lines",
        "financing_lines",
        Prefetch(
            "agenda_items",
            queryset=items.prefetch_related(
                Prefetch("conditions", queryset=DecisionCondition.objects.select_related("status_set_by")),
                "delegations",
            ),
        ),
        Prefetch("conditions", queryset=DecisionCondition.objects.select_related(*related_item, "status_set_by")),
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
            **lifecycle_context(request.user, project, conditions),
        },
    )


@login_required
@require_safe
def project_funding_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = Project.objects.select_related("funding_call").prefetch_related(
        "budget_lines", "financing_lines", "objectives__indicators"
    )
    project = get_object_or_404(queryset, pk=pk)
    if not can_download_funding_breakdown(request.user, project):
        return access_log.refuse(request, project, authority="can_download_funding_breakdown")
    context = {
        "project": project,
        "breakdown": FundingBreakdown.for_project(project),
        "draft": False,
        "pdf": True,
        **approved_context(request.user, project),  # the approved version's figures where they differ
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


def _editor_page(
    request: HttpRequest, editor: ApplicationEditor, stored: Project | None, *, status: int = 200, **extra: Any
) -> HttpResponse:
    """The editor page: the forms, and the figures of the plan as entered (or as stored)."""
    breakdown = editor.breakdown
    if breakdown is None and stored is not None:
        breakdown = FundingBreakdown.for_project(stored)
    context = {
        "project": stored,
        "editor": editor,
        "form": editor.form,
        "breakdown": breakdown,
        "cap_warning": cap_warning(breakdown) if breakdown else "",
        **extra,
    }
    return render(request, "projects/project_form.html", context, status=status)


def _save_application(request: HttpRequest, stored: Project | None, authority: str) -> HttpResponse:
    """POST of the editor: add a row, or check and save everything together, or refuse a stale save."""
    section = request.POST.get("add_row", "")
    if section:
        data = ApplicationEditor.with_added_row(request.POST, section) or request.POST
        editor = ApplicationEditor.build(stored or Project(), data)
        editor.hide_errors()
        return _editor_page(request, editor, stored)
    editor = ApplicationEditor.build(stored or Project(), request.POST)
    if not editor.is_valid():
        return _editor_page(request, editor, stored, invalid=True)
    request.audit_authority = authority
    try:
        with transaction.atomic():  # a refused save leaves nothing behind, and the page can still be read
            project = editor.save()
            # beyond what the board's decision delegated: back to the board (projects/services.py)
            sent_back = check_against_approved(project, by=request.user) if stored is not None else None
    except StaleVersionError:
        fresh = _editor_queryset().get(pk=stored.pk)
        current = ApplicationEditor.build(fresh)
        return _editor_page(request, current, fresh, status=409, conflict=editor.conflict(current))
    except IntegrityError:
        return _editor_page(request, editor, stored, invalid=True)
    if stored is None:
        messages.success(request, _("Hanke luotiin."))
    else:
        messages.success(request, _("Hankehakemus tallennettiin."))
    if sent_back is not None:
        messages.warning(request, f"{sent_back.get_to_state_display()}: {sent_back.reason}")
    if editor.breakdown is not None and cap_warning(editor.breakdown):
        messages.warning(request, cap_warning(editor.breakdown))
    return redirect(project)


def _editor_queryset() -> QuerySet[Project]:
    return Project.objects.select_related("funding_call").prefetch_related("budget_lines", "financing_lines")


@login_required
@require_http_methods(["GET", "POST"])
@transaction.atomic
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The development director edits the whole application: core data, objectives, budget, financing."""
    project = get_object_or_404(for_update(_editor_queryset(), request), pk=pk)
    if not can_edit_project(request.user, project):
        return access_log.refuse(request, project, authority="can_edit_project")
    if request.method != "POST":
        return _editor_page(request, ApplicationEditor.build(project), project)
    return _save_application(request, project, "can_edit_project")


@login_required
@require_http_methods(["GET", "POST"])
@transaction.atomic
def project_create(request: HttpRequest) -> HttpResponse:
    """The development director writes a new application from nothing, on the same page."""
    if not can_create_project(request.user):
        return access_log.refuse(request, None, authority="can_create_project")
    if request.method != "POST":
        return _editor_page(request, ApplicationEditor.build(Project()), None)
    return _save_application(request, None, "can_create_project")
