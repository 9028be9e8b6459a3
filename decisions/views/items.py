"""The agenda item page, its minutes extract PDF and its edit page.

Refusals, confidential reads and downloads are logged here (hankehallinta.access_log); the writes
themselves are logged by the audit receivers, with the permission the view acted on.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_safe

from budgets.breakdown import FundingBreakdown
from decisions.forms import AgendaItemForm, ProposalForm
from decisions.models import AgendaItem
from hankehallinta import access_log
from hankehallinta.editing import edit_with_version, for_update
from hankehallinta.pdf import PdfError, pdf_response, render_pdf
from hankehallinta.permissions import (
    can_download_extract,
    can_edit_item,
    can_edit_proposal,
    can_view_item,
)

CHECKED_ITEM_MESSAGE = _lazy(
    "Tämän pykälän pöytäkirja on tarkastettu, joten päätöstä ei voi enää muuttaa. Tarkastettuun päätökseen "
    "tehdään muutokset korjauksina: asiavirheen korjaus (hallintolaki 50 §), kirjoitusvirheen korjaus "
    "(hallintolaki 51 §) tai oikaisuvaatimuksen ratkaisu."
)


def _item_page_queryset() -> QuerySet[AgendaItem]:
    """Everything the item page and its extract show, in a fixed number of queries."""
    return (
        AgendaItem.objects.with_page_data()
        .select_related("body", "project__funding_call")
        .prefetch_related("conditions", "delegations", "project__budget_lines", "project__financing_lines")
    )


def _item_breakdown(item: AgendaItem) -> FundingBreakdown | None:
    """The funding figures the board decided on: the frozen version the item names, else the project's."""
    if item.application_version is not None:
        return FundingBreakdown.for_snapshot(item.application_version.snapshot)
    if item.project is not None:
        return FundingBreakdown.for_project(item.project)
    return None


@login_required
@require_safe
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(_item_page_queryset(), pk=pk)
    if not can_view_item(request.user, item):
        return access_log.refuse(request, item, authority="can_view_item")
    if not item.is_public:
        access_log.confidential_read(request, item, authority="can_view_item", items=[item.pk])
    return render(
        request,
        "decisions/agendaitem_detail.html",
        {
            "item": item,
            "breakdown": _item_breakdown(item),
            "can_download_extract": can_download_extract(request.user, item),
            "can_edit": can_edit_proposal(request.user, item),
        },
    )


@login_required
@require_safe
def item_extract_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(_item_page_queryset(), pk=pk)
    if not can_download_extract(request.user, item):
        return access_log.refuse(request, item, authority="can_download_extract")
    context = {
        "item": item,
        "breakdown": _item_breakdown(item),
        "draft": item.is_draft,
        "pdf": True,
    }
    try:
        pdf = render_pdf("decisions/agendaitem_extract_pdf.html", context)
    except PdfError as error:
        messages.error(request, str(error))
        return redirect(item)
    access_log.disclosure(
        request,
        item,
        authority="can_download_extract",
        kind="pöytäkirjanote",
        document=item.extract_filename,
        content=pdf,
        items=[item.pk],
        draft=item.is_draft,
    )
    return pdf_response(pdf, item.extract_filename)


@login_required
@transaction.atomic
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretary edits the item's text, publicity and appeal route; the presenter the proposal."""
    queryset = for_update(AgendaItem.objects.select_related("meeting__body", "presenter"), request)
    item = get_object_or_404(queryset, pk=pk)
    if not can_view_item(request.user, item):
        return access_log.refuse(request, item, authority="can_view_item")
    if item.is_checked:
        return access_log.refuse(
            request,
            item,
            authority="can_edit_item",
            reason="checked",
            template="decisions/minutes_checked.html",
            context={"object": item, "message": CHECKED_ITEM_MESSAGE},
        )
    if can_edit_item(request.user, item):
        form_class, authority = AgendaItemForm, "can_edit_item"
    elif can_edit_proposal(request.user, item):
        form_class, authority = ProposalForm, "can_edit_proposal"
    else:
        return access_log.refuse(request, item, authority="can_edit_proposal")
    request.audit_authority = authority
    response = edit_with_version(
        request,
        item,
        form_class=form_class,
        template="decisions/agendaitem_form.html",
        object_name="item",
        success_message=_("Pykälän tiedot tallennettiin."),
        extra_context={"proposal_only": form_class is ProposalForm},
    )
    # The form shows the stored text on GET, and again after a stale save.
    shows_stored_text = request.method != "POST" or response.status_code == 409
    if not item.is_public and shows_stored_text:
        access_log.confidential_read(request, item, authority=authority, items=[item.pk])
    return response
