"""Canaries: nothing confidential ever reaches the public archive, in any page or PDF (issue 4, item 8).

Canary strings are planted in every text field of confidential items (and in their attachments,
conditions and handling), in the titles of secret attachments of public items, and in items of
minutes not yet published. Then every /fi/archive/ URL reachable from /fi/archive/ is requested
anonymously, following links, with searches for each canary and for ordinary words, and every PDF
linked is read back with pypdf. No confidential canary may appear anywhere, before or after the
daily removal of personal data. A private person's data (also planted) appears before the removal
and not after it, once the rectification period has ended.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import deque
from urllib.parse import unquote_plus, urldefrag, urlencode

import pytest
from django.core.management import call_command
from django.db import models
from django.test import Client

from decisions.legal_clock import NotificationMethod
from decisions.models import (
    AgendaItem,
    Attachment,
    DecisionCondition,
    Meeting,
    Motion,
    Notification,
    PrivatePersonData,
)
from testing.factories import HELSINKI, AgendaItemFactory, AttachmentFactory, MeetingFactory, PersonFactory
from testing.pdf import pdf_text
from testing.seed import seed_item

pytestmark = pytest.mark.django_db

CHECKED = dt.datetime(2023, 12, 1, 12, tzinfo=HELSINKI)
PERSON = "Kanarialintu Yksityishenkilö"
# Minutes published Tue 5.12.2023: the web route ends Wed 27.12.2023 (Boxing Day moves it); the
# letter to the party sent Fri 8.12 is presumed received Fri 15.12, its period ends Fri 29.12.2023.
LAST_DAY = dt.date(2023, 12, 29)
SEARCH_WORDS = ("asia", "päätös", "salassa", "hyväksyttiin", "Tulevaisuuslautakunta", "liite", PERSON, "kanaria")


def _canary(label: str) -> str:
    return f"Kanaria{label.replace('_', '')}Salainen"


def _plant_text_fields(model: type[models.Model], label: str, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """A distinct canary for every text field of `model` (but `skip`)."""
    values = {}
    for field in model._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)) and not field.choices and field.name not in skip:
            text = _canary(f"{label}{field.name}")
            values[field.name] = text[: field.max_length] if field.max_length else text
    return values


@pytest.fixture
def world(body, presenter_person) -> dict[str, list[str]]:
    """Published minutes with public and confidential items, canaries everywhere they must not show."""
    canaries: list[str] = []
    seed = seed_item(body, presenter_person)
    meeting = seed.meeting
    Meeting.objects.filter(pk=meeting.pk).update(minutes_published_on=dt.date(2023, 12, 5))

    # A confidential item: every text field, and its attachment, condition and motion.
    fields = _plant_text_fields(AgendaItem, "item", skip=("secrecy_ground",))
    secret = AgendaItemFactory(
        meeting=meeting,
        section=46,
        checked_at=None,
        is_public=False,
        secrecy_ground="JulkL 24 § 1 mom. 25 k.",
        **fields,
    )
    canaries += fields.values()
    attachment = _plant_text_fields(Attachment, "secretitemattachment", skip=("secrecy_ground",))
    AttachmentFactory(item=secret, number=1, **attachment)
    canaries += attachment.values()
    condition = _canary("condition")
    DecisionCondition.objects.create(item=secret, project=seed.project, text=condition)
    motion = _canary("motion")
    Motion.objects.create(item=secret, proposer=presenter_person, text=motion)
    AgendaItem.objects.filter(pk=secret.pk).update(checked_at=CHECKED)  # checked once its handling is recorded
    canaries += [condition, motion]

    # A public item with a secret attachment and a private person's data.
    public = AgendaItemFactory(
        meeting=meeting,
        section=47,
        checked_at=CHECKED,
        title="Oikaisuvaatimus kuljetuspalvelusta",
        decision=f"Hyväksyttiin. {PERSON} saa päätöksen kirjeellä.",
        description=f"Asianosainen {PERSON} vaati oikaisua.",
    )
    attachment_title = _canary("secretattachmenttitle")
    AttachmentFactory(
        item=public, number=1, title=attachment_title, is_public=False, secrecy_ground="JulkL 24 § 1 mom. 32 k."
    )
    AttachmentFactory(item=public, number=2, title="Julkinen liite")
    canaries.append(attachment_title)
    PrivatePersonData.objects.create(item=public, text=PERSON)
    Notification.objects.create(
        item=public, method=NotificationMethod.LETTER, recipient=PERSON, sent_on=dt.date(2023, 12, 8)
    )

    # Minutes not yet published: nothing of them, public or not.
    unpublished = MeetingFactory(body=body, state=Meeting.State.CHECKED, number=13)
    not_yet = _canary("unpublished")
    AgendaItemFactory(meeting=unpublished, checked_at=CHECKED, title=not_yet, decision=not_yet)
    canaries.append(not_yet)
    # A confidential item of another body's published minutes, with a presenter who is a person.
    other = MeetingFactory(state=Meeting.State.PUBLISHED, number=14, minutes_published_on=dt.date(2023, 12, 5))
    other_fields = _plant_text_fields(AgendaItem, "otheritem", skip=("secrecy_ground",))
    AgendaItemFactory(
        meeting=other,
        checked_at=CHECKED,
        is_public=False,
        secrecy_ground="JulkL 24 § 1 mom. 29 k.",
        presenter=PersonFactory(),
        **other_fields,
    )
    canaries += other_fields.values()
    assert len(canaries) > 25
    return {"confidential": canaries, "public_item": [public.pk], "secret_item": [secret.pk]}


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def crawl(client: Client) -> dict[str, str]:
    """Every /fi/archive/ URL reachable from /fi/archive/ and from searches: {url: its text (PDFs read)}."""
    start = ["/fi/archive/"] + [f"/fi/archive/?{urlencode({'q': word})}" for word in SEARCH_WORDS]
    queue, seen, texts = deque(start), set(start), {}
    while queue:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if response["Content-Type"] == "application/pdf":
            texts[url] = pdf_text(response.content)
            continue
        html = response.content.decode()
        texts[url] = html
        base = url.split("?")[0]
        for href in re.findall(r'href="([^"]+)"', html):
            href = urldefrag(href.replace("&amp;", "&"))[0]
            if href.startswith("?"):
                href = base + href
            if href.startswith("/fi/archive/") and href not in seen:
                seen.add(href)
                queue.append(href)
    return texts


def leaks(texts: dict[str, str], canaries: list[str]) -> list[str]:
    found = []
    for url, text in texts.items():
        squeezed = _squeezed(text)
        found += [f"{canary} in {url}" for canary in canaries if _squeezed(canary) in squeezed]
    return found


def test_the_canaries_are_seen_where_they_may_be_shown(world, admin_client):
    """The detector works: the staff page of the confidential item shows its canaries."""
    page = admin_client.get(f"/items/{world['secret_item'][0]}/").content.decode()
    assert len(leaks({"staff page": page}, world["confidential"])) >= 10


def test_no_confidential_canary_in_any_public_page_or_pdf_before_and_after_removal(world):
    client = Client()
    before = crawl(client)
    pdfs = [url for url in before if url.endswith(".pdf")]
    assert any(url.endswith("/minutes.pdf") for url in pdfs), sorted(before)
    assert any(url.endswith("/extract.pdf") for url in pdfs), sorted(before)
    assert any("/fi/archive/items/" in url for url in before)
    assert not leaks(before, world["confidential"])
    assert "Salassa pidettävä asia (JulkL 24 § 1 mom. 25 k.)" in " ".join(" ".join(before.values()).split())

    call_command("remove_personal_data", f"--date={LAST_DAY + dt.timedelta(days=1)}", stdout=io.StringIO())

    after = crawl(client)
    assert {url for url in after if "/items/" in url} == {url for url in before if "/items/" in url}
    assert not leaks(after, world["confidential"])


def test_private_persons_data_shows_until_the_period_ends_then_nowhere(world):
    client = Client()
    item = world["public_item"][0]
    pages = [f"/fi/archive/items/{item}/", f"/fi/archive/items/{item}/extract.pdf"]

    before = crawl(client)
    for url in pages:
        assert _squeezed(PERSON) in _squeezed(before[url]), url

    call_command("remove_personal_data", f"--date={LAST_DAY}", stdout=io.StringIO())
    on_last_day = crawl(client)
    for url in pages:
        assert _squeezed(PERSON) in _squeezed(on_last_day[url]), url

    call_command("remove_personal_data", f"--date={LAST_DAY + dt.timedelta(days=1)}", stdout=io.StringIO())
    after = crawl(client)
    # A search for the name echoes the name typed in its search box, and finds nothing.
    echoed = {url for url in after if "Kanarialintu" in unquote_plus(url)}
    assert echoed
    assert not leaks({url: text for url, text in after.items() if url not in echoed}, [PERSON, "Kanarialintu"])
    for url in echoed:
        assert "0 hakutulosta" in after[url], url
    for url in pages:
        assert "[henkilötieto poistettu]" in after[url], url
