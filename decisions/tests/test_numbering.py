"""A body continues a year's count kept elsewhere: where its § count and meeting numbers start, set
by its secretary in the pages; a start that collides with a number given is refused, and the
numbering continues from the start."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from decisions.models import AgendaItem, Meeting, NumberingStart
from decisions.services.agenda import number_agenda
from decisions.services.meetings import change_state
from testing.factories import HELSINKI, AgendaItemFactory, MeetingFactory, NumberingStartFactory

pytestmark = pytest.mark.django_db

YEAR = 2025


def planned(body, number: int, **extra) -> Meeting:
    values = {
        "year": YEAR,
        "number": number,
        "start": dt.datetime(YEAR, 6, number, 14, tzinfo=HELSINKI),
        "state": Meeting.State.PLANNED,
    }
    return MeetingFactory(body=body, **{**values, **extra})


def numbering_url(body, year: int = YEAR) -> str:
    return f"{reverse('decisions:body_numbering', args=[body.pk])}?year={year}"


def start_data(first_section: int | str, first_meeting_number: int | str = 1, *, version: int | str = "") -> dict:
    return {
        "year": str(YEAR),
        "first_section": str(first_section),
        "first_meeting_number": str(first_meeting_number),
        "version": str(version),
    }


def sections(meeting: Meeting) -> list[int | None]:
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("order").values_list("section", flat=True))


# Where the numbering continues ------------------------------------------------------------------


def test_with_a_start_of_101_and_nothing_given_the_first_section_is_101_then_102(body):
    NumberingStartFactory(body=body, year=YEAR, first_section=101)
    meeting = planned(body, 7)
    for order in (1, 2):
        AgendaItemFactory(meeting=meeting, section=None, order=order)

    number_agenda(meeting)

    assert sections(meeting) == [101, 102]


def test_after_section_101_the_next_item_gets_102(body):
    NumberingStartFactory(body=body, year=YEAR, first_section=101)
    meeting = planned(body, 7)
    AgendaItemFactory(meeting=meeting, section=None, order=1)
    change_state(meeting, Meeting.State.AGENDA_PUBLISHED)
    later = planned(body, 8)
    AgendaItemFactory(meeting=later, section=None, order=1)

    change_state(later, Meeting.State.AGENDA_PUBLISHED)

    assert sections(meeting) == [101]
    assert sections(later) == [102]


def test_the_start_holds_for_its_year_only(body):
    NumberingStartFactory(body=body, year=YEAR, first_section=101, first_meeting_number=7)
    meeting = planned(body, 1, year=YEAR + 1, start=dt.datetime(YEAR + 1, 1, 8, 14, tzinfo=HELSINKI))
    AgendaItemFactory(meeting=meeting, section=None)

    number_agenda(meeting)

    assert sections(meeting) == [1]
    assert Meeting.next_number(body, YEAR + 1) == 2


def test_a_cancelled_meeting_gives_the_numbers_back_to_the_start(body):
    NumberingStartFactory(body=body, year=YEAR, first_section=101)
    meeting = planned(body, 7)
    AgendaItemFactory(meeting=meeting, section=None)
    change_state(meeting, Meeting.State.AGENDA_PUBLISHED)
    change_state(meeting, Meeting.State.CANCELLED)
    later = planned(body, 8)
    AgendaItemFactory(meeting=later, section=None)

    number_agenda(later)

    assert sections(later) == [101]


def test_meeting_numbers_continue_from_their_start_likewise(secretary_client, body):
    NumberingStartFactory(body=body, year=YEAR, first_meeting_number=7)
    assert Meeting.next_number(body, YEAR) == 7

    planned(body, 7)

    assert Meeting.next_number(body, YEAR) == 8


def test_the_new_meeting_form_proposes_the_start_as_its_number(secretary_client, body):
    this_year = timezone.localdate().year
    NumberingStartFactory(body=body, year=this_year, first_meeting_number=7)

    response = secretary_client.get(reverse("decisions:body_meeting_create", args=[body.pk]))

    assert response.context["form"]["number"].value() == 7


# Setting the start in the pages -----------------------------------------------------------------


def test_secretary_sets_the_start_and_the_agenda_is_numbered_from_it(secretary_client, body):
    response = secretary_client.post(numbering_url(body), start_data(101, 7))

    assert response.status_code == 302 and response["Location"] == body.get_absolute_url()
    start = NumberingStart.objects.get(body=body, year=YEAR)
    assert (start.first_section, start.first_meeting_number, start.version) == (101, 7, 1)
    meeting = planned(body, Meeting.next_number(body, YEAR))
    AgendaItemFactory(meeting=meeting, section=None)
    change_state(meeting, Meeting.State.AGENDA_PUBLISHED)
    assert meeting.label == "7/2025"
    assert sections(meeting) == [101]


def test_a_start_colliding_with_a_given_section_is_refused_next_to_the_field_and_nothing_changes(
    secretary_client, body
):
    meeting = planned(body, 1)
    for section in (1, 2, 3):
        AgendaItemFactory(meeting=meeting, section=section, order=section)

    response = secretary_client.post(numbering_url(body), start_data(3, 2))

    assert response.status_code == 200
    [message] = response.context["form"].errors["first_section"]
    assert "§ 3" in message and "§ 4" in message
    assert not NumberingStart.objects.exists()
    assert message in response.text


def test_a_start_above_the_highest_given_section_is_accepted(secretary_client, body):
    meeting = planned(body, 1)
    for section in (1, 2, 3):
        AgendaItemFactory(meeting=meeting, section=section, order=section)

    response = secretary_client.post(numbering_url(body), start_data(101, 2))

    assert response.status_code == 302
    later = planned(body, 2)
    AgendaItemFactory(meeting=later, section=None)
    number_agenda(later)
    assert sections(later) == [101]


def test_a_start_colliding_with_a_given_meeting_number_is_refused_and_nothing_changes(secretary_client, body):
    planned(body, 1)
    planned(body, 3)

    response = secretary_client.post(numbering_url(body), start_data(1, 3))

    assert response.status_code == 200
    [message] = response.context["form"].errors["first_meeting_number"]
    assert "3/2025" in message
    assert not NumberingStart.objects.exists()


def test_moving_a_start_below_the_numbers_given_from_it_is_refused_and_the_old_start_stays(secretary_client, body):
    start = NumberingStartFactory(body=body, year=YEAR, first_section=101, first_meeting_number=7)
    meeting = planned(body, 7)
    for order in (1, 2, 3):
        AgendaItemFactory(meeting=meeting, section=None, order=order)
    number_agenda(meeting)  # § 101-103

    response = secretary_client.post(numbering_url(body), start_data(102, 7, version=start.version))

    assert response.status_code == 200
    assert response.context["form"].errors["first_section"]
    start.refresh_from_db()
    assert (start.first_section, start.version) == (101, 1)


def test_a_kept_section_start_lets_the_meeting_numbers_start_change(secretary_client, body):
    start = NumberingStartFactory(body=body, year=YEAR, first_section=101, first_meeting_number=7)
    meeting = planned(body, 7)
    AgendaItemFactory(meeting=meeting, section=None)
    number_agenda(meeting)  # § 101

    response = secretary_client.post(numbering_url(body), start_data(101, 9, version=start.version))

    assert response.status_code == 302
    start.refresh_from_db()
    assert (start.first_section, start.first_meeting_number, start.version) == (101, 9, 2)
    assert Meeting.next_number(body, YEAR) == 9


def test_a_stale_start_is_refused_with_409_and_the_first_one_stays(secretary_client, body):
    secretary_client.post(numbering_url(body), start_data(101, 7))

    stale = secretary_client.post(numbering_url(body), start_data(201, 7))  # opened before: no version

    assert stale.status_code == 409
    assert NumberingStart.objects.get(body=body, year=YEAR).first_section == 101
    assert "201" in stale.text


def test_the_form_opens_with_the_years_next_numbers_when_it_has_no_start(secretary_client, body):
    meeting = planned(body, 4)
    AgendaItemFactory(meeting=meeting, section=12)

    form = secretary_client.get(numbering_url(body)).context["form"]

    assert (form["year"].value(), form["first_section"].value(), form["first_meeting_number"].value()) == (
        YEAR,
        13,
        5,
    )
    assert not form["version"].value()


def test_other_bodies_secretary_is_refused(other_secretary_client, body):
    response = other_secretary_client.post(numbering_url(body), start_data(101))

    assert response.status_code == 403
    assert not NumberingStart.objects.exists()


# The body page -----------------------------------------------------------------------------------


def test_body_page_shows_each_years_first_and_next_numbers(staff_client, body):
    NumberingStartFactory(body=body, year=YEAR, first_section=101, first_meeting_number=7)
    meeting = planned(body, 7)
    AgendaItemFactory(meeting=meeting, section=101)

    text = staff_client.get(body.get_absolute_url()).text

    numbering = text.split('id="numbering-heading"')[1].split("</section>")[0]
    row = numbering.split(f'<th scope="row">{YEAR}</th>')[1].split("</tr>")[0]
    assert [cell.split(">")[1].split("<")[0] for cell in row.split("<td")[1:5]] == ["§ 101", "§ 102", "7", "8"]
    assert reverse("decisions:body_numbering", args=[body.pk]) not in text  # staff sets nothing


def test_body_page_runs_the_same_queries_for_one_and_many_numbered_years(
    secretary_client, body, django_assert_max_num_queries
):
    NumberingStartFactory(body=body, year=YEAR)
    AgendaItemFactory(meeting=planned(body, 1, year=YEAR, start=dt.datetime(YEAR, 6, 1, tzinfo=HELSINKI)))
    url = body.get_absolute_url()
    with django_assert_max_num_queries(100) as one:
        secretary_client.get(url)
    for year in range(2010, 2020):
        NumberingStartFactory(body=body, year=year)
        AgendaItemFactory(meeting=planned(body, 1, year=year, start=dt.datetime(year, 6, 1, tzinfo=HELSINKI)))

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = secretary_client.get(url)

    assert gettext("Numbering") in response.text and "2010" in response.text
