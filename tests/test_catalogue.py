"""The catalogues of every language in settings.LANGUAGES are complete and match the code.

Every user-facing string has an English msgid; its Finnish, Swedish and English live in locale/fi,
locale/sv and locale/en (English too, so that an English page is never a fallback). `makemessages`
run now must not change a committed catalogue (a new or changed string was not extracted), no
entry may be untranslated or fuzzy, and each compiled .mo must hold exactly its .po's translations.
"""

from __future__ import annotations

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def catalogue(language: str) -> Path:
    return ROOT / "locale" / language / "LC_MESSAGES" / "django.po"


def entries(path: Path) -> dict[tuple[str | None, str, str], tuple[str, ...]]:
    """Every entry of a catalogue: (context, msgid, plural) to its translations, fuzzy ones marked."""
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural): (
            entry.msgstr,
            *entry.msgstr_plural.values(),
            *(["fuzzy"] if entry.fuzzy else []),
        )
        for entry in polib.pofile(str(path))
    }


@pytest.fixture(scope="module")
def extracted() -> dict[str, str]:
    """Every catalogue as makemessages writes it from today's code; the committed files are put back.

    makemessages writes into the locale folder next to the code it scans, so it runs in place and
    the committed catalogues are restored afterwards, whatever happens.
    """
    committed = {language: catalogue(language).read_bytes() for language in LANGUAGES}
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(ROOT)
            call_command("makemessages", locale=LANGUAGES, verbosity=0)
        return {language: catalogue(language).read_text(encoding="utf-8") for language in LANGUAGES}
    finally:
        for language, content in committed.items():
            catalogue(language).write_bytes(content)


@pytest.mark.parametrize("language", LANGUAGES)
def test_makemessages_would_not_change_the_catalogue(extracted, tmp_path, language):
    """The same entries with the same translations (the order may follow the folders' scan order)."""
    (tmp_path / "extracted.po").write_text(extracted[language], encoding="utf-8")

    assert entries(tmp_path / "extracted.po") == entries(catalogue(language))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_msgid_has_a_translation(language):
    po = polib.pofile(str(catalogue(language)))

    assert len(po) > 500
    assert po.metadata["Language"] == language
    assert not po.metadata_is_fuzzy, "a fuzzy header loses the plural forms in the .mo"
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


def test_every_language_has_the_same_msgids():
    msgids = {language: set(entries(catalogue(language))) for language in LANGUAGES}

    assert all(found == msgids["fi"] for found in msgids.values())


def test_the_languages_are_told_apart():
    """The Swedish is not the Finnish copied (a known msgid of the menu), and English is the msgid."""
    menu = {language: polib.pofile(str(catalogue(language))).find("Decision archive").msgstr for language in LANGUAGES}

    assert menu == {"fi": "Päätösarkisto", "sv": "Beslutsarkiv", "en": "Decision archive"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_holds_the_translations(language):
    with (catalogue(language).with_suffix(".mo")).open("rb") as compiled:
        mo = gettext.GNUTranslations(compiled)

    for (context, msgid, _plural), (msgstr, *_rest) in entries(catalogue(language)).items():
        if msgstr:
            shown = mo.pgettext(context, msgid) if context else mo.gettext(msgid)
            assert shown == msgstr, msgid
