"""The secretary's and the presenter's edit pages: who may edit what, Finnish field errors, and that
nothing outside the form's fields can be set."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from decisions.models import AgendaItem, Body, Meeting, Membership
from hankehallinta.models import AuditEvent
from testing.factories import HELSINKI, AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory
from testing.seed import seed_item

pytestmark = pytest.mark.django_db


def item_in(body, state=Meeting.State.PLANNED, **extra) -> AgendaItem:
    """An item of a meeting in `state`; a meeting not yet held starts next week, as it would."""
    upcoming = state in (Meeting.State.PLANNED, Meeting.State.AGENDA_PUBLISHED)
    meeting = MeetingFactory(
        body=body, state=state, **({"start": timezone.now() + dt.timedelta(days=7)} if upcoming else {})
    )
    return AgendaItemFactory(meeting=meeting, section=None, **extra)


def item_data(item: AgendaItem, **changes) -> dict:
    """The secretary's form as a browser would send it, with `changes`."""
    data = {
        "title": item.title,
        "register_number": item.register_number,
        "proposal": item.proposal,
        "description": item.description,
        "secrecy_ground": item.secrecy_ground,
        "appeal_route": item.appeal_route,
        "appeal_provision": item.appeal_provision,
        "no_appeal_ground": item.no_appeal_ground,
        "distribution": item.distribution,
        "version": item.version,
    }
    if item.is_public:
        data["is_public"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def meeting_data(meeting: Meeting, **changes) -> dict:
    data = {"start": "28.11.2023 14:00", "end": "", "place": meeting.place, "version": meeting.version}
    data.update(changes)
    return data


def field_error(response, field: str) -> str:
    """The text of the invalid-feedback block that crispy renders under the field."""
    match = re.search(rf'<div id="id_{field}_error" class="invalid-feedback">(.*?)</div>', response.text, re.S)
    assert match, f"no error shown at {field}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def edit_url(item: AgendaItem) -> str:
    return reverse("decisions:item_edit", args=[item.pk])


def meeting_edit_url(meeting: Meeting) -> str:
    return reverse("decisions:meeting_edit", args=[meeting.pk])


# Agenda item: who may edit -----------------------------------------------------------------------


def test_secretary_edits_all_data_of_an_item_of_their_body(secretary_client, body):
    item = item_in(body)
    data = item_data(
        item,
        title="Uusi otsikko",
        register_number="SIUN/99/2025",
        proposal="Uusi ehdotus",
        distribution="Kirjaamo",
        appeal_provision="Hyvinvointialuelaki 141 §",
    )

    response = secretary_client.post(edit_url(item), data)

    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    item.refresh_from_db()
    assert (item.title, item.register_number, item.proposal, item.distribution) == (
        "Uusi otsikko",
        "SIUN/99/2025",
        "Uusi ehdotus",
        "Kirjaamo",
    )
    assert item.version == 2


def test_successful_save_shows_a_finnish_message(secretary_client, body):
    item = item_in(body)

    response = secretary_client.post(edit_url(item), item_data(item, proposal="Muutettu"), follow=True)

    assert "Pykälän tiedot tallennettiin." in response.text


def test_write_is_logged_with_the_permission_used(secretary_client, secretary, body):
    item = item_in(body)

    secretary_client.post(edit_url(item), item_data(item, proposal="Muutettu"))

    event = AuditEvent.objects.for_object(item).filter(action=AuditEvent.Action.UPDATE).get()
    assert event.user == secretary
    assert event.authority == "decisions.edit_item"
    assert item.history.first().history_user == secretary


def test_secretary_of_another_body_cannot_open_or_save_the_item(other_secretary_client, body):
    item = item_in(body, proposal="Alkuperäinen")

    assert other_secretary_client.get(edit_url(item)).status_code == 403
    response = other_secretary_client.post(edit_url(item), item_data(item, proposal="Kaapattu"))

    assert response.status_code == 403
    item.refresh_from_db()
    assert (item.proposal, item.version) == ("Alkuperäinen", 1)
    denied = AuditEvent.objects.for_object(item).filter(action=AuditEvent.Action.DENIED)
    assert [event.authority for event in denied] == ["decisions.edit_proposal", "decisions.edit_proposal"]


def test_secretary_of_another_body_cannot_open_its_confidential_item(other_secretary_client, body):
    item = item_in(body, is_public=False, secrecy_ground="JulkL 24.1 § 25 k")

    response = other_secretary_client.get(edit_url(item))

    assert response.status_code == 403
    assert AuditEvent.objects.get(action=AuditEvent.Action.DENIED).authority == "decisions.view_item"


@pytest.mark.parametrize("client_name", ["director_client", "staff_client"])
def test_director_and_staff_cannot_edit_items(request, client_name, body):
    client = request.getfixturevalue(client_name)
    item = item_in(body, proposal="Alkuperäinen")

    assert client.get(edit_url(item)).status_code == 403
    assert client.post(edit_url(item), item_data(item, proposal="Muutettu")).status_code == 403
    item.refresh_from_db()
    assert item.proposal == "Alkuperäinen"


@pytest.mark.parametrize("state", [Meeting.State.PLANNED, Meeting.State.AGENDA_PUBLISHED])
def test_presenter_edits_only_the_proposal_and_description_before_the_meeting(
    presenter_client, body, presenter_person, state
):
    item = item_in(body, state=state, presenter=presenter_person, title="Otsikko", proposal="Vanha")

    page = presenter_client.get(edit_url(item))
    response = presenter_client.post(
        edit_url(item),
        item_data(item, title="Esittelijän otsikko", proposal="Esittelijän ehdotus", description="Perustelut"),
    )

    assert 'name="proposal"' in page.text
    assert 'name="title"' not in page.text
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.proposal, item.description) == ("Otsikko", "Esittelijän ehdotus", "Perustelut")
    update = AuditEvent.objects.for_object(item).get(action=AuditEvent.Action.UPDATE)
    assert update.authority == "decisions.edit_proposal"


