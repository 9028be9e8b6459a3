"""The secretary's meeting pages: creating a meeting, its state buttons, attendance and quorum."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from decisions.models import AgendaItem, Attendance, Meeting, Membership
from decisions.services.agenda import add_item
from decisions.services.meetings import MeetingTransitionError, cancel_meeting, change_state
from testing.factories import (
    HELSINKI,
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)
from testing.pdf import fold_spaces, response_pdf_text
from testing.queries import count_queries

pytestmark = pytest.mark.django_db


def members(body, count: int, role=Membership.Role.MEMBER) -> list[Membership]:
    return [MembershipFactory(body=body, role=role, start_date=dt.date(2020, 1, 1)) for _ in range(count)]


def planned(body, **extra) -> Meeting:
    values = {"year": 2025, "start": dt.datetime(2025, 3, 4, 14, tzinfo=HELSINKI), "state": Meeting.State.PLANNED}
    return MeetingFactory(body=body, **{**values, **extra})


# Creating a meeting -------------------------------------------------------------------------------


def test_new_meeting_form_proposes_the_next_free_number(secretary_client, body):
    MeetingFactory(body=body, year=timezone.localdate().year, number=7)

    response = secretary_client.get(reverse("decisions:body_meeting_create", args=[body.pk]))

    assert response.status_code == 200
    assert response.context["form"]["number"].value() == 8
    assert "Luo kokous" in response.text


def test_secretary_creates_a_meeting_with_its_year_from_the_start(secretary_client, body):
    response = secretary_client.post(
        reverse("decisions:meeting_create"),
        {"body": body.pk, "number": "3", "start": "4.3.2026 14:00", "end": "4.3.2026 16:00", "place": "Joensuu"},
    )

    meeting = Meeting.objects.get(body=body)
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    assert (meeting.year, meeting.number, meeting.state) == (2026, 3, Meeting.State.PLANNED)


def test_a_taken_number_is_refused_in_finnish_and_the_free_one_named(secretary_client, body):
    MeetingFactory(body=body, year=2026, number=3)

    response = secretary_client.post(
        reverse("decisions:body_meeting_create", args=[body.pk]),
        {"body": body.pk, "number": "3", "start": "4.3.2026 14:00"},
    )

    assert response.status_code == 200
    assert "Numero 3 on jo käytössä vuonna 2026. Seuraava vapaa on 4." in response.text
    assert Meeting.objects.filter(body=body).count() == 1


def test_the_same_number_is_free_in_another_year(secretary_client, body):
    MeetingFactory(body=body, year=2025, number=1)

    secretary_client.post(
        reverse("decisions:body_meeting_create", args=[body.pk]),
        {"body": body.pk, "number": "1", "start": "8.1.2026 9:00"},
    )

    assert Meeting.objects.filter(body=body, year=2026, number=1).exists()


def test_another_bodys_secretary_cannot_create_a_meeting_of_the_body(other_secretary_client, body, other_body):
    response = other_secretary_client.post(
        reverse("decisions:meeting_create"), {"body": body.pk, "number": "1", "start": "8.1.2026 9:00"}
    )

    assert response.status_code == 200  # the body is not among the choices
    assert "body" in response.context["form"].errors
    assert not Meeting.objects.filter(body=body).exists()


# States ---------------------------------------------------------------------------------------------


def test_publishing_the_agenda_numbers_the_items_in_agenda_order(secretary_client, body):
    AgendaItemFactory(meeting=MeetingFactory(body=body, year=2025, number=1), section=4)
    meeting = planned(body, number=2)
    second = AgendaItemFactory(meeting=meeting, order=2, section=None)
    first = AgendaItemFactory(meeting=meeting, order=1, section=None)

    response = secretary_client.post(
        reverse("decisions:meeting_transition", args=[meeting.pk]), {"to": "agenda_published"}, follow=True
    )

    assert "Esityslista julkaistiin" in response.text
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.section, second.section) == (5, 6)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.AGENDA_PUBLISHED


def test_an_empty_agenda_cannot_be_published(secretary_client, body):
    meeting = planned(body, number=1)

    response = secretary_client.post(
        reverse("decisions:meeting_transition", args=[meeting.pk]), {"to": "agenda_published"}, follow=True
    )

    assert "Esityslistalla ei ole yhtään asiaa." in response.text
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.PLANNED


def test_a_meeting_is_held_only_with_a_quorum(body):
    meeting = planned(body, number=1, state=Meeting.State.AGENDA_PUBLISHED)
    seats = members(body, 4)
    AttendanceFactory(meeting=meeting, person=seats[0].person, present=True)
    AttendanceFactory(meeting=meeting, person=seats[1].person, present=True)

    with pytest.raises(MeetingTransitionError) as refused:
        change_state(meeting, Meeting.State.HELD)

    assert "läsnä 2 jäsentä, vaaditaan 3" in refused.value.errors[0]
    AttendanceFactory(meeting=meeting, person=seats[2].person, present=True)
    change_state(meeting, Meeting.State.HELD)
    assert Meeting.objects.get(pk=meeting.pk).state == Meeting.State.HELD


def test_minutes_go_to_be_checked_only_when_every_item_has_a_resolution(body):
    meeting = planned(body, number=1, state=Meeting.State.HELD)
    item = AgendaItemFactory(meeting=meeting, resolution="")

    with pytest.raises(MeetingTransitionError):
        change_state(meeting, Meeting.State.AWAITING_CHECK)

    AgendaItem.objects.filter(pk=item.pk).update(resolution=AgendaItem.Resolution.NOTED)
    change_state(meeting, Meeting.State.AWAITING_CHECK)
    assert meeting.state == Meeting.State.AWAITING_CHECK


def test_a_step_out_of_order_is_refused_and_nothing_changes(body):
    meeting = planned(body, number=1)

    with pytest.raises(MeetingTransitionError):
        change_state(meeting, Meeting.State.AWAITING_CHECK)
    with pytest.raises(MeetingTransitionError):
        change_state(meeting, Meeting.State.CHECKED)

    assert Meeting.objects.get(pk=meeting.pk).state == Meeting.State.PLANNED


def test_cancelling_the_latest_meeting_gives_its_numbers_back(body):
    meeting = planned(body, number=1)
    item = AgendaItemFactory(meeting=meeting, section=None)
    change_state(meeting, Meeting.State.AGENDA_PUBLISHED)
    assert AgendaItem.objects.get(pk=item.pk).section == 1

    change_state(meeting, Meeting.State.CANCELLED)

    assert AgendaItem.objects.get(pk=item.pk).section is None
    assert meeting.state == Meeting.State.CANCELLED


def test_a_meeting_whose_numbers_are_followed_by_a_published_agenda_cannot_be_cancelled(body):
    first = planned(body, number=1)
    AgendaItemFactory(meeting=first, section=None)
    change_state(first, Meeting.State.AGENDA_PUBLISHED)
    second = planned(body, number=2, start=dt.datetime(2025, 4, 1, 14, tzinfo=HELSINKI))
    AgendaItemFactory(meeting=second, section=None)
    change_state(second, Meeting.State.AGENDA_PUBLISHED)

    with pytest.raises(MeetingTransitionError) as refused:
        change_state(first, Meeting.State.CANCELLED)

    message = refused.value.errors[0]
    assert "aukollisiksi" in message
    assert f"kokouksella {second} on jo" in message and "pykälät 2–2" in message  # says which meeting
    assert Meeting.objects.get(pk=first.pk).state == Meeting.State.AGENDA_PUBLISHED
    assert sorted(AgendaItem.objects.filter(body=body).values_list("section", flat=True)) == [1, 2]


def test_an_item_added_after_a_later_agenda_does_not_let_the_cancel_leave_a_gap(body):
    """The probe of issue 14: § 1–2 and § 5 in the first meeting, § 3–4 in the second (published).
    The first's highest § is the year's last, but its § 1–2 would be left unused: refused."""
    first = planned(body, number=1)
    AgendaItemFactory.create_batch(2, meeting=first, section=None)
    change_state(first, Meeting.State.AGENDA_PUBLISHED)
    second = planned(body, number=2, start=dt.datetime(2025, 4, 1, 14, tzinfo=HELSINKI))
    AgendaItemFactory.create_batch(2, meeting=second, section=None)
    change_state(second, Meeting.State.AGENDA_PUBLISHED)
    late = add_item(AgendaItemFactory.build(meeting=first, section=None))
    assert late.section == 5

    with pytest.raises(MeetingTransitionError) as refused:
        change_state(first, Meeting.State.CANCELLED)

    assert "pykälät 3–4" in refused.value.errors[0]
    assert sorted(AgendaItem.objects.filter(body=body).values_list("section", flat=True)) == [1, 2, 3, 4, 5]


def test_cancelling_renumbers_the_later_unpublished_meetings_without_a_gap(secretary_client, body):
    """A later meeting whose agenda is not yet published (numbers given by the body's count) moves
    down into the released numbers; the page says so."""
    first = planned(body, number=1)
    AgendaItemFactory.create_batch(2, meeting=first, section=None)
    change_state(first, Meeting.State.AGENDA_PUBLISHED)
    second = planned(body, number=2, start=dt.datetime(2025, 4, 1, 14, tzinfo=HELSINKI))
    later = [AgendaItemFactory(meeting=second, section=section, order=section) for section in (3, 4, 5)]

    response = secretary_client.post(
        reverse("decisions:meeting_transition", args=[first.pk]), {"to": Meeting.State.CANCELLED}, follow=True
    )

    assert Meeting.objects.get(pk=first.pk).state == Meeting.State.CANCELLED
    assert not first.items.filter(section__isnull=False).exists()
    assert [AgendaItem.objects.get(pk=item.pk).section for item in later] == [1, 2, 3]
    text = " ".join(response.text.split())
    assert "Kokous peruttiin." in text
    assert f"({second}): § 3–5 ovat nyt § 1–3" in text
    third = planned(body, number=3, start=dt.datetime(2025, 5, 1, 14, tzinfo=HELSINKI))
    AgendaItemFactory(meeting=third, section=None)
    change_state(third, Meeting.State.AGENDA_PUBLISHED)
    numbered = AgendaItem.objects.filter(body=body, year=2025, section__isnull=False)
    assert sorted(numbered.values_list("section", flat=True)) == [1, 2, 3, 4]


def test_cancelling_refuses_when_any_later_meeting_is_fixed_and_changes_nothing(body):
    first = planned(body, number=1)
    AgendaItemFactory(meeting=first, section=None)
    change_state(first, Meeting.State.AGENDA_PUBLISHED)
    unpublished = planned(body, number=2, start=dt.datetime(2025, 4, 1, 14, tzinfo=HELSINKI))
    AgendaItemFactory(meeting=unpublished, section=2)
    held = planned(body, number=3, start=dt.datetime(2025, 5, 1, 14, tzinfo=HELSINKI), state=Meeting.State.HELD)
    AgendaItemFactory(meeting=held, section=3)

    with pytest.raises(MeetingTransitionError) as refused:
        cancel_meeting(first)

    assert f"kokouksella {held} on jo" in refused.value.errors[0]
    assert sorted(AgendaItem.objects.filter(body=body).values_list("section", flat=True)) == [1, 2, 3]


def test_state_buttons_are_posts_refused_to_others(staff_client, body):
    meeting = planned(body, number=1)
    AgendaItemFactory(meeting=meeting, section=None)

    response = staff_client.post(reverse("decisions:meeting_transition", args=[meeting.pk]), {"to": "agenda_published"})

    assert response.status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).state == Meeting.State.PLANNED


def test_meeting_page_shows_the_state_buttons_to_the_secretary(secretary_client, body):
    meeting = planned(body, number=1)

    text = secretary_client.get(meeting.get_absolute_url()).text

    assert "Julkaise esityslista" in text
    assert "Peru kokous" in text
    assert "Kirjaa läsnäolijat" in text
    assert "Lisää asia esityslistalle" in text


# Quorum --------------------------------------------------------------------------------------------


def test_quorum_is_more_than_half_of_the_members(body):
    meeting = planned(body, number=1)
    chair, *rest = members(body, 1, Membership.Role.CHAIR) + members(body, 4)
    MembershipFactory(body=body, role=Membership.Role.SECRETARY, start_date=dt.date(2020, 1, 1))  # not a member
    for seat in [chair, rest[0]]:
        AttendanceFactory(meeting=meeting, person=seat.person, present=True)
    AttendanceFactory(meeting=meeting, person=rest[1].person, present=False)

    quorum = meeting.quorum()

    assert (quorum.members, quorum.present, quorum.required, quorum.reached) == (5, 2, 3, False)
    AttendanceFactory(meeting=meeting, person=rest[2].person, present=True)
    assert meeting.quorum().reached


def test_a_personal_deputy_stands_in_only_for_an_absent_member(body):
    meeting = planned(body, number=1)
    seats = members(body, 3)
    deputy = MembershipFactory(
        body=body, role=Membership.Role.DEPUTY, deputy_of=seats[0], start_date=dt.date(2020, 1, 1)
    )
    AttendanceFactory(meeting=meeting, person=deputy.person, capacity=Attendance.Capacity.DEPUTY)
    AttendanceFactory(meeting=meeting, person=seats[1].person)

    assert meeting.quorum().present == 2  # the deputy for the absent first member, and the second

    AttendanceFactory(meeting=meeting, person=seats[0].person)
    assert meeting.quorum().present == 2  # the member came: the deputy no longer counts


def test_members_whose_term_has_ended_do_not_count(body):
    meeting = planned(body, number=1)
    members(body, 2)
    MembershipFactory(body=body, start_date=dt.date(2020, 1, 1), end_date=dt.date(2024, 12, 31))

    assert meeting.quorum().members == 2


def test_meeting_page_shows_legality_and_quorum(staff_client, body):
    meeting = planned(body, number=1)
    for seat in members(body, 3)[:2]:
        AttendanceFactory(meeting=meeting, person=seat.person)

    text = staff_client.get(meeting.get_absolute_url()).text

    assert "Kokous on laillinen ja päätösvaltainen: läsnä 2/3 jäsentä (vaaditaan 2)." in text


# Attendance page ------------------------------------------------------------------------------------


def attendance_post(response, changes: dict[str, str] | None = None, drop: tuple[str, ...] = ()) -> dict:
    """The attendance form as the browser would send it, with changes."""
    formset = response.context["formset"]
    data = {
        f"{formset.prefix}-TOTAL_FORMS": str(formset.total_form_count()),
        f"{formset.prefix}-INITIAL_FORMS": str(formset.initial_form_count()),
        response.context["attendance_version_name"]: response.context["attendance_version"],
    }
    for form in formset.forms:
        for name in form.fields:
            value = form[name].value()
            if name == "present":
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            data[form.add_prefix(name)] = "" if value is None else str(value)
    data.update(changes or {})
    for key in drop:
        data.pop(key, None)
    return data


def test_attendance_form_is_prefilled_from_the_bodys_memberships(secretary_client, body):
    meeting = planned(body, number=1)
    chair = MembershipFactory(body=body, role=Membership.Role.CHAIR, person=PersonFactory(last_name="Puheenjohtaja"))

    response = secretary_client.get(reverse("decisions:meeting_attendance", args=[meeting.pk]))

    assert response.status_code == 200
    names = [row["name"] for _form, row in response.context["rows"] if row]
    assert str(chair.person) in names
    assert "Sanna Sihteeri" in names  # the secretary of the body is an official at the meeting
    assert "Tallenna läsnäolijat" in response.text


def test_secretary_records_attendance_with_an_absence_and_a_departure(secretary_client, body):
    meeting = planned(body, number=1)
    item = AgendaItemFactory(meeting=meeting, section=12)
    stayed, left, away = members(body, 3)
    url = reverse("decisions:meeting_attendance", args=[meeting.pk])
    response = secretary_client.get(url)
    rows = {row["person"]: form for form, row in response.context["rows"] if row}
    data = attendance_post(
        response,
        {rows[left.person_id].add_prefix("left_at_item"): str(item.pk)},
        drop=(rows[away.person_id].add_prefix("present"),),
    )

    response = secretary_client.post(url, data)

    assert response.status_code == 302, response.context["formset"].errors
    recorded = {a.person_id: a for a in meeting.attendances.all()}
    assert recorded[stayed.person_id].present
    assert recorded[left.person_id].left_at_item == item
    assert not recorded[away.person_id].present
    assert recorded[stayed.person_id].capacity == Attendance.Capacity.MEMBER
    text = " ".join(secretary_client.get(meeting.get_absolute_url()).text.split())
    assert "poistui § 12 aikana" in text
    minutes = response_pdf_text(secretary_client.get(reverse("decisions:meeting_minutes_pdf", args=[meeting.pk])))
    assert "poistui § 12 aikana" in fold_spaces(minutes)


def test_attendance_refuses_a_departure_of_someone_absent(secretary_client, body):
    meeting = planned(body, number=1)
    item = AgendaItemFactory(meeting=meeting, section=12)
    (seat,) = members(body, 1)
    url = reverse("decisions:meeting_attendance", args=[meeting.pk])
    response = secretary_client.get(url)
    form = next(form for form, row in response.context["rows"] if row and row["person"] == seat.person_id)
    data = attendance_post(
        response, {form.add_prefix("left_at_item"): str(item.pk)}, drop=(form.add_prefix("present"),)
    )

    response = secretary_client.post(url, data)

    assert response.status_code == 200
    assert "on oltava merkitty läsnä olleeksi" in response.text
    assert not meeting.attendances.exists()


def test_attendance_adds_an_expert_in_the_empty_row(secretary_client, body):
    meeting = planned(body, number=1)
    expert = PersonFactory(last_name="Asiantuntija")
    url = reverse("decisions:meeting_attendance", args=[meeting.pk])
    response = secretary_client.get(url)
    blank = response.context["formset"].forms[-1]
    data = attendance_post(
        response,
        {
            blank.add_prefix("person"): str(expert.pk),
            blank.add_prefix("capacity"): "expert",
            blank.add_prefix("present"): "on",
        },
    )

    assert secretary_client.post(url, data).status_code == 302
    assert meeting.attendances.get(person=expert).capacity == Attendance.Capacity.EXPERT


def test_a_stale_attendance_save_is_refused_with_409_and_overwrites_nothing(secretary, body):
    """Two sessions open the attendance form; the first saves, the second gets 409 with the current
    rows in the form and its own entries below them, and nothing of the first is overwritten."""
    meeting = planned(body, number=1)
    (seat,) = members(body, 1)
    url = reverse("decisions:meeting_attendance", args=[meeting.pk])
    first, second = Client(), Client()
    first.force_login(secretary)
    second.force_login(secretary)
    pages = [client.get(url) for client in (first, second)]

    def note(page, text: str) -> dict:
        form = next(form for form, row in page.context["rows"] if row and row["person"] == seat.person_id)
        return attendance_post(page, {form.add_prefix("note"): text})

    saved = first.post(url, note(pages[0], "Saapui myöhässä"))
    stale = second.post(url, note(pages[1], "Poistui aikaisin"))

    assert saved.status_code == 302
    assert stale.status_code == 409
    assert meeting.attendances.get(person=seat.person).note == "Saapui myöhässä"
    assert "Joku muu tallensi osallistujat" in stale.text
    assert "Poistui aikaisin" in stale.text  # what the second user typed is shown, not lost
    assert stale.context["attendance_version"] == meeting.attendance_version()
    again = second.post(url, attendance_post(stale, {}))  # saved again from the current form: accepted
    assert again.status_code == 302


def test_an_attendance_save_without_a_version_is_refused(secretary_client, body):
    meeting = planned(body, number=1)
    members(body, 1)
    url = reverse("decisions:meeting_attendance", args=[meeting.pk])
    data = attendance_post(secretary_client.get(url))
    data.pop("attendance_version")

    assert secretary_client.post(url, data).status_code == 409
    assert not meeting.attendances.exists()


def test_attendance_page_is_refused_to_staff(staff_client, body):
    meeting = planned(body, number=1)

    assert staff_client.get(reverse("decisions:meeting_attendance", args=[meeting.pk])).status_code == 403


def test_meeting_page_runs_the_same_queries_with_quorum_for_few_and_many_people(
    secretary_client, body, django_assert_max_num_queries
):
    meeting = planned(body, number=1)
    AgendaItemFactory(meeting=meeting)
    for seat in members(body, 2):
        AttendanceFactory(meeting=meeting, person=seat.person)
    few = count_queries(secretary_client, meeting.get_absolute_url())
    for seat in members(body, 12):
        AttendanceFactory(meeting=meeting, person=seat.person)
    for _ in range(8):
        AgendaItemFactory(meeting=meeting, resolution=AgendaItem.Resolution.TABLED)

    with django_assert_max_num_queries(few):
        secretary_client.get(meeting.get_absolute_url())
