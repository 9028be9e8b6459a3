"""Attachments: uploads with limits (size, type by content, SHA-256) and downloads that open for
those allowed (issue 14 item 8, issue 10 item 5)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import struct
import zipfile

import pytest
from django.conf import settings as configured
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from decisions.models import Attachment, Meeting
from hankehallinta.models import AuditEvent
from hankehallinta.uploads import ole2_stream_names
from testing.factories import HELSINKI, AgendaItemFactory, AttachmentFactory, MeetingFactory

pytestmark = pytest.mark.django_db

CHECKED = dt.datetime(2023, 12, 1, 12, tzinfo=HELSINKI)
SECRECY = "JulkL 24 § 1 mom. 32 k."


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


# Sample files ---------------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100 + b"This program cannot be run in DOS mode."
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(document.cookie)</script></svg>"
)
BARE_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>'
SCRIPT = b"#!/bin/sh\nrm -rf /\n"
TEXT = b"Just some plain text, nothing else.\n"

OOXML_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "docm": "application/vnd.ms-word.document.macroEnabled.main+xml",
}


def ooxml(kind: str) -> bytes:
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'content-types"><Override PartName="/main.xml" ContentType="{OOXML_TYPES[kind]}"/></Types>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("main.xml", "<document/>")
    return buffer.getvalue()


def odf(mimetype: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


def ole2(*streams: str) -> bytes:
    """A minimal OLE2 container (512-byte sectors): the FAT in sector 0, the directory in sector 1."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<109I", header, 76, 0, *([0xFFFFFFFF] * 108))
    fat = struct.pack("<128I", 0xFFFFFFFD, 0xFFFFFFFE, *([0xFFFFFFFF] * 126))
    directory = bytearray(512)
    for index, (name, kind) in enumerate([("Root Entry", 5), *((stream, 2) for stream in streams)]):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        offset = index * 128
        directory[offset : offset + len(encoded)] = encoded
        struct.pack_into("<HB", directory, offset + 64, len(encoded), kind)
    return bytes(header) + fat + bytes(directory)