@pytest.mark.parametrize("state", [Meeting.State.HELD, Meeting.State.AWAITING_CHECK, Meeting.State.ADJOURNED])
def test_presenter_cannot_edit_the_proposal_once_the_meeting_is_held(presenter_client, body, presenter_person, state):
    item = item_in(body, state=state, presenter=presenter_person, proposal="Kokouksessa käsitelty")

    assert presenter_client.get(edit_url(item)).status_code == 403
    response = presenter_client.post(edit_url(item), item_data(item, proposal="Jälkikäteen muutettu"))

    assert response.status_code == 403
    item.refresh_from_db()
    assert item.proposal == "Kokouksessa käsitelty"


@pytest.mark.parametrize("state", [Meeting.State.PLANNED, Meeting.State.AGENDA_PUBLISHED])
def test_presenter_edit_closes_when_the_meeting_starts_whatever_its_state(
    presenter_client, body, presenter_person, state
):
    item = item_in(body, state=state, presenter=presenter_person, proposal="Esitetty")
    Meeting.objects.filter(pk=item.meeting_id).update(start=timezone.now() - dt.timedelta(minutes=1))

    assert presenter_client.get(edit_url(item)).status_code == 403
    response = presenter_client.post(edit_url(item), item_data(item, proposal="Kokouksen alettua muutettu"))

    assert response.status_code == 403
    item.refresh_from_db()
    assert item.proposal == "Esitetty"


