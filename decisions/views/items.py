"""The agenda item page and its edit page.

Refusals, confidential reads and downloads are logged here (hankehallinta.access_log); the writes
themselves are logged by the audit receivers, with the permission the view acted on.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from decisions.forms.extracts import ExtractIssueForm
from decisions.forms.items import AgendaItemForm, ProposalForm
from decisions.forms.records import FinalityForm, NotificationForm
from decisions.models import AgendaItem
from decisions.views.checked import CHECKED_ITEM_MESSAGE, refuse_checked
from decisions.views.languages import language_links, shown_item
from hankehallinta import access_log
from hankehallinta.editing import edit_with_version
from hankehallinta.entry import view_entry
from hankehallinta.permissions import has_permission


def _item_page_items():
    return AgendaItem.objects.with_page_data()


def _item_edit_items():
    return AgendaItem.objects.select_related("meeting__body", "presenter", "body")


@view_entry("decisions.view_item", AgendaItem, queryset=_item_page_items)
def item_detail(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    if not item.is_public:
        access_log.confidential_read(request, item, authority=request.audit_authority, items=[item.pk])
    shown = shown_item(item, request.GET.get("language"))
    return render(
        request,
        "decisions/agendaitem_detail.html",
        {
            "item": shown,
            "language_links": language_links(shown, lambda language: f"{request.path}?language={language}"),
            "missing_translations": item.missing_translations() if not item.is_checked else [],
            "breakdown": item.funding_breakdown(),
            "can_download_extract": has_permission(request.user, "decisions.download_extract", item),
            "can_edit": has_permission(request.user, "decisions.edit_proposal", item),
            **item_actions(request, item),
        },
    )


def item_actions(request: HttpRequest, item: AgendaItem) -> dict:
    """What the signed-in user may do next on the item page, with the small forms for it."""
    user, today = request.user, timezone.localdate()
    after_check = has_permission(user, "decisions.record_after_check", item)
    finality = getattr(item, "finality", None)
    issued = next(iter(item.extracts.all()), None)
    # One extract per item and language (a bilingual body's item: one in Finnish, one in Swedish).
    unissued = set(item.languages) - {extract.language for extract in item.extracts.all()}
    may_issue = bool(unissued) and has_permission(user, "decisions.issue_extract", item)
    return {
        "can_record_decision": has_permission(user, "decisions.record_decision", item),
        "can_record_after_check": after_check,
        "extract_form": ExtractIssueForm(user=user, item=item, auto_id="extract_%s") if may_issue else None,
        "notification_form": NotificationForm(item=item, auto_id="notification_%s") if after_check else None,
        "finality": finality,
        "finality_form": (
            FinalityForm(auto_id="finality_%s")
            if after_check and finality is None and item.can_be_confirmed_final(today)
            else None
        ),
        "issued_extract": issued,
        "today": today,
    }


@view_entry("decisions.view_item", AgendaItem, methods=("GET", "POST"), lock=True, queryset=_item_edit_items)
def item_edit(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    """The secretary edits the item's text, publicity and appeal route; the presenter the proposal.

    The entry lets in whoever may see the item; the form is then the secretary's ("decisions.edit_item"),
    else the presenter's ("decisions.edit_proposal"), else the page is refused.
    """
    if item.is_checked:
        return refuse_checked(request, item, authority="decisions.edit_item", message=CHECKED_ITEM_MESSAGE)
    if has_permission(request.user, "decisions.edit_item", item):
        form_class, authority = AgendaItemForm, "decisions.edit_item"
    elif has_permission(request.user, "decisions.edit_proposal", item):
        form_class, authority = ProposalForm, "decisions.edit_proposal"
    else:
        return access_log.refuse(request, item, authority="decisions.edit_proposal")
    request.audit_authority = authority
    response = edit_with_version(
        request,
        item,
        form_class=form_class,
        template="decisions/agendaitem_form.html",
        object_name="item",
        success_message=_("The item's details were saved."),
        extra_context={"proposal_only": form_class is ProposalForm},
    )
    # The form shows the stored text on GET, and again after a stale save.
    shows_stored_text = request.method != "POST" or response.status_code == 409
    if not item.is_public and shows_stored_text:
        access_log.confidential_read(request, item, authority=authority, items=[item.pk])
    return response
