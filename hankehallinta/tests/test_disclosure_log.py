"""Disclosures and confidential reads (Tiedonhallintalaki 17 §): every PDF handed out is one DOWNLOAD
event naming the document, its hash and its items; every view of confidential content is one
READ_CONFIDENTIAL event; every refusal on an object is one DENIED event. No event carries the
confidential text itself."""

from __future__ import annotations

import hashlib
import json
from urllib.parse import unquote

import pytest
from django.urls import reverse

from decisions.models import AgendaItem
from hankehallinta.models import AuditEvent
from testing.factories import AgendaItemFactory, MeetingFactory
from testing.seed import seed_item, seed_project

pytestmark = pytest.mark.django_db

Action = AuditEvent.Action
CANARY = "KANARIA-7f3a"  # planted in every text field of the confidential item


def confidential_item(body, **extra) -> AgendaItem:
    values = {
        "meeting": MeetingFactory(body=body),
        "section": None,
        "title": f"Henkilöstöasia {CANARY}-otsikko",
        "proposal": f"Ehdotus {CANARY}-ehdotus",
        "description": f"Selostus {CANARY}-selostus",
        "decision": f"Päätös {CANARY}-päätös",
        "handling": f"Käsittely {CANARY}-käsittely",
        "distribution": f"{CANARY}-tiedoksi",
        "register_number": f"{CANARY}-dnro",
        "is_public": False,
        "secrecy_ground": "JulkL 24.1 § 25 k",
    }
    values.update(extra)
    return AgendaItemFactory(**values)


def downloaded_name(response) -> str:
    return unquote(response["Content-Disposition"].split("filename*=UTF-8''")[1])


def events(action: str):
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


# Downloads ---------------------------------------------------------------------------------------------


def test_extract_download_is_one_disclosure_naming_document_hash_and_item(staff_client, staff_user, body):
    item = seed_item(body)

    response = staff_client.get(reverse("decisions:item_extract_pdf", args=[item.pk]))

    assert response.status_code == 200
    [event] = events(Action.DOWNLOAD)
    assert event.user == staff_user
    assert event.authority == "decisions.download_extract"
    assert event.roles == "henkilosto"
    assert (event.object_type, event.object_id) == ("decisions.agendaitem", str(item.pk))
    assert event.detail["document"] == downloaded_name(response) == item.extract_filename
    assert event.detail["kind"] == "pöytäkirjanote"
    assert event.detail["items"] == [item.pk]
    assert event.detail["sha256"] == hashlib.sha256(response.content).hexdigest()
    assert event.detail["draft"] is False
    assert event.outcome == AuditEvent.Outcome.SUCCESS


def test_each_download_is_its_own_event(secretary_client, body):
    item = seed_item(body)
    url = reverse("decisions:item_extract_pdf", args=[item.pk])

    secretary_client.get(url)
    secretary_client.get(url)

    assert len(events(Action.DOWNLOAD)) == 2


def test_funding_breakdown_download_is_one_disclosure(director_client, director):
    project = seed_project()

    response = director_client.get(reverse("projects:funding_pdf", args=[project.pk]))

    assert response.status_code == 200
    [event] = events(Action.DOWNLOAD)
    assert (event.user, event.authority) == (director, "projects.download_funding_breakdown")
    assert (event.object_type, event.object_id) == ("projects.project", str(project.pk))
    assert event.detail["document"] == downloaded_name(response)
    assert event.detail["kind"] == "rahoituserittely"
    assert event.detail["project"] == project.pk
    assert event.detail["items"] == []
    assert event.detail["sha256"] == hashlib.sha256(response.content).hexdigest()


def test_refused_download_is_denied_and_not_a_disclosure(staff_client, body):
    item = confidential_item(body)

    response = staff_client.get(reverse("decisions:item_extract_pdf", args=[item.pk]))

    assert response.status_code == 403
    assert events(Action.DOWNLOAD) == []
    [denied] = events(Action.DENIED)
    assert (denied.authority, denied.outcome, denied.object_id) == (
        "decisions.download_extract",
        "denied",
        str(item.pk),
    )
    assert denied.detail == {"method": "GET", "path": f"/items/{item.pk}/extract.pdf"}


# Confidential reads ------------------------------------------------------------------------------------


def test_viewing_a_confidential_item_is_logged(secretary_client, secretary, body):
    item = confidential_item(body)

    assert secretary_client.get(item.get_absolute_url()).status_code == 200

    [event] = events(Action.READ_CONFIDENTIAL)
    assert (event.user, event.authority, event.object_id) == (secretary, "decisions.view_item", str(item.pk))
    assert event.detail == {"items": [item.pk]}


def test_viewing_a_public_item_is_not_a_confidential_read(staff_client, body):
    item = seed_item(body)

    staff_client.get(item.get_absolute_url())

    assert events(Action.READ_CONFIDENTIAL) == []


def test_meeting_page_showing_confidential_titles_is_logged(secretary_client, staff_client, body):
    item = confidential_item(body)
    AgendaItemFactory(meeting=item.meeting, section=None)

    staff_client.get(item.meeting.get_absolute_url())  # sees only the mention: not a read
    secretary_client.get(item.meeting.get_absolute_url())

    [event] = events(Action.READ_CONFIDENTIAL)
    assert (event.object_type, event.detail) == ("decisions.meeting", {"items": [item.pk]})


def test_opening_the_edit_form_of_a_confidential_item_is_logged(secretary_client, body):
    item = confidential_item(body)

    secretary_client.get(reverse("decisions:item_edit", args=[item.pk]))

    [event] = events(Action.READ_CONFIDENTIAL)
    assert event.authority == "decisions.edit_item"


def test_refusal_to_view_a_confidential_item_is_logged(other_secretary_client, other_secretary, body):
    item = confidential_item(body)

    assert other_secretary_client.get(item.get_absolute_url()).status_code == 403

    [event] = events(Action.DENIED)
    assert (event.user, event.authority, event.outcome) == (other_secretary, "decisions.view_item", "denied")
    assert events(Action.READ_CONFIDENTIAL) == []


# No confidential text in the log -------------------------------------------------------------------------


def test_no_audit_event_contains_confidential_text(
    secretary_client, staff_client, other_secretary_client, admin_client, body
):
    item = confidential_item(body)
    edit = reverse("decisions:item_edit", args=[item.pk])
    extract = reverse("decisions:item_extract_pdf", args=[item.pk])

    for client in (secretary_client, admin_client, staff_client, other_secretary_client):
        client.get(item.get_absolute_url())
        client.get(item.meeting.get_absolute_url())
        client.get(edit)
        client.get(extract)
        client.post(
            edit,
            {
                "title": f"Uusi {CANARY}-otsikko",
                "proposal": f"Uusi {CANARY}-ehdotus",
                "secrecy_ground": "JulkL 24.1 § 25 k",
                "appeal_route": "rectification",
                "version": AgendaItem.objects.get(pk=item.pk).version,
            },
        )

    logged = set(AuditEvent.objects.values_list("action", flat=True))
    assert {Action.READ_CONFIDENTIAL, Action.DOWNLOAD, Action.DENIED, Action.UPDATE} <= logged
    assert AgendaItem.objects.get(pk=item.pk).proposal == f"Uusi {CANARY}-ehdotus"  # the edits went through
    for event in AuditEvent.objects.values():
        assert CANARY not in json.dumps(event, default=str, ensure_ascii=False), event
