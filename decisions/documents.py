"""The language of a decisions document (agenda, minutes, extract) and what changes with it.

A document of an item or a meeting is issued in one of its body's `document_languages` (Finnish and
Swedish for a bilingual body, else the body's one language), never in English:

- a staff PDF takes ``?language=sv|fi``; without it (or with a language the body does not issue in)
  the reader's interface language when the body issues in it, else the body's main language;
- the public archive's PDFs take the language of the URL prefix (/sv/arkiv/... -> Swedish) the same
  way, and ignore ``?language``.

The document is rendered under ``translation.override(language)`` (:func:`rendered_in`), so that its
fixed words, dates, page numbers and appeal instructions are in that language, and its items are
read through ``item.in_language(language)``, its meeting through :func:`meeting_in_language`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from django.utils import translation
from django.utils.text import slugify

if TYPE_CHECKING:
    from django.http import HttpRequest

    from decisions.models import AgendaItem, Body, Meeting

T = TypeVar("T")

#: The document types' words in file names, per language (Finnish for any other).
FILE_NAMES = {
    "extract": {"fi": "poytakirjanote", "sv": "protokollsutdrag", "en": "minutes-extract"},
    "agenda": {"fi": "esityslista", "sv": "foredragningslista", "en": "agenda"},
    "minutes": {"fi": "poytakirja", "sv": "protokoll", "en": "minutes"},
}
#: The suffix of the public archive's web versions.
PUBLIC_SUFFIX = {"fi": "julkinen", "sv": "offentlig", "en": "public"}


def reader_language() -> str:
    """The active interface language, without a region ("sv" of "sv-fi")."""
    return (translation.get_language() or "fi").split("-")[0].lower()


def document_language(request: HttpRequest, body: Body, *, public: bool = False) -> str:
    """The language `body`'s document is issued in for this request (the rule above)."""
    languages = body.document_languages
    wanted = None if public else request.GET.get("language")
    if wanted in languages:
        return wanted
    reader = reader_language()
    return reader if reader in languages else body.main_language


def rendered_in(language: str, render: Callable[[], T]) -> Callable[[], T]:
    """`render` run under the document's language (for pdf_download's lazy render)."""

    def run() -> T:
        with translation.override(language):
            return render()

    return run


def meeting_in_language(meeting: Meeting, language: str) -> Meeting:
    """A copy of `meeting` (never saved) whose body prints its name in `language`; the meeting
    itself for a one-language body or its main language."""
    body = meeting.body
    if body.name_in(language) == body.name:
        return meeting
    shown_body = copy.copy(body)
    shown_body.name = body.name_in(language)
    shown = copy.copy(meeting)
    shown._state = copy.copy(meeting._state)
    shown._state.fields_cache = {**meeting._state.fields_cache, "body": shown_body}
    shown.save = _read_only
    return shown


def _read_only(*args, **kwargs):
    raise TypeError("a meeting in another language is for printing only")


def meeting_filename(kind: str, meeting: Meeting, language: str, *, public: bool = False) -> str:
    """The agenda's or the minutes' file name in `language`: esityslista-<body>-3-2026.pdf,
    protokoll-<Swedish name of the body>-2026-3.pdf (the agenda names the number first, as it always has)."""
    body = slugify(meeting.body.name_in(language))
    numbers = (meeting.number, meeting.year) if kind == "agenda" else (meeting.year, meeting.number)
    return document_filename(kind, language, body, *numbers, public=public)


def document_filename(kind: str, language: str, *parts: object, public: bool = False) -> str:
    """The file name of a document of `kind` ("extract", "agenda", "minutes") in `language`,
    e.g. protokollsutdrag-kommitten-2026-21.pdf."""
    names = FILE_NAMES[kind]
    words = [names.get(language, names["fi"]), *(str(part) for part in parts)]
    if public:
        words.append(PUBLIC_SUFFIX.get(language, PUBLIC_SUFFIX["fi"]))
    return "-".join(words) + ".pdf"


#: A § not yet numbered, in an extract's file name.
DRAFT_WORDS = {"fi": "luonnos", "sv": "utkast", "en": "draft"}


def extract_filename(item: AgendaItem, language: str) -> str:
    """The extract's file name in `language`: poytakirjanote-<body>-2026-21.pdf (the item's own
    `extract_filename`) in Finnish, protokollsutdrag-<Swedish name of the body>-2026-21.pdf in Swedish."""
    number = item.section or f"{DRAFT_WORDS.get(language, DRAFT_WORDS['fi'])}-{item.pk}"
    return document_filename("extract", language, slugify(item.body.name_in(language)), item.year, number)
