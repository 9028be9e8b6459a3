"""The Finnish catalogue is complete and matches the code.

Every user-facing string has an English msgid; its Finnish lives in locale/fi. `makemessages` run
now must not change the committed catalogue (a new or changed string was not extracted), no entry
may be untranslated or fuzzy, and the compiled .mo must hold exactly the .po's translations.
"""

from __future__ import annotations

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
CATALOGUE = ROOT / "locale" / "fi" / "LC_MESSAGES" / "django.po"


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
def extracted() -> str:
    """The catalogue as makemessages writes it from today's code; the committed file is put back.

    makemessages writes into the locale folder next to the code it scans, so it runs in place and
    the committed catalogue is restored afterwards, whatever happens.
    """
    committed = CATALOGUE.read_bytes()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(ROOT)
            call_command("makemessages", locale=["fi"], verbosity=0)
        return CATALOGUE.read_text(encoding="utf-8")
    finally:
        CATALOGUE.write_bytes(committed)


def test_makemessages_would_not_change_the_catalogue(extracted, tmp_path):
    """The same entries with the same translations (the order may follow the folders' scan order)."""
    (tmp_path / "extracted.po").write_text(extracted, encoding="utf-8")

    assert entries(tmp_path / "extracted.po") == entries(CATALOGUE)


def test_every_msgid_has_a_finnish_translation():
    catalogue = polib.pofile(str(CATALOGUE))

    assert len(catalogue) > 500
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


def test_compiled_catalogue_holds_the_translations():
    with (CATALOGUE.with_suffix(".mo")).open("rb") as compiled:
        mo = gettext.GNUTranslations(compiled)

    for (context, msgid, _plural), (msgstr, *_rest) in entries(CATALOGUE).items():
        if msgstr:
            shown = mo.pgettext(context, msgid) if context else mo.gettext(msgid)
            assert shown == msgstr, msgid
