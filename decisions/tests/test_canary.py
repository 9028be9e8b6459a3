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
import re
from collections import deque
from urllib.parse import unquote_plus, urldefrag, urlencode

import pytest
from django.test import Client

from testing.canaries import LAST_DAY, PERSON, Planted, leaks, plant, remove_personal_data, squeezed
from testing.pdf import pdf_text

pytestmark = pytest.mark.django_db

SEARCH_WORDS = ("asia", "päätös", "salassa", "hyväksyttiin", "Tulevaisuuslautakunta", "liite", PERSON, "kanaria")


@pytest.fixture
def world(body, presenter_person) -> Planted:
    """Published minutes with public and confidential items, canaries everywhere they must not show."""
    planted = plant(body, presenter_person)
    assert len(planted.confidential) > 25
    return planted


def crawl(client: Client) -> dict[str, str]:
    """Every /fi/archive/ URL reachable from /fi/archive/ and from searches: {url: its text (PDFs read)}."""
    start = ["/fi/archive/"] + [f"/fi/archive/?{urlencode({'q': word})}" for word in SEARCH_WORDS]
    queue, seen, texts = deque(start), set(start), {}
    while queue:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if response["Content-Type"] == "application/pdf":
            texts[url] = pdf_text(content)
            continue
        html = content.decode()
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


def test_the_canaries_are_seen_where_they_may_be_shown(world, admin_client):
    """The detector works: the staff page of the confidential item shows its canaries."""
    page = admin_client.get(f"/items/{world.secret_item.pk}/").content.decode()
    assert len(leaks({"staff page": page}, world.confidential)) >= 10


def test_no_confidential_canary_in_any_public_page_or_pdf_before_and_after_removal(world):
    client = Client()
    before = crawl(client)
    pdfs = [url for url in before if url.endswith(".pdf")]
    assert any(url.endswith("/minutes.pdf") for url in pdfs), sorted(before)
    assert any(url.endswith("/extract.pdf") for url in pdfs), sorted(before)
    assert any("/fi/archive/items/" in url for url in before)
    assert not leaks(before, world.confidential)
    assert "Salassa pidettävä asia (JulkL 24 § 1 mom. 25 k.)" in " ".join(" ".join(before.values()).split())

    remove_personal_data(LAST_DAY + dt.timedelta(days=1))

    after = crawl(client)
    assert {url for url in after if "/items/" in url} == {url for url in before if "/items/" in url}
    assert not leaks(after, world.confidential)


def test_private_persons_data_shows_until_the_period_ends_then_nowhere(world):
    client = Client()
    item = world.public_item.pk
    pages = [f"/fi/archive/items/{item}/", f"/fi/archive/items/{item}/extract.pdf"]

    before = crawl(client)
    for url in pages:
        assert squeezed(PERSON) in squeezed(before[url]), url

    remove_personal_data(LAST_DAY)
    on_last_day = crawl(client)
    for url in pages:
        assert squeezed(PERSON) in squeezed(on_last_day[url]), url

    remove_personal_data(LAST_DAY + dt.timedelta(days=1))
    after = crawl(client)
    # A search for the name echoes the name typed in its search box, and finds nothing.
    echoed = {url for url in after if "Kanarialintu" in unquote_plus(url)}
    assert echoed
    assert not leaks({url: text for url, text in after.items() if url not in echoed}, [PERSON, "Kanarialintu"])
    for url in echoed:
        assert "0 hakutulosta" in after[url], url
    for url in pages:
        assert "[henkilötieto poistettu]" in after[url], url
