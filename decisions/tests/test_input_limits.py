"""Input limits that bound the layout work (issue 14 item 1): a long text over settings.TEXT_MAX_LENGTH
characters is refused at its field in Finnish and nothing is saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions.models import AgendaItem, Meeting, Motion
from testing.factories import AgendaItemFactory, MeetingFactory
from testing.meeting_day import meeting_day

pytestmark = pytest.mark.django_db

LIMIT = 50
TOO_LONG = "x" * (LIMIT + 1)
MESSAGE = f"Tekstissä voi olla enintään {LIMIT} merkkiä; nyt siinä on {LIMIT + 1}."


@pytest.fixture(autouse=True)
def _small_limit(settings) -> None:
    settings.TEXT_MAX_LENGTH = LIMIT


def text(response) -> str:
    return " ".join(response.text.split())


def upcoming_item(body, **extra) -> AgendaItem:
    meeting = MeetingFactory(body=body, state=Meeting.State.PLANNED, start=timezone.now() + dt.timedelta(days=7))
    return AgendaItemFactory(meeting=meeting, section=None, proposal="Vanha", **extra)


def item_data(item: AgendaItem, **changes: str) -> dict:
    data = {
        "title": item.title,
        "register_number": item.register_number,
        "proposal": item.proposal,
        "description": item.description,
        "is_public": "on",
        "appeal_route": item.appeal_route,
        "appeal_provision": item.appeal_provision,
        "no_appeal_ground": item.no_appeal_ground,
        "distribution": item.distribution,
        "version": item.version,
    }
    return {**data, **changes}


@pytest.mark.parametrize("field", ["proposal", "description", "distribution"])
def test_the_secretary_cannot_save_an_overlong_text(secretary_client, body, field):
    item = upcoming_item(body)

    response = secretary_client.post(
        reverse("decisions:item_edit", args=[item.pk]), item_data(item, **{field: TOO_LONG})
    )

    assert response.status_code == 200
    assert MESSAGE in text(response)
    stored = AgendaItem.objects.get(pk=item.pk)
    assert (getattr(stored, field), stored.version) == (getattr(item, field), item.version)


def test_a_text_at_the_limit_is_saved(secretary_client, body):
    item = upcoming_item(body)

    response = secretary_client.post(
        reverse("decisions:item_edit", args=[item.pk]), item_data(item, proposal="x" * LIMIT)
    )

    assert response.status_code == 302
    assert AgendaItem.objects.get(pk=item.pk).proposal == "x" * LIMIT


def test_the_presenter_cannot_save_an_overlong_proposal(presenter_client, body, presenter_person):
    item = upcoming_item(body, presenter=presenter_person)

    response = presenter_client.post(
        reverse("decisions:item_edit", args=[item.pk]),
        {"proposal": TOO_LONG, "description": "", "version": item.version},
    )

    assert response.status_code == 200
    assert MESSAGE in text(response)
    assert AgendaItem.objects.get(pk=item.pk).proposal == "Vanha"


def test_an_overlong_decision_is_refused(secretary_client, body):
    item = meeting_day(body).first

    response = secretary_client.post(
        reverse("decisions:item_decision", args=[item.pk]),
        {"action": "decision", "resolution": "passed", "amended": "on", "decision": TOO_LONG, "version": item.version},
    )

    assert response.status_code == 200
    assert MESSAGE in text(response)
    assert AgendaItem.objects.get(pk=item.pk).decision == ""


def test_an_overlong_handling_text_is_refused(secretary_client, body):
    day = meeting_day(body)
    proposer, seconder, _ = day.members

    response = secretary_client.post(
        reverse("decisions:item_decision", args=[day.first.pk]),
        {
            "action": "motion",
            "motion-proposer": proposer.pk,
            "motion-seconder": seconder.pk,
            "motion-text": TOO_LONG,
            "motion-outcome": "adopted",
        },
    )

    assert response.status_code == 200
    assert MESSAGE in text(response)
    assert not Motion.objects.exists()