def test_presenter_edit_closes_at_the_agenda_publication_where_the_body_says_so(
    presenter_client, body, presenter_person
):
    Body.objects.filter(pk=body.pk).update(presenter_edits_until=Body.PresenterEditsUntil.AGENDA_PUBLISHED)
    planned = item_in(body, state=Meeting.State.PLANNED, presenter=presenter_person, proposal="Luonnos")
    published = item_in(body, state=Meeting.State.AGENDA_PUBLISHED, presenter=presenter_person, proposal="Esitetty")

    assert presenter_client.get(edit_url(planned)).status_code == 200
    response = presenter_client.post(edit_url(published), item_data(published, proposal="Julkaisun jälkeen"))

    assert response.status_code == 403
    published.refresh_from_db()
    assert published.proposal == "Esitetty"


def test_presenter_cannot_edit_items_presented_by_someone_else(presenter_client, body, presenter):
    item = item_in(body, presenter=PersonFactory())

    assert presenter_client.get(edit_url(item)).status_code == 403


def test_superuser_edits_any_unchecked_item(admin_client, other_body):
    item = item_in(other_body)

    response = admin_client.post(edit_url(item), item_data(item, proposal="Ylläpitäjän korjaus"))

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.proposal == "Ylläpitäjän korjaus"


@pytest.mark.parametrize("client_name", ["secretary_client", "admin_client"])
def test_checked_item_is_refused_with_an_explanation_about_corrections(request, client_name, body, presenter_person):
    client = request.getfixturevalue(client_name)
    item = seed_item(body, presenter_person)
    before = AgendaItem.objects.values().get(pk=item.pk)

    page = client.get(edit_url(item))
    response = client.post(edit_url(item), item_data(item, proposal="Muutettu jälkikäteen"))

    for answer in (page, response):
        assert answer.status_code == 403
        assert "korjauksina" in answer.text
        assert "hallintolaki 50 §" in answer.text
    assert AgendaItem.objects.values().get(pk=item.pk) == before


# Agenda item: the form -----------------------------------------------------------------------------


def test_confidential_item_without_a_secrecy_ground_gets_the_error_at_that_field(secretary_client, body):
    item = item_in(body)
    data = item_data(item, secrecy_ground="")
    del data["is_public"]

    response = secretary_client.post(edit_url(item), data)

    assert response.status_code == 200
    assert "Salassa pidettävälle asialle on annettava salassapitoperuste" in field_error(response, "secrecy_ground")
    item.refresh_from_db()
    assert item.is_public


def test_confidential_item_with_its_ground_is_saved(secretary_client, body):
    item = item_in(body)
    data = item_data(item, secrecy_ground="JulkL 24.1 § 25 k")
    del data["is_public"]

    assert secretary_client.post(edit_url(item), data).status_code == 302
    item.refresh_from_db()
    assert (item.is_public, item.secrecy_ground) == (False, "JulkL 24.1 § 25 k")


def test_no_appeal_without_its_ground_gets_the_error_at_that_field(secretary_client, body):
    item = item_in(body)

    response = secretary_client.post(edit_url(item), item_data(item, appeal_route="none", no_appeal_ground=""))

    assert "Kerro peruste" in field_error(response, "no_appeal_ground")


def test_empty_title_gets_a_finnish_error_at_the_title(secretary_client, body):
    item = item_in(body)

    response = secretary_client.post(edit_url(item), item_data(item, title=""))

    assert field_error(response, "title") == "Tämä kenttä vaaditaan."


def test_extra_fields_in_the_post_are_ignored(secretary_client, body, other_body):
    item = item_in(body)
    other_meeting = MeetingFactory(body=other_body)
    data = item_data(
        item,
        proposal="Muutettu",
        checked_at="2023-12-01 12:00",
        section="999",
        meeting=str(other_meeting.pk),
        body=str(other_body.pk),
        state="published",
        decision="Hyväksyttiin salaa.",
        resolution="passed",
        presenter=str(PersonFactory().pk),
        project="1",
    )

    response = secretary_client.post(edit_url(item), data)

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.proposal == "Muutettu"
    assert (item.checked_at, item.section, item.meeting_id, item.body_id) == (None, None, item.meeting.pk, body.pk)
    assert (item.decision, item.resolution, item.presenter_id, item.project_id) == ("", "", None, None)
    assert item.meeting.state == Meeting.State.PLANNED
    assert item.version == 2


