"""The payment claims' pages: a project's claims, a new claim, a claim with its figures and actions
(send, payment received, returned), and the claim PDF to attach in the funder's system.

Every action is a POST carrying the claim's version; one made on a page opened before someone else
acted answers 409 with the claim as it is now and the values sent. The writes and their refusals
are followup.services.claims; the figures are followup.claims.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from followup.claims import figures_of
from followup.forms.claims import (
    ClaimActionForm,
    ClaimCreateForm,
    ClaimPaymentForm,
    ClaimReturnForm,
)
from followup.models import PaymentClaim
from followup.services.claims import draft_claim, record_payment, return_claim, send_claim
from hankehallinta.editing import conflict_rows
from hankehallinta.entry import view_entry
from hankehallinta.pdf import pdf_download, render_pdf
from hankehallinta.permissions import has_permission
from hankehallinta.services import ActionRefused
from hankehallinta.versioning import StaleVersionError
from projects.models import Project

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest, HttpResponse

VIEW = "followup.view_claims"
MANAGE = "followup.manage_claims"


def _claims() -> Any:
    return PaymentClaim.objects.select_related("project", "sent_by", "created_by")


def _claim_context(request: HttpRequest, claim: PaymentClaim) -> dict[str, Any]:
    return {
        "claim": claim,
        "project": claim.project,
        "figures": figures_of(claim),
        "can_manage": has_permission(request.user, MANAGE, claim),
    }


@view_entry(VIEW, Project)
def claim_list(request: HttpRequest, project: Project) -> HttpResponse:
    context = {
        "project": project,
        "claims": list(PaymentClaim.objects.for_project(project).for_list()),
        "can_manage": has_permission(request.user, MANAGE, project),
    }
    return render(request, "followup/paymentclaim_list.html", context)


@view_entry(MANAGE, Project, methods=("GET", "POST"))
def claim_create(request: HttpRequest, project: Project) -> HttpResponse:
    """A new drafted claim for a period; its page shows the figures as they are now."""
    form = ClaimCreateForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            claim = draft_claim(
                project,
                period_start=data["period_start"],
                period_end=data["period_end"],
                is_final=data["is_final"],
                by=request.user,
            )
        except ActionRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(request, _("Payment claim %(number)s was drafted.") % {"number": claim.number})
            return redirect(claim)
    return render(request, "followup/paymentclaim_form.html", {"project": project, "form": form})


@view_entry(VIEW, PaymentClaim, queryset=_claims)
def claim_detail(request: HttpRequest, claim: PaymentClaim) -> HttpResponse:
    context = _claim_context(request, claim)
    context["send_form"] = ClaimActionForm(initial={"version": claim.version})
    return render(request, "followup/paymentclaim_detail.html", context)


# The actions --------------------------------------------------------------------------------------


def _current_form(form_class: type[ClaimActionForm], claim: PaymentClaim) -> ClaimActionForm:
    """The action's form filled from the claim as stored, with its version."""
    initial = {name: getattr(claim, name) for name in form_class.base_fields if name != "version"}
    return form_class(initial={**initial, "version": claim.version})


def _act(
    request: HttpRequest,
    claim: PaymentClaim,
    *,
    form_class: type[ClaimActionForm],
    template: str,
    act: Callable[[dict[str, Any]], object],
    label: str,
    done: str,
) -> HttpResponse:
    """GET: the action's page. POST: the action and back to the claim; the form again with the
    refusal; or 409 with the claim as it is now when it changed after the page was opened."""
    page = {**_claim_context(request, claim), "action_label": label}
    if request.method != "POST":
        return render(request, template, {**page, "form": _current_form(form_class, claim)})
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except StaleVersionError:
            fresh = _claims().get(pk=claim.pk)
            current = _current_form(form_class, fresh)
            conflict = {"message": form.stale_message, "rows": conflict_rows(form, current)}
            context = {**_claim_context(request, fresh), "action_label": label, "form": current, "conflict": conflict}
            return render(request, template, context, status=409)
        except ActionRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            messages.success(request, done)
            return redirect(claim)
    return render(request, template, {**page, "form": form})


@view_entry(MANAGE, PaymentClaim, queryset=_claims, methods=("GET", "POST"))
def claim_send(request: HttpRequest, claim: PaymentClaim) -> HttpResponse:
    return _act(
        request,
        claim,
        form_class=ClaimActionForm,
        template="followup/paymentclaim_send.html",
        label=_("Send the payment claim"),
        act=lambda data: send_claim(claim, by=request.user, expected_version=data["version"]),
        done=_("Payment claim %(number)s was marked as sent; its figures are now fixed.") % {"number": claim.number},
    )


@view_entry(MANAGE, PaymentClaim, queryset=_claims, methods=("GET", "POST"))
def claim_payment(request: HttpRequest, claim: PaymentClaim) -> HttpResponse:
    return _act(
        request,
        claim,
        form_class=ClaimPaymentForm,
        template="followup/paymentclaim_payment.html",
        label=_("Record the payment"),
        act=lambda data: record_payment(
            claim,
            amount=data["paid_amount"],
            paid_on=data["paid_on"],
            explanation=data["difference_explanation"],
            by=request.user,
            expected_version=data["version"],
        ),
        done=_("The payment of claim %(number)s was recorded.") % {"number": claim.number},
    )


@view_entry(MANAGE, PaymentClaim, queryset=_claims, methods=("GET", "POST"))
def claim_return(request: HttpRequest, claim: PaymentClaim) -> HttpResponse:
    return _act(
        request,
        claim,
        form_class=ClaimReturnForm,
        template="followup/paymentclaim_return.html",
        label=_("Mark the claim as returned by the funder"),
        act=lambda data: return_claim(
            claim, reason=data["returned_reason"], by=request.user, expected_version=data["version"]
        ),
        done=_("Payment claim %(number)s was marked as returned by the funder.") % {"number": claim.number},
    )


# The PDF ------------------------------------------------------------------------------------------


@view_entry(VIEW, PaymentClaim, queryset=_claims)
def claim_pdf(request: HttpRequest, claim: PaymentClaim) -> HttpResponse:
    """The claim as a PDF; marked as a draft (LUONNOS) until it is sent."""
    context = {**_claim_context(request, claim), "draft": claim.is_drafted, "pdf": True}
    project = claim.project
    return pdf_download(
        request,
        claim,
        render=lambda: render_pdf("followup/paymentclaim_pdf.html", context),
        filename=f"maksatushakemus-{claim.number}-{slugify(project.title) or project.pk}.pdf",
        kind="maksatushakemus",
        project=project.pk,
        claim=claim.pk,
    )
