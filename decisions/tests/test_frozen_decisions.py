"""A checked decision cannot change: not through the model, a queryset update, nor SQL on PostgreSQL."""

from __future__ import annotations

import copy

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from decisions.forms.decision import DecisionForm
from decisions.models import AgendaItem, CheckedDecisionError, Dissent, Motion, Vote, VoteBallot
from decisions.services import handling, items
from hankehallinta.services import ActionRefused
from testing.factories import AgendaItemFactory
from testing.meeting_day import meeting_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked_item():
    return AgendaItemFactory(decision="Hyväksyttiin.", resolution="passed", checked_at=timezone.now())


def test_checked_decision_text_cannot_be_saved(checked_item):
    checked_item.decision = "Hylättiin."
    with pytest.raises(CheckedDecisionError):
        checked_item.save()
    assert AgendaItem.objects.get(pk=checked_item.pk).decision == "Hyväksyttiin."


def test_checked_decision_cannot_be_unchecked(checked_item):
    checked_item.checked_at = None
    with pytest.raises(CheckedDecisionError):
        checked_item.save()


def test_queryset_update_of_checked_resolution_is_refused(checked_item):
    with pytest.raises(CheckedDecisionError):
        AgendaItem.objects.filter(pk=checked_item.pk).update(resolution="rejected")
    assert AgendaItem.objects.get(pk=checked_item.pk).resolution == "passed"


def test_checked_decision_cannot_be_deleted(checked_item):
    with pytest.raises(CheckedDecisionError):
        checked_item.delete()
    assert AgendaItem.objects.filter(pk=checked_item.pk).exists()


def test_fields_outside_the_check_still_change(checked_item):
    checked_item.distribution = "Kehittämisjohtaja"
    checked_item.save()
    assert AgendaItem.objects.get(pk=checked_item.pk).distribution == "Kehittämisjohtaja"


def test_unchecked_decision_can_be_edited():
    item = AgendaItemFactory(decision="Hyväksyttiin.")
    item.decision = "Hyväksyttiin muutettuna."
    item.save()
    assert AgendaItem.objects.get(pk=item.pk).decision == "Hyväksyttiin muutettuna."


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE decisions_agendaitem SET decision = 'Muutettu' WHERE id = %s",
        "UPDATE decisions_agendaitem SET checked_at = NULL WHERE id = %s",
        "DELETE FROM decisions_agendaitem WHERE id = %s",
    ],
)
def test_database_trigger_refuses_raw_changes_to_checked_decision(checked_item, sql):
    with pytest.raises(DatabaseError, match="pgtrigger"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [checked_item.pk])
    assert AgendaItem.objects.get(pk=checked_item.pk).decision == "Hyväksyttiin."


@pytest.mark.postgres
def test_database_trigger_allows_fields_outside_the_check(checked_item):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE decisions_agendaitem SET distribution = 'Kirjaamo' WHERE id = %s", [checked_item.pk])
    assert AgendaItem.objects.get(pk=checked_item.pk).distribution == "Kirjaamo"


# Handling records, the decision form and the decision page ----------------------------------


def test_handling_of_a_checked_decision_cannot_be_added_changed_or_deleted(body):

    day = meeting_day(body)
    vote = Vote.objects.create(item=day.first, question="Q", yes_option="A", no_option="B")
    ballot = VoteBallot.objects.create(vote=vote, person=day.chair, position="yes")
    dissent = Dissent.objects.create(item=day.first, person=day.chair)
    day.first.mark_checked(timezone.now())

    with pytest.raises(CheckedDecisionError):
        Motion.objects.create(item=day.first, proposer=day.chair, text="Uusi ehdotus")
    ballot.position = "no"
    for change in (ballot.save, vote.delete, dissent.delete, ballot.delete):
        with pytest.raises(CheckedDecisionError):
            change()
    assert VoteBallot.objects.get(pk=ballot.pk).position == "yes"
    assert Dissent.objects.filter(pk=dissent.pk).exists()


def test_decision_form_cannot_save_a_checked_decision(body):
    item = AgendaItemFactory(meeting__body=body, decision="Hyväksyttiin.", resolution="passed")
    item.mark_checked(timezone.now())
    form = DecisionForm({"resolution": "rejected", "decision": "Hylättiin.", "version": item.version}, instance=item)

    assert form.is_valid()
    with pytest.raises(CheckedDecisionError):
        form.save()
    assert AgendaItem.objects.get(pk=item.pk).decision == "Hyväksyttiin."


def test_services_refuse_to_change_a_checked_decision_or_its_handling(body):
    day = meeting_day(body)
    motion = Motion.objects.create(item=day.first, proposer=day.chair, text="Ehdotus")
    item = AgendaItem.objects.get(pk=day.first.pk)
    item.mark_checked(timezone.now())
    changed = copy.copy(item)
    changed.decision = "Hylättiin."

    with pytest.raises(ActionRefused, match="checked|tarkastettu"):
        items.record_decision(changed, expected_version=item.version)
    with pytest.raises(ActionRefused):
        handling.record_handling(Motion(item=item, proposer=day.chair, text="Uusi"))
    with pytest.raises(ActionRefused):
        handling.delete_handling(item, "motion", motion.pk)
    assert AgendaItem.objects.get(pk=item.pk).decision == item.decision != "Hylättiin."
    assert list(Motion.objects.values_list("text", flat=True)) == ["Ehdotus"]


def test_decision_page_refuses_a_checked_decision(secretary_client, body):

    day = meeting_day(body)
    AgendaItem.objects.filter(pk=day.first.pk).update(decision="Hyväksyttiin.", resolution="passed")
    day.first.refresh_from_db()
    day.first.mark_checked(timezone.now())
    url = reverse("decisions:item_decision", args=[day.first.pk])

    for data in (
        {"action": "decision", "resolution": "rejected", "decision": "Hylättiin.", "version": day.first.version},
        {"action": "motion", "motion-proposer": day.chair.pk, "motion-text": "Uusi"},
    ):
        response = secretary_client.post(url, data)
        assert response.status_code == 403
        assert "Tarkastettuun päätökseen tehdään muutokset korjauksina" in response.text
    assert AgendaItem.objects.get(pk=day.first.pk).decision == "Hyväksyttiin."
    assert not Motion.objects.exists()


def test_mark_checked_twice_is_refused():
    item = AgendaItemFactory()
    item.mark_checked(timezone.now())

    with pytest.raises(CheckedDecisionError):
        item.mark_checked(timezone.now())
