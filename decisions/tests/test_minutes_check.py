"""Checking the minutes (all or some §), publishing them, corrections, and the minutes PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from decisions.models import AgendaItem, DecisionCorrection, Meeting, MinutesCheck, Notification
from decisions.services.minutes import COUNTY_MEMBERS
from testing.meeting_day import meeting_day
from testing.pdf import response_pdf_text

pytestmark = pytest.mark.django_db


def check(client, meeting, **extra):
    data = {"checked_on": "12.3.2026", "method": "electronic", "examiners": [], **extra}
    return client.post(reverse("decisions:meeting_check", args=[meeting.pk]), data)


def test_checking_the_whole_meeting_freezes_every_item_and_moves_the_meeting(secretary_client, body):
    day = meeting_day(body)

    response = check(secretary_client, day.meeting, examiners=[day.members[0].pk, day.members[1].pk])

    assert response.status_code == 302
    record = MinutesCheck.objects.get(meeting=day.meeting)
    assert record.checked_on == dt.date(2026, 3, 12)
    assert list(record.items.all()) == []  # the whole meeting
    assert set(record.examiners.all()) == {day.members[0], day.members[1]}
    assert all(item.is_checked for item in AgendaItem.objects.filter(meeting=day.meeting))
    assert Meeting.objects.get(pk=day.meeting.pk).state == Meeting.State.CHECKED


def test_checking_some_sections_in_the_meeting_leaves_the_rest_editable(secretary_client, body):
    day = meeting_day(body)

    check(secretary_client, day.meeting, method="in_meeting", examiners=[day.members[0].pk], items=[day.second.pk])

    assert list(MinutesCheck.objects.get().items.all()) == [day.second]
    assert AgendaItem.objects.get(pk=day.second.pk).is_checked
    assert not AgendaItem.objects.get(pk=day.first.pk).is_checked
    assert Meeting.objects.get(pk=day.meeting.pk).state == Meeting.State.HELD
    decision = reverse("decisions:item_decision", args=[day.second.pk])
    assert secretary_client.get(decision).status_code == 403
    assert secretary_client.get(reverse("decisions:item_decision", args=[day.first.pk])).status_code == 200

    check(secretary_client, day.meeting, examiners=[day.members[0].pk])
    assert Meeting.objects.get(pk=day.meeting.pk).state == Meeting.State.CHECKED
    assert MinutesCheck.objects.count() == 2


def test_check_needs_examiners_and_a_date_not_before_the_meeting(secretary_client, body):
    day = meeting_day(body)

    response = check(secretary_client, day.meeting, checked_on="1.1.2026")

    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"checked_on", "examiners"}
    assert not MinutesCheck.objects.exists()


def test_other_secretary_cannot_check(other_secretary_client, body):
    day = meeting_day(body)

    assert check(other_secretary_client, day.meeting, examiners=[day.members[0].pk]).status_code == 403
    assert not MinutesCheck.objects.exists()


def test_after_the_check_the_item_pages_refuse_edits_with_the_checked_page(secretary_client, body):
    day = meeting_day(body)
    check(secretary_client, day.meeting, examiners=[day.members[0].pk])

    for name in ("decisions:item_decision", "decisions:item_edit"):
        response = secretary_client.get(reverse(name, args=[day.first.pk]))
        assert response.status_code == 403
        assert "decisions/minutes_checked.html" in [t.name for t in response.templates]
    assert check(secretary_client, day.meeting, examiners=[day.members[0].pk]).status_code == 403


def test_publishing_notifies_the_county_members_of_each_public_item(secretary_client, body):
    day = meeting_day(body)
    AgendaItem.objects.filter(pk=day.second.pk).update(is_public=False, secrecy_ground="JulkL 24.1 § 25 k")
    check(secretary_client, day.meeting, examiners=[day.members[0].pk])

    response = secretary_client.post(
        reverse("decisions:meeting_publish", args=[day.meeting.pk]), {"published_on": "13.3.2026"}
    )

    assert response.status_code == 302
    meeting = Meeting.objects.get(pk=day.meeting.pk)
    assert meeting.state == Meeting.State.PUBLISHED
    assert meeting.minutes_published_on == dt.date(2026, 3, 13)
    notification = Notification.objects.get()
    assert (notification.item, notification.method, notification.recipient) == (
        day.first,
        "web_publication",
        COUNTY_MEMBERS,
    )
    assert notification.sent_on == dt.date(2026, 3, 13)


def test_unchecked_minutes_cannot_be_published(secretary_client, body):
    day = meeting_day(body)

    response = secretary_client.post(
        reverse("decisions:meeting_publish", args=[day.meeting.pk]), {"published_on": "13.3.2026"}
    )

    assert response.status_code == 403
    assert Meeting.objects.get(pk=day.meeting.pk).minutes_published_on is None


def test_correction_of_a_checked_decision_is_a_linked_record_shown_on_the_page(secretary_client, body):
    day = meeting_day(body)
    check(secretary_client, day.meeting, examiners=[day.members[0].pk])

    response = secretary_client.post(
        reverse("decisions:item_correction", args=[day.first.pk]),
        {
            "kind": "clerical",
            "reason": "Hankkeen nimessä kirjoitusvirhe.",
            "corrected_text": "Korjattu päätösteksti.",
            "decided_by": "Tulevaisuuslautakunnan puheenjohtaja",
            "decided_on": "20.3.2026",
        },
    )

    assert response.status_code == 302
    correction = DecisionCorrection.objects.get()
    assert correction.item == day.first and correction.kind == "clerical"
    page = " ".join(secretary_client.get(day.first.get_absolute_url()).text.split())
    assert "Hankkeen nimessä kirjoitusvirhe." in page
    assert "Kirjoitusvirheen korjaus (Hallintolaki 51 §)" in page


def test_unchecked_decision_cannot_get_a_correction(secretary_client, body):
    day = meeting_day(body)

    assert secretary_client.get(reverse("decisions:item_correction", args=[day.first.pk])).status_code == 403


def test_minutes_pdf_is_a_draft_until_checked_and_holds_attendance_quorum_items_and_check(secretary_client, body):
    day = meeting_day(body)
    AgendaItem.objects.filter(pk=day.first.pk).update(decision="Hyväksyttiin.", resolution="passed")
    url = reverse("decisions:meeting_minutes_pdf", args=[day.meeting.pk])

    draft = response_pdf_text(secretary_client.get(url))
    assert "LUONNOS" in draft

    check(secretary_client, day.meeting, examiners=[day.members[0].pk])
    text = response_pdf_text(secretary_client.get(url))

    assert "LUONNOS" not in text
    for expected in (
        "PÖYTÄKIRJA",
        "Pohjois-Karjalan hyvinvointialue",
        "Tulevaisuuslautakunta",
        "Läsnä",
        "Anneli Heikkinen",
        "Poissa",
        "Laillisuus ja päätösvaltaisuus",
        "§ 21 Hankehakemus",
        "§ 22 Ilmoitusasiat",
        "Hyväksyttiin.",
        "Puheenjohtaja: Anneli Heikkinen",
        "Pöytäkirjanpitäjä: Sanna Pöytäkirjanpitäjä",
        "Tarkastettu 12.3.2026",
        "OIKAISUVAATIMUSOHJE",
    ):
        assert expected in text, expected


def test_minutes_pdf_mentions_a_confidential_item_only_by_its_ground(staff_client, body):
    day = meeting_day(body)
    AgendaItem.objects.filter(pk=day.second.pk).update(
        is_public=False, secrecy_ground="JulkL 24.1 § 25 k", proposal="SALAINEN-KANARIA"
    )

    text = response_pdf_text(staff_client.get(reverse("decisions:meeting_minutes_pdf", args=[day.meeting.pk])))

    assert "SALAINEN-KANARIA" not in text
    assert "JulkL 24.1 § 25 k" in text
