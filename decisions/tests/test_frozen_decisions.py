"""A checked decision cannot change: not through the model, a queryset update, nor SQL on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from decisions.models import AgendaItem, CheckedDecisionError
from decisions.tests.factories import AgendaItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked_item():
    return AgendaItemFactory(decision="Hyväksyttiin.", resolution="passed_unchanged", checked_at=timezone.now())


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
    assert AgendaItem.objects.get(pk=checked_item.pk).resolution == "passed_unchanged"


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
