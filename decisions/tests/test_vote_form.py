"""The vote form follows the law: only members who vote in the § get a ballot (not the disqualified,
not those absent), nothing is preselected, a missing position is an error on that member's row, a
running tally counts the positions, and several votes on one § are numbered and printed in order."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from decisions.models import Attendance, Disqualification, Vote, VoteBallot
from decisions.services import handling
from hankehallinta.services import ActionRefused
from testing.factories import AttendanceFactory, PersonFactory
from testing.meeting_day import meeting_day
from testing.pdf import response_pdf_text

pytestmark = pytest.mark.django_db


def url(item) -> str:
    return reverse("decisions:item_decision", args=[item.pk])


def disqualify(item, person) -> Disqualification:
    return Disqualification.objects.create(item=item, person=person, ground=Disqualification.Ground.RELATIVE)


def vote_data(positions: dict, **fields: str) -> dict[str, str]:
    """A vote POST: the question and options, then `positions` (person -> position)."""
    return {
        "action": "vote",
        "vote-question": fields.get("question", "Päätösehdotus JAA, muutosehdotus EI"),
        "vote-yes_option": fields.get("yes", "päätösehdotus"),
        "vote-no_option": fields.get("no", "muutosehdotus"),
        "vote-result": fields.get("result", ""),
        **{f"vote-ballot_{person.pk}": position for person, position in positions.items()},
    }


def ballot_names(html: str) -> set[str]:
    return set(re.findall(r'name="(vote-ballot_\d+)"', html))


def test_disqualified_and_absent_members_get_no_ballot_and_are_listed_with_the_reason(secretary_client, body):
    day = meeting_day(body)
    a, b, c = day.members
    disqualify(day.first, c)

    response = secretary_client.get(url(day.first))

    form = response.context["forms"]["vote"]
    assert form.voters == sorted([day.chair, a, b], key=lambda p: (p.last_name, p.first_name))
    html = response.text
    assert ballot_names(html) == {f"vote-ballot_{p.pk}" for p in (day.chair, a, b)}
    not_voting = " ".join(html[html.index('class="vote-not-voting"') :].split("</ul>")[0].split())
    assert f"{c.full_name}: jäävi" in not_voting
    assert f"{day.absent.full_name}: poissa kokouksesta" in not_voting
    assert day.secretary_person.full_name not in not_voting  # an official has no vote and is not listed


@pytest.mark.parametrize("who", ["disqualified", "absent"])
def test_a_ballot_posted_for_a_member_without_a_vote_is_refused(secretary_client, body, who):
    day = meeting_day(body)
    a, b, c = day.members
    disqualify(day.first, c)
    outsider = c if who == "disqualified" else day.absent

    response = secretary_client.post(url(day.first), vote_data({day.chair: "yes", a: "yes", b: "no", outsider: "yes"}))

    assert response.status_code == 200
    errors = " ".join(response.context["forms"]["vote"].non_field_errors())
    assert f"{outsider.full_name} ei äänestä tässä pykälässä" in errors
    assert not Vote.objects.exists()


def test_the_service_refuses_a_ballot_for_a_disqualified_member(body):
    day = meeting_day(body)
    a, b, c = day.members
    disqualify(day.first, c)
    vote = Vote(item=day.first, question="Q", yes_option="A", no_option="B")

    with pytest.raises(ActionRefused):
        handling.record_vote(vote, {day.chair: "yes", a: "yes", b: "no", c: "no"})
    with pytest.raises(ActionRefused):  # and every member who votes needs a position
        handling.record_vote(vote, {day.chair: "yes", a: "yes"})
    assert not Vote.objects.exists()


def test_member_away_from_the_item_gets_no_ballot_and_is_recorded_absent(secretary_client, body):
    day = meeting_day(body)
    a, b, c = day.members
    Attendance.objects.filter(meeting=day.meeting, person=a).update(left_at_item=day.first)
    Attendance.objects.filter(meeting=day.meeting, person=b).update(arrived_at_item=day.second)

    second = secretary_client.get(url(day.second)).context["forms"]["vote"]
    first = secretary_client.get(url(day.first)).context["forms"]["vote"]

    assert a not in second.voters and b in second.voters  # a left during § 21, b arrived during § 22
    assert b not in first.voters and a in first.voters
    response = secretary_client.post(url(day.second), vote_data({day.chair: "yes", b: "no", c: "no"}))
    assert response.status_code == 302
    vote = Vote.objects.get(item=day.second)
    assert dict(vote.ballots.values_list("person_id", "position")) == {
        day.chair.pk: "yes",
        b.pk: "no",
        c.pk: "no",
        a.pk: "absent",
    }


def test_no_position_is_preselected(secretary_client, body):
    day = meeting_day(body)

    response = secretary_client.get(url(day.first))

    form = response.context["forms"]["vote"]
    assert all(field.value() in (None, "") for field in form.ballot_fields())
    table = response.text[response.text.index('class="table table-sm') : response.text.index("</table>")]
    assert table.count('type="radio"') == 4 * len(form.voters)
    assert " checked" not in table


def test_a_missing_position_is_an_error_on_that_members_row(secretary_client, body):
    day = meeting_day(body)
    a, b, _c = day.members

    response = secretary_client.post(url(day.first), vote_data({day.chair: "yes", a: "no"}))

    assert response.status_code == 200
    form = response.context["forms"]["vote"]
    assert form.errors[f"ballot_{b.pk}"] == ["Valitse jäsenen kanta."]
    rows = re.findall(r"<tr data-ballot-row.*?</tr>", response.text, flags=re.S)
    row_of_b = next(row for row in rows if b.full_name in row)
    assert 'class="table-danger"' in row_of_b and "Valitse jäsenen kanta." in row_of_b
    assert 'aria-invalid="true"' in row_of_b
    row_of_a = next(row for row in rows if a.full_name in row)
    assert "table-danger" not in row_of_a and 'value="no" checked' in row_of_a  # the choice made stays
    assert not Vote.objects.exists()


def test_the_tally_script_is_loaded_and_the_tally_is_a_live_region(secretary_client, body):
    day = meeting_day(body)

    html = secretary_client.get(url(day.first)).text

    assert '<script src="/static/js/vote-tally.js"></script>' in html
    assert finders.find("js/vote-tally.js")
    tally = re.search(r"<p[^>]*data-vote-tally[^>]*>", html).group(0)
    assert 'aria-live="polite"' in tally
    for word in ("JAA", "EI", "TYHJÄ", "POISSA"):
        assert f"{word} <strong data-tally=" in html


def test_an_empty_result_is_written_from_the_positions(secretary_client, body):
    day = meeting_day(body)
    a, b, c = day.members

    secretary_client.post(url(day.first), vote_data({day.chair: "no", a: "yes", b: "yes", c: "abstain"}))
    secretary_client.post(url(day.first), vote_data({day.chair: "no", a: "yes", b: "no", c: "yes"}, yes="A", no="B"))

    first, tied = Vote.objects.filter(item=day.first).order_by("order")
    assert first.result == "Äänestyksen voitti päätösehdotus."
    assert tied.result == "Äänten mennessä tasan puheenjohtajan ääni ratkaisi; voitti B."


def test_two_votes_on_one_item_are_numbered_and_printed_in_order(secretary_client, body):
    day = meeting_day(body)
    a, b, c = day.members
    between = {day.chair: "no", a: "yes", b: "yes", c: "abstain"}
    against = {day.chair: "yes", a: "no", b: "no", c: "no"}

    first = secretary_client.post(
        url(day.first), vote_data(between, question="Muutosehdotukset vastakkain", result="Ensimmäinen voitti.")
    )
    page = secretary_client.get(url(day.first))
    second = secretary_client.post(
        url(day.first), vote_data(against, question="Voittanut ehdotus päätösehdotusta vastaan", result="EI voitti.")
    )

    assert first.status_code == second.status_code == 302
    assert page.context["forms"]["vote"].number == 2
    assert "Tämä on pykälän 2. äänestys" in page.text
    votes = list(Vote.objects.filter(item=day.first))
    assert [(vote.order, vote.question) for vote in votes] == [
        (1, "Muutosehdotukset vastakkain"),
        (2, "Voittanut ehdotus päätösehdotusta vastaan"),
    ]
    assert votes[0].counts() == {"yes": 2, "no": 1, "abstain": 1, "absent": 0}
    item_page = " ".join(secretary_client.get(day.first.get_absolute_url()).text.split())
    decision_page = " ".join(secretary_client.get(url(day.first)).text.split())
    minutes = " ".join(
        response_pdf_text(secretary_client.get(reverse("decisions:meeting_minutes_pdf", args=[day.meeting.pk]))).split()
    )
    for text in (item_page, decision_page, minutes):
        one, two = text.index("1. äänestys"), text.index("2. äänestys")
        assert one < text.index("Muutosehdotukset vastakkain") < two < text.index("Voittanut ehdotus")
        assert "Äänin JAA 2, EI 1, TYHJÄ 1." in text
        assert "Äänin JAA 1, EI 3, TYHJÄ 0." in text


def test_disqualified_member_is_named_under_the_vote(secretary_client, body):
    day = meeting_day(body)
    a, b, c = day.members
    disqualify(day.first, c)
    secretary_client.post(url(day.first), vote_data({day.chair: "yes", a: "yes", b: "no"}))

    text = " ".join(secretary_client.get(day.first.get_absolute_url()).text.split())

    assert f"Esteellisenä äänestykseen ei osallistunut: {c.full_name}." in text
    assert not VoteBallot.objects.filter(person=c).exists()


def test_a_disqualification_after_the_member_voted_is_refused(secretary_client, body):
    day = meeting_day(body)
    a, b, c = day.members
    secretary_client.post(url(day.first), vote_data({day.chair: "yes", a: "yes", b: "no", c: "yes"}))

    response = secretary_client.post(
        url(day.first),
        {"action": "disqualification", "disqualification-person": c.pk, "disqualification-ground": "relative"},
    )

    assert response.status_code == 200
    assert "person" in response.context["forms"]["disqualification"].errors
    assert not Disqualification.objects.exists()


def test_fourteen_members_fit_one_row_each(secretary_client, body):
    day = meeting_day(body)
    for number in range(10):
        person = PersonFactory(first_name=f"Lisä{number}", last_name=f"Jäsen{number:02}")
        AttendanceFactory(meeting=day.meeting, person=person, capacity=Attendance.Capacity.MEMBER)

    html = secretary_client.get(url(day.first)).text

    rows = re.findall(r"<tr data-ballot-row.*?</tr>", html, flags=re.S)
    assert len(rows) == 14
    assert all(row.count('type="radio"') == 4 for row in rows)
    assert all(row.count('class="visually-hidden"') == 4 for row in rows)  # each radio named for keyboard use
