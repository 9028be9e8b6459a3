"""The accessibility feedback form (hankehallinta.accessibility) through the public statement page, with
hypothesis-made input, sent without signing in. Same oracle as test_forms.py: never a 500; the form
again with Finnish errors, or a redirect back to the statement, which shows the thanks escaped; a
saved feedback has its reply date 14 days on and holds what was sent."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from hankehallinta.models import AccessibilityFeedback
from testing.fuzz.coverage import fuzzed_in
from testing.fuzz.harness import DB_SETTINGS, assert_saved_or_refused_in_finnish, draw_and_post, rolled_back

COVERED = {"AccessibilityFeedbackForm"}


def test_this_module_fuzzes_what_the_register_says():
    """testing/fuzz/coverage.py registers with this module exactly the forms it fuzzes."""
    assert fuzzed_in(__file__) == COVERED


@DB_SETTINGS
@given(data=st.data())
def test_accessibility_feedback_form_never_fails(request, db, settings, data):
    settings.ACCESSIBILITY_FEEDBACK_PER_HOUR = 1_000_000  # the limit per address has its own test
    with rolled_back():
        client = Client(raise_request_exception=False)
        url = reverse("accessibility_statement")
        _page, response = draw_and_post(request, data, client, url)
        location = assert_saved_or_refused_in_finnish(client, response)
        if location is not None:
            assert location == url
            feedback = AccessibilityFeedback.objects.get()
            assert feedback.message.strip()
            assert feedback.reply_due == timezone.localdate(feedback.received_at) + dt.timedelta(days=14)
            assert not feedback.wants_reply or feedback.email
        else:
            assert not AccessibilityFeedback.objects.exists()
    cache.clear()
