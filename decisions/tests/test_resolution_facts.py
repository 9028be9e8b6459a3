"""The resolution as an outcome plus independent facts: "after a vote" and "as amended" are stored and
combine, "with a dissent" is derived from the dissents, and every document and page prints the whole
phrase (decisions.models.resolution)."""

from __future__ import annotations

import datetime as dt
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import translation

from decisions.forms.decision import DecisionForm
from decisions.models import AgendaItem, CheckedDecisionError, Dissent, Meeting, Vote
from decisions.models.resolution import RESOLUTION_PHRASES, Resolution, facts_allowed, resolution_phrase
from testing.factories import HELSINKI, AgendaItemFactory, MeetingFactory
from testing.meeting_day import AMENDED, meeting_day
from testing.pdf import response_pdf_text

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("decisions.migrations.0012_resolution_facts")
CHECKED = dt.datetime(2026, 3, 12, 12, tzinfo=HELSINKI)


def finnish(outcome: str, *, after_vote: bool = False, amended: bool = False, dissent: bool = False) -> str:
    """The phrase as the Finnish documents print it (through the catalogue, like the templates)."""
    with translation.override("fi"):
        return resolution_phrase(outcome, after_vote=after_vote, amended=amended, dissent=dissent)


def decide(client, item: AgendaItem, **data):
    values = {"action": "decision", "decision": AMENDED, "version": item.version, **data}
    return client.post(reverse("decisions:item_decision", args=[item.pk]), values)


# The phrases ------------------------------------------------------------------------------------


def test_both_facts_make_one_whole_phrase():
    with translation.override("en"):
        assert resolution_phrase("passed", after_vote=True, amended=True) == "Passed as amended after a vote"
        assert resolution_phrase("passed", after_vote=False, amended=False) == "Passed unchanged"
        assert resolution_phrase("rejected", after_vote=True, amended=False) == "Rejected after a vote"
        assert (
            resolution_phrase("passed", after_vote=False, amended=True, dissent=True)
            == "Passed as amended; a dissenting opinion was recorded"
        )


def test_every_allowed_combination_has_a_phrase_of_its_own():
    phrases = set()
    for outcome in Resolution.values:
        vote_allowed, amended_allowed = facts_allowed(outcome)
        for after_vote in {False, vote_allowed}:
            for amended in {False, amended_allowed}:
                assert (outcome, after_vote, amended) in RESOLUTION_PHRASES
                phrases.add(str(RESOLUTION_PHRASES[outcome, after_vote, amended]))
    assert len(phrases) == len(RESOLUTION_PHRASES)


# Recording, refusing, passing -------------------------------------------------------------------


def test_a_decision_passed_as_amended_after_a_vote_is_recorded_as_both(secretary_client, body):
    item = meeting_day(body).first

    response = decide(secretary_client, item, resolution="passed", after_vote="on", amended="on")

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.resolution, item.after_vote, item.amended) == ("passed", True, True)


@pytest.mark.parametrize(
    ("outcome", "fact"),
    [("noted", "after_vote"), ("election", "after_vote"), ("rejected", "amended"), ("passed_revised", "amended")],
)
def test_a_fact_that_does_not_go_with_the_outcome_is_refused_beside_its_box(secretary_client, body, outcome, fact):
    item = meeting_day(body).first

    response = decide(secretary_client, item, resolution=outcome, **{fact: "on"})

    assert response.status_code == 200
    form = response.context["forms"]["decision"]
    assert list(form.errors) == [fact]
    assert AgendaItem.objects.get(pk=item.pk).resolution == ""


def test_the_model_refuses_the_same_facts_outside_the_form(body):
    item = AgendaItemFactory(meeting__body=body, resolution="tabled", after_vote=True, amended=True)

    with pytest.raises(ValidationError) as refused:
        item.full_clean()

    assert set(refused.value.message_dict) == {"amended"}
    undecided = AgendaItemFactory(meeting__body=body)
    form = DecisionForm({"after_vote": "on", "decision": "x", "version": undecided.version}, instance=undecided)
    assert set(form.errors) == {"resolution", "after_vote"}


def test_passed_still_includes_the_decisions_passed_after_a_vote_or_as_amended(body):
    meeting = MeetingFactory(body=body)
    passing = {
        AgendaItemFactory(meeting=meeting, resolution="passed").pk,
        AgendaItemFactory(meeting=meeting, resolution="passed", after_vote=True, amended=True).pk,
        AgendaItemFactory(meeting=meeting, resolution="passed", amended=True).pk,
        AgendaItemFactory(meeting=meeting, resolution="passed_revised", after_vote=True).pk,
    }
    AgendaItemFactory(meeting=meeting, resolution="rejected", after_vote=True)
    AgendaItemFactory(meeting=meeting, resolution="returned")

    assert set(AgendaItem.objects.passed().values_list("pk", flat=True)) == passing


def test_only_a_proposal_passed_without_vote_or_amendment_hides_the_difference(body):
    item = AgendaItemFactory(meeting__body=body, proposal="Hyväksytään.", decision="Hyväksytään muutettuna.")
    item.resolution = "passed"
    assert not item.decision_differs
    item.after_vote = True
    assert item.decision_differs


# The dissent is derived -------------------------------------------------------------------------


