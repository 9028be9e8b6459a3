"""The forms about a body itself (decisions.forms.body_admin): the county administrator's new body and
the year's numbering start, through the real views, with hypothesis input.

The same oracle as test_meeting_forms.py: never a 500; 200 is the form again with a Finnish error;
302 stays on this site and the page it leads to escapes the values. Every example is rolled back.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from testing.factories import AgendaItemFactory, MeetingFactory
from testing.fuzz.coverage import fuzzed_in
from testing.fuzz.harness import (
    DB_SETTINGS,
    assert_saved_or_refused_in_finnish,
    client_for,
    draw_and_post,
    rolled_back,
)

# target: (URL name, whether the URL names the body, the role that uses it, form class name)
FORMS = {
    "body_create": ("decisions:body_create", False, "admin_user", "BodyForm"),
    "body_numbering": ("decisions:body_numbering", True, "secretary", "NumberingStartForm"),
}


def test_this_module_fuzzes_what_the_register_says():
    """testing/fuzz/coverage.py registers with this module exactly the forms it fuzzes."""
    assert fuzzed_in(__file__) == {form_name for *_rest, form_name in FORMS.values()}


@pytest.fixture
def numbered_body(body):
    """The body with § 1–2 and meeting 1 given this year, so a drawn start can collide."""
    year = timezone.localdate().year
    meeting = MeetingFactory(body=body, year=year, number=1)
    for section in (1, 2):
        AgendaItemFactory(meeting=meeting, section=section)
    return body


@pytest.mark.parametrize("target", sorted(FORMS))
@DB_SETTINGS
@given(data=st.data())
def test_body_form_never_fails_and_saves_or_refuses_in_finnish(
    request, target, numbered_body, secretary, admin_user, data
):
    url_name, names_body, role, form_name = FORMS[target]
    url = reverse(url_name, args=[numbered_body.pk] if names_body else None)
    user = {"secretary": secretary, "admin_user": admin_user}[role]
    with rolled_back():
        client = client_for(user)
        page, response = draw_and_post(request, data, client, url)
        assert type(page.form).__name__ == form_name
        assert_saved_or_refused_in_finnish(client, response)
