"""The Swedish texts of a bilingual body's agenda items, and the item as a document in one language.

A body decides in Finnish, in Swedish or in both (Body.language). An item's main texts (title,
proposal, description, decision) are in its body's main language; a bilingual body's items carry
the Swedish ones alongside (`title_sv`, ...), and `original_language` says which of the two is the
original and which the translation. Documents and pages read an item through `in_language`, a copy
whose main texts are those of the language asked for, so that every template prints `item.title`
whatever the language. Checking the minutes is refused while a text is missing in one of the
languages (`missing_translations`).
"""

from __future__ import annotations

import copy
from typing import NamedTuple, Self

from django.db import models
from django.utils.translation import gettext_lazy as _

#: The texts a bilingual item has in both languages: the main field and its Swedish one (`<name>_sv`).
TRANSLATED_FIELDS = ("title", "proposal", "description", "decision")
#: Their names (the verbose names of AgendaItem's main fields).
TEXT_LABELS = {
    "title": _("title"),
    "proposal": _("proposal for decision"),
    "description": _("description"),
    "decision": _("decision"),
}


class TextLanguage(models.TextChoices):
    FINNISH = "fi", _("Finnish")
    SWEDISH = "sv", _("Swedish")


class MissingText(NamedTuple):
    """A text filled in one language of a bilingual item and empty in the other."""

    field: str
    language: str

    @property
    def label(self) -> str:
        return str(TEXT_LABELS[self.field])


class BilingualTexts(models.Model):
    """The Swedish texts of an item of a bilingual body, and which language is the original."""

    title_sv = models.CharField(_("title in Swedish"), max_length=500, blank=True)
    proposal_sv = models.TextField(_("proposal for decision in Swedish"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    decision_sv = models.TextField(_("decision in Swedish"), blank=True)
    original_language = models.CharField(
        _("original language"),
        max_length=2,
        choices=TextLanguage,
        default=TextLanguage.FINNISH,
        help_text=_("The texts in the other language are its translation."),
    )

    #: The language the main texts of this instance are in, and the item it was copied from (set on
    #: the copies of `in_language`).
    shown_language: str | None = None
    translated_from: BilingualTexts | None = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.shown_language is not None:
            raise TypeError("a copy of an item in another language is for printing only; save the item itself")
        super().save(*args, **kwargs)

    @property
    def languages(self) -> list[str]:
        """The languages the item is recorded and issued in (its body's)."""
        return self.body.document_languages

    @property
    def language(self) -> str:
        """The language of the texts this instance prints."""
        return self.shown_language or self.body.main_language

    @property
    def is_translation(self) -> bool:
        """The texts printed are the translation (of a bilingual item, not its original language)."""
        return self.body.is_bilingual and self.language != self.original_language

    def other_languages(self) -> list[str]:
        return [language for language in self.languages if language != self.language]

    def text_in(self, field: str, language: str) -> str:
        """The text of `field` (one of TRANSLATED_FIELDS) in `language`."""
        if language == "sv" and self.body.is_bilingual:
            return getattr(self, f"{field}_sv")
        return getattr(self, field)

    def missing_translations(self) -> list[MissingText]:
        """Every text of a bilingual item filled in one language and empty in the other."""
        if not self.body.is_bilingual:
            return []
        missing = []
        for field in TRANSLATED_FIELDS:
            texts = {"fi": getattr(self, field).strip(), "sv": getattr(self, f"{field}_sv").strip()}
            if any(texts.values()):
                missing += [MissingText(field, language) for language, text in texts.items() if not text]
        return missing

    def in_language(self, language: str) -> Self:
        """The item as its documents in `language` print it: a copy (never saved) whose main texts and
        body name are those of `language`. An item of a one-language body is returned as it is."""
        original = self.translated_from or self
        if language not in original.languages or language == original.language:
            return original
        shown = copy.copy(original)
        shown.shown_language, shown.translated_from = language, original
        for field in TRANSLATED_FIELDS:
            setattr(shown, field, original.text_in(field, language))
        shown._state = copy.copy(original._state)
        shown._state.fields_cache = dict(original._state.fields_cache)
        for relation in ("body", "meeting"):
            if relation in shown._state.fields_cache:
                shown._state.fields_cache[relation] = _in_language(shown._state.fields_cache[relation], language)
        return shown


def _in_language(obj, language: str):
    """A copy of a body (or of a meeting with its body) whose name is the one of `language`."""
    shown = copy.copy(obj)
    shown._state = copy.copy(obj._state)
    shown._state.fields_cache = dict(obj._state.fields_cache)
    if hasattr(shown, "name_in"):
        shown.name = obj.name_in(language)
    elif "body" in shown._state.fields_cache:
        shown._state.fields_cache["body"] = _in_language(shown._state.fields_cache["body"], language)
    return shown
