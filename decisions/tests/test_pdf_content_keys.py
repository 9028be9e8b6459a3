"""A cached PDF is found from the rows the document prints, without rendering its template; any edit
of a row it prints (an item's text, a vote, an attendance, a budget line, a name) renders it anew.

The layout is replaced by a stand-in (the bytes name the HTML's digest): these tests are about which
request renders the template, not about WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from budgets.models import BudgetLine
from decisions.models import AgendaItem, Attendance, Extract, Meeting, Person, PrivatePersonData, Vote
from decisions.services.extracts import stored_extract_bytes
from hankehallinta import pdf
from testing.factories import HELSINKI, AgendaItemFactory, AttendanceFactory, MeetingFactory, small_project
from testing.meeting_day import meeting_day
from testing.seed import seed_item

pytestmark = pytest.mark.django_db

CHECKED = dt.datetime(2023, 12, 1, 12, tzinfo=HELSINKI)
CERTIFIER = {
    "certifier_name": "Sanna Sihteeri",
    "certifier_title": "Hallintosihteeri",
    "place": "Joensuu",
    "recipients": "Hakija Oy",
}


@pytest.fixture
def renders(monkeypatch):
    """The PDF templates rendered to HTML (by name), with a stand-in for the layout."""
    pdf._cache().clear()
    rendered: list[str] = []
    original = pdf.render_to_string

    def counting(template_name, *args, **kwargs):
        rendered.append(template_name)
        return original(template_name, *args, **kwargs)

    def laid_out(job, seconds):
        return b"%PDF-1.7 stand-in " + hashlib.sha256(job.html.encode()).hexdigest().encode()

    monkeypatch.setattr(pdf, "render_to_string", counting)
    monkeypatch.setattr(pdf, "_render", laid_out)
    yield rendered
    pdf._cache().clear()


def download(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    return response.content


def edit_item_text(item: AgendaItem) -> None:
    AgendaItem.objects.filter(pk=item.pk).update(proposal="Lautakunta päättää toisin.")


def add_vote(item: AgendaItem) -> None:
    Vote.objects.create(item=item, question="Äänestetäänkö?", yes_option="Esitys", no_option="Vastaesitys")


def edit_attendance(item: AgendaItem) -> None:
    Attendance.objects.filter(meeting_id=item.meeting_id).update(note="Saapui myöhässä.")


def edit_budget_line(item: AgendaItem) -> None:
    BudgetLine.objects.filter(project_id=item.project_id).update(amount=Decimal("1234.00"))


def rename_person(item: AgendaItem) -> None:
    Person.objects.filter(attendances__meeting_id=item.meeting_id).update(last_name="Uusinimi")


EDITS = [edit_item_text, add_vote, edit_attendance, edit_budget_line, rename_person]


def meeting_with_project(body) -> AgendaItem:
    day = meeting_day(body)
    AgendaItem.objects.filter(pk=day.first.pk).update(project=small_project())
    return AgendaItem.objects.get(pk=day.first.pk)


def assert_cached_then_rendered_anew(client: Client, url: str, renders: list[str], edit, item: AgendaItem) -> None:
    first = download(client, url)
    assert download(client, url) == first
    assert len(renders) == 1, "the second request rendered the template"

    edit(item)

    download(client, url)
    assert len(renders) == 2, f"{edit.__name__} did not change the key: a stale PDF was served"


@pytest.mark.parametrize("edit", EDITS)
def test_minutes_pdf_is_cached_by_its_rows_and_renders_anew_after_an_edit(secretary_client, body, renders, edit):
    item = meeting_with_project(body)
    url = reverse("decisions:meeting_minutes_pdf", args=[item.meeting_id])
    assert_cached_then_rendered_anew(secretary_client, url, renders, edit, item)


@pytest.mark.parametrize("edit", EDITS)
def test_extract_preview_is_cached_by_its_rows_and_renders_anew_after_an_edit(secretary_client, body, renders, edit):
    item = meeting_with_project(body)
    url = reverse("decisions:item_extract_pdf", args=[item.pk])
    assert_cached_then_rendered_anew(secretary_client, url, renders, edit, item)


@pytest.mark.parametrize("edit", [edit_item_text, edit_budget_line])
def test_agenda_pdf_is_cached_by_its_rows_and_renders_anew_after_an_edit(secretary_client, body, renders, edit):
    item = meeting_with_project(body)
    url = reverse("decisions:meeting_agenda_pdf", args=[item.meeting_id])
    assert_cached_then_rendered_anew(secretary_client, url, renders, edit, item)


def test_funding_pdf_is_cached_by_its_rows_and_renders_anew_after_a_budget_line_changes(director_client, renders):
    project = small_project()
    url = reverse("projects:funding_pdf", args=[project.pk])
    first = download(director_client, url)
    assert download(director_client, url) == first
    assert len(renders) == 1

    BudgetLine.objects.filter(project=project).update(amount=Decimal("777.00"))

    assert download(director_client, url) != first
    assert len(renders) == 2


def published_item(body) -> AgendaItem:
    meeting = MeetingFactory(
        body=body,
        year=2023,
        state=Meeting.State.PUBLISHED,
        minutes_published_on=dt.date(2023, 12, 5),
        start=dt.datetime(2023, 11, 28, 14, tzinfo=HELSINKI),
    )
    AttendanceFactory(meeting=meeting, capacity=Attendance.Capacity.CHAIR)
    return AgendaItemFactory(meeting=meeting, section=5, project=small_project(), checked_at=CHECKED)


def add_private_person_data(item: AgendaItem) -> None:
    PrivatePersonData.objects.create(item=item, text="Maija Meikäläinen")


@pytest.mark.parametrize("edit", [edit_attendance, edit_budget_line, add_private_person_data, rename_person])
@pytest.mark.parametrize("document", ["archive:item_pdf", "archive:meeting_pdf"])
def test_public_pdfs_are_cached_by_their_rows_and_render_anew_after_an_edit(body, renders, document, edit):
    item = published_item(body)
    target = item.pk if document == "archive:item_pdf" else item.meeting_id
    assert_cached_then_rendered_anew(Client(), reverse(document, args=[target]), renders, edit, item)


def test_the_key_holds_the_readers_part_a_confidential_item_is_not_shared(
    secretary_client, staff_client, body, renders
):
    item = meeting_with_project(body)
    AgendaItem.objects.filter(pk=item.pk).update(is_public=False, secrecy_ground="JulkL 24 § 1 mom. 25 k.")
    url = reverse("decisions:meeting_minutes_pdf", args=[item.meeting_id])

    for_secretary = download(secretary_client, url)
    for_staff = download(staff_client, url)

    assert for_secretary != for_staff
    assert len(renders) == 2


def test_the_same_public_document_for_two_visitors_renders_once(body, renders):
    item = published_item(body)
    url = reverse("archive:item_pdf", args=[item.pk])

    assert download(Client(), url) == download(Client(), url)
    assert len(renders) == 1


def test_an_issued_extract_is_its_stored_bytes_never_rendered_again(
    secretary_client, body, presenter_person, renders, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    item = seed_item(body, presenter_person)
    url = reverse("decisions:item_extract_pdf", args=[item.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert secretary_client.post(url, CERTIFIER).status_code == 302
    issued = Extract.objects.get(item=item)
    assert renders == ["decisions/agendaitem_extract_pdf.html"]

    edit_attendance(item)  # rows may change later; the issued extract stays as it was issued

    assert download(secretary_client, url) == stored_extract_bytes(issued)
    assert download(secretary_client, url) == stored_extract_bytes(issued)
    assert len(renders) == 1
