"""The secretary's create forms (decisions.forms: bodies, meetings, agenda) through the real views,
with hypothesis input.

The same oracle as test_forms.py: never a 500; 200 is the form again with a Finnish error; 302
stays on this site and the pages that show the values escape them. Every example is rolled back.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st

from decisions.models import Meeting, Membership
from testing.factories import HELSINKI, AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory
from testing.fuzz.coverage import fuzzed_in
from testing.fuzz.harness import (
    DB_SETTINGS,
    assert_escaped,
    assert_finnish_errors,
    assert_local_redirect,
    assert_saved_or_refused_in_finnish,
    client_for,
    draw_and_post,
    post_drawn,
    rolled_back,
    strategy_for,
)


@pytest.fixture
def world(body, secretary, presenter_person):
    chair = MembershipFactory(body=body, role=Membership.Role.CHAIR, person=PersonFactory(last_name="Puheenjohtaja"))
    for number in range(2):
        MembershipFactory(body=body, person=PersonFactory(last_name=f"Jäsen{number}"))
    meeting = MeetingFactory(
        body=body, year=2025, number=1, state=Meeting.State.PLANNED, start=dt.datetime(2025, 3, 4, 14, tzinfo=HELSINKI)
    )
    item = AgendaItemFactory(meeting=meeting, section=None, presenter=presenter_person)
    AgendaItemFactory(meeting=meeting, section=None)
    return {"body": body, "meeting": meeting, "item": item, "membership": chair}


# target: (URL name, object in `world`, form class name)
CREATE_FORMS = {
    "body_edit": ("decisions:body_edit", "body", "BodyRegistryForm"),
    "person_create": ("decisions:person_create", "body", "PersonForm"),
    "membership_create": ("decisions:membership_create", "body", "MembershipForm"),
    "membership_end": ("decisions:membership_end", "membership", "MembershipEndForm"),
    "meeting_create": ("decisions:body_meeting_create", "body", "MeetingCreateForm"),
    "item_create": ("decisions:item_create", "meeting", "ItemCreateForm"),
    "attachment_create": ("decisions:attachment_create", "item", "AttachmentForm"),
}
FUZZED = {form_name for _url, _key, form_name in CREATE_FORMS.values()} | {"AttendanceRowForm"}


def test_this_module_fuzzes_what_the_register_says():
    """testing/fuzz/coverage.py registers with this module exactly the forms it fuzzes."""
    assert fuzzed_in(__file__) == FUZZED


@pytest.mark.parametrize("target", sorted(CREATE_FORMS))
@DB_SETTINGS
@given(data=st.data())
def test_create_form_never_fails_and_saves_or_refuses_in_finnish(request, target, world, secretary, data):
    url_name, key, form_name = CREATE_FORMS[target]
    url = reverse(url_name, args=[world[key].pk])
    with rolled_back():
        client = client_for(secretary)
        page, response = draw_and_post(request, data, client, url)
        assert type(page.form).__name__ == form_name
        assert_saved_or_refused_in_finnish(client, response)


@DB_SETTINGS
@given(data=st.data())
def test_attendance_form_never_fails_and_saves_or_refuses_in_finnish(request, world, secretary, data):
    meeting = world["meeting"]
    url = reverse("decisions:meeting_attendance", args=[meeting.pk])
    with rolled_back():
        client = client_for(secretary)
        response = client.get(url)
        formset = response.context["formset"]
        post: dict[str, list[str]] = {
            f"{formset.prefix}-TOTAL_FORMS": [str(formset.total_form_count())],
            f"{formset.prefix}-INITIAL_FORMS": [str(formset.initial_form_count())],
            response.context["attendance_version_name"]: [response.context["attendance_version"]],
        }
        for form in formset.forms:
            for name in form.fields:
                value = form[name].value()
                if name == "present":
                    if value:
                        post[form.add_prefix(name)] = ["on"]
                elif value is not None:
                    post[form.add_prefix(name)] = [str(value)]
        row = data.draw(st.sampled_from(formset.forms), "row")
        names = data.draw(st.lists(st.sampled_from(list(row.fields)), unique=True, min_size=1), "fields")
        sent = {}
        for name in names:
            sent[name] = data.draw(strategy_for(row.fields[name]), name)
            key = row.add_prefix(name)
            if sent[name] is None or sent[name] == []:
                post.pop(key, None)
            else:
                post[key] = [str(one) for one in sent[name]] if isinstance(sent[name], list) else [sent[name]]

        response = post_drawn(request, client, url, post, sent)
        if response.status_code == 302:
            event("saved")
            assert assert_local_redirect(response) == meeting.get_absolute_url()
            assert_escaped(client.get(meeting.get_absolute_url()).content.decode())
        else:
            assert response.status_code == 200
            event("refused: errors")
            formset = response.context["formset"]
            assert not formset.is_valid()
            for form in formset.forms:
                if form.errors:
                    assert_finnish_errors(form)
            assert_escaped(response.content.decode())
