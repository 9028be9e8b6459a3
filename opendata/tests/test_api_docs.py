"""The API's documentation page: in the reader's language, its examples exactly what the API answers."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.conf import settings
from django.test import Client

from testing.seed import seed_item

pytestmark = pytest.mark.django_db


def _page(language: str) -> str:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/api/oparl/v1.1/docs/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_examples_are_the_apis_own_answers_whatever_the_readers_language(body):
    item = seed_item(body)
    page = _page("en")
    examples = [
        json.loads(html.unescape(text)) for text in re.findall(r"<pre[^>]*><code[^>]*>(.*?)</code>", page, re.S)
    ]

    assert [example["id"] for example in examples] == [
        f"http://testserver/api/oparl/v1.1/meeting/{item.meeting_id}/",
        f"http://testserver/api/oparl/v1.1/agendaitem/{item.pk}/",
    ]
    for example in examples:
        assert example == Client().get(example["id"]).json()
    assert examples[1]["web"].startswith("http://testserver/fi/archive/")


def test_the_page_is_in_finnish_and_in_english_without_examples_on_an_empty_archive():
    finnish, english = _page("fi"), _page("en")

    assert '<html lang="fi"' in finnish and "Suomalaiset laajennukset" in finnish
    assert '<html lang="en"' in english and "Finnish extensions (fi:)" in english
    assert "<pre" not in finnish