def test_presenter_cannot_set_the_secretarys_fields(presenter_client, body, presenter_person):
    item = item_in(body, presenter=presenter_person, title="Otsikko")
    data = item_data(item, proposal="Ehdotus", title="Muu", register_number="X", distribution="Kaikki")
    del data["is_public"]

    assert presenter_client.post(edit_url(item), data).status_code == 302
    item.refresh_from_db()
    assert (item.title, item.register_number, item.distribution, item.is_public) == ("Otsikko", "", "", True)


@pytest.mark.parametrize("version", ["5", "0", "", "kaksi"])
def test_a_tampered_version_changes_nothing(secretary_client, body, version):
    item = item_in(body, proposal="Alkuperäinen")

    response = secretary_client.post(edit_url(item), item_data(item, proposal="Muutettu", version=version))

    assert response.status_code in (200, 409)
    item.refresh_from_db()
    assert (item.proposal, item.version) == ("Alkuperäinen", 1)


def test_item_page_shows_the_edit_link_only_to_those_who_may_edit(
    secretary_client, presenter_client, staff_client, other_secretary_client, body, presenter_person
):
    item = item_in(body, presenter=presenter_person)
    checked = seed_item(body, presenter_person)

    assert edit_url(item) in secretary_client.get(item.get_absolute_url()).text
    assert edit_url(item) in presenter_client.get(item.get_absolute_url()).text
    assert edit_url(item) not in staff_client.get(item.get_absolute_url()).text
    assert edit_url(item) not in other_secretary_client.get(item.get_absolute_url()).text
    assert edit_url(checked) not in secretary_client.get(checked.get_absolute_url()).text


def test_item_edit_page_runs_the_same_queries_for_a_short_and_a_long_agenda(secretary_client, body):
    item = item_in(body)
    with CaptureQueriesContext(connection) as short:
        assert secretary_client.get(edit_url(item)).status_code == 200
    for _ in range(10):
        AgendaItemFactory(meeting=item.meeting, presenter=PersonFactory())
    with CaptureQueriesContext(connection) as long:
        secretary_client.get(edit_url(item))

    assert len(long) == len(short)


# Meeting ---------------------------------------------------------------------------------------------


