"""The payment claims' forms (followup.forms.claims) through their views, with hypothesis-made input:
a new claim's period, the payment received, the return, and the send's version. Same oracle as
test_forms.py: never a 500; the form again with Finnish errors (or 409 for a stale version), or a
redirect on this site to the claim's page, which shows the values escaped."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from followup.models import PaymentClaim
from followup.services.claims import draft_claim, send_claim
from testing.factories import ProjectFactory
from testing.fuzz.coverage import fuzzed_in
from testing.fuzz.harness import (
    DB_SETTINGS,
    assert_saved_or_refused_in_finnish,
    client_for,
    draw_and_post,
    rolled_back,
)

COVERED = {"ClaimCreateForm", "ClaimActionForm", "ClaimPaymentForm", "ClaimReturnForm"}
#: Amounts as people type them: "1 234,56", "1234.5", "-3", "1.234,56 €".
AMOUNT_TEXT = st.from_regex(r"[-−]?\d{1,7}([ .]\d{3})?([,.]\d{1,3})?( ?€)?", fullmatch=True)
TARGETS = {"create": "followup:claim_create", "payment": "followup:claim_payment", "return": "followup:claim_return"}


def test_this_module_fuzzes_what_the_register_says():
    """testing/fuzz/coverage.py registers with this module exactly the forms it fuzzes."""
    assert fuzzed_in(__file__) == COVERED


def _claims(user) -> tuple[PaymentClaim, PaymentClaim]:
    """A project with the funder's decision: its H1 2025 claim sent, its H2 2025 claim drafted."""
    project = ProjectFactory(
        state="in_progress",
        granted_amount=Decimal("10000.00"),
        granted_aid_rate=Decimal("0.8000"),
        funding_decision_date=dt.date(2024, 12, 1),
        funding_decision_reference="EURA-S30123",
    )
    sent = draft_claim(
        project, period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 6, 30), is_final=False, by=user
    )
    drafted = draft_claim(
        project, period_start=dt.date(2025, 7, 1), period_end=dt.date(2025, 12, 31), is_final=False, by=user
    )
    return send_claim(sent, by=user), drafted


@pytest.mark.parametrize("target", sorted(TARGETS))
@DB_SETTINGS
@given(data=st.data())
def test_claim_forms_never_fail(request, target, director, data):
    with rolled_back():
        sent, _drafted = _claims(director)
        client = client_for(director)
        pk = sent.project_id if target == "create" else sent.pk
        url = reverse(TARGETS[target], args=[pk])
        _page, response = draw_and_post(request, data, client, url, strategies={"paid_amount": AMOUNT_TEXT})
        location = assert_saved_or_refused_in_finnish(client, response)
        if location is not None:
            for claim in PaymentClaim.objects.all():
                assert claim.period_start <= claim.period_end
                assert claim.paid_amount is None or claim.paid_amount >= 0


@DB_SETTINGS
@given(version=st.one_of(st.integers(-5, 10**12).map(str), st.text(max_size=20)))
def test_a_send_with_any_version_never_fails(director, version):
    with rolled_back():
        _sent, drafted = _claims(director)
        client = client_for(director)
        response = client.post(reverse("followup:claim_send", args=[drafted.pk]), {"version": version})
        drafted.refresh_from_db()
        assert response.status_code in (200, 302, 409)
        assert drafted.is_sent == (response.status_code == 302)
