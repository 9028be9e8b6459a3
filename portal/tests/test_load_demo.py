"""`manage.py load_demo`: the seed as real records, idempotent, atomic, and never with DEBUG off."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from decisions.models import AgendaItem, Body, Meeting, Membership, MinutesCheck
from decisions.rules import is_presenter_of
from hankehallinta.permissions import GROUP_STAFF, has_permission
from portal import demo
from portal.demo import loader, texts
from projects.models import Project
from projects.versions import content_hash, snapshot

pytestmark = pytest.mark.django_db

SEED = (Path(demo.__file__).parent / "seed.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def fast_passwords_and_debug(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = True


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def all_rows() -> dict[str, list[dict]]:
    """Every row of every table, through tables and history and audit tables included."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
    }


def words(text: str) -> str:
    return " ".join(text.split())


def seed_section(start: str, end: str | None = None) -> str:
    after = SEED.split(start, 1)[1]
    return words(after.split(end, 1)[0] if end else after)


# The command ---------------------------------------------------------------------------------


def test_load_demo_twice_leaves_the_same_data():
    load_demo()
    first = all_rows()
    load_demo()

    assert all_rows() == first
    assert first["projects.Project"] and first["decisions.AgendaItem"] and first["auth.User"]


def test_load_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        load_demo()

    assert not Project.objects.exists()
    assert not User.objects.exists()


