"""Every page of the URL map renders in Finnish, Swedish and English, and a page in one language
shows no sentence of the interface in another (issue 13: checked against the catalogues,
testing/catalogues.py).

Each row of the URL map (testing/url_map.py) is opened by the first role of the cast it answers 200
to, with that language chosen (the language cookie; the archive by its address per language). HTML
pages must say their language in <html lang> and hold no fragment of another language's catalogue
texts; documents and exports must answer. The admin site is Django's own and is left out.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from testing.catalogues import untranslated
from testing.url_map import build_objects, openable_pages

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_renders_in_the_language_without_another_languages_texts(
    language, cast, body, other_body, presenter_person
):
    objects = build_objects(body, other_body, presenter_person)
    clients: dict[str, Client] = {}
    problems = []
    for name, key, role in openable_pages():
        client = clients.get(role)
        if client is None:
            client = clients[role] = Client()
            if role != "anonymous":
                client.force_login(cast[role])
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        obj = objects[key] if key else None
        with translation.override(language):
            url = reverse(name, kwargs={"pk": obj.pk} if obj is not None else None)
        response = client.get(url)
        if response.status_code != 200:
            problems.append(f"{url} ({role}): {response.status_code}")
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        page = response.content.decode()
        lang = re.search(r'<html lang="([^"]+)"', page)
        if lang is None or lang[1] != language:
            problems.append(f"{url} ({role}): <html lang> is {lang[1] if lang else None}")
        problems += [f"{url} ({role}): {fragment}" for fragment in untranslated(page, language)]
    assert not problems, f"pages in {language}:\n" + "\n".join(problems)