def test_secretary_edits_the_meeting_with_finnish_dates_and_examiners(secretary_client, body):
    meeting = MeetingFactory(body=body, state=Meeting.State.PLANNED)
    member = MembershipFactory(body=body, role=Membership.Role.MEMBER).person

    response = secretary_client.post(
        meeting_edit_url(meeting),
        meeting_data(meeting, start="31.12.2025 14:00", end="31.12.2025 16.30", place="Sali 2", examiners=[member.pk]),
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.start == dt.datetime(2025, 12, 31, 14, 0, tzinfo=HELSINKI)
    assert meeting.end == dt.datetime(2025, 12, 31, 16, 30, tzinfo=HELSINKI)
    assert meeting.place == "Sali 2"
    assert list(meeting.examiners.all()) == [member]
    assert meeting.version == 2


def test_meeting_form_shows_dates_in_the_finnish_format(secretary_client, body):
    meeting = MeetingFactory(body=body, start=dt.datetime(2025, 12, 31, 14, 0, tzinfo=HELSINKI))

    response = secretary_client.get(meeting_edit_url(meeting))

    assert 'value="31.12.2025 14:00"' in response.text


def test_meeting_ending_before_it_starts_gets_the_error_at_the_end(secretary_client, body):
    meeting = MeetingFactory(body=body)

    response = secretary_client.post(
        meeting_edit_url(meeting), meeting_data(meeting, start="31.12.2025 14:00", end="31.12.2025 13:00")
    )

    assert response.status_code == 200
    assert field_error(response, "end") == "Kokous ei voi päättyä ennen kuin se alkaa."
    meeting.refresh_from_db()
    assert meeting.version == 1


def test_malformed_meeting_start_gets_a_finnish_error(secretary_client, body):
    meeting = MeetingFactory(body=body)

    response = secretary_client.post(meeting_edit_url(meeting), meeting_data(meeting, start="31.13.2025 25:00"))

    assert field_error(response, "start") == "Anna aika muodossa 31.12.2025 14:00."


def test_examiners_are_chosen_among_the_bodys_members(secretary_client, body, other_body):
    meeting = MeetingFactory(body=body)
    member = MembershipFactory(body=body, role=Membership.Role.CHAIR).person
    outsider = MembershipFactory(body=other_body, role=Membership.Role.MEMBER).person

    page = secretary_client.get(meeting_edit_url(meeting)).text
    response = secretary_client.post(meeting_edit_url(meeting), meeting_data(meeting, examiners=[outsider.pk]))

    assert member.full_name in page
    assert outsider.full_name not in page
    assert "examiners" in response.context["form"].errors
    assert not meeting.examiners.exists()


@pytest.mark.parametrize(
    "client_name", ["other_secretary_client", "director_client", "presenter_client", "staff_client"]
)
def test_only_the_bodys_secretary_edits_the_meeting(request, client_name, body):
    client = request.getfixturevalue(client_name)
    meeting = MeetingFactory(body=body, place="Joensuu")

    assert client.get(meeting_edit_url(meeting)).status_code == 403
    assert client.post(meeting_edit_url(meeting), meeting_data(meeting, place="Muualla")).status_code == 403
    meeting.refresh_from_db()
    assert (meeting.place, meeting.version) == ("Joensuu", 1)


@pytest.mark.parametrize("state", [Meeting.State.CHECKED, Meeting.State.PUBLISHED])
def test_meeting_with_checked_minutes_is_refused_with_an_explanation(secretary_client, body, state):
    meeting = MeetingFactory(body=body, state=state, place="Joensuu")

    response = secretary_client.post(meeting_edit_url(meeting), meeting_data(meeting, place="Muualla"))

    assert response.status_code == 403
    assert "korjauksina" in response.text
    meeting.refresh_from_db()
    assert meeting.place == "Joensuu"


def test_extra_fields_in_the_meeting_post_are_ignored(secretary_client, body, other_body):
    meeting = MeetingFactory(body=body, year=2025, number=3, state=Meeting.State.PLANNED)

    response = secretary_client.post(
        meeting_edit_url(meeting),
        meeting_data(
            meeting,
            body=str(other_body.pk),
            state=Meeting.State.PUBLISHED,
            number="99",
            year="1999",
            minutes_published_on="1.1.2024",
        ),
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.body_id, meeting.state, meeting.number, meeting.year) == (body.pk, "planned", 3, 2025)
    assert meeting.minutes_published_on is None


def test_meeting_page_shows_the_edit_link_only_to_the_bodys_secretary(secretary_client, staff_client, body):
    meeting = MeetingFactory(body=body)

    assert meeting_edit_url(meeting) in secretary_client.get(meeting.get_absolute_url()).text
    assert meeting_edit_url(meeting) not in staff_client.get(meeting.get_absolute_url()).text


def test_meeting_edit_page_runs_the_same_queries_for_1_and_10_members(secretary_client, body):
    meeting = MeetingFactory(body=body)
    meeting.examiners.add(MembershipFactory(body=body).person)
    with CaptureQueriesContext(connection) as few:
        assert secretary_client.get(meeting_edit_url(meeting)).status_code == 200
    for _ in range(9):
        meeting.examiners.add(MembershipFactory(body=body).person)
    with CaptureQueriesContext(connection) as many:
        secretary_client.get(meeting_edit_url(meeting))

    assert len(many) == len(few)
