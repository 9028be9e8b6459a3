"""The seed's documents read exactly as before the code was reorganised.

The expected texts in tests/golden/ were taken from the PDFs before the English msgids and the
layered apps came in: the seed extract, the funding breakdown, the agenda and the minutes of the
demo's seed meeting. Only the print time stamp is masked. A changed word, a dropped block or a
Finnish label that lost its translation fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from decisions.models import AgendaItem
from testing.pdf import response_pdf_text

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).parent / "golden"


def masked(text: str) -> str:
    """The day the PDF was printed (the only thing that changes from run to run) as <today>."""
    today = timezone.localdate()
    return re.sub(rf"\b{today.day}\.{today.month}\.{today.year}\b", "<today>", text)


@pytest.fixture
def seed_item(settings, client) -> AgendaItem:
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
    client.force_login(User.objects.get(username="admin"))
    return AgendaItem.objects.get(section=45, meeting__year=2023)


def documents(item: AgendaItem) -> dict[str, str]:
    return {
        "seed_extract": f"/items/{item.pk}/extract.pdf",
        "seed_funding": f"/projects/{item.project_id}/funding.pdf",
        "seed_agenda": f"/meetings/{item.meeting_id}/agenda.pdf",
        "seed_minutes": f"/meetings/{item.meeting_id}/minutes.pdf",
    }


@pytest.mark.parametrize("name", ["seed_extract", "seed_funding", "seed_agenda", "seed_minutes"])
def test_seed_document_text_is_unchanged(client, seed_item, name):
    text = masked(response_pdf_text(client.get(documents(seed_item)[name])))

    assert text == (GOLDEN / f"{name}.txt").read_text(encoding="utf-8").strip()
