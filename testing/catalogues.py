"""What the catalogues say a page in one language must not contain: the interface's texts of the other
languages (tests/test_pages_in_every_language.py).

A fragment is the English msgid or the Finnish translation of an entry whose translation into the
page's language differs from it: the literal text between its placeholders, long enough (three words)
to be a sentence of the interface rather than a name, and found in no translation of the page's
language (so that "Hankehallinta" or a shared legal reference is never flagged).
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import polib
from django.conf import settings

#: A placeholder of a msgid: %(name)s, %s, {{ name }} or {name}.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{[^}]*\}\}|\{\w*\}")
#: A fragment has at least this many words.
MIN_WORDS = 3
TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.DOTALL | re.IGNORECASE)


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"))


def normalised(text: str) -> str:
    return " ".join(text.split())


def _pieces(text: str) -> list[str]:
    """The literal pieces of a catalogue text between its placeholders, of at least MIN_WORDS words."""
    pieces = (normalised(piece) for piece in PLACEHOLDER.split(text))
    return [piece for piece in pieces if len(re.findall(r"\w{2,}", piece)) >= MIN_WORDS]


@functools.cache
def foreign_fragments(language: str) -> dict[str, str]:
    """Every fragment of another language that a page in `language` must not show, to its msgid."""
    own = catalogue(language)
    finnish = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in catalogue("fi")}
    own_texts = "\n".join(normalised(entry.msgstr) for entry in own)
    fragments: dict[str, str] = {}
    for entry in own:
        if entry.msgid_plural or entry.obsolete:
            continue
        others = [entry.msgid, finnish.get((entry.msgctxt, entry.msgid), "")] if language != "fi" else [entry.msgid]
        for text in others:
            if normalised(text) == normalised(entry.msgstr):
                continue
            for piece in _pieces(text):
                if piece not in own_texts:
                    fragments[piece] = entry.msgid
    return fragments


def visible_text(page: str) -> str:
    """The text of an HTML page as a reader sees it: no tags, scripts or styles, entities decoded."""
    return normalised(html.unescape(TAG.sub(" ", page)))


def untranslated(page: str, language: str) -> list[str]:
    """The fragments of other languages found in the page (each with the msgid it comes from)."""
    text = visible_text(page)
    return [
        f"{fragment!r} (msgid {msgid!r})" for fragment, msgid in foreign_fragments(language).items() if fragment in text
    ]