def test_the_dissent_is_derived_from_the_dissent_records(body):
    day = meeting_day(body)
    AgendaItem.objects.filter(pk=day.first.pk).update(resolution="passed", after_vote=True)
    item = AgendaItem.objects.get(pk=day.first.pk)
    assert not item.has_dissent
    assert item.resolution_text == finnish("passed", after_vote=True)

    Dissent.objects.create(item=item, person=day.members[0], reasons="Hanke on liian kallis.")

    fresh = AgendaItem.objects.get(pk=item.pk)
    annotated = AgendaItem.objects.with_dissent_flag().get(pk=item.pk)
    prefetched = AgendaItem.objects.with_handling().get(pk=item.pk)
    assert fresh.has_dissent and annotated.has_dissent and prefetched.has_dissent
    assert fresh.resolution_text == finnish("passed", after_vote=True, dissent=True)
    assert fresh.resolution_summary == finnish("passed", after_vote=True)
    assert not any("dissent" in field.name for field in AgendaItem._meta.concrete_fields)


# The documents and pages ------------------------------------------------------------------------


@pytest.fixture
def amended_after_vote(body):
    """§ 21 passed as amended after a vote, with a vote and a dissent; checked and published."""
    day = meeting_day(body)
    item = day.first
    Vote.objects.create(item=item, question="Muutosehdotus vastaan päätösehdotus", yes_option="a", no_option="b")
    Dissent.objects.create(item=item, person=day.members[1])
    AgendaItem.objects.filter(pk=item.pk).update(decision=AMENDED, resolution="passed", after_vote=True, amended=True)
    AgendaItem.objects.filter(meeting=day.meeting).update(checked_at=CHECKED)
    Meeting.objects.filter(pk=day.meeting.pk).update(
        state=Meeting.State.PUBLISHED, minutes_published_on=dt.date(2026, 3, 13)
    )
    return AgendaItem.objects.get(pk=item.pk)


def test_minutes_and_extract_print_both_facts_and_the_dissent(secretary_client, amended_after_vote):
    item = amended_after_vote
    expected = finnish("passed", after_vote=True, amended=True, dissent=True)

    minutes = response_pdf_text(secretary_client.get(reverse("decisions:meeting_minutes_pdf", args=[item.meeting_id])))
    extract = response_pdf_text(secretary_client.get(reverse("decisions:item_extract_pdf", args=[item.pk])))

    for text in (minutes, extract):
        assert expected in text, text


def test_item_page_archive_and_search_print_the_whole_phrase(
    secretary_client, amended_after_vote, django_assert_max_num_queries
):
    item = amended_after_vote
    expected = finnish("passed", after_vote=True, amended=True, dissent=True)

    item_page = secretary_client.get(item.get_absolute_url()).text
    archive_page = secretary_client.get(reverse("archive:item", args=[item.pk])).text
    with django_assert_max_num_queries(20):
        search = secretary_client.get("/search/", {"q": item.title}).text

    for page in (item_page, archive_page, search):
        assert expected in page


# The migration ----------------------------------------------------------------------------------


def test_migration_maps_the_old_exclusive_choices_to_an_outcome_and_facts():
    assert MIGRATION.split_resolution("passed_unchanged") == ("passed", False, False)
    assert MIGRATION.split_resolution("passed_voted") == ("passed", True, False)
    assert MIGRATION.split_resolution("passed_amended") == ("passed", False, True)
    assert MIGRATION.split_resolution("rejected") == ("rejected", False, False)
    for old in ("passed_unchanged", "passed_voted", "passed_amended", "tabled"):
        outcome, after_vote, amended = MIGRATION.split_resolution(old)
        assert MIGRATION.merge_resolution(outcome, after_vote=after_vote, amended=amended) == old


def test_migration_rewrites_checked_decisions_and_their_history(body):
    """On PostgreSQL the frozen-decision trigger is ignored for the rewrite only (pgtrigger.ignore)."""
    voted = AgendaItemFactory(meeting__body=body, resolution="passed_voted", checked_at=CHECKED)
    amended = AgendaItemFactory(meeting__body=body, resolution="passed_amended", checked_at=CHECKED)
    editor = SimpleNamespace(connection=connection)

    MIGRATION.forwards(apps, editor)

    rows = AgendaItem.objects.filter(pk__in=[voted.pk, amended.pk]).order_by("pk")
    assert list(rows.values_list("resolution", "after_vote", "amended", "checked_at")) == [
        ("passed", True, False, CHECKED),
        ("passed", False, True, CHECKED),
    ]
    assert not AgendaItem.history.filter(resolution__startswith="passed_").exists()
    with pytest.raises(CheckedDecisionError):
        AgendaItem.objects.filter(pk=voted.pk).update(amended=True)

    MIGRATION.backwards(apps, editor)
    assert AgendaItem.objects.get(pk=voted.pk).resolution == "passed_voted"


@pytest.mark.postgres
@pytest.mark.parametrize("column", ["after_vote", "amended"])
def test_database_trigger_freezes_the_facts_of_a_checked_decision(body, column):
    item = AgendaItemFactory(meeting__body=body, resolution="passed", checked_at=CHECKED)

    with pytest.raises(DatabaseError, match="pgtrigger"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE decisions_agendaitem SET {column} = TRUE WHERE id = %s", [item.pk])  # noqa: S608

    assert not getattr(AgendaItem.objects.get(pk=item.pk), column)
