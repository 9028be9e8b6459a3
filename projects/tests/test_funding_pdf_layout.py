"""The funding PDF looks right: amounts with their € sign in every table, the summaries as label/value
tables whose values stay beside their labels, however a label wraps."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from hankehallinta.pdf import render_pdf
from testing.pdf_layout import AMOUNT, captured_pdf_html, page_lines, positioned_lines, tables
from testing.seed import seed_project

pytestmark = pytest.mark.django_db

RUNNING = ("Pohjois-Karjalan hyvinvointialue", "RAHOITUSERITTELY")


@pytest.fixture
def funding_pdf(director_client, monkeypatch):
    """The seed project's funding PDF: (the HTML it was made from, its bytes)."""
    html = captured_pdf_html(monkeypatch)
    project = seed_project()
    response = director_client.get(reverse("projects:funding_pdf", args=[project.pk]))
    assert response["Content-Type"] == "application/pdf"
    return html[-1], response.content


def test_every_amount_in_the_funding_pdf_tables_is_followed_by_the_euro_sign(funding_pdf):
    html, _ = funding_pdf
    amounts = [
        (cell.text, match)
        for table in tables(html)
        for row in table.rows
        for cell in row
        for match in AMOUNT.finditer(cell.text)
    ]

    assert len(amounts) > 30  # the cost, financing and per-year tables and the summary
    for text, match in amounts:
        assert text[match.end() :].startswith((" €", " %")), text


def test_funding_pdf_captions_no_longer_say_euros_beside_the_euro_signs(funding_pdf):
    html, _ = funding_pdf

    captions = re.findall(r"<caption>(.*?)</caption>", html, flags=re.S)

    assert len(captions) == 3
    assert not [caption for caption in captions if "euro" in caption.lower()]


def test_funding_pdf_text_prints_each_table_amount_with_the_euro_sign(funding_pdf):
    _, data = funding_pdf
    text = " ".join(" ".join(lines) for lines in page_lines(data, running=RUNNING))
    text = re.sub(r"[^.]* eurolla\.", "", text)  # the cap warning says "0,80 eurolla" in words

    bare = [match.group() for match in AMOUNT.finditer(text) if not text[match.end() :].startswith((" €", " %"))]

    assert "229 904,00 €" in text
    assert bare == []


def test_funding_pdf_summaries_are_label_value_tables(funding_pdf):
    html, _ = funding_pdf

    summaries = [table for table in tables(html) if "summary" in table.classes]

    assert len(summaries) == 2  # the project's data and the funding figures
    for table in summaries:
        assert "fields" in table.classes
        for row in table.rows:
            assert [cell.tag for cell in row] == ["th", "td"]
            assert row[0].attrs.get("scope") == "row"


def test_funding_summary_values_print_on_their_labels_line(funding_pdf):
    _, data = funding_pdf
    lines = [line for page in positioned_lines(data) for line in page]

    for expected in (
        "Kokonaiskustannukset 379 904,00 €",
        "Haettava rahoitus 303 924,00 €",
        "Omarahoitusosuus 75 980,00 €",
        "Tukiprosentti 80,00 %",
        "Vastuuyksikkö Kehittämisyksikkö",
    ):
        assert expected in lines, expected


LONG_LABEL = (
    "Ulkopuolinen rahoitus yhteensä mukaan lukien kuntien, yhteistyökumppaneiden ja muiden rahoittajien "
    "osuudet koko hankeajalta"
)


@pytest.mark.parametrize("classes", ["fields figures summary", "fields summary"])
def test_a_value_stays_on_the_first_line_of_its_wrapped_label(settings, tmp_path, classes):
    """The print stylesheet's label/value tables, with a label far too long for its column."""
    (tmp_path / "long_label_pdf.html").write_text(
        '{% extends "pdf/base.html" %}{% load money %}{% block content %}'
        '<table class="{{ classes }}"><tbody>'
        '<tr><th scope="row">Kokonaiskustannukset</th><td class="num">{{ total|eur }}</td></tr>'
        '<tr><th scope="row">{{ label }}</th><td class="num">{{ amount|eur }}</td></tr>'
        '<tr><th scope="row">Tukiprosentti</th><td class="num">80,00 %</td></tr>'
        "</tbody></table>{% endblock %}",
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]

    data = render_pdf(
        "long_label_pdf.html",
        {"classes": classes, "label": LONG_LABEL, "amount": 229746, "total": 379904},
        use_cache=False,
    )
    lines = positioned_lines(data)[0]

    label_lines = [line for line in lines if any(word in line for word in ("Ulkopuolinen", "osuudet", "hankeajalta"))]
    assert len(label_lines) > 2  # the label wrapped
    assert label_lines[0].startswith("Ulkopuolinen rahoitus")
    assert label_lines[0].endswith("229 746,00 €")  # beside the label's first line, not below it
    assert "Kokonaiskustannukset 379 904,00 €" in lines
    assert "Tukiprosentti 80,00 %" in lines
