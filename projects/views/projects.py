"""The project list, the project page, its funding breakdown PDF and the application editor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from budgets.breakdown import FundingBreakdown
from budgets.validation import cap_warning
from hankehallinta import access_log
from hankehallinta.entry import view_entry
from hankehallinta.pagination import paginate, query_without_page
from hankehallinta.pdf import pdf_download, render_pdf
from hankehallinta.permissions import has_permission
from hankehallinta.services import ActionRefused
from hankehallinta.versioning import StaleVersionError
from projects.editor import ApplicationEditor
from projects.models import Project
from projects.pdf_keys import funding_key
from projects.services.applications import save_application
from projects.views.lifecycle import approved_context, lifecycle_context

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

VIEW_ITEM = "decisions.view_item"
PROJECTS_PER_PAGE = 50


@view_entry("projects.view_project")
def project_list(request: HttpRequest) -> HttpResponse:
    """One page of the projects the user may see, newest first, with their figures."""
    page = paginate(request, Project.objects.visible_to(request.user).keys_newest_first(), per_page=PROJECTS_PER_PAGE)
    page.object_list = Project.objects.with_list_data().of_page(page.object_list)
    context = {
        "page": page,
        "projects": page.object_list,
        "params": query_without_page(request),
        "can_create": has_permission(request.user, "projects.create_project"),
    }
    return render(request, "projects/project_list.html", context)


def _decided(user: AbstractBaseUser | AnonymousUser, project: Project) -> tuple[list, list, list]:
    """The items that handled the project and the conditions and delegations their decisions set.

    A condition or delegation is linked to its item and usually to the project too; both links are
    followed, and those of items the user may not see are left out. All of it comes from the
    project's prefetched reverse relations (Project.objects.for_page()).
    """
    items = sorted(project.agenda_items.all(), key=lambda item: (item.meeting.start, item.order))
    handled = [(item, has_permission(user, VIEW_ITEM, item)) for item in items]
    conditions = {
        condition.pk: condition
        for condition in [*project.conditions.all(), *(c for item in items for c in item.conditions.all())]
    }
    delegations = {
        delegation.pk: delegation
        for delegation in [*project.delegations.all(), *(d for item in items for d in item.delegations.all())]
    }

    def visible(records: dict) -> list:
        return [record for _pk, record in sorted(records.items()) if has_permission(user, VIEW_ITEM, record.item)]

    return handled, visible(conditions), visible(delegations)


@view_entry("projects.view_project", Project, queryset=lambda: Project.objects.for_page())
def project_detail(request: HttpRequest, project: Project) -> HttpResponse:
    handled, conditions, delegations = _decided(request.user, project)
    confidential = [item.pk for item, visible in handled if visible and not item.is_public]
    if confidential:
        access_log.confidential_read(request, project, authority=VIEW_ITEM, items=confidential)
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "breakdown": FundingBreakdown.for_project(project),
            "handled": handled,
            "conditions": conditions,
            "delegations": delegations,
            "can_edit": has_permission(request.user, "projects.edit_project", project),
            **lifecycle_context(request.user, project),
        },
    )


@view_entry("projects.download_funding_breakdown", Project, queryset=lambda: Project.objects.with_application())
def project_funding_pdf(request: HttpRequest, project: Project) -> HttpResponse:
    context = {
        "project": project,
        "breakdown": FundingBreakdown.for_project(project),
        "draft": False,
        "pdf": True,
        **approved_context(request.user, project),  # the approved version's figures where they differ
    }
    # The reader's part: whether they may read the item that approved the version.
    key = funding_key(project, parts=[context["approved_item"] is not None])
    return pdf_download(
        request,
        project,
        render=lambda: render_pdf("projects/project_funding_pdf.html", context, key=key),
        filename=f"rahoituserittely-{slugify(project.title) or project.pk}.pdf",
        kind="rahoituserittely",
        project=project.pk,
    )


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


def _save_application(request: HttpRequest, stored: Project | None) -> HttpResponse:
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
    try:
        saved = save_application(editor, by=request.user)
    except StaleVersionError:
        fresh = Project.objects.for_editor().get(pk=stored.pk)
        current = ApplicationEditor.build(fresh)
        return _editor_page(request, current, fresh, status=409, conflict=editor.conflict(current))
    except ActionRefused as refused:
        editor.refuse_rows(refused.message)
        return _editor_page(request, editor, stored, invalid=True)
    if saved.created:
        messages.success(request, _("The project was created."))
    else:
        messages.success(request, _("The project application was saved."))
    if saved.sent_back is not None:
        messages.warning(request, f"{saved.sent_back.get_to_state_display()}: {saved.sent_back.reason}")
    if editor.breakdown is not None and cap_warning(editor.breakdown):
        messages.warning(request, cap_warning(editor.breakdown))
    return redirect(saved.project)


@view_entry(
    "projects.edit_project", Project, methods=("GET", "POST"), lock=True, queryset=lambda: Project.objects.for_editor()
)
def project_edit(request: HttpRequest, project: Project) -> HttpResponse:
    """The development director edits the whole application: core data, objectives, budget, financing."""
    if request.method != "POST":
        return _editor_page(request, ApplicationEditor.build(project), project)
    return _save_application(request, project)


@view_entry("projects.create_project", methods=("GET", "POST"))
def project_create(request: HttpRequest) -> HttpResponse:
    """The development director writes a new application from nothing, on the same page."""
    if request.method != "POST":
        return _editor_page(request, ApplicationEditor.build(Project()), None)
    return _save_application(request, None)
