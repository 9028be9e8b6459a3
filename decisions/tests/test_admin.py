"""The back office: every registered model's list, change and add pages open with the demo loaded."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib import admin
from django.core import checks
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from decisions.models import (
    AgendaItem,
    DecisionCorrection,
    Disqualification,
    Dissent,
    Extract,
    Motion,
    Notification,
    PrivatePersonData,
    Vote,
    VoteBallot,
)
from decisions.tasks import remove_personal_data
from portal import demo
from testing.factories import AttachmentFactory
from testing.tasks import DATABASE_TASKS

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def demo_data(settings):
    """The demo, plus one of each record the seed itself has none of."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    data = demo.load()
    AttachmentFactory(item=data.item, number=1, title="Hankehakemus")
    DecisionCorrection.objects.create(
        item=data.item,
        kind=DecisionCorrection.Kind.CLERICAL,
        reason="Kirjoitusvirhe diaarinumerossa",
        decided_by="Tulevaisuuslautakunta",
        decided_on=dt.date(2023, 12, 12),
    )
    Extract.objects.create(
        item=data.item,
        issued_by=data.users["sihteeri"],
        certifier_name="Sanna Sihvonen",
        certifier_title="Hallintosihteeri",
        place="Joensuu",
        pdf="extracts/2023/poytakirjanote-tulevaisuuslautakunta-2023-45.pdf",
        sha256="0" * 64,
    )
    # The handling of the upcoming meeting's item (a checked item's handling is frozen).
    member = data.presenter
    Motion.objects.create(item=data.draft_item, proposer=member, text="Asia palautetaan valmisteluun.")
    Disqualification.objects.create(item=data.draft_item, person=member, ground=Disqualification.Ground.RELATIVE)
    Dissent.objects.create(item=data.draft_item, person=member, reasons="Hanke on liian kallis.")
    vote = Vote.objects.create(item=data.draft_item, question="Palautus", yes_option="Ehdotus", no_option="Palautus")
    VoteBallot.objects.create(vote=vote, person=member, position=VoteBallot.Position.YES)
    Notification.objects.create(item=data.item, method="letter", recipient="Hakija", sent_on=dt.date(2023, 12, 20))
    PrivatePersonData.objects.create(item=data.item, text="Matti Meikäläinen")
    # Sign-in records: a two-factor device and a failed sign-in counter (django-axes).
    TOTPDevice.objects.create(user=data.users["kehittamisjohtaja"], name="Todennussovellus", confirmed=True)
    AccessAttempt.objects.create(
        username="sihteeri", ip_address="10.1.2.3", user_agent="", failures_since_start=1, attempt_time=timezone.now()
    )
    # A background task in the database queue, as the scheduler enqueues it (docs/background-tasks.md).
    settings.TASKS = DATABASE_TASKS
    remove_personal_data.enqueue()
    return data


@pytest.fixture
def admin_client(client, demo_data):
    """Signed in as the demo's superuser."""
    client.force_login(demo_data.users["admin"])
    return client


def test_admin_configuration_passes_djangos_checks():
    errors = [message for message in checks.run_checks(tags=[checks.Tags.admin]) if message.is_serious()]

    assert errors == []


def test_every_model_of_the_apps_is_registered():
    for label in ("projects", "budgets", "decisions"):
        for model in apps.get_app_config(label).get_models():
            if not model.__name__.startswith("Historical"):
                assert model in admin.site._registry, model._meta.label


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_admin_changelist_answers_200(admin_client, model):
    url = admin_url(model, "changelist")

    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "2023"}).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_admin_change_page_answers_200(admin_client, model):
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"the demo has no {model._meta.label} to open"

    response = admin_client.get(admin_url(model, "change", obj.pk))

    assert response.status_code == 200
    assert admin_client.get(admin_url(model, "history", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_admin_add_page_answers_200_where_adding_is_allowed(admin_client, model, rf, demo_data):
    request = rf.get("/")
    request.user = demo_data.users["admin"]
    allowed = admin.site._registry[model].has_add_permission(request)

    response = admin_client.get(admin_url(model, "add"))

    assert response.status_code == (200 if allowed else 403)


def test_meeting_page_lists_its_items_and_attendance(admin_client, demo_data):
    response = admin_client.get(admin_url(demo_data.meeting, "change", demo_data.meeting.pk))

    assert "Työkyvyn tuen palvelut -hankkeen hankehakemuksen hyväksyminen" in response.text
    assert "Pirskanen" in response.text
    assert "Asiantuntijana § 45" in response.text


def test_checked_item_shows_its_frozen_decision_as_text_not_as_fields(admin_client, demo_data):
    response = admin_client.get(admin_url(AgendaItem, "change", demo_data.item.pk))

    assert 'name="decision"' not in response.text
    assert 'name="proposal"' not in response.text
    assert 'name="distribution"' in response.text  # not frozen
    assert "Hyväksyttiin." in response.text


def test_draft_item_can_be_edited_in_full(admin_client, demo_data):
    response = admin_client.get(admin_url(AgendaItem, "change", demo_data.draft_item.pk))

    assert 'name="decision"' in response.text
    assert 'name="proposal"' in response.text


def test_issued_extract_is_read_only(admin_client, demo_data):
    extract = Extract.objects.get()

    response = admin_client.get(admin_url(Extract, "change", extract.pk))

    assert response.status_code == 200
    assert 'name="sha256"' not in response.text
    assert admin_client.get(admin_url(Extract, "add")).status_code == 403


def test_autocomplete_finds_the_presenter_for_an_agenda_item(admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "decisions", "model_name": "agendaitem", "field_name": "presenter", "term": "Pirsk"},
    )

    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == ["Ilkka Pirskanen"]
