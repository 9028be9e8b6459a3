"""Issuing a minutes extract happens once per item, leaves no file behind a rolled-back transaction, and
prints a secret attachment's title only where the issuer chose to disclose it (issue 14, items 4 and 6).
"""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.db import close_old_connections, connection, transaction
from django.test import Client
from django.urls import reverse

from decisions.forms.extracts import ExtractIssueForm
from decisions.models import AgendaItem, Attachment, Extract
from decisions.services.extracts import issue_extract, stored_extract_bytes
from hankehallinta.models import AuditEvent
from hankehallinta.services import ActionRefused
from testing.factories import AgendaItemFactory
from testing.pdf import pdf_text
from testing.seed import seed_item

CERTIFIER = {
    "certifier_name": "Sanna Sihteeri",
    "certifier_title": "Hallintosihteeri",
    "place": "Joensuu",
    "recipients": "Hakija Oy",
}
SECRET_TITLE = "Kumppanin liikesalaisuudet"
GROUND = "JulkL 24.1 § 20 k"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _item(body, presenter_person) -> AgendaItem:
    """A checked public § with one public and one secret attachment."""
    item = seed_item(body, presenter_person)
    Attachment.objects.create(item=item, number=1, title="Hankehakemus", is_public=True)
    Attachment.objects.create(item=item, number=2, title=SECRET_TITLE, is_public=False, secrecy_ground=GROUND)
    return item


@pytest.fixture
def item(body, presenter_person) -> AgendaItem:
    return _item(body, presenter_person)


def url(item: AgendaItem) -> str:
    return reverse("decisions:item_extract_pdf", args=[item.pk])


def stored_files(root) -> list:
    return sorted(path for path in root.rglob("*") if path.is_file())


def secret(item: AgendaItem) -> Attachment:
    return item.attachments.get(is_public=False)


# Once per item ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_repeat_post_stores_one_extract_and_answers_with_it(
    secretary_client, item, django_capture_on_commit_callbacks, media
):
    for name in ("Sanna Sihteeri", "Toinen Todistaja", "Kolmas Todistaja"):
        with django_capture_on_commit_callbacks(execute=True):
            response = secretary_client.post(url(item), {**CERTIFIER, "certifier_name": name})
        assert response.status_code == 302

    [extract] = Extract.objects.all()
    assert extract.certifier_name == "Sanna Sihteeri"
    assert len(stored_files(media)) == 1
    assert secretary_client.get(url(item)).content == stored_extract_bytes(extract)
    page = secretary_client.get(item.get_absolute_url()).content.decode()
    assert 'name="certifier_name"' not in page  # the item page no longer offers issuing


@pytest.mark.django_db
def test_the_service_renders_only_when_nothing_is_issued(item, secretary, django_capture_on_commit_callbacks):
    calls = []

    def render(disclosed) -> bytes:
        calls.append(disclosed)
        return b"%PDF-1.7 ote"

    with django_capture_on_commit_callbacks(execute=True):
        first = issue_extract(item, render, by=secretary, **CERTIFIER)
    again = issue_extract(item, render, by=secretary, **CERTIFIER)

    assert (first.created, again.created) == (True, False)
    assert again.extract == first.extract
    assert calls == [[]]


