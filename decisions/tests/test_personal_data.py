"""Private persons' personal data leaves the public archive when the rectification period ends
(Hyvinvointialuelaki 145 § 3 mom.): the daily remove_personal_data command, and public_text."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from decisions import publication
from decisions.legal_clock import NotificationMethod
from decisions.models import AgendaItem, Attendance, Meeting, Notification, PrivatePersonData
from testing.factories import HELSINKI, AgendaItemFactory, AttendanceFactory, MeetingFactory
from testing.pdf import response_pdf_text

pytestmark = pytest.mark.django_db

NAME = "Maija Meikäläinen"
ADDRESS = "Kotikatu 1 A 2, 80100 Joensuu"
PLACEHOLDER = "[henkilötieto poistettu]"
# Published on the web Tue 5.12.2023 -> notified Tue 12.12 -> raw last day Tue 26.12.2023 (Boxing Day)
# -> last day Wed 27.12.2023; the data goes on the first run after it, 28.12.2023.
PUBLISHED_ON = dt.date(2023, 12, 5)
LAST_DAY = dt.date(2023, 12, 27)


@pytest.fixture
def item(body, presenter_person):
    meeting = MeetingFactory(
        body=body,
        state=Meeting.State.PUBLISHED,
        minutes_published_on=PUBLISHED_ON,
        start=dt.datetime(2023, 11, 28, 14, tzinfo=HELSINKI),
    )
    item = AgendaItemFactory(
        meeting=meeting,
        section=50,
        title=f"Oikaisuvaatimus ({NAME})",
        proposal=f"Lautakunta hylkää {NAME}n oikaisuvaatimuksen.",
        decision=f"Hyväksyttiin. {NAME}, {ADDRESS}, ilmoitetaan kirjeellä.",
        description=f"{NAME} vaati oikaisua. Esittelijä {presenter_person.full_name}.",
        presenter=presenter_person,
        presenter_name=presenter_person.full_name,
        checked_at=dt.datetime(2023, 12, 1, 12, tzinfo=HELSINKI),
    )
    AttendanceFactory(meeting=meeting, person=presenter_person, capacity=Attendance.Capacity.PRESENTER)
    PrivatePersonData.objects.create(item=item, text=NAME)
    PrivatePersonData.objects.create(item=item, text=ADDRESS)
    return item


def run(day: dt.date, *extra: str) -> str:
    out = io.StringIO()
    call_command("remove_personal_data", f"--date={day.isoformat()}", *extra, stdout=out)
    return out.getvalue()


def removed(item) -> list[dt.date | None]:
    return list(item.private_person_data.order_by("pk").values_list("removed_on", flat=True))


# The period ---------------------------------------------------------------------------------------


def test_period_from_web_publication_moves_past_boxing_day(item):
    assert publication.rectification_last_day(item, []) == LAST_DAY


def test_period_is_the_latest_over_every_notification_route(item):
    letter = Notification(
        item=item, method=NotificationMethod.LETTER, recipient="asianosainen", sent_on=dt.date(2024, 1, 8)
    )
    # Letter sent Mon 8.1.2024 -> notified Mon 15.1 -> last day Mon 29.1.2024, later than the web's.
    assert publication.rectification_last_day(item, [letter]) == dt.date(2024, 1, 29)


def test_recorded_web_publication_replaces_the_minutes_publication_day(item):
    web = Notification(
        item=item, method=NotificationMethod.WEB_PUBLICATION, recipient="jäsenet", sent_on=dt.date(2023, 12, 1)
    )
    # Published Fri 1.12 -> notified Fri 8.12 -> last day Fri 22.12.2023.
    assert publication.rectification_last_day(item, [web]) == dt.date(2023, 12, 22)


def test_nothing_is_due_before_the_minutes_are_published(body):
    meeting = MeetingFactory(body=body, state=Meeting.State.CHECKED, minutes_published_on=None)
    item = AgendaItemFactory(meeting=meeting)
    PrivatePersonData.objects.create(item=item, text=NAME)

    assert publication.personal_data_due(dt.date(2030, 1, 1)) == []


# The command --------------------------------------------------------------------------------------


def test_command_keeps_the_data_until_the_last_day_has_passed(item):
    output = run(LAST_DAY)

    assert removed(item) == [None, None]
    assert "yhteensä 0" in output


def test_command_removes_the_data_the_day_after_and_says_what_it_did(item):
    output = run(LAST_DAY + dt.timedelta(days=1))

    assert removed(item) == [dt.date(2023, 12, 28)] * 2
    assert f"{item.meeting.body.name} {item.meeting.number}/2023 § 50" in output
    assert "yhteensä 2" in output
    assert NAME not in output and ADDRESS not in output


def test_command_is_idempotent(item):
    run(dt.date(2023, 12, 28))
    output = run(dt.date(2024, 2, 1))

    assert removed(item) == [dt.date(2023, 12, 28)] * 2
    assert "yhteensä 0" in output


def test_dry_run_changes_nothing(item):
    output = run(dt.date(2024, 1, 1), "--dry-run")

    assert removed(item) == [None, None]
    assert "Poistettaisiin yhteensä 2" in output


def test_command_refuses_a_malformed_date(item):
    with pytest.raises(CommandError, match="Päivämäärä ei kelpaa"):
        call_command("remove_personal_data", "--date=28.12.2023", stdout=io.StringIO())


def test_command_leaves_the_item_text_as_it_was(item):
    before = (item.title, item.proposal, item.decision, item.description)
    run(dt.date(2024, 1, 1))
    item.refresh_from_db()

    assert (item.title, item.proposal, item.decision, item.description) == before


# What the public and the staff see ------------------------------------------------------------------


def test_public_text_replaces_only_removed_data(item):
    assert publication.public_text(item, "decision") == item.decision
    PrivatePersonData.objects.filter(text=NAME).update(removed_on=dt.date(2024, 1, 1))
    item = AgendaItem.objects.public().for_public_pages().get(pk=item.pk)

    assert (
        publication.public_text(item, "decision") == f"Hyväksyttiin. {PLACEHOLDER}, {ADDRESS}, ilmoitetaan kirjeellä."
    )


def test_public_text_matches_any_case_and_line_breaks(item):
    data = PrivatePersonData(item=item, text="Maija  Meikäläinen", removed_on=dt.date(2024, 1, 1))
    redact = publication.redactor([data.text])

    assert redact("MAIJA\nMEIKÄLÄINEN ja maija meikäläinen") == f"{PLACEHOLDER} ja {PLACEHOLDER}"


def test_public_copy_is_never_saved(item):
    copy = publication.public_copy(AgendaItem.objects.public().for_public_pages().get(pk=item.pk))
    with pytest.raises(TypeError):
        copy.save()


def test_public_versions_show_the_data_before_and_the_placeholder_after(item, presenter_person):
    client = Client()
    urls = {
        "meeting": reverse("archive:meeting", args=[item.meeting.pk]),
        "item": reverse("archive:item", args=[item.pk]),
    }
    pdfs = {
        "extract": reverse("archive:item_pdf", args=[item.pk]),
        "minutes": reverse("archive:meeting_pdf", args=[item.meeting.pk]),
    }

    def texts() -> dict[str, str]:
        shown = {name: client.get(url).content.decode() for name, url in urls.items()}
        shown |= {name: response_pdf_text(client.get(url)) for name, url in pdfs.items()}
        return shown

    for name, text in texts().items():
        assert NAME in text, name
        assert PLACEHOLDER not in text, name

    run(dt.date(2023, 12, 28))

    for name, text in texts().items():
        assert "Meikäläinen" not in text, name
        assert "Kotikatu" not in text, name
        assert PLACEHOLDER in text, name
        # Officials' names stay.
        assert presenter_person.full_name in text, name


def test_staff_still_see_the_data_after_removal(item, staff_client):
    run(dt.date(2023, 12, 28))

    page = staff_client.get(item.get_absolute_url()).text

    assert NAME in page
    assert PLACEHOLDER not in page
