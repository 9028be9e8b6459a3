"""The funding breakdown PDF: budget by category and year, financing by source and year, totals."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from testing.pdf import response_pdf_text
from testing.seed import seed_project

pytestmark = pytest.mark.django_db


def test_funding_pdf_holds_the_budget_financing_and_totals(director_client):
    project = seed_project()

    text = response_pdf_text(director_client.get(reverse("projects:funding_pdf", args=[project.pk])))

    for expected in (
        "RAHOITUSERITTELY",
        "Pohjois-Karjalan hyvinvointialue",
        "Työkyvyn tuen palvelut",
        "Kustannusarvio",
        "Henkilöstökustannukset",
        "Ostopalvelut",
        "2024",
        "2025",
        "229 904,00",
        "150 000,00",
        "Rahoitussuunnitelma",
        "Haettava rahoitus",
        "Omarahoitusosuus",
        "379 904,00 €",
        "303 924,00 €",
        "75 980,00 €",
        "80,00 %",
        "Haettu rahoitus ylittää enimmäistukiosuuden 80,00 % (303 923,20 €) 0,80 eurolla.",
    ):
        assert expected in text, expected
    assert re.search(r"Sivu 1 / \d", text)
    assert "LUONNOS" not in text
