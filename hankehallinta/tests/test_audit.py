"""The audit log: one append-only event per sign-in and per write, with who, role, where and outcome."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from hankehallinta.models import AppendOnlyError, AuditEvent
from testing.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_sign_in_is_logged_with_source_address_and_roles(secretary):
    Client(REMOTE_ADDR="10.1.2.3").post(reverse("login"), {"username": "sihteeri", "password": PASSWORD})
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
    assert event.user == secretary
    assert event.source_ip == "10.1.2.3"
    assert "sihteeri:Tulevaisuuslautakunta" in event.roles
    assert event.outcome == AuditEvent.Outcome.SUCCESS


def test_failed_sign_in_is_logged_with_the_attempted_username(secretary):
    Client().post(reverse("login"), {"username": "sihteeri\nfake line", "password": "wrong"})
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.user is None
    assert event.username == "sihteeri fake line"
    assert event.outcome == AuditEvent.Outcome.FAILURE


def test_spoofed_forwarded_for_is_ignored_from_untrusted_peer(secretary):
    client = Client(REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="6.6.6.6")
    client.post(reverse("login"), {"username": "sihteeri", "password": PASSWORD})
    assert AuditEvent.objects.get(action=AuditEvent.Action.LOGIN).source_ip == "10.1.2.3"


def test_every_write_to_a_domain_model_is_one_event():
    project = ProjectFactory()
    project.title = "Uusi nimi"
    project.save(update_fields=["title"])
    events = AuditEvent.objects.for_object(project).order_by("pk")
    assert [e.action for e in events] == [AuditEvent.Action.CREATE, AuditEvent.Action.UPDATE]
    assert events[1].detail == {"fields": ["title"]}


def test_field_history_shows_who_changed_what_from_what(director):
    project = ProjectFactory(title="Vanha nimi")
    project.title = "Uusi nimi"
    project._history_user = director
    project.save()
    newest, previous = project.history.all()[:2]
    change = newest.diff_against(previous).changes[0]
    assert (change.field, change.old, change.new) == ("title", "Vanha nimi", "Uusi nimi")
    assert newest.history_user == director


def test_audit_events_cannot_be_changed_or_deleted_through_the_orm():
    ProjectFactory()
    event = AuditEvent.objects.first()
    event.outcome = AuditEvent.Outcome.FAILURE
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(outcome="failure")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.postgres
@pytest.mark.parametrize("sql", ["UPDATE {table} SET outcome = 'failure'", "DELETE FROM {table}"])
def test_database_trigger_refuses_update_and_delete_of_audit_events(sql):
    ProjectFactory()
    before = AuditEvent.objects.count()
    with pytest.raises(DatabaseError, match="pgtrigger"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql.format(table=AuditEvent._meta.db_table))
    assert AuditEvent.objects.count() == before
    assert not AuditEvent.objects.filter(outcome="failure").exists()
