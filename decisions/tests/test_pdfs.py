"""The minutes extract PDF: its text, read back with pypdf, holds what the item page shows."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from decisions.models import DecisionCondition, Delegation
from testing.pdf import response_pdf_text
from testing.seed import seed_item

pytestmark = pytest.mark.django_db


def test_extract_pdf_holds_the_seed_decision(secretary_client, body, presenter_person):
    item = seed_item(body, presenter_person)
    DecisionCondition.objects.create(item=item, project=item.project, text="Omarahoitusosuus talousarvioon 2024")
    Delegation.objects.create(item=item, project=item.project, delegate="kehittämisjohtaja", scope="muutokset")

    text = response_pdf_text(secretary_client.get(reverse("decisions:item_extract_pdf", args=[item.pk])))

    for expected in (
        "PÖYTÄKIRJANOTE",
        "Pohjois-Karjalan hyvinvointialue",
        "Tulevaisuuslautakunta",
        "28.11.2023",
        "12/2023",
        "§ 45",
        "SIUN/1234/02.08.00/2023",
        "Työkyvyn tuen palvelut -hankkeen hankehakemus",
        "Päätösehdotus Strategiajohtaja Ilkka Pirskanen:",
        "Tulevaisuuslautakunta päättää hyväksyä",
        "Päätös",
        "Hyväksyttiin.",
        "Selostus",
        "Hankkeen tavoitteet ovat:",
        "379 904,00 €",
        "303 924,00 €",
        "75 980,00 €",
        "80,00 %",
        "Omarahoitusosuus talousarvioon 2024",
    ):
        assert expected in text, expected
    assert re.search(r"Sivu 1 / [1-9]", text)
    assert "LUONNOS" not in text


def test_extract_pdf_of_an_unchecked_decision_is_marked_draft(secretary_client, body):
    item = seed_item(body, checked=False)

    text = response_pdf_text(secretary_client.get(reverse("decisions:item_extract_pdf", args=[item.pk])))

    assert "LUONNOS" in text


def test_extract_pdf_shows_the_same_sections_as_the_item_page(staff_client, body, presenter_person):
    item = seed_item(body, presenter_person)
    page = staff_client.get(item.get_absolute_url()).text
    text = response_pdf_text(staff_client.get(reverse("decisions:item_extract_pdf", args=[item.pk])))

    for heading in ("Päätösehdotus", "Päätös", "Selostus", "Hankkeen rahoitus", "Diaarinumero", "Kokouspäivä"):
        assert heading in page
        assert heading in text
