"""Which language a page shows a bilingual body's item in, and the links to its other language.

A page shows an item in the language asked for (`?language=sv` on a staff page, the URL prefix of
the public archive) or in the reader's interface language when the item is recorded in it, else in
its body's main language. The texts then come from `item.in_language` (decisions.models.translations),
so the templates print `item.title` as before. An item of a one-language body is shown as it is.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import NamedTuple

from django.utils.translation import get_language, get_language_info

from decisions.models import AgendaItem, Body, Meeting


class LanguageLink(NamedTuple):
    """A link to the same page in another language, named in that language (as the language switch)."""

    language: str
    name: str
    url: str


def page_language(item: AgendaItem, asked: str | None = None) -> str:
    """The language the page shows `item` in: `asked`, else the reader's, if the item is in it; else its main one."""
    for language in (asked, get_language()):
        if language in item.languages:
            return language
    return item.body.main_language


def shown_item(item: AgendaItem, asked: str | None = None) -> AgendaItem:
    """`item` as the page shows it (a copy in another language is never saved)."""
    return item.in_language(page_language(item, asked))


def language_links(item: AgendaItem, url_in: Callable[[str], str]) -> list[LanguageLink]:
    """The links to the page of `item` (as shown) in its other languages; `url_in(language)` is the address."""
    return [
        LanguageLink(language, get_language_info(language)["name_local"], url_in(language))
        for language in item.other_languages()
    ]


def named_body(body: Body) -> Body:
    """`body` as a page in the reader's language names it (a copy, the Swedish name of a bilingual body)."""
    name = body.name_in(get_language())
    if name == body.name:
        return body
    shown = copy.copy(body)
    shown.name = name
    return shown


def with_named_body(meeting: Meeting) -> Meeting:
    """`meeting` with its body named in the reader's language (for full_label and the headings)."""
    meeting.body = named_body(meeting.body)
    return meeting