@pytest.mark.django_db
def test_the_database_allows_one_extract_per_item(item, secretary, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        issue_extract(item, lambda disclosed: b"%PDF-1.7 ote", by=secretary, **CERTIFIER)
    duplicate = Extract(item=item, issued_by=secretary, sha256="0" * 64, **CERTIFIER)

    with pytest.raises(Exception, match="(?i)unique|one_extract_per_item"), transaction.atomic():
        duplicate.save()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_three_concurrent_posts_store_one_extract(body, presenter_person, secretary, media):
    item = _item(body, presenter_person)
    start = threading.Barrier(3)
    answers: list[int] = []

    def post() -> None:
        try:
            client = Client()
            client.force_login(User.objects.get(pk=secretary.pk))
            start.wait(timeout=30)
            answers.append(client.post(url(item), CERTIFIER).status_code)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert answers == [302, 302, 302]
    [extract] = Extract.objects.filter(item=item)
    assert len(stored_files(media)) == 1
    assert Client().get(url(item)).status_code in (302, 403)  # anonymous: nothing leaks
    client = Client()
    client.force_login(secretary)
    assert client.get(url(item)).content == stored_extract_bytes(extract)


# No orphan file -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_rollback_after_issuing_leaves_no_file(item, secretary, media, django_capture_on_commit_callbacks):
    with (  # noqa: PT012
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        issue_extract(item, lambda disclosed: b"%PDF-1.7 ote", by=secretary, **CERTIFIER)
        assert Extract.objects.exists()
        raise RuntimeError("the database went away before the commit")

    assert not Extract.objects.exists()
    assert stored_files(media) == []
    assert not default_storage.exists("extracts")


@pytest.mark.django_db
def test_the_file_is_written_after_the_commit_under_the_rows_name(
    item, secretary, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as after_commit:
        issued = issue_extract(item, lambda disclosed: b"%PDF-1.7 ote", by=secretary, **CERTIFIER)
    assert stored_files(media) == []  # nothing on disk while the row may still roll back

    for callback in after_commit:  # what the commit runs
        callback()

    assert [path.relative_to(media).as_posix() for path in stored_files(media)] == [issued.extract.pdf.name]
    assert stored_extract_bytes(issued.extract) == b"%PDF-1.7 ote"


# Secret attachments' titles ----------------------------------------------------------------------


def _issue(client: Client, item: AgendaItem, capture, **extra) -> Extract:
    with capture(execute=True):
        response = client.post(url(item), {**CERTIFIER, **extra})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Extract.objects.get(item=item)


@pytest.mark.django_db
def test_an_issued_extract_prints_a_secret_attachment_only_as_confidential_by_default(
    secretary_client, item, django_capture_on_commit_callbacks
):
    extract = _issue(secretary_client, item, django_capture_on_commit_callbacks)

    text = pdf_text(stored_extract_bytes(extract))
    assert "Liite 1: Hankehakemus" in text
    assert f"Liite 2: salassa pidettävä, {GROUND}" in text
    assert SECRET_TITLE not in text
    assert extract.disclosed_attachments == []
    [event] = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT)
    assert event.detail["disclosed_attachments"] == []
    assert event.detail["extract"] == extract.pk


@pytest.mark.django_db
def test_the_issuer_may_disclose_a_secret_title_and_the_choice_is_recorded(
    secretary_client, item, django_capture_on_commit_callbacks
):
    attachment = secret(item)

    extract = _issue(secretary_client, item, django_capture_on_commit_callbacks, disclosed_attachments=[attachment.pk])

    assert f"Liite 2: {SECRET_TITLE}" in pdf_text(stored_extract_bytes(extract))
    assert extract.disclosed_attachments == [attachment.pk]
    [event] = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT)
    assert event.detail["disclosed_attachments"] == [attachment.pk]
    assert SECRET_TITLE not in str(event.detail) + event.object_repr


@pytest.mark.django_db
def test_the_preview_prints_no_secret_title(secretary_client, item):
    text = pdf_text(secretary_client.get(url(item)).content)

    assert f"salassa pidettävä, {GROUND}" in text
    assert SECRET_TITLE not in text


@pytest.mark.django_db
def test_the_issue_form_asks_per_secret_attachment_with_nothing_ticked(secretary_client, item):
    page = secretary_client.get(item.get_absolute_url()).content.decode()
    form = ExtractIssueForm(item=item)

    assert list(form.fields["disclosed_attachments"].queryset) == [secret(item)]
    assert f'name="disclosed_attachments" value="{secret(item).pk}"' in page
    assert "checked" not in page.split('name="disclosed_attachments"')[1].split(">")[0]
    assert "Vastaanottajille ilmaistavat salassa pidettävien liitteiden otsikot" in page


@pytest.mark.django_db
def test_without_secret_attachments_the_form_asks_nothing(body, presenter_person):
    item = seed_item(body, presenter_person)

    assert "disclosed_attachments" not in ExtractIssueForm(item=item).fields


@pytest.mark.django_db
def test_another_items_attachment_cannot_be_disclosed(secretary_client, item, secretary, body, presenter_person):
    other = AgendaItemFactory(meeting=item.meeting, section=46, order=2, title="Toinen asia")
    foreign = Attachment.objects.create(item=other, number=1, title="Muu", is_public=False, secrecy_ground=GROUND)

    response = secretary_client.post(url(item), {**CERTIFIER, "disclosed_attachments": [foreign.pk]})

    assert response.status_code == 200
    assert "disclosed_attachments" in response.context["form"].errors
    with pytest.raises(ActionRefused):
        issue_extract(item, lambda disclosed: b"%PDF", by=secretary, disclosed_attachments=[foreign.pk], **CERTIFIER)
    assert not Extract.objects.exists()
