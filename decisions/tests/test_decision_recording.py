"""Recording the decision at the meeting: resolution, text prefilled from the proposal, handling as data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions.models import AgendaItem, Disqualification, Dissent, Meeting, Motion, Vote, VoteBallot
from testing.factories import HELSINKI, AgendaItemFactory, PersonFactory
from testing.meeting_day import AMENDED, PROPOSAL, meeting_day
from testing.pdf import response_pdf_text

pytestmark = pytest.mark.django_db


def url(item: AgendaItem) -> str:
    return reverse("decisions:item_decision", args=[item.pk])


def test_decision_form_starts_from_the_proposal(secretary_client, body):
    day = meeting_day(body)

    response = secretary_client.get(url(day.first))

    assert response.status_code == 200
    assert response.context["forms"]["decision"]["decision"].value() == PROPOSAL


def test_secretary_records_an_amended_decision_and_the_item_page_shows_the_difference(secretary_client, body):
    day = meeting_day(body)
    item = day.first

    response = secretary_client.post(
        url(item),
        {
            "action": "decision",
            "resolution": "passed",
            "amended": "on",
            "decision": AMENDED,
            "version": item.version,
        },
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.decision == AMENDED
    assert (item.resolution, item.amended, item.after_vote) == (AgendaItem.Resolution.PASSED, True, False)
    page = secretary_client.get(item.get_absolute_url()).text
    assert "Päätös poikkeaa päätösehdotuksesta" in page
    assert "<ins>muutettuna siten, että hankkeen kesto on kaksi vuotta.</ins>" in page
    assert "<del>ja valtuuttaa kehittämisjohtajan tekemään siihen muutokset.</del>" in page


def test_decision_needs_a_resolution_and_a_text(secretary_client, body):
    item = meeting_day(body).first

    response = secretary_client.post(url(item), {"action": "decision", "resolution": "", "decision": " ", "version": 1})

    assert response.status_code == 200
    errors = response.context["forms"]["decision"].errors
    assert errors["resolution"] == ["Valitse, miten asia päätettiin."]
    assert AgendaItem.objects.get(pk=item.pk).resolution == ""


def test_unchanged_decision_shows_no_difference(secretary_client, body):
    item = meeting_day(body).first
    response = secretary_client.post(
        url(item), {"action": "decision", "resolution": "passed", "decision": PROPOSAL, "version": 1}
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.resolution, item.decision) == (AgendaItem.Resolution.PASSED, PROPOSAL)
    page = secretary_client.get(item.get_absolute_url()).text
    decision = page[page.index('id="item-decision"') :]
    assert f"<p>{PROPOSAL}</p>" in decision  # the decision is shown, word for word the proposal
    assert "Hyväksytty muutoksitta" in decision  # and its nature
    assert "Päätös poikkeaa päätösehdotuksesta" not in page
    assert "<ins>" not in page and "<del>" not in page


def test_motion_vote_disqualification_and_dissent_are_recorded_and_printed(secretary_client, body):
    day = meeting_day(body)
    item = day.first
    a, b, c = day.members

    assert (
        secretary_client.post(
            url(item),
            {
                "action": "disqualification",
                "disqualification-person": c.pk,
                "disqualification-ground": "relative",
                "disqualification-left_room": "on",
            },
        ).status_code
        == 302
    )
    assert (
        secretary_client.post(
            url(item),
            {
                "action": "motion",
                "motion-proposer": a.pk,
                "motion-seconder": b.pk,
                "motion-text": "Hankkeen kesto on kaksi vuotta.",
                "motion-outcome": "adopted",
            },
        ).status_code
        == 302
    )
    ballots = {
        f"vote-ballot_{day.chair.pk}": "no",
        f"vote-ballot_{a.pk}": "yes",
        f"vote-ballot_{b.pk}": "yes",
    }  # c is disqualified: no ballot
    response = secretary_client.post(
        url(item),
        {
            "action": "vote",
            "vote-question": "Esittelijän ehdotus EI, Jäsen0:n ehdotus JAA",
            "vote-yes_option": "muutosehdotus",
            "vote-no_option": "päätösehdotus",
            "vote-result": "Muutosehdotus voitti.",
            **ballots,
        },
    )
    assert response.status_code == 302
    assert (
        secretary_client.post(
            url(item), {"action": "dissent", "dissent-person": day.chair.pk, "dissent-reasons": "Kesto liian lyhyt."}
        ).status_code
        == 302
    )

    vote = Vote.objects.get(item=item)
    assert vote.counts() == {"yes": 2, "no": 1, "abstain": 0, "absent": 0}
    assert Motion.objects.get(item=item).seconder == b
    assert Disqualification.objects.get(item=item).left_room is True
    assert Dissent.objects.filter(item=item).count() == 1
    text = " ".join(secretary_client.get(item.get_absolute_url()).text.split())
    assert f"{c.full_name} ilmoitti olevansa esteellinen" in text
    assert "ja poistui kokoushuoneesta asian käsittelyn ajaksi" in text
    assert f"{a.full_name} ehdotti: ”Hankkeen kesto on kaksi vuotta.” {b.full_name} kannatti ehdotusta." in text
    assert f"JAA 2: {a.full_name}, {b.full_name}" in text or f"JAA 2: {b.full_name}, {a.full_name}" in text
    assert f"EI 1: {day.chair.full_name}" in text
    assert f"{day.chair.full_name} jätti päätöksestä eriävän mielipiteen." in text


def test_only_attendees_can_be_named_in_the_handling(secretary_client, body):
    day = meeting_day(body)

    response = secretary_client.post(
        url(day.first), {"action": "dissent", "dissent-person": day.absent.pk, "dissent-reasons": "x"}
    )

    assert response.status_code == 200
    assert not Dissent.objects.exists()


def test_vote_records_only_present_voting_members(secretary_client, body):
    day = meeting_day(body)

    form = secretary_client.get(url(day.first)).context["forms"]["vote"]

    assert {person.pk for person in form.voters} == {day.chair.pk, *(m.pk for m in day.members)}


def test_handling_record_can_be_removed_before_the_check(secretary_client, body):
    day = meeting_day(body)
    dissent = Dissent.objects.create(item=day.first, person=day.chair)

    response = secretary_client.post(url(day.first), {"action": "delete", "kind": "dissent", "id": dissent.pk})

    assert response.status_code == 302
    assert not Dissent.objects.exists()


def test_a_record_of_another_item_cannot_be_removed_through_this_one(secretary_client, body):
    day = meeting_day(body)
    dissent = Dissent.objects.create(item=day.second, person=day.chair)

    secretary_client.post(url(day.first), {"action": "delete", "kind": "dissent", "id": dissent.pk})

    assert Dissent.objects.filter(pk=dissent.pk).exists()


def test_decision_cannot_be_recorded_before_the_meeting(secretary_client, body):
    future = dt.datetime.now(tz=HELSINKI) + dt.timedelta(days=30)
    day = meeting_day(body, state=Meeting.State.PLANNED, start=future)

    assert secretary_client.get(url(day.first)).status_code == 403


def test_other_bodies_secretary_and_staff_cannot_record(other_secretary_client, staff_client, body):
    day = meeting_day(body)
    data = {"action": "decision", "resolution": "rejected", "decision": "Hylättiin.", "version": 1}

    for client in (other_secretary_client, staff_client):
        assert client.post(url(day.first), data).status_code == 403
    assert AgendaItem.objects.get(pk=day.first.pk).decision == ""


def test_stale_decision_save_is_refused(secretary_client, body):
    item = meeting_day(body).first
    AgendaItem.objects.filter(pk=item.pk).update(version=5)

    response = secretary_client.post(
        url(item), {"action": "decision", "resolution": "rejected", "decision": "Hylättiin.", "version": 1}
    )

    assert response.status_code == 409
    assert AgendaItem.objects.get(pk=item.pk).decision == ""


def test_ballots_print_in_the_extract(secretary_client, body):
    day = meeting_day(body)
    vote = Vote.objects.create(item=day.first, question="Äänestys", yes_option="A", no_option="B")
    for person in day.members:
        VoteBallot.objects.create(vote=vote, person=person, position=VoteBallot.Position.ABSTAIN)

    text = response_pdf_text(secretary_client.get(reverse("decisions:item_extract_pdf", args=[day.first.pk])))

    assert "TYHJÄ 3" in text
    assert "LUONNOS" in text


def _add_handling(day, count: int, *, start: int = 0) -> None:
    """`count` of each kind of handling row on the first item, and `count` more items on the agenda."""
    item = day.first
    for number in range(start, start + count):
        member = day.members[number % len(day.members)]
        Motion.objects.create(item=item, proposer=member, seconder=day.chair, text=f"Ehdotus {number}")
        vote = Vote.objects.create(item=item, question=f"Äänestys {number}", yes_option="JAA", no_option="EI")
        for voter in day.members:
            VoteBallot.objects.create(vote=vote, person=voter, position=VoteBallot.Position.YES)
        Dissent.objects.create(item=item, person=member, reasons=f"Perustelu {number}")
        AgendaItemFactory(meeting=day.meeting, section=100 + number, order=10 + number)
        Disqualification.objects.create(
            item=item, person=PersonFactory(), ground=Disqualification.Ground.OTHER, left_room=bool(number % 2)
        )


@pytest.mark.parametrize(
    "page",
    ["decisions:item_decision", "decisions:item_detail", "decisions:meeting_minutes_pdf"],
)
def test_handling_pages_run_the_same_queries_for_one_and_many_rows(secretary_client, body, page):
    day = meeting_day(body)
    target = day.meeting if page == "decisions:meeting_minutes_pdf" else day.first
    address = reverse(page, args=[target.pk])
    _add_handling(day, 1)
    with CaptureQueriesContext(connection) as few:
        assert secretary_client.get(address).status_code == 200
    _add_handling(day, 8, start=1)

    with CaptureQueriesContext(connection) as many:
        assert secretary_client.get(address).status_code == 200

    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]
