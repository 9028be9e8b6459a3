"""The minutes extract looks right: its summaries are label/value tables with each value beside its
label, a long extract leaves no page with a line or two, and the place is the configured one."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from decisions.forms.extracts import ExtractIssueForm
from testing.pdf_layout import captured_pdf_html, page_lines, positioned_lines, tables
from testing.seed import seed_item

pytestmark = pytest.mark.django_db

RUNNING = ("Pohjois-Karjalan hyvinvointialue", "PÖYTÄKIRJANOTE")
HEADINGS = {
    "Päätös",
    "Selostus",
    "Hankkeen rahoitus",
    "Ehdot",
    "Valtuutukset",
    "Tiedoksi",
    "Puheenjohtaja ja pöytäkirjanpitäjä",
    "Pöytäkirjan tarkastus",
    "Pöytäkirjanotteen oikeaksi todistaa",
    "OIKAISUVAATIMUSOHJE",
    "Oikaisuvaatimusoikeus",
    "Oikaisuvaatimusaika",
    "Oikaisuvaatimusviranomainen",
    "Oikaisuvaatimuksen muoto ja sisältö",
}


def extract(client, item) -> bytes:
    response = client.get(reverse("decisions:item_extract_pdf", args=[item.pk]))
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_extract_summaries_are_label_value_tables(secretary_client, body, presenter_person, monkeypatch):
    html = captured_pdf_html(monkeypatch)
    extract(secretary_client, seed_item(body, presenter_person))

    summaries = [table for table in tables(html[-1]) if "summary" in table.classes]

    assert len(summaries) == 2  # the item's facts and the funding figures
    for table in summaries:
        assert "fields" in table.classes
        for row in table.rows:
            assert [cell.tag for cell in row] == ["th", "td"]
            assert row[0].attrs.get("scope") == "row"


def test_extract_prints_each_value_on_its_labels_line(secretary_client, body, presenter_person):
    lines = [
        line for page in positioned_lines(extract(secretary_client, seed_item(body, presenter_person))) for line in page
    ]

    for expected in (
        "Toimielin Tulevaisuuslautakunta",
        "Kokouspäivä 28.11.2023",
        "§ 45",
        "Diaarinumero SIUN/1234/02.08.00/2023",
        "Kokonaiskustannukset 379 904,00 €",
        "Haettava rahoitus 303 924,00 €",
        "Omarahoitusosuus 75 980,00 €",
        "Tukiprosentti 80,00 %",
    ):
        assert expected in lines, expected


def test_extract_form_place_defaults_to_the_configured_place(settings, body):
    settings.PDF_PLACE = "Kontiolahti"

    form = ExtractIssueForm(item=seed_item(body))

    assert form["place"].value() == "Kontiolahti"
    assert form.fields["place"].required  # still editable: an extract certified elsewhere says so


def test_item_page_offers_the_extract_with_the_configured_place_filled_in(settings, secretary_client, body):
    settings.PDF_PLACE = "Kontiolahti"
    item = seed_item(body)

    page = secretary_client.get(item.get_absolute_url()).text

    assert re.search(r'<input[^>]*name="place"[^>]*value="Kontiolahti"', page)


def bullets(count: int) -> str:
    """A description that ends in a long list of bullets, as secretaries type them."""
    lines = [
        "Hankkeen tavoitteena on selkeyttää hyvinvointialueen ja kuntien työllisyyspalvelujen yhdyspintoja. " * 3,
        "",
        "Hankkeessa toteutetaan seuraavat toimenpiteet:",
    ]
    lines += [f"- toimenpide {n}: kehitetään yhteistä palveluohjausta ja tiedonkulkua" for n in range(1, count + 1)]
    return "\n".join(lines)


# Lengths that put the page break in different places of the last pages: at 55-58 bullets the last
# page held only the last two bullets of the appeal instructions before the print stylesheet kept them.
@pytest.mark.parametrize("count", [53, 56, 59])
def test_a_long_extract_leaves_no_page_with_a_line_or_two(secretary_client, body, presenter_person, count):
    item = seed_item(body, presenter_person, description=bullets(count))

    pages = page_lines(extract(secretary_client, item), running=RUNNING)

    assert len(pages) >= 3
    assert min(len(lines) for lines in pages) >= 3, [lines[:3] for lines in pages]
    for lines in pages[:-1]:
        assert lines[-1] not in HEADINGS  # no page ends with a heading


def test_the_long_extract_runs_to_four_pages(secretary_client, body, presenter_person):
    """The case of the problem report: a four-page extract, whose last page is more than two bullets."""
    item = seed_item(body, presenter_person, description=bullets(56))

    pages = page_lines(extract(secretary_client, item), running=RUNNING)

    assert len(pages) == 4
    assert len(pages[-1]) > 5
    # the last part of the appeal instructions went over whole: its heading, its lead and all its bullets
    assert "Oikaisuvaatimuksen muoto ja sisältö" in pages[-1]
    assert "päätös, johon oikaisuvaatimus kohdistuu" in pages[-1]
