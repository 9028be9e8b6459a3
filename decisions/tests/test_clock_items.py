"""The legal clock through the item: DESIGN.md's worked examples, the page, and confirming finality."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from freezegun import freeze_time

from decisions.models import FinalityRecord, Notification
from testing.factories import HELSINKI, AgendaItemFactory

pytestmark = pytest.mark.django_db

CHECKED = dt.datetime(2025, 11, 28, 12, tzinfo=HELSINKI)


def item_notified(method: str, sent_on: dt.date, received_on: dt.date | None = None, **extra):
    item = AgendaItemFactory(checked_at=CHECKED, decision="Hyväksyttiin.", resolution="passed", **extra)
    Notification.objects.create(
        item=item, method=method, recipient="Asianosainen Oy", sent_on=sent_on, received_on=received_on
    )
    return item


@pytest.mark.parametrize(
    ("method", "sent_on", "last_day"),
    [
        ("web_publication", dt.date(2025, 12, 3), dt.date(2025, 12, 29)),  # raw last day Christmas Eve
        ("web_publication", dt.date(2025, 12, 10), dt.date(2025, 12, 31)),  # New Year's Eve does not move
        ("email", dt.date(2026, 3, 17), dt.date(2026, 4, 7)),  # raw Good Friday, then Easter Monday
        ("letter", dt.date(2026, 5, 29), dt.date(2026, 6, 22)),  # raw Midsummer Eve
        ("email", dt.date(2026, 6, 11), dt.date(2026, 6, 29)),  # notified on a Sunday, raw a Sunday
    ],
)
def test_design_worked_examples_through_the_item(method, sent_on, last_day):
    item = item_notified(method, sent_on)

    assert item.last_day() == last_day
    assert item.final_from() == last_day + dt.timedelta(days=1)


def test_actual_receipt_overrides_the_presumption():
    item = item_notified("letter", dt.date(2026, 5, 29), received_on=dt.date(2026, 6, 1))

    ((_, deadline),) = item.deadlines()
    assert deadline.notified_on == dt.date(2026, 6, 1)
    assert item.last_day() == dt.date(2026, 6, 15)


def test_the_latest_route_decides_when_the_decision_can_become_final():
    item = item_notified("web_publication", dt.date(2025, 12, 3))
    Notification.objects.create(item=item, method="letter", recipient="Hakija", sent_on=dt.date(2025, 12, 10))

    assert item.last_day() == dt.date(2025, 12, 31)
    assert item.final_from() == dt.date(2026, 1, 1)


def test_a_county_appeal_runs_thirty_days_and_its_last_day_moves_too():
    # Published Wed 3.12.2025, notified Wed 10.12; 30 days later is Fri 9.1.2026, a working day.
    item = item_notified("web_publication", dt.date(2025, 12, 3), appeal_route="county_appeal")
    # A letter sent Fri 28.11 is presumed received Fri 5.12; 30 days later is Sun 4.1.2026, moved to Mon 5.1.
    Notification.objects.create(item=item, method="letter", recipient="Hakija", sent_on=dt.date(2025, 11, 28))

    last_days = sorted(deadline.last_day for _, deadline in item.deadlines())

    assert last_days == [dt.date(2026, 1, 5), dt.date(2026, 1, 9)]
    assert item.final_from() == dt.date(2026, 1, 10)


def test_a_decision_without_appeal_has_no_period(staff_client):
    item = item_notified("web_publication", dt.date(2025, 12, 3), appeal_route="none", no_appeal_ground="HVAL 143 §")

    assert item.deadlines() == []
    assert item.final_from() is None
    assert "sillä ei ole muutoksenhakuaikaa" in staff_client.get(item.get_absolute_url()).text


def test_no_notification_no_final_day():
    item = AgendaItemFactory(checked_at=CHECKED)

    assert item.final_from() is None
    assert not item.can_be_confirmed_final(dt.date(2030, 1, 1))


def test_item_page_shows_the_last_day_with_the_closing_time_and_why_it_moved(staff_client, body):
    item = item_notified("email", dt.date(2026, 3, 17), meeting__body=body)

    text = " ".join(staff_client.get(item.get_absolute_url()).text.split())

    assert "viimeistään ti 7.4.2026 klo 15.00" in text
    assert "siirtyi, koska pe 3.4.2026 on" in text
    assert "ke 8.4.2026" in text  # the first day it can be confirmed final


def test_secretary_confirms_finality_on_or_after_the_day(secretary_client, body, secretary):
    item = item_notified("web_publication", dt.date(2025, 12, 3), meeting__body=body)
    url = reverse("decisions:item_finality", args=[item.pk])

    response = secretary_client.post(url, {"no_request": "on", "note": "Kirjaamoon ei saapunut vaatimuksia."})

    assert response.status_code == 302
    record = FinalityRecord.objects.get(item=item)
    assert record.final_on == dt.date(2025, 12, 30)
    assert record.confirmed_by == secretary
    assert "Päätös on lainvoimainen 30.12.2025." in " ".join(secretary_client.get(item.get_absolute_url()).text.split())


def test_finality_needs_the_confirmation_box(secretary_client, body):
    item = item_notified("web_publication", dt.date(2025, 12, 3), meeting__body=body)

    response = secretary_client.post(reverse("decisions:item_finality", args=[item.pk]), {"note": ""})

    assert response.status_code == 200
    assert not FinalityRecord.objects.exists()


def test_finality_cannot_be_confirmed_before_the_period_ends(secretary_client, body):
    item = item_notified("web_publication", dt.date(2025, 12, 3), meeting__body=body)

    with freeze_time("2025-12-29 12:00:00+02:00"):  # the last day itself
        response = secretary_client.post(reverse("decisions:item_finality", args=[item.pk]), {"no_request": "on"})

    assert response.status_code == 200
    assert "vasta oikaisuvaatimusajan päätyttyä" in response.text
    assert not FinalityRecord.objects.exists()


def test_secretary_adds_a_notification_to_a_party(secretary_client, body):
    item = item_notified("web_publication", dt.date(2025, 12, 3), meeting__body=body)

    response = secretary_client.post(
        reverse("decisions:item_notification", args=[item.pk]),
        {"method": "email", "recipient": "Hakija Oy", "sent_on": "2.12.2025"},
    )

    assert response.status_code == 302
    assert item.notifications.get(recipient="Hakija Oy").deadline.last_day == dt.date(2025, 12, 19)


def test_notification_received_before_sent_is_refused(secretary_client, body):
    item = item_notified("web_publication", dt.date(2025, 12, 3), meeting__body=body)

    response = secretary_client.post(
        reverse("decisions:item_notification", args=[item.pk]),
        {"method": "letter", "recipient": "Hakija Oy", "sent_on": "2.12.2025", "received_on": "1.12.2025"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["received_on"] == ["Vastaanottopäivä ei voi olla ennen lähettämistä."]
    assert item.notifications.count() == 1