def test_load_demo_writes_nothing_when_it_fails_halfway(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("stop")

    monkeypatch.setattr(loader, "_load_upcoming", fail)

    with pytest.raises(RuntimeError):
        load_demo()

    assert not Project.objects.exists()
    assert not Body.objects.exists()
    assert not User.objects.exists()


def test_load_demo_prints_the_users_and_their_password():
    out = load_demo()

    assert "password: demo" in out
    for username in ("sihteeri", "kehittamisjohtaja", "esittelija", "henkilosto", "admin"):
        assert username in out


def test_load_demo_restores_the_seed_budget_after_edits():
    data = demo.load()
    data.project.budget_lines.filter(year=2025).delete()
    data.project.budget_lines.create(category="flat_rate", year=2024, amount=1)

    demo.load()

    assert data.project.budget_lines.total() == 379_904


# Users and roles -----------------------------------------------------------------------------


def test_demo_users_sign_in_with_the_password_demo():
    demo.load()

    for username, _role in demo.DEMO_USERS:
        assert User.objects.get(username=username).check_password("demo")


def test_demo_users_have_their_roles():
    data = demo.load()
    users, body = data.users, data.body

    assert has_permission(users["sihteeri"], "decisions.manage_body", body)
    assert has_permission(users["kehittamisjohtaja"], "projects.edit_project", data.project)
    assert not has_permission(users["henkilosto"], "projects.edit_project", data.project)
    assert users["henkilosto"].groups.filter(name=GROUP_STAFF).exists()
    assert is_presenter_of(users["esittelija"], data.item)
    assert users["admin"].is_superuser and users["admin"].is_staff
    assert not users["sihteeri"].is_staff


def test_the_presenter_is_ilkka_pirskanen_with_a_presenter_membership():
    data = demo.load()

    assert data.presenter.full_name == "Ilkka Pirskanen"
    assert data.presenter.title == "Strategiajohtaja"
    assert data.presenter.user.username == "esittelija"
    assert data.presenter.memberships.filter(body=data.body, role=Membership.Role.PRESENTER).exists()


# The body, the meeting and the decision --------------------------------------------------------


def test_the_body_carries_the_appeal_instruction_data():
    body = demo.load().body

    assert body.name == "Tulevaisuuslautakunta"
    assert body.organisation == "Pohjois-Karjalan hyvinvointialue (Siun sote)"
    assert body.rectification_authority_name == "Tulevaisuuslautakunta"
    assert body.appeal_court == "Itä-Suomen hallinto-oikeus"
    assert body.registry_email and "Joensuu" in body.registry_postal_address
    assert body.registry_closing_time == dt.time(15, 0)


def test_the_seed_meeting_is_past_checked_and_published():
    data = demo.load()
    meeting = data.meeting

    assert (meeting.year, meeting.number) == (2023, 12)
    assert meeting.date == dt.date(2023, 11, 28)
    assert meeting.state == Meeting.State.PUBLISHED
    assert meeting.minutes_published_on == dt.date(2023, 12, 5)
    assert meeting.examiners.count() == 2
    check = MinutesCheck.objects.get(meeting=meeting)
    assert not check.items.exists()  # the whole meeting
    assert set(check.examiners.all()) == set(meeting.examiners.all())
    assert meeting.attendances.filter(present=True).count() >= 5


def test_the_seed_item_is_checked_with_the_decision_and_its_records():
    item = demo.load().item

    assert item.section == 45
    assert item.is_checked and item.checked_at.tzinfo is not None
    assert item.presenter_name == "Ilkka Pirskanen"
    assert item.presenter_title == "Strategiajohtaja"
    assert item.preparer_name and item.preparer_contact
    assert item.decision == "Hyväksyttiin."
    assert item.resolution == AgendaItem.Resolution.PASSED
    assert item.appeal_route == AgendaItem.AppealRoute.RECTIFICATION
    assert item.appeal_provision == "Hyvinvointialuelaki 141 §"
    assert item.is_public
    condition = item.conditions.get()
    assert condition.text == "Hankkeen omarahoitusosuus sisällytetään hyvinvointialueen vuoden 2024 talousarvioon"
    assert condition.status == "open" and condition.project == item.project
    delegation = item.delegations.get()
    assert delegation.delegate == "Kehittämisjohtaja"
    assert "rahoittajan mahdollisen ohjauksen puitteissa" in delegation.scope


def test_the_decision_points_to_the_application_version_it_decided():
    data = demo.load()

    assert data.item.project == data.project
    assert data.item.application_version == data.version
    assert data.version.label == "Lautakunnan käsittelemä hakemus"
    assert data.version.created_by == data.users["admin"]
    assert data.version.content_hash == content_hash(snapshot(data.project))


def test_the_upcoming_meeting_is_planned_with_an_unchecked_draft_item():
    data = demo.load(today=dt.date(2026, 11, 27))

    assert data.planned_meeting.state == Meeting.State.PLANNED
    assert data.planned_meeting.date == dt.date(2027, 1, 13)  # the second Wednesday
    assert data.draft_item.is_draft
    assert not data.draft_item.decision
    assert data.draft_item.project == data.other_project


# The seed's text, verbatim ---------------------------------------------------------------------


def test_the_proposal_is_the_seeds_text():
    item = demo.load().item

    assert item.proposal == texts.PROPOSAL
    assert words(item.proposal) == seed_section("Pirskanen Ilkka:", "Päätös Hyväksyttiin.")


def test_the_description_is_the_seeds_selostus_word_for_word():
    item = demo.load().item
    # The seed's bullets are U+F0B7 (a Symbol-font bullet from the PDF); the description writes "- ".
    seed_bullets_as_dashes = seed_section("Selostus").replace("\uf0b7", "-")

    assert words(item.description) == seed_bullets_as_dashes


def test_the_description_keeps_paragraphs_and_lists_and_no_wrapping():
    description = demo.load().item.description
    blocks = description.split("\n\n")

    assert "Hankkeen budjetti on koko hankeajalle 379.904 €. Haettava rahoitus on 303.924 € ja" in description
    assert "1. Hanke selkeyttää hyvinvointialueen ja työllisyysalueen välisiä yhdyspintoja ja rakenteita\n2. " in (
        description
    )
    assert "\n- palvelujen saatavuus, saavutettavuus ja oikea-aikaisuus paranevat sekä\n- toimintamme" in description
    for block in blocks:
        lines = block.split("\n")
        if len(lines) > 1:  # only lists have lines of their own
            assert all(re.match(r"(\d+\.|-) \S", line) for line in lines), block
        assert block == block.strip() and "  " not in block


def test_the_objectives_are_the_seeds_two_objectives():
    project = demo.load().project

    assert [o.text for o in project.objectives.all()] == list(texts.OBJECTIVES)
    for objective in texts.OBJECTIVES:
        assert words(objective) in words(SEED)


def test_the_bilingual_board_shows_its_decisions_in_swedish_under_sv(client):
    demo.load()
    body = Body.objects.get(name="Kansalliskielilautakunta")
    item = AgendaItem.objects.get(body=body, section=31)

    assert body.is_bilingual and body.name_sv == "Nationalspråksnämnden"
    assert item.is_checked and item.missing_translations() == []
    with translation.override("sv"):
        url = reverse("archive:item", args=[item.pk])
    page = client.get(url).content.decode()
    assert url.startswith("/sv/arkiv/")
    assert "Nationalspråksnämndens utlåtande" in page and "Godkändes." in page
