"""The actual costs' forms (followup.forms.costs) through their views with hypothesis-made input:
the manual cost on the costs page, the ledger upload, the account mapping's rows and the signed
confirmation. Never a 500; a save redirects, a refusal shows the form again with Finnish errors,
and a forged confirmation writes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from followup.models import ActualCost, LedgerImport
from testing.factories import ProjectFactory
from testing.fuzz.coverage import fuzzed_in
from testing.fuzz.harness import (
    DB_SETTINGS,
    assert_saved_or_refused_in_finnish,
    client_for,
    draw_and_post,
    post_drawn,
    rolled_back,
)

COVERED = {"LedgerUploadForm", "LedgerConfirmForm", "AccountMappingForm", "ManualCostForm"}
AMOUNT_TEXT = st.from_regex(r"[-−]?\d{1,7}([ .]\d{3})?([,.]\d{1,3})?( ?€)?", fullmatch=True)


def test_this_module_fuzzes_what_the_register_says():
    """testing/fuzz/coverage.py registers with this module exactly the forms it fuzzes."""
    assert fuzzed_in(__file__) == COVERED


@pytest.mark.parametrize("page", ["costs", "import"])
@DB_SETTINGS
@given(data=st.data())
def test_manual_cost_and_upload_forms_never_fail(request, page, director, data):
    with rolled_back():
        project = ProjectFactory()
        client = client_for(director)
        url = reverse("followup:project_costs" if page == "costs" else "followup:ledger_import", args=[project.pk])
        strategies = {"amount": AMOUNT_TEXT, "hours": AMOUNT_TEXT, "hourly_rate": AMOUNT_TEXT}
        _page, response = draw_and_post(request, data, client, url, strategies=strategies)
        assert_saved_or_refused_in_finnish(client, response)
        assert not LedgerImport.objects.exists()


@DB_SETTINGS
@given(account=st.text(max_size=30), category=st.text(max_size=12) | st.sampled_from(["staff", "", "other"]))
def test_account_mapping_rows_never_fail(request, director, account, category):
    with rolled_back():
        project = ProjectFactory()
        client = client_for(director)
        url = reverse("followup:project_accounts", args=[project.pk])
        post = {
            "mapping-TOTAL_FORMS": ["1"],
            "mapping-INITIAL_FORMS": ["0"],
            "mapping-0-account": [account],
            "mapping-0-category": [category],
        }
        response = post_drawn(request, client, url, post, {"account": account, "category": category})
        assert response.status_code in (200, 302)


@DB_SETTINGS
@given(payload=st.text(max_size=200), include=st.booleans())
def test_a_forged_confirmation_writes_nothing(request, director, payload, include):
    with rolled_back():
        project = ProjectFactory()
        client = client_for(director)
        url = reverse("followup:ledger_import", args=[project.pk])
        post = {"payload": [payload], **({"include_repeats": ["on"]} if include else {})}
        response = post_drawn(request, client, url, post, {"payload": payload})
        assert response.status_code == 200
        assert not ActualCost.objects.exists()
