"""The word diff of the proposal and the decision is bounded (issue 14 item 1): small texts are compared
word by word, texts that differ too widely get a plain note instead of quadratic work."""

from __future__ import annotations

import pytest

from decisions import textdiff
from decisions.textdiff import MAX_DIFF_WORDS, word_diff
from testing.factories import AgendaItemFactory

pytestmark = pytest.mark.django_db


def words(prefix: str, count: int) -> str:
    return " ".join(f"{prefix}{index}" for index in range(count))


def test_small_texts_are_compared_word_by_word():
    parts = word_diff("Lautakunta päättää hyväksyä hankkeen.", "Lautakunta päättää hylätä hankkeen.")

    assert parts == [
        ("same", "Lautakunta päättää "),
        ("deleted", "hyväksyä "),
        ("inserted", "hylätä "),
        ("same", "hankkeen."),
    ]


def test_line_breaks_alone_are_no_change():
    assert word_diff("yksi\nkaksi", "yksi kaksi") == [("same", "yksi kaksi")]


def test_two_40000_word_texts_take_the_cutoff_without_comparing(monkeypatch):
    def compared(*args, **kwargs):
        raise AssertionError("the quadratic comparison ran")

    monkeypatch.setattr(textdiff, "_middle_diff", compared)

    assert word_diff(words("a", 40_000), words("b", 40_000)) is None


def test_a_small_change_in_long_texts_is_still_shown_word_by_word():
    """The shared start and end are set aside in linear time: only the changed middle is compared."""
    start, end = words("alku", 30_000), words("loppu", 30_000)

    parts = word_diff(f"{start} vanha {end}", f"{start} uusi {end}")

    assert [operation for operation, _ in parts] == ["same", "deleted", "inserted", "same"]
    assert parts[1:3] == [("deleted", "vanha "), ("inserted", "uusi ")]


def test_the_cutoff_counts_the_differing_words_of_both_texts():
    half = MAX_DIFF_WORDS // 2
    assert word_diff(words("a", half), words("b", half)) is not None
    assert word_diff(words("a", half + 1), words("b", half)) is None


def test_the_item_page_says_only_that_the_texts_differ_beyond_the_cutoff(staff_client):
    item = AgendaItemFactory(
        proposal=words("a", 40_000), decision=words("b", 40_000), resolution="passed", amended=True
    )

    text = " ".join(staff_client.get(item.get_absolute_url()).text.split())

    assert "Päätös poikkeaa päätösehdotuksesta" in text
    assert "Tekstit eroavat toisistaan niin laajasti, ettei eroja näytetä tässä sanoittain" in text
    assert "<del>" not in text and "<ins>" not in text


def test_the_item_page_shows_a_small_difference_word_by_word(staff_client):
    item = AgendaItemFactory(
        proposal="Hyväksytään hanke.", decision="Hylätään hanke.", resolution="passed", amended=True
    )

    text = staff_client.get(item.get_absolute_url()).text

    assert "<del>Hyväksytään </del><ins>Hylätään </ins>hanke." in text
    assert "niin laajasti" not in text
