"""A secret attachment's title only for those entitled to it, on every page and in every PDF; the public
minutes print the conditions as decided, not their later status (issue 14 item 6).

Entitled ("decisions.view_attachment"): the body's secretary and the item's presenter. Everyone else
reads "salassa pidettävä" with the legal ground.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from decisions.models import DecisionCondition, Meeting
from testing.factories import HELSINKI, AgendaItemFactory, AttachmentFactory, MeetingFactory
from testing.pdf import response_pdf_text

pytestmark = pytest.mark.django_db

SECRECY = "JulkL 24 § 1 mom. 32 k."
SECRET_TITLE = "Terveystiedot Virtanen"
PUBLIC_TITLE = "Julkinen selvitys"
PLACEHOLDER = f"Liite 2: salassa pidettävä, {SECRECY}"
CONDITION = "Omarahoitusosuus sisällytetään talousarvioon"
EVIDENCE = "Valtuuston päätös 14.12.2023 § 99"
ENTITLED = {"anonymous": False, "staff": False, "secretary": True, "presenter": True}


@pytest.fixture
def item(body, presenter_person):
    """A public § of published minutes with a public and a secret attachment and a condition."""
    meeting = MeetingFactory(
        body=body,
        year=2023,
        state=Meeting.State.PUBLISHED,
        minutes_published_on=dt.date(2023, 12, 5),
        start=dt.datetime(2023, 11, 28, 14, tzinfo=HELSINKI),
    )
    item = AgendaItemFactory(
        meeting=meeting,
        checked_at=dt.datetime(2023, 12, 1, 12, tzinfo=HELSINKI),
        presenter=presenter_person,
        decision="Hyväksyttiin.",
        resolution="passed",
    )
    AttachmentFactory(item=item, number=1, title=PUBLIC_TITLE, is_public=True)
    AttachmentFactory(item=item, number=2, title=SECRET_TITLE, is_public=False, secrecy_ground=SECRECY)
    DecisionCondition.objects.create(item=item, text=CONDITION, due_date=dt.date(2023, 12, 31))
    return item


@pytest.fixture
def clients(staff_user, secretary, presenter) -> dict[str, Client]:
    found = {"anonymous": Client()}
    for role, user in {"staff": staff_user, "secretary": secretary, "presenter": presenter}.items():
        found[role] = Client()
        found[role].force_login(user)
    return found


def page_text(response) -> str:
    assert response.status_code == 200
    return " ".join(response.text.split())


def assert_titled(text: str, entitled: bool) -> None:
    assert PUBLIC_TITLE in text
    if entitled:
        assert SECRET_TITLE in text
    else:
        assert SECRET_TITLE not in text
        assert PLACEHOLDER in text


@pytest.mark.parametrize("role", ["staff", "secretary", "presenter"])
def test_item_page_titles_a_secret_attachment_only_for_those_entitled(clients, item, role):
    assert_titled(page_text(clients[role].get(item.get_absolute_url())), ENTITLED[role])


@pytest.mark.parametrize("role", ["staff", "secretary", "presenter"])
def test_meeting_page_never_shows_a_secret_title(clients, item, role):
    assert SECRET_TITLE not in page_text(clients[role].get(item.meeting.get_absolute_url()))


@pytest.mark.parametrize("role", ["staff", "secretary", "presenter"])
def test_full_minutes_pdf_titles_a_secret_attachment_only_for_those_entitled(clients, item, role):
    response = clients[role].get(reverse("decisions:meeting_minutes_pdf", args=[item.meeting_id]))

    assert_titled(response_pdf_text(response), ENTITLED[role])


@pytest.mark.parametrize("role", ["staff", "secretary", "presenter"])
def test_agenda_pdf_prints_only_the_ground_of_a_secret_attachment(clients, item, role):
    text = response_pdf_text(clients[role].get(reverse("decisions:meeting_agenda_pdf", args=[item.meeting_id])))

    assert SECRET_TITLE not in text
    assert f"salassa pidettävä, {SECRECY}" in text


def test_staff_documents_need_signing_in(clients, item):
    for url in (
        item.get_absolute_url(),
        reverse("decisions:meeting_minutes_pdf", args=[item.meeting_id]),
        reverse("decisions:meeting_agenda_pdf", args=[item.meeting_id]),
    ):
        response = clients["anonymous"].get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url


@pytest.mark.parametrize("role", ["anonymous", "staff", "secretary", "presenter"])
def test_archive_never_titles_a_secret_attachment(clients, item, role):
    client = clients[role]
    meeting_page = page_text(client.get(reverse("archive:meeting", args=[item.meeting_id])))
    documents = [
        page_text(client.get(reverse("archive:item", args=[item.pk]))),
        response_pdf_text(client.get(reverse("archive:item_pdf", args=[item.pk]))),
        response_pdf_text(client.get(reverse("archive:meeting_pdf", args=[item.meeting_id]))),
    ]
    assert SECRET_TITLE not in meeting_page
    for text in documents:
        assert SECRET_TITLE not in text
        assert PUBLIC_TITLE in text
        assert SECRECY in text


def test_the_extract_preview_prints_no_secret_title(clients, item):
    """The extract goes to outside recipients: unless its issuer discloses a title, only the ground."""
    text = response_pdf_text(clients["secretary"].get(reverse("decisions:item_extract_pdf", args=[item.pk])))

    assert SECRET_TITLE not in text
    assert PLACEHOLDER in text


# Conditions as decided ------------------------------------------------------------------------------


def set_status_after_publication(item) -> DecisionCondition:
    condition = item.conditions.get()
    condition.status = DecisionCondition.Status.MET
    condition.evidence = EVIDENCE
    condition.status_set_at = timezone.now()
    condition.save()
    return condition


def test_public_minutes_print_the_condition_as_decided_not_its_later_status(clients, item):
    set_status_after_publication(item)

    text = response_pdf_text(clients["anonymous"].get(reverse("archive:meeting_pdf", args=[item.meeting_id])))

    assert f"{CONDITION} (määräpäivä 31.12.2023)" in text
    assert EVIDENCE not in text
    assert "täyttynyt" not in text.lower()
    assert "Tila asetettu" not in text


def test_public_pages_and_staff_pdfs_print_the_condition_as_decided(clients, item):
    set_status_after_publication(item)

    texts = [
        page_text(clients["anonymous"].get(reverse("archive:item", args=[item.pk]))),
        response_pdf_text(clients["anonymous"].get(reverse("archive:item_pdf", args=[item.pk]))),
        response_pdf_text(clients["secretary"].get(reverse("decisions:meeting_minutes_pdf", args=[item.meeting_id]))),
    ]
    for text in texts:
        assert CONDITION in text
        assert EVIDENCE not in text


def test_the_staff_item_page_shows_the_conditions_status_and_evidence(clients, item):
    set_status_after_publication(item)

    text = page_text(clients["secretary"].get(item.get_absolute_url()))

    assert CONDITION in text and EVIDENCE in text and "täyttynyt" in text
