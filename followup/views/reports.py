"""The reports' pages: a project's reports and their schedule, a new report, the report itself (its
narratives and indicator values against the targets, its attachments), its submission and its PDF.

Everyone who reads projects reads their reports; the development director and the project's manager
write them ("followup.write_reports"). A submitted report is shown read-only.
"""

from __future__ import annotations

import copy
import io
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from followup.forms.reports import ReportAttachmentForm, ReportCreateForm, ReportForm, ReportSubmitForm
from followup.models import Report, ReportAttachment
from followup.reports import report_rows
from followup.services.reports import add_report_attachment, create_report, save_report, schedule_reports, submit_report
from hankehallinta import access_log
from hankehallinta.editing import conflict_rows
from hankehallinta.entry import view_entry
from hankehallinta.pdf import pdf_download, render_pdf
from hankehallinta.permissions import has_permission
from hankehallinta.services import ActionRefused
from hankehallinta.uploads import UNKNOWN, detect_type, download_response, safe_download_name
from hankehallinta.versioning import StaleVersionError
from projects.models import Project

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

VIEW = "followup.view_reports"
WRITE = "followup.write_reports"
READ_OR_WRITE = {"GET": VIEW, "POST": WRITE}


def _reports() -> Any:
    return Report.objects.select_related("project__funding_call", "submitted_by", "created_by")


def _objectives(report: Report) -> list:
    return list(report.project.objectives.prefetch_related("indicators").order_by("order", "pk"))


@view_entry(VIEW, Project)
def report_list(request: HttpRequest, project: Project) -> HttpResponse:
    """The project's reports by due date, the overdue ones marked."""
    context = {
        "project": project,
        "reports": list(Report.objects.for_project(project).select_related("submitted_by").in_due_order()),
        "can_write": has_permission(request.user, WRITE, project),
    }
    return render(request, "followup/report_list.html", context)


@view_entry(WRITE, Project, methods=("POST",), lock=True)
def report_schedule(request: HttpRequest, project: Project) -> HttpResponse:
    """Create the reports the funder's decision and the project's dates call for (those missing)."""
    try:
        created = schedule_reports(project, by=request.user)
    except ActionRefused as refused:
        messages.error(request, refused.message)
    else:
        if created:
            added = ngettext(
                "%(count)s report was added to the schedule.",
                "%(count)s reports were added to the schedule.",
                len(created),
            )
            messages.success(request, added % {"count": len(created)})
        else:
            messages.info(request, _("The schedule already has every report."))
    return redirect("followup:report_list", project.pk)


