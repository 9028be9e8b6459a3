"""Payment claims' writes (followup.services.claims): drafted → sent → paid or returned, figures frozen
when sent, earlier claims deducted, the granted amount never exceeded, the final claim's return,
stale actions refused, every write audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from budgets.models import BudgetLine
from followup.claims import figures_of
from followup.models import PaymentClaim
from followup.services.claims import draft_claim, record_payment, return_claim, send_claim
from hankehallinta.models import AuditEvent
from hankehallinta.services import ActionRefused
from hankehallinta.versioning import StaleVersionError
from projects.models import Project
from testing.factories import ActualCostFactory, BudgetLineFactory, ProjectFactory

pytestmark = pytest.mark.django_db

D = Decimal
State = PaymentClaim.State
H1 = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
H2 = (dt.date(2025, 7, 1), dt.date(2025, 12, 31))


@pytest.fixture
def project() -> Project:
    """Granted 20 000,00 € at 75 %, with a 40 % flat rate on staff costs; 1 000,00 € of staff costs
    and 234,56 € of travel in each half of 2025."""
    project = ProjectFactory(
        state=Project.State.IN_PROGRESS,
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 12, 31),
        funding_call=None,
        granted_amount=D("20000.00"),
        granted_aid_rate=D("0.7500"),
        funding_decision_date=dt.date(2024, 12, 1),
        funding_decision_reference="ESR-2024-123",
    )
    BudgetLineFactory(
        project=project,
        category=BudgetLine.Category.FLAT_RATE,
        year=2025,
        amount=D("800.00"),
        flat_rate=D("0.4000"),
        flat_rate_base=[BudgetLine.Category.STAFF],
    )
    for day in (dt.date(2025, 3, 1), dt.date(2025, 9, 1)):
        ActualCostFactory(project=project, date=day, amount=D("1000.00"), category=BudgetLine.Category.STAFF)
        ActualCostFactory(project=project, date=day, amount=D("234.56"), category=BudgetLine.Category.TRAVEL)
    return project


def draft(project, period, *, by, final=False) -> PaymentClaim:
    return draft_claim(project, period_start=period[0], period_end=period[1], is_final=final, by=by)


def test_a_drafted_claim_has_the_periods_figures_and_the_next_number(project, director):
    claim = draft(project, H1, by=director)

    assert (claim.number, claim.state) == (1, State.DRAFTED)
    assert claim.costs_by_category == {"staff": "1000.00", "travel": "234.56"}
    assert claim.flat_rate_amount == D("400.00")
    assert claim.total_eligible == D("1634.56")
    assert claim.amount_claimed == D("1225.92")  # 1 634,56 × 0,75
    assert draft(project, H2, by=director).number == 2


def test_sending_freezes_the_figures(project, director):
    claim = draft(project, H1, by=director)
    send_claim(claim, by=director, expected_version=claim.version)
    ActualCostFactory(project=project, date=dt.date(2025, 4, 1), amount=D("500.00"))

    claim.refresh_from_db()
    assert claim.state == State.SENT
    assert claim.sent_by == director and claim.sent_at is not None
    assert claim.amount_claimed == D("1225.92")
    assert figures_of(claim).amount_claimed == D("1225.92")


def test_a_later_claim_deducts_what_the_earlier_claims_claimed(project, director):
    first = draft(project, H1, by=director)
    send_claim(first, by=director)
    record_payment(first, amount=D("1225.92"), paid_on=dt.date(2025, 8, 15), by=director)

    second = send_claim(draft(project, H2, by=director), by=director)

    assert second.earlier_claimed == D("1225.92")
    assert second.cumulative_eligible == D("3269.12")
    assert second.aid_on_eligible == D("2451.84")
    assert second.amount_claimed == D("1225.92")


def test_sending_over_the_granted_amount_is_refused_and_nothing_changes(project, director):
    Project.objects.filter(pk=project.pk).update(granted_amount=D("1000.00"))
    claim = draft(project, H1, by=director)
    events = AuditEvent.objects.count()

    with pytest.raises(ActionRefused) as refused:
        send_claim(claim, by=director, expected_version=claim.version)

    assert "1 225,92" in refused.value.message.replace("\u00a0", " ")
    assert "1 000,00" in refused.value.message.replace("\u00a0", " ")
    claim.refresh_from_db()
    assert (claim.state, claim.version, claim.sent_at) == (State.DRAFTED, 1, None)
    assert AuditEvent.objects.count() == events


def test_a_claim_needs_the_funders_decision(project, director):
    Project.objects.filter(pk=project.pk).update(granted_aid_rate=None)
    project.refresh_from_db()

    with pytest.raises(ActionRefused):
        draft(project, H1, by=director)
    assert not PaymentClaim.objects.exists()


def test_a_period_overlapping_a_claim_is_refused_until_that_claim_is_returned(project, director):
    first = send_claim(draft(project, H1, by=director), by=director)

    with pytest.raises(ActionRefused) as refused:
        draft(project, (dt.date(2025, 6, 1), dt.date(2025, 7, 31)), by=director)
    assert refused.value.field == "period_start"

    return_claim(first, reason="Liitteet puuttuvat", by=director)
    again = draft(project, H1, by=director)
    assert again.number == 2
    assert again.earlier_claimed == D("0.00")


def test_a_claim_is_not_sent_for_a_period_before_a_claim_already_sent(project, director):
    early = draft(project, H1, by=director)
    send_claim(draft(project, H2, by=director), by=director)

    with pytest.raises(ActionRefused):
        send_claim(early, by=director)


def test_a_payment_that_differs_needs_an_explanation(project, director):
    claim = send_claim(draft(project, H1, by=director), by=director)

    with pytest.raises(ActionRefused) as refused:
        record_payment(claim, amount=D("1200.00"), paid_on=dt.date(2025, 9, 1), by=director)
    assert refused.value.field == "difference_explanation"

    record_payment(claim, amount=D("1200.00"), paid_on=dt.date(2025, 9, 1), explanation="Matka hylätty", by=director)
    claim.refresh_from_db()
    assert (claim.state, claim.paid_amount, claim.payment_difference) == (State.PAID, D("1200.00"), D("-25.92"))


def test_only_a_sent_claim_is_paid_or_returned(project, director):
    claim = draft(project, H1, by=director)

    with pytest.raises(ActionRefused):
        record_payment(claim, amount=D("1"), paid_on=dt.date(2025, 9, 1), explanation="x", by=director)
    with pytest.raises(ActionRefused):
        return_claim(claim, reason="x", by=director)


def test_an_action_on_a_stale_version_changes_nothing(project, director):
    claim = draft(project, H1, by=director)
    send_claim(claim, by=director, expected_version=1)

    with pytest.raises(StaleVersionError):
        return_claim(claim, reason="Palautettu", by=director, expected_version=1)
    claim.refresh_from_db()
    assert (claim.state, claim.version) == (State.SENT, 2)


def test_the_final_claim_closes_the_account_with_the_amount_to_return(project, director):
    first = send_claim(draft(project, H1, by=director), by=director)
    # The funder paid more than the first claim (an advance of 3 000,00 € was agreed).
    record_payment(first, amount=D("3000.00"), paid_on=dt.date(2025, 8, 1), explanation="Ennakko", by=director)

    final = send_claim(draft(project, H2, by=director, final=True), by=director)

    assert final.aid_on_eligible == D("2451.84")
    assert final.earlier_paid == D("3000.00")
    assert final.amount_claimed == D("0.00")
    assert final.amount_to_return == D("548.16")  # 3 000,00 − 2 451,84
    with pytest.raises(ActionRefused):
        draft(project, (dt.date(2026, 1, 1), dt.date(2026, 1, 31)), by=director)


def test_every_claim_write_is_audited(project, director):
    claim = draft(project, H1, by=director)
    send_claim(claim, by=director)
    record_payment(claim, amount=claim.amount_claimed, paid_on=dt.date(2025, 9, 1), by=director)

    events = AuditEvent.objects.filter(object_type="followup.paymentclaim", object_id=str(claim.pk)).order_by("pk")
    assert [event.action for event in events] == ["create", "state_change", "state_change"]
    assert [event.detail.get("to") for event in events] == [None, "sent", "paid"]
    assert events[1].detail["amount_claimed"] == "1225.92"
