"""The funding call's form (projects.forms.calls) through its views, new and edit, with hypothesis-made
input (percentages typed in every way among them). Same oracle as test_forms.py: never a 500; the
form again with Finnish errors, or a redirect on this site to the list, which shows the values
escaped and the aid rate as a fraction between 0 and 1."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from projects.models import FundingCall
from testing.factories import FundingCallFactory
from testing.fuzz.coverage import fuzzed_in
from testing.fuzz.harness import (
    DB_SETTINGS,
    assert_saved_or_refused_in_finnish,
    client_for,
    draw_and_post,
    rolled_back,
)

COVERED = {"FundingCallForm"}
#: Percentages as people type them, right and wrong: "75", "75,5 %", "100,01", "-3", "75.5", "7 5".
PERCENT_TEXT = st.from_regex(r"[-−]?\d{1,4}([,.]\d{1,5})?( ?%)?|\d \d|%", fullmatch=True)


def test_this_module_fuzzes_what_the_register_says():
    """testing/fuzz/coverage.py registers with this module exactly the forms it fuzzes."""
    assert fuzzed_in(__file__) == COVERED


@pytest.mark.parametrize("target", ["create", "edit"])
@DB_SETTINGS
@given(data=st.data())
def test_funding_call_form_never_fails(request, target, director, data):
    with rolled_back():
        call = FundingCallFactory(funder="STM", name="Kehittämishaku", max_aid_rate=Decimal("0.8000"))
        client = client_for(director)
        url = reverse("projects:call_create") if target == "create" else reverse("projects:call_edit", args=[call.pk])
        _page, response = draw_and_post(request, data, client, url, strategies={"max_aid_rate": PERCENT_TEXT})
        location = assert_saved_or_refused_in_finnish(client, response)
        if location is not None:
            assert location.startswith(reverse("projects:call_list"))
            for saved in FundingCall.objects.all():
                assert saved.max_aid_rate is None or Decimal(0) <= saved.max_aid_rate <= 1
