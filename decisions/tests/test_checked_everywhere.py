"""Checked means checked, everywhere: every record hanging off a checked § refuses change and deletion
by every path (model, queryset, moving, admin change, admin delete, admin bulk delete, raw SQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, models, transaction
from django.urls import reverse
from django.utils import timezone

from decisions.models import (
    AgendaItem,
    Attachment,
    CheckedDecisionError,
    DecisionCondition,
    DecisionCorrection,
    Delegation,
    Disqualification,
    Dissent,
    Extract,
    FinalityRecord,
    MinutesCheck,
    Motion,
    Notification,
    PrivatePersonData,
    Vote,
    VoteBallot,
)
from decisions.models.checked import FrozenWhenChecked
from decisions.services.minutes import check_minutes
from hankehallinta.models import AuditEvent
from testing.meeting_day import meeting_day

pytestmark = pytest.mark.django_db

#: What hangs off an item but legitimately changes, or is added, after the check, and why.
CHANGES_AFTER_THE_CHECK = {
    AgendaItem: "a later item continuing a tabled or returned one (carried_from) is a new § of its own",
    Notification: "notifying the decision to its parties happens after the check",
    FinalityRecord: "the decision becomes final after the check",
    DecisionCorrection: "a correction is the lawful way to change a checked decision: a new record",
    PrivatePersonData: "private persons' data are removed from the web when the rectification period ends",
}

#: For each frozen model: a frozen field and a new value for it.
CHANGES = {
    Motion: ("text", "Muutettu ehdotus"),
    Vote: ("question", "Muutettu kysymys"),
    VoteBallot: ("position", "no"),
    Disqualification: ("note", "Muutettu"),
    Dissent: ("reasons", "Muutetut perustelut"),
    Attachment: ("title", "Muutettu liite"),
    DecisionCondition: ("text", "Muutettu ehto"),
    Delegation: ("scope", "Muutettu valtuutus"),
    Extract: ("recipients", "Joku muu"),
    MinutesCheck: ("checked_on", dt.date(2000, 1, 1)),
}


def _models_hanging_off_the_item() -> set[type[models.Model]]:
    """The item's relations, and (for records that freeze) what hangs off them in turn (a vote's ballots)."""
    found: set[type[models.Model]] = set()
    pending = [AgendaItem]
    while pending:
        parent = pending.pop()
        for relation in parent._meta.related_objects:
            model = relation.related_model
            if model not in found:
                found.add(model)
                if issubclass(model, FrozenWhenChecked):
                    pending.append(model)
    return found


def test_every_model_hanging_off_an_item_is_frozen_or_listed_with_its_reason():
    hanging = _models_hanging_off_the_item()
    unaccounted = hanging - set(CHANGES) - set(CHANGES_AFTER_THE_CHECK)
    assert not unaccounted, f"freeze these with the § (decisions.models.checked) or list them: {unaccounted}"
    for model in CHANGES:
        assert issubclass(model, FrozenWhenChecked), model
        assert model in hanging, model


@pytest.fixture
def checked(body, admin_user):
    """A checked § with one of each record, and an unchecked § of the same meeting to move them to."""
    day = meeting_day(body)
    item, other = day.first, day.second
    vote = Vote.objects.create(item=item, question="Hyväksytäänkö?", yes_option="Esitys", no_option="Ehdotus")
    records = {
        Motion: Motion.objects.create(item=item, proposer=day.chair, text="Ehdotus"),
        Vote: vote,
        VoteBallot: VoteBallot.objects.create(vote=vote, person=day.chair, position="yes"),
        Disqualification: Disqualification.objects.create(item=item, person=day.members[0], ground="party"),
        Dissent: Dissent.objects.create(item=item, person=day.members[1], reasons="Perustelut"),
        Attachment: Attachment.objects.create(item=item, number=1, title="Hankehakemus"),
        DecisionCondition: DecisionCondition.objects.create(item=item, text="Omarahoitus budjetoidaan"),
        Delegation: Delegation.objects.create(item=item, delegate="kehittämisjohtaja", scope="Muutokset"),
    }
    records[MinutesCheck] = check_minutes(
        day.meeting, items=[item], checked_on=dt.date(2026, 3, 12), examiners=[day.chair], method="electronic", by=None
    )
    records[Extract] = Extract.objects.create(
        item=item,
        issued_by=admin_user,
        certifier_name="Sanna Sihvonen",
        certifier_title="Hallintosihteeri",
        place="Joensuu",
        pdf="extracts/2026/ote.pdf",
        sha256="0" * 64,
    )
    other_vote = Vote.objects.create(item=other, question="Toinen", yes_option="A", no_option="B")
    return {"records": records, "item": item, "other": other, "other_vote": other_vote, "day": day}


def _stored(record: models.Model) -> object:
    field, _value = CHANGES[type(record)]
    return type(record)._base_manager.filter(pk=record.pk).values_list(field, flat=True).first()


def _target(model: type[models.Model], fixture: dict) -> tuple[str, object]:
    """Where moving a record to another § would put it."""
    if model is VoteBallot:
        return "vote", fixture["other_vote"]
    if model is MinutesCheck:
        return "meeting", fixture["other"].meeting  # the same meeting; the covered § stays checked
    return "item", fixture["other"]


FROZEN = list(CHANGES)


@pytest.mark.parametrize("model", FROZEN, ids=lambda model: model.__name__)
def test_model_and_queryset_refuse_change_move_and_deletion(checked, model):
    record = checked["records"][model]
    field, value = CHANGES[model]
    before = _stored(record)
    rows = model._default_manager.filter(pk=record.pk)

    setattr(record, field, value)
    with pytest.raises(CheckedDecisionError):
        record.save()
    with pytest.raises(CheckedDecisionError):
        record.delete()
    with pytest.raises(CheckedDecisionError):
        rows.update(**{field: value})
    with pytest.raises(CheckedDecisionError):
        rows.delete()
    if model is not MinutesCheck:
        parent, target = _target(model, checked)
        record.refresh_from_db()
        setattr(record, parent, target)
        with pytest.raises(CheckedDecisionError):
            record.save()
        with pytest.raises(CheckedDecisionError):
            rows.update(**{parent: target})

    assert _stored(record) == before
    assert rows.exists()


def test_a_cascade_from_the_vote_does_not_delete_its_ballots(checked):
    with pytest.raises(CheckedDecisionError):
        checked["records"][Vote].delete()
    assert VoteBallot.objects.filter(pk=checked["records"][VoteBallot].pk).exists()


@pytest.mark.parametrize("model", [Motion, Vote, Disqualification, Dissent], ids=lambda model: model.__name__)
def test_no_handling_row_is_added_to_or_moved_into_a_checked_item(checked, model):
    record = checked["records"][model]
    moving = model._default_manager.create(
        **{
            field.name: getattr(record, field.name)
            for field in model._meta.concrete_fields
            if not field.primary_key and field.name != "item"
        },
        item=checked["other"],
    )
    with pytest.raises(CheckedDecisionError):
        model._default_manager.filter(pk=moving.pk).update(item=checked["item"])
    moving.item = checked["item"]
    with pytest.raises(CheckedDecisionError):
        moving.save()
    moving.pk = None
    moving._state.adding = True
    with pytest.raises(CheckedDecisionError):
        moving.save()


def test_status_of_a_checked_condition_still_changes(checked):
    condition = checked["records"][DecisionCondition]
    condition.status = DecisionCondition.Status.MET
    condition.evidence = "Talousarvio 2024"
    condition.save()
    DecisionCondition.objects.filter(pk=condition.pk).update(status=DecisionCondition.Status.NOT_MET)
    assert DecisionCondition.objects.get(pk=condition.pk).status == "not_met"


def test_the_check_record_keeps_its_section_and_examiners(checked):
    check = checked["records"][MinutesCheck]
    # The related manager writes without a savepoint of its own: the refusal ends its transaction.
    with pytest.raises(CheckedDecisionError), transaction.atomic():
        check.items.clear()
    with pytest.raises(CheckedDecisionError), transaction.atomic():
        check.examiners.remove(checked["day"].chair)
    assert list(check.items.all()) == [checked["item"]]


# The admin ----------------------------------------------------------------------------------


def _admin_url(model: type[models.Model], view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", FROZEN, ids=lambda model: model.__name__)
def test_admin_neither_changes_nor_deletes_a_record_of_a_checked_item(checked, admin_client, model):
    record = checked["records"][model]
    field, value = CHANGES[model]
    before = _stored(record)
    change = _admin_url(model, "change", record.pk)

    assert admin_client.get(change).status_code == 200
    response = admin_client.post(change, {field: value})
    assert response.status_code in (200, 302, 403)
    assert _stored(record) == before

    for response in (
        admin_client.get(_admin_url(model, "delete", record.pk)),
        admin_client.post(_admin_url(model, "delete", record.pk), {"post": "yes"}),
        admin_client.post(
            _admin_url(model, "changelist"),
            {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
            follow=True,
        ),
    ):
        assert response.status_code in (200, 302)
        assert model._base_manager.filter(pk=record.pk).exists()
    assert "tarkastettu" in response.content.decode()


def test_admin_does_not_delete_the_checked_item(checked, admin_client):
    item = checked["item"]
    admin_client.post(_admin_url(AgendaItem, "delete", item.pk), {"post": "yes"})
    admin_client.post(
        _admin_url(AgendaItem, "changelist"),
        {"action": "delete_selected", "_selected_action": [item.pk], "post": "yes"},
    )
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_history_revert_of_a_checked_item_answers_with_a_message(body, admin_client):
    day = meeting_day(body)
    item = AgendaItem.objects.get(pk=day.first.pk)
    item.title = "Uusi otsikko"
    item.save()
    earliest = item.history.order_by("history_id").first()
    item.mark_checked(timezone.now())
    url = reverse("admin:decisions_agendaitem_simple_history", args=[item.pk, earliest.history_id])

    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"title": earliest.title}, follow=True)

    assert response.status_code == 200
    assert "aiempaan versioon" in response.content.decode()
    assert AgendaItem.objects.get(pk=item.pk).title == "Uusi otsikko"


def test_deleting_a_user_in_the_audit_log_answers_with_a_message(admin_client, django_user_model):
    user = django_user_model.objects.create_user("kirjattu", password="x" * 20)
    AuditEvent.objects.create(user=user, username=user.username, action=AuditEvent.Action.LOGIN)
    User = get_user_model()  # noqa: N806

    for response in (
        admin_client.post(_admin_url(User, "delete", user.pk), {"post": "yes"}, follow=True),
        admin_client.post(
            _admin_url(User, "changelist"),
            {"action": "delete_selected", "_selected_action": [user.pk], "post": "yes"},
            follow=True,
        ),
    ):
        assert response.status_code == 200
        assert "poista tili käytöstä" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()
    assert AuditEvent.objects.filter(user=user).exists()


def test_a_user_outside_the_audit_log_can_still_be_deleted(admin_client, django_user_model):
    user = django_user_model.objects.create_user("tyhja", password="x" * 20)
    admin_client.post(_admin_url(get_user_model(), "delete", user.pk), {"post": "yes"})
    assert not get_user_model().objects.filter(pk=user.pk).exists()


# The database ---------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize("model", FROZEN, ids=lambda model: model.__name__)
def test_database_refuses_raw_update_and_delete(checked, model):
    record = checked["records"][model]
    field, value = CHANGES[model]
    table = model._meta.db_table
    column = model._meta.get_field(field).column
    for sql, params in (
        (f'UPDATE {table} SET "{column}" = %s WHERE id = %s', [value, record.pk]),
        (f"DELETE FROM {table} WHERE id = %s", [record.pk]),
    ):
        with pytest.raises(DatabaseError, match="pgtrigger"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    if model is not MinutesCheck:
        parent, target = _target(model, checked)
        column = model._meta.get_field(parent).column
        with pytest.raises(DatabaseError, match="pgtrigger"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f'UPDATE {table} SET "{column}" = %s WHERE id = %s', [target.pk, record.pk])
    assert model._base_manager.filter(pk=record.pk).exists()


@pytest.mark.postgres
def test_database_lets_a_checked_condition_status_change(checked):
    condition = checked["records"][DecisionCondition]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE decisions_decisioncondition SET status = 'met' WHERE id = %s", [condition.pk])
    assert DecisionCondition.objects.get(pk=condition.pk).status == "met"
