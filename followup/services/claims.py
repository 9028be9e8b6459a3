"""Payment claims' writes: draft, send, record the payment, mark returned.

Each function checks its precondition under a row lock and raises ActionRefused with a Finnish
message (the page shows it; nothing is written), or StaleVersionError when the claim changed after
the page was opened (the page answers 409). Each write is in the audit log with its figures. The
arithmetic is followup.claims; here is only what may happen when.

- draft_claim(): the next number of the project, the period, the figures as they are now;
- send_claim(): the figures computed again and frozen; refused over the grant, without the
  funder's decision, or for a period not after the claims already sent;
- record_payment(): the amount and date received; a difference needs an explanation;
- return_claim(): the funder sent the claim back, with the reason; a new claim can then be drafted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.claims import current_figures, store_figures
from followup.models import PaymentClaim
from hankehallinta.audit import record
from hankehallinta.models import AuditEvent
from hankehallinta.money import format_eur
from hankehallinta.services import ActionRefused
from hankehallinta.versioning import StaleVersionError
from projects.models import Project

if TYPE_CHECKING:
    import datetime as dt
    from decimal import Decimal

    from django.contrib.auth.models import AbstractBaseUser

State = PaymentClaim.State


def _date(day: dt.date) -> str:
    return f"{day:%-d.%-m.%Y}"


def _require_funding_decision(project: Project) -> None:
    if project.granted_amount is None or project.granted_aid_rate is None:
        raise ActionRefused(
            _(
                "The project has no funder's decision with a granted amount and an aid rate: "
                "record the funder's decision before the payment claims."
            )
        )


def _locked_claim(claim: PaymentClaim, expected_version: int | None) -> PaymentClaim:
    locked = PaymentClaim.objects.select_for_update(of=("self",)).select_related("project").get(pk=claim.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleVersionError(locked.version)
    return locked


def _lock_project(project_id: int) -> Project:
    return Project.objects.select_for_update(of=("self",)).get(pk=project_id)


def _refresh(claim: PaymentClaim, locked: PaymentClaim) -> None:
    """The caller's object shows what was written."""
    for model_field in PaymentClaim._meta.concrete_fields:
        setattr(claim, model_field.attname, getattr(locked, model_field.attname))


def _audit(action: str, claim: PaymentClaim, by: AbstractBaseUser, **detail: object) -> None:
    record(action, user=by, obj=claim, detail={"project": claim.project_id, "number": claim.number, **detail})


# Draft --------------------------------------------------------------------------------------------


def _check_new_period(project: Project, period_start: dt.date, period_end: dt.date) -> None:
    if period_end < period_start:
        raise ActionRefused(_("The period must end on or after its first day."), field="period_end")
    claims = PaymentClaim.objects.for_project(project).not_returned()
    final = claims.filter(is_final=True).first()
    if final is not None:
        raise ActionRefused(
            _("Payment claim %(number)s is the final claim of the project: no claim can be made after it.")
            % {"number": final.number}
        )
    overlapping = claims.overlapping(period_start, period_end).first()
    if overlapping is not None:
        raise ActionRefused(
            _("The period overlaps payment claim %(number)s (%(start)s–%(end)s).")
            % {
                "number": overlapping.number,
                "start": _date(overlapping.period_start),
                "end": _date(overlapping.period_end),
            },
            field="period_start",
        )


def draft_claim(
    project: Project, *, period_start: dt.date, period_end: dt.date, is_final: bool, by: AbstractBaseUser
) -> PaymentClaim:
    """A new drafted claim, numbered after the project's last one, with its figures as they are now."""
    with transaction.atomic():
        locked = _lock_project(project.pk)
        _require_funding_decision(locked)
        _check_new_period(locked, period_start, period_end)
        last = PaymentClaim.objects.for_project(locked).aggregate(last=Max("number"))["last"] or 0
        claim = PaymentClaim(
            project=locked,
            number=last + 1,
            period_start=period_start,
            period_end=period_end,
            is_final=is_final,
            created_by=by,
        )
        store_figures(claim, current_figures(claim))
        claim.save()
        _audit(AuditEvent.Action.CREATE, claim, by, amount_claimed=str(claim.amount_claimed), is_final=is_final)
    return claim


# Send ---------------------------------------------------------------------------------------------


