"""The agenda item page, its minutes extract PDF and its edit page.

Refusals, confidential reads and downloads are logged here (hankehallinta.access_log); the writes
themselves are logged by the audit receivers, with the permission the view acted on.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_safe

from budgets.breakdown import FundingBreakdown
from decisions.decision_forms import ExtractIssueForm, FinalityForm, NotificationForm
from decisions.forms import AgendaItemForm, ProposalForm
from decisions.models import AgendaItem, Attendance, Extract, MinutesCheck, Vote, VoteBallot
from decisions.views.checked import refuse_checked
from hankehallinta import access_log
from hankehallinta.editing import edit_with_version, for_update
from hankehallinta.permissions import (
    can_download_extract,
    can_edit_item,
    can_edit_proposal,
    can_issue_extract,
    can_record_after_check,
    can_record_decision,
    can_view_item,
)

CHECKED_ITEM_MESSAGE = _lazy(
    "Tämän pykälän pöytäkirja on tarkastettu, joten päätöstä ei voi enää muuttaa. Tarkastettuun päätökseen "
    "tehdään muutokset korjauksina: asiavirheen korjaus (hallintolaki 50 §), kirjoitusvirheen korjaus "
    "(hallintolaki 51 §) tai oikaisuvaatimuksen ratkaisu."
)


def item_page_queryset() -> QuerySet[AgendaItem]:
    """Everything the item page, its extract and the minutes show, in a fixed number of queries."""
    return (
        AgendaItem.objects.with_page_data()
        .select_related("body", "project__funding_call", "finality__confirmed_by")
        .prefetch_related(
            "conditions",
            "delegations",
            "project__budget_lines",
            "project__financing_lines",
            *handling_prefetches(),
            "notifications",
            "corrections",
            Prefetch("extracts", queryset=Extract.objects.select_related("issued_by").order_by("-issued_at", "-pk")),
            Prefetch("meeting__checks", queryset=MinutesCheck.objects.prefetch_related("items", "examiners")),
            Prefetch("meeting__attendances", queryset=Attendance.objects.select_related("person")),
        )
    )


def handling_prefetches() -> list[str | Prefetch]:
    """The handling records (motions, votes with ballots, disqualifications, dissents) of items."""
    ballots = VoteBallot.objects.select_related("person").order_by("person__last_name", "person__first_name")
    return [
        "motions__proposer",
        "motions__seconder",
        Prefetch("votes", queryset=Vote.objects.prefetch_related(Prefetch("ballots", queryset=ballots))),
        "disqualifications__person",
        "dissents__person",
    ]


def item_breakdown(item: AgendaItem) -> FundingBreakdown | None:
    """The funding figures the board decided on: the frozen version the item names, else the project's."""
    if item.application_version is not None:
        return FundingBreakdown.for_snapshot(item.application_version.snapshot)
    if item.project is not None:
        return FundingBreakdown.for_project(item.project)
    return None


@login_required
@require_safe
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(item_page_queryset(), pk=pk)
    if not can_view_item(request.user, item):
        return access_log.refuse(request, item, authority="can_view_item")
    if not item.is_public:
        access_log.confidential_read(request, item, authority="can_view_item", items=[item.pk])
    return render(
        request,
        "decisions/agendaitem_detail.html",
        {
            "item": item,
            "breakdown": item_breakdown(item),
            "can_download_extract": can_download_extract(request.user, item),
            "can_edit": can_edit_proposal(request.user, item),
            **item_actions(request, item),
        },
    )


def item_actions(request: HttpRequest, item: AgendaItem) -> dict:
    """What the signed-in user may do next on the item page, with the small forms for it."""
    user, today = request.user, timezone.localdate()
    after_check = can_record_after_check(user, item)
    finality = getattr(item, "finality", None)
    return {
        "can_record_decision": can_record_decision(user, item),
        "can_record_after_check": after_check,
        "extract_form": ExtractIssueForm(user=user, auto_id="extract_%s") if can_issue_extract(user, item) else None,
        "notification_form": NotificationForm(item=item, auto_id="notification_%s") if after_check else None,
        "finality": finality,
        "finality_form": (
            FinalityForm(auto_id="finality_%s")
            if after_check and finality is None and item.can_be_confirmed_final(today)
            else None
        ),
        "issued_extract": next(iter(item.extracts.all()), None),
        "today": today,
    }


@login_required
@transaction.atomic
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretary edits the item's text, publicity and appeal route; the presenter the proposal."""
    queryset = for_update(AgendaItem.objects.select_related("meeting__body", "presenter"), request)
    item = get_object_or_404(queryset, pk=pk)
    if not can_view_item(request.user, item):
        return access_log.refuse(request, item, authority="can_view_item")
    if item.is_checked:
        return refuse_checked(request, item, authority="can_edit_item", message=CHECKED_ITEM_MESSAGE)
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
