"""The ledger import of a project: upload, a preview with every row's errors, repeats and categories,
and only on confirmation the period's rows replaced at once (followup.services.imports)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from budgets.models import BudgetLine
from followup.forms.costs import LedgerConfirmForm, LedgerUploadForm, sign_ledger
from followup.ledger import COLUMN_LABELS, LedgerPlan
from followup.services import imports as import_services
from hankehallinta.entry import view_entry
from hankehallinta.services import ActionRefused
from projects.models import Project

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

FORM_METHODS = ("GET", "POST")
TEMPLATE = "followup/ledger_import.html"
PREVIEW_TEMPLATE = "followup/ledger_import_preview.html"
#: Rows of each kind the preview lists (the counts are always whole).
PREVIEW_ROWS = 200


@view_entry("followup.import_ledger", Project, methods=FORM_METHODS, lock=True)
def ledger_import(request: HttpRequest, project: Project) -> HttpResponse:
    """Upload → preview (nothing written) → confirm: the period's ledger rows replaced in one transaction."""
    context = {"project": project, "columns": COLUMN_LABELS}
    if request.method == "POST" and "payload" in request.POST:
        confirm = LedgerConfirmForm(request.POST, project_pk=project.pk)
        if not confirm.is_valid():
            for error in confirm.errors.get("payload", []):
                messages.error(request, error)
            return render(request, TEMPLATE, {**context, "form": LedgerUploadForm()})
        signed = confirm.cleaned_data["payload"]
        plan = _plan(project, signed["name"], signed["content"], signed["start"], signed["end"], signed["code"])
        try:
            ledger_import = import_services.import_ledger(
                plan, project=project, user=request.user, include_repeats=confirm.cleaned_data["include_repeats"]
            )
        except ActionRefused as error:
            messages.error(request, error.message)
            return _preview(request, project, plan, signed["content"], context)
        messages.success(
            request,
            _("The ledger file was imported: %(rows)s rows for %(start)s–%(end)s.")
            % {
                "rows": ledger_import.row_count,
                "start": f"{plan.period_start:%-d.%-m.%Y}",
                "end": f"{plan.period_end:%-d.%-m.%Y}",
            },
        )
        return redirect("followup:project_costs", pk=project.pk)
    upload = LedgerUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and upload.is_valid():
        name, content = upload.content()
        data = upload.cleaned_data
        plan = _plan(project, name, content, data["period_start"], data["period_end"], data["project_code"])
        return _preview(request, project, plan, content, context)
    if request.method == "GET":
        upload = LedgerUploadForm(initial=_last_period(project))
    return render(request, TEMPLATE, {**context, "form": upload})


def _plan(project: Project, name: str, content: bytes, start, end, code: str) -> LedgerPlan:
    return import_services.plan_import(
        project, content, file_name=name, period_start=start, period_end=end, project_code=code
    )


def _last_period(project: Project) -> dict:
    last = project.ledger_imports.first()
    return {"period_start": last.period_start, "period_end": last.period_end} if last else {}


def _preview(request: HttpRequest, project: Project, plan: LedgerPlan, content: bytes, context: dict) -> HttpResponse:
    payload = sign_ledger(project.pk, plan.file_name, content, plan.period_start, plan.period_end, plan.project_code)
    if len(payload) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE - 64 * 1024:
        plan.file_errors.append(_("The file is too large to confirm in one go: import a shorter period at a time."))
    confirm = LedgerConfirmForm(initial={"payload": payload}, project_pk=project.pk) if plan.can_import else None
    labels = dict(BudgetLine.Category.choices)
    mapping_url = reverse("followup:project_accounts", args=[project.pk])
    return render(
        request,
        PREVIEW_TEMPLATE,
        {
            **context,
            "plan": plan,
            "confirm": confirm,
            "form": LedgerUploadForm(
                initial={
                    "period_start": plan.period_start,
                    "period_end": plan.period_end,
                    "project_code": plan.project_code,
                }
            ),
            "error_rows": plan.error_rows[:PREVIEW_ROWS],
            "repeat_rows": plan.repeat_rows[:PREVIEW_ROWS],
            "imported_rows": plan.importable()[:PREVIEW_ROWS],
            "totals": [
                (labels.get(category, ""), count, amount)
                for category, (count, amount) in sorted(plan.totals_by_category().items())
            ],
            "import_count": len(plan.importable()),
            "unmapped_rows": [row for row in plan.importable() if not row.category][:PREVIEW_ROWS],
            "limit": PREVIEW_ROWS,
            "mapping_url": f"{mapping_url}?{urlencode({'account': plan.unmapped_accounts[:100]}, doseq=True)}",
        },
    )
