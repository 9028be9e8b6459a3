from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command

from hankehallinta.models import AuditEvent
from portal import demo

pytestmark = pytest.mark.django_db


def test_benchmark_prints_pdf_times_and_page_queries_and_writes_nothing():
    demo.load()
    audit_events_before = AuditEvent.objects.count()
    out = io.StringIO()
    call_command("benchmark", repeat=1, stdout=out)
    assert AuditEvent.objects.count() == audit_events_before
    lines = out.getvalue().splitlines()
    pdfs = [re.match(r"pdf (.+?) +(\d{3}) ", line).groups() for line in lines if line.startswith("pdf ")]
    assert pdfs == [(name, "200") for name in ("extract", "funding", "agenda", "minutes", "public minutes")]
    pages = [line for line in lines if line.startswith("page ")]
    assert len(pages) == 15
    assert all(re.search(r" 200 +\d+ queries", line) for line in pages), pages


def test_benchmark_needs_the_demo():
    with pytest.raises(CommandError, match="load the demo"):
        call_command("benchmark", repeat=1, stdout=io.StringIO())