ALLOWED = {
    "lausunto.pdf": (PDF, "application/pdf"),
    "kuva.png": (PNG, "image/png"),
    "kuva.jpg": (JPEG, "image/jpeg"),
    "muistio.docx": (ooxml("docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "talous.xlsx": (ooxml("xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "esitys.pptx": (ooxml("pptx"), "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "muistio.odt": (odf("application/vnd.oasis.opendocument.text"), "application/vnd.oasis.opendocument.text"),
    "talous.ods": (
        odf("application/vnd.oasis.opendocument.spreadsheet"),
        "application/vnd.oasis.opendocument.spreadsheet",
    ),
    "vanha.doc": (ole2("WordDocument", "1Table"), "application/msword"),
    "vanha.xls": (ole2("Workbook"), "application/vnd.ms-excel"),
}

DANGEROUS = {
    "ohjelma.pdf": EXE,  # an .exe renamed .pdf
    "sivu.html": HTML,
    "sivu.pdf": HTML,
    "kuva.svg": SVG,
    "kuva.png": BARE_SVG,
    "skripti.docx": SCRIPT,
}
REFUSED_TYPES = {
    "teksti.txt": TEXT,
    "paketti.zip": plain_zip(),
    "makrot.docm": ooxml("docm"),
    "asennus.msi": ole2("SummaryInformation", "Property"),
    "muu.odp": odf("application/vnd.oasis.opendocument.presentation"),
}


# Uploading --------------------------------------------------------------------------------------------


def upload(client: Client, item, name: str, content: bytes, number: int = 1):
    return client.post(
        reverse("decisions:attachment_create", args=[item.pk]),
        {"number": str(number), "title": "Liite", "is_public": "on", "file": SimpleUploadedFile(name, content)},
    )


@pytest.fixture
def item(body):
    meeting = MeetingFactory(body=body, state=Meeting.State.PLANNED, start=dt.datetime(2030, 3, 4, 14, tzinfo=HELSINKI))
    return AgendaItemFactory(meeting=meeting, section=None)


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_allowed_types_are_stored_with_their_sha256(secretary_client, item, name):
    content, _content_type = ALLOWED[name]

    response = upload(secretary_client, item, name, content)

    assert response.status_code == 302, response.context["form"].errors
    attachment = Attachment.objects.get(item=item)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert default_storage.exists(attachment.file.name)
    with default_storage.open(attachment.file.name, "rb") as stored:
        assert stored.read() == content


@pytest.mark.parametrize("name", sorted(DANGEROUS))
def test_web_pages_svg_programs_and_scripts_are_refused_whatever_the_name(secretary_client, item, name):
    response = upload(secretary_client, item, name, DANGEROUS[name])

    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert "Verkkosivuja, SVG-kuvia, ohjelmia ja komentosarjoja ei voi liittää" in errors[0]
    assert not Attachment.objects.filter(item=item).exists()


@pytest.mark.parametrize("name", sorted(REFUSED_TYPES))
def test_other_types_are_refused_with_the_allowed_list(secretary_client, item, name):
    response = upload(secretary_client, item, name, REFUSED_TYPES[name])

    assert response.status_code == 200
    assert "Tämäntyyppistä tiedostoa ei voi liittää" in response.context["form"].errors["file"][0]
    assert not Attachment.objects.filter(item=item).exists()


def test_the_size_limit_is_a_setting_and_the_message_stands_next_to_the_field(secretary_client, item, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    too_large = PDF + b"0" * (1001 - len(PDF))

    response = upload(secretary_client, item, "iso.pdf", too_large)

    assert response.status_code == 200
    (error,) = response.context["form"].errors["file"]
    assert error.startswith("Tiedosto on liian suuri (1001")
    assert "Suurin liitettävä tiedosto on 1000" in error
    assert 'id="id_file_error"' in response.text or "invalid-feedback" in response.text
    assert not Attachment.objects.exists()
    assert upload(secretary_client, item, "pieni.pdf", PDF).status_code == 302


def test_the_default_size_limit_is_25_mb():
    assert configured.ATTACHMENT_MAX_BYTES == 25 * 1024 * 1024


def test_an_empty_file_is_refused(secretary_client, item):
    response = upload(secretary_client, item, "tyhja.pdf", b"")

    assert response.status_code == 200
    assert not Attachment.objects.exists()


def test_the_form_tells_the_limit_and_the_types(secretary_client, item):
    text = secretary_client.get(reverse("decisions:attachment_create", args=[item.pk])).text

    assert "Enintään 25" in text
    assert 'accept=".pdf,' in text


def test_ole2_directory_names_are_read_and_garbage_gives_none():
    assert {"Root Entry", "WordDocument"} <= ole2_stream_names(ole2("WordDocument"))
    assert ole2_stream_names(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 2000) == set()
    assert ole2_stream_names(PDF) == set()


# Downloading ------------------------------------------------------------------------------------------


def published_item(body, presenter_person, **extra):
    meeting = MeetingFactory(
        body=body,
        year=2023,
        state=Meeting.State.PUBLISHED,
        minutes_published_on=dt.date(2023, 12, 5),
        start=dt.datetime(2023, 11, 28, 14, tzinfo=HELSINKI),
    )
    return AgendaItemFactory(meeting=meeting, checked_at=CHECKED, presenter=presenter_person, **extra)


def attachment(item, number: int, *, public: bool = True, title: str | None = None, content: bytes = PDF):
    values = {"is_public": True} if public else {"is_public": False, "secrecy_ground": SECRECY}
    return AttachmentFactory(
        item=item,
        number=number,
        title=title or f"Liite {number}",
        file=SimpleUploadedFile(f'liite "{number}"\r\n.pdf', content),
        sha256=hashlib.sha256(content).hexdigest(),
        **values,
    )


@pytest.fixture
def files(body, presenter_person):
    public_item = published_item(body, presenter_person)
    secret_item = published_item(body, presenter_person, is_public=False, secrecy_ground=SECRECY)
    draft = AgendaItemFactory(
        meeting=MeetingFactory(body=body, state=Meeting.State.PLANNED), section=None, presenter=presenter_person
    )
    return {
        "public": attachment(public_item, 1, title="Julkinen selvitys"),
        "secret": attachment(public_item, 2, public=False, title="Terveystiedot Virtanen"),
        "of_secret_item": attachment(secret_item, 1),
        "draft": attachment(draft, 1),
    }


@pytest.fixture
def clients(secretary, other_secretary, presenter, staff_user) -> dict[str, Client]:
    found = {"anonymous": Client()}
    for role, user in {
        "secretary": secretary,
        "other_secretary": other_secretary,
        "presenter": presenter,
        "staff": staff_user,
    }.items():
        found[role] = Client()
        found[role].force_login(user)
    return found


LOGIN = "login"
#                  anonymous secretary other_secretary presenter staff
STAFF_DOWNLOAD = {
    "public": (LOGIN, 200, 200, 200, 200),
    "secret": (LOGIN, 200, 403, 200, 403),
    "of_secret_item": (LOGIN, 200, 403, 200, 403),
    "draft": (LOGIN, 200, 200, 200, 200),
}
ARCHIVE_DOWNLOAD = {"public": 200, "secret": 404, "of_secret_item": 404, "draft": 404}
ROLES = ("anonymous", "secretary", "other_secretary", "presenter", "staff")


@pytest.mark.parametrize("key", sorted(STAFF_DOWNLOAD))
def test_staff_download_answers_each_role_as_the_rules_say(clients, files, key):
    url = reverse("decisions:attachment_download", args=[files[key].pk])
    for role, expected in zip(ROLES, STAFF_DOWNLOAD[key], strict=True):
        response = clients[role].get(url)
        if expected == LOGIN:
            assert response.status_code == 302 and response["Location"].startswith(reverse("login")), role
        else:
            assert response.status_code == expected, (key, role)
        if expected == 200:
            assert response.content == PDF


@pytest.mark.parametrize("key", sorted(ARCHIVE_DOWNLOAD))
def test_archive_download_is_only_a_public_attachment_of_published_public_minutes(clients, files, key):
    url = reverse("archive:attachment_download", args=[files[key].pk])
    for role in ROLES:
        assert clients[role].get(url).status_code == ARCHIVE_DOWNLOAD[key], (key, role)


def test_download_headers_make_it_a_download_of_the_content_type(clients, files):
    for url in (
        reverse("decisions:attachment_download", args=[files["public"].pk]),
        reverse("archive:attachment_download", args=[files["public"].pk]),
    ):
        response = clients["secretary"].get(url)

        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment; filename=")
        assert disposition.endswith('.pdf"')
        assert "\r" not in disposition and "\n" not in disposition and '\\"' not in disposition


def test_the_content_type_comes_from_the_content_not_the_name(clients, item):
    docx = AttachmentFactory(item=item, number=1, file=SimpleUploadedFile("muistio.pdf", ALLOWED["muistio.docx"][0]))

    response = clients["secretary"].get(reverse("decisions:attachment_download", args=[docx.pk]))

    assert response["Content-Type"] == ALLOWED["muistio.docx"][1]
    assert response["Content-Disposition"].endswith('.docx"')


def test_a_stored_file_that_is_not_on_the_allow_list_is_handed_out_as_bytes(clients, item):
    old = AttachmentFactory(item=item, number=1, file=SimpleUploadedFile("vanha.html", HTML))  # before the list

    response = clients["secretary"].get(reverse("decisions:attachment_download", args=[old.pk]))

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_every_download_is_logged_as_a_disclosure_with_the_sha256(clients, files):
    public = files["public"]
    clients["staff"].get(reverse("decisions:attachment_download", args=[public.pk]))
    clients["anonymous"].get(reverse("archive:attachment_download", args=[public.pk]))

    events = AuditEvent.objects.for_object(public).filter(action=AuditEvent.Action.DOWNLOAD).order_by("pk")
    assert [event.authority for event in events] == ["decisions.view_attachment", "hankehallinta.public"]
    assert all(event.detail["sha256"] == hashlib.sha256(PDF).hexdigest() for event in events)
    assert all(event.detail["items"] == [public.item_id] for event in events)


def test_a_refused_download_is_logged_as_denied(clients, files):
    clients["staff"].get(reverse("decisions:attachment_download", args=[files["secret"].pk]))

    denied = AuditEvent.objects.for_object(files["secret"]).get(action=AuditEvent.Action.DENIED)
    assert denied.authority == "decisions.view_attachment"


def test_a_file_gone_from_the_storage_is_404(clients, files):
    default_storage.delete(files["public"].file.name)

    assert (
        clients["secretary"].get(reverse("decisions:attachment_download", args=[files["public"].pk])).status_code == 404
    )


# The pages link them ------------------------------------------------------------------------------------


def test_item_page_links_what_the_user_may_open_and_hides_secret_titles(clients, files):
    item = files["public"].item
    public_url = reverse("decisions:attachment_download", args=[files["public"].pk])
    secret_url = reverse("decisions:attachment_download", args=[files["secret"].pk])

    staff = " ".join(clients["staff"].get(item.get_absolute_url()).text.split())
    secretary = " ".join(clients["secretary"].get(item.get_absolute_url()).text.split())

    assert public_url in staff and "Julkinen selvitys" in staff
    assert secret_url not in staff and "Terveystiedot Virtanen" not in staff
    assert f"Liite 2: salassa pidettävä, {SECRECY}" in staff
    assert public_url in secretary and secret_url in secretary and "Terveystiedot Virtanen" in secretary


def test_archive_item_page_links_public_attachments_only(clients, files):
    item = files["public"].item

    page = clients["anonymous"].get(reverse("archive:item", args=[item.pk])).text

    assert reverse("archive:attachment_download", args=[files["public"].pk]) in page
    assert reverse("archive:attachment_download", args=[files["secret"].pk]) not in page
    assert f'href="{reverse("decisions:attachment_download", args=[files["public"].pk])}"' not in page
    assert "Terveystiedot Virtanen" not in page
