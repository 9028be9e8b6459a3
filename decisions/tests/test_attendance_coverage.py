"""The attendance form offers everyone whose membership covers the meeting's day; the body's
members whose membership does not (it starts later, or ended before) are listed with a note."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from freezegun import freeze_time

from decisions.models import Membership
from testing.factories import HELSINKI, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(body):
    return MeetingFactory(body=body, year=2025, number=3, start=dt.datetime(2025, 6, 12, 14, tzinfo=HELSINKI))


def member(body, last_name, start, end=None, role=Membership.Role.MEMBER):
    person = PersonFactory(first_name="Jäsen", last_name=last_name, email=f"{last_name.lower()}@hva.fi")
    return MembershipFactory(person=person, body=body, role=role, start_date=start, end_date=end)


def attendance_page(client, meeting):
    return client.get(reverse("decisions:meeting_attendance", args=[meeting.pk]))


def test_members_covering_the_day_are_offered_and_the_others_noted(secretary_client, body, meeting):
    covering = member(body, "Kattava", dt.date(2025, 6, 1))
    ends_on_the_day = member(body, "Viimeinen", dt.date(2025, 6, 1), dt.date(2025, 6, 12))
    later = member(body, "Myohempi", dt.date(2025, 9, 1))
    ended = member(body, "Paattynyt", dt.date(2022, 3, 1), dt.date(2025, 5, 31))
    long_gone = member(body, "Kaukainen", dt.date(2017, 6, 1), dt.date(2021, 5, 31))

    response = attendance_page(secretary_client, meeting)
    offered = {row["person"] for row in response.context["formset"].initial}
    assert {covering.person_id, ends_on_the_day.person_id} <= offered
    assert not offered & {later.person_id, ended.person_id, long_gone.person_id}
    notes = {row.membership.person_id: row.note for row in response.context["uncovered"]}
    assert set(notes) == {later.person_id, ended.person_id}
    assert "1.9.2025" in notes[later.person_id]
    assert "31.5.2025" in notes[ended.person_id]
    page = response.content.decode()
    noted = page[page.index('id="uncovered-heading"') :].split("</section>")[0]
    assert "Myohempi" in noted and "Paattynyt" in noted and "Kaukainen" not in noted


def test_a_person_with_a_covering_membership_is_not_noted_for_another_one(secretary_client, body, meeting):
    person = PersonFactory(last_name="Kaksirooli")
    MembershipFactory(person=person, body=body, role=Membership.Role.MEMBER, start_date=dt.date(2025, 1, 1))
    MembershipFactory(person=person, body=body, role=Membership.Role.CHAIR, start_date=dt.date(2025, 9, 1))
    response = attendance_page(secretary_client, meeting)
    assert person.pk in {row["person"] for row in response.context["formset"].initial}
    assert person.pk not in {row.membership.person_id for row in response.context["uncovered"]}


def test_rows_show_what_tells_namesakes_apart(secretary_client, body, meeting):
    member(body, "Turunen", dt.date(2025, 1, 1))
    page = attendance_page(secretary_client, meeting).content.decode()
    assert "turunen@hva.fi" in page


@freeze_time("2025-06-20 12:00:00")
def test_members_added_after_a_past_meeting_with_the_proposed_date_are_offered(secretary_client, body, meeting):
    """The go-live case: a meeting entered afterwards, then its members with the date the form proposes."""
    person = PersonFactory(first_name="Uusi", last_name="Jäsen")
    form = secretary_client.get(reverse("decisions:membership_create", args=[body.pk])).context["form"]
    proposed = form.fields["start_date"].initial
    assert proposed == meeting.date
    response = secretary_client.post(
        reverse("decisions:membership_create", args=[body.pk]),
        {"person": person.pk, "role": "member", "start_date": f"{proposed:%d.%m.%Y}"},
    )
    assert response.status_code == 302
    offered = {row["person"] for row in attendance_page(secretary_client, meeting).context["formset"].initial}
    assert person.pk in offered


def test_the_attendance_page_reads_a_bounded_number_of_queries(
    secretary_client, body, meeting, django_assert_max_num_queries
):
    for number in range(15):
        member(body, f"Jasen{number}", dt.date(2025, 1, 1))
        member(body, f"Tuleva{number}", dt.date(2025, 9, 1))
    with django_assert_max_num_queries(30):
        response = attendance_page(secretary_client, meeting)
    assert len(response.context["uncovered"]) == 15