@view_entry(WRITE, Project, methods=("GET", "POST"), lock=True)
def report_create(request: HttpRequest, project: Project) -> HttpResponse:
    """A report outside the schedule (an annual report, say)."""
    form = ReportCreateForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            report = create_report(
                project,
                kind=data["kind"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                due_date=data["due_date"],
                by=request.user,
            )
        except ActionRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(request, _("The report was added."))
            return redirect(report)
    return render(request, "followup/report_create.html", {"project": project, "form": form})


def _report_page(request: HttpRequest, report: Report, form: ReportForm | None, *, status: int = 200, **extra: Any):
    objectives = form.objectives if form is not None else _objectives(report)
    can_write = has_permission(request.user, WRITE, report)
    editable = can_write and not report.is_submitted
    context = {
        "report": report,
        "project": report.project,
        "form": form if editable else None,
        "rows": None if editable else report_rows(report, objectives),
        "attachments": list(report.attachments.select_related("uploaded_by")),
        "attachment_form": ReportAttachmentForm() if editable else None,
        "submit_form": ReportSubmitForm(initial={"version": report.version}) if editable else None,
        "can_write": can_write,
        "is_overdue": report.is_overdue(),
        **extra,
    }
    return render(request, "followup/report_edit.html", context, status=status)


def _stale(request: HttpRequest, report: Report, sent: ReportForm | None) -> HttpResponse:
    """409: the report as it is now, and below it what the user sent (nothing of it lost)."""
    fresh = _reports().get(pk=report.pk)
    current = ReportForm(instance=fresh, objectives=_objectives(fresh))
    conflict = {"message": ReportForm.stale_message, "rows": conflict_rows(sent, current) if sent else []}
    return _report_page(request, fresh, current, status=409, conflict=conflict)


@view_entry(READ_OR_WRITE, Report, methods=("GET", "POST"), lock=True, queryset=_reports)
def report_edit(request: HttpRequest, report: Report) -> HttpResponse:
    """GET: the report (a form for its writers while drafted); POST: save it, or 409 when stale."""
    objectives = _objectives(report)
    if request.method != "POST":
        return _report_page(request, report, ReportForm(instance=copy.copy(report), objectives=objectives))
    form = ReportForm(request.POST, instance=copy.copy(report), objectives=objectives)
    if form.is_valid():
        data = form.cleaned_data
        try:
            save_report(
                report,
                period_start=data["period_start"],
                period_end=data["period_end"],
                due_date=data["due_date"],
                narratives=form.narratives(),
                indicator_values=form.indicator_values(),
                expected_version=data["version"],
                by=request.user,
            )
        except StaleVersionError:
            return _stale(request, report, form)
        except ActionRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(request, _("The report was saved."))
            return redirect(report)
    return _report_page(request, report, form)


@view_entry(WRITE, Report, methods=("POST",), lock=True, queryset=_reports)
def report_submit(request: HttpRequest, report: Report) -> HttpResponse:
    """Mark the report as submitted to the funder; a stale page's submission is 409."""
    form = ReportSubmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The report could not be submitted: reload the page and try again."))
        return redirect(report)
    try:
        submit_report(report, expected_version=form.cleaned_data["version"], by=request.user)
    except StaleVersionError:
        return _stale(request, report, None)
    except ActionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The report was marked as submitted."))
    return redirect(report)


@view_entry(WRITE, Report, methods=("POST",), lock=True, queryset=_reports)
def report_attachment_create(request: HttpRequest, report: Report) -> HttpResponse:
    """A file attached to the report; a refused file is shown with its reason on the report's page."""
    form = ReportAttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            add_report_attachment(
                report, title=form.cleaned_data["title"], file=form.cleaned_data["file"], by=request.user
            )
        except ActionRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The attachment was added."))
        return redirect(report)
    editable = None if report.is_submitted else ReportForm(instance=copy.copy(report), objectives=_objectives(report))
    return _report_page(request, report, editable, attachment_form=form if editable else None)


@view_entry(VIEW, ReportAttachment, queryset=lambda: ReportAttachment.objects.select_related("report"))
def report_attachment(request: HttpRequest, attachment: ReportAttachment) -> HttpResponse:
    """The attachment as a download, read through the storage and logged as a disclosure."""
    try:
        with attachment.file.open("rb") as stored:
            content = stored.read()
    except (FileNotFoundError, ValueError) as missing:
        raise Http404 from missing
    file_type = detect_type(io.BytesIO(content)) or UNKNOWN
    filename = safe_download_name(PurePosixPath(attachment.file.name).stem, file_type)
    access_log.disclosure(
        request,
        attachment,
        authority=getattr(request, "audit_authority", ""),
        kind="raportin liite",
        document=filename,
        content=content,
        stored_sha256=attachment.sha256,
    )
    return download_response(content, filename=filename, file_type=file_type)


@view_entry(VIEW, Report, queryset=_reports)
def report_pdf(request: HttpRequest, report: Report) -> HttpResponse:
    """The report as a PDF: period, state, the narrative per objective, the indicator values against
    the targets, the attachments' names; marked as a draft until submitted."""
    context = {
        "report": report,
        "project": report.project,
        "rows": report_rows(report, _objectives(report)),
        "attachments": list(report.attachments.all()),
        "draft": not report.is_submitted,
    }
    return pdf_download(
        request,
        report,
        render=lambda: render_pdf("followup/report_pdf.html", context),
        filename=f"raportti-{slugify(report.project.title) or report.project_id}-{report.pk}.pdf",
        kind="raportti",
        project=report.project_id,
    )