def _check_sendable(claim: PaymentClaim) -> None:
    if claim.state != State.DRAFTED:
        raise ActionRefused(
            _("Only a drafted claim can be sent; this one is “%(state)s”.") % {"state": claim.get_state_display()}
        )
    _require_funding_decision(claim.project)
    sent = PaymentClaim.objects.for_project(claim.project_id).counted().other_than(claim)
    final = sent.filter(is_final=True).first()
    if final is not None:
        raise ActionRefused(
            _("Payment claim %(number)s, the final claim, has already been sent: the account is closed.")
            % {"number": final.number}
        )
    later = sent.filter(period_end__gte=claim.period_start).order_by("number").first()
    if later is not None:
        raise ActionRefused(
            _(
                "Payment claim %(number)s (%(start)s–%(end)s) has been sent for a period that overlaps or "
                "follows this one: a claim is sent only for a period after the claims already sent."
            )
            % {"number": later.number, "start": _date(later.period_start), "end": _date(later.period_end)}
        )


def send_claim(claim: PaymentClaim, *, by: AbstractBaseUser, expected_version: int | None = None) -> PaymentClaim:
    """Compute the figures again, freeze them and mark the claim sent; nothing changes when refused."""
    with transaction.atomic():
        _lock_project(claim.project_id)  # one send of the project at a time: the grant's check holds
        locked = _locked_claim(claim, expected_version)
        _check_sendable(locked)
        figures = current_figures(locked)
        if figures.exceeds_grant:
            raise ActionRefused(
                _(
                    "The claim cannot be sent: with it the claims would total %(total)s, more than the granted "
                    "amount %(granted)s (claimed earlier %(earlier)s, this claim %(claimed)s)."
                )
                % {
                    "total": format_eur(figures.claimed_in_total),
                    "granted": format_eur(figures.granted_amount),
                    "earlier": format_eur(figures.earlier_claimed),
                    "claimed": format_eur(figures.amount_claimed),
                }
            )
        fields = store_figures(locked, figures)
        locked.state = State.SENT
        locked.sent_at = timezone.now()
        locked.sent_by = by
        locked.version += 1
        locked.save(update_fields=[*fields, "state", "sent_at", "sent_by", "version"])
        _audit(
            AuditEvent.Action.STATE_CHANGE,
            locked,
            by,
            to=State.SENT.value,
            amount_claimed=str(locked.amount_claimed),
            amount_to_return=str(locked.amount_to_return),
        )
    _refresh(claim, locked)
    return claim


# Payment and return -------------------------------------------------------------------------------


def _require_sent(claim: PaymentClaim, message: str) -> None:
    if claim.state != State.SENT:
        raise ActionRefused(message % {"state": claim.get_state_display()})


def record_payment(
    claim: PaymentClaim,
    *,
    amount: Decimal,
    paid_on: dt.date,
    explanation: str = "",
    by: AbstractBaseUser,
    expected_version: int | None = None,
) -> PaymentClaim:
    """The funder paid `amount` on `paid_on`; an amount other than the one claimed needs `explanation`."""
    explanation = explanation.strip()
    with transaction.atomic():
        locked = _locked_claim(claim, expected_version)
        _require_sent(locked, _("A payment can be recorded only for a sent claim; this one is “%(state)s”."))
        if amount < 0:
            raise ActionRefused(_("The amount paid cannot be negative."), field="paid_amount")
        if amount != locked.amount_claimed and not explanation:
            raise ActionRefused(
                _("The funder paid %(paid)s, not the %(claimed)s claimed: explain the difference.")
                % {"paid": format_eur(amount), "claimed": format_eur(locked.amount_claimed)},
                field="difference_explanation",
            )
        locked.paid_amount = amount
        locked.paid_on = paid_on
        locked.difference_explanation = explanation
        locked.state = State.PAID
        locked.version += 1
        locked.save(update_fields=["paid_amount", "paid_on", "difference_explanation", "state", "version"])
        _audit(
            AuditEvent.Action.STATE_CHANGE,
            locked,
            by,
            to=State.PAID.value,
            paid_amount=str(amount),
            paid_on=paid_on.isoformat(),
        )
    _refresh(claim, locked)
    return claim


def return_claim(
    claim: PaymentClaim, *, reason: str, by: AbstractBaseUser, expected_version: int | None = None
) -> PaymentClaim:
    """The funder sent the claim back: it no longer counts, and its period can be claimed again."""
    reason = reason.strip()
    with transaction.atomic():
        locked = _locked_claim(claim, expected_version)
        _require_sent(locked, _("Only a sent claim can be marked as returned; this one is “%(state)s”."))
        if not reason:
            raise ActionRefused(_("Give the reason the funder gave for returning the claim."), field="returned_reason")
        locked.state = State.RETURNED
        locked.returned_reason = reason
        locked.returned_at = timezone.now()
        locked.version += 1
        locked.save(update_fields=["state", "returned_reason", "returned_at", "version"])
        _audit(AuditEvent.Action.STATE_CHANGE, locked, by, to=State.RETURNED.value)
    _refresh(claim, locked)
    return claim
