"""`manage.py benchmark`: every PDF and every page row printed from a tiny database, nothing written
by the measured requests; volume is generated first for a named size."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command

from hankehallinta.models import AuditEvent
from portal import demo
from portal.volume import SIZES
from projects.models import Project

pytestmark = pytest.mark.django_db

PAGES = (
    "constant page",
    "dashboard",
    "project list",
    "portfolio",
    "portfolio csv",
    "portfolio xlsx",
    "project page",
    "project editor",
    "version diff",
    "meeting list",
    "meeting page",
    "body page",
    "item page",
    "staff search",
    "staff search hanke",
    "constant page",
    "archive",
    "archive search",
    "archive minutes",
    "archive item",
    "decisions feed",
    "api meeting list",
    "api item list",
    "api item list p20",
    "api file list",
    "api item",
)
ROW = re.compile(r"page (.+?) +(\d{3}) +(\d+) +[\d.]+ +[\d.]+ +[\d.]+ +[\d,]+ +[\d.]+$")


def _rows(output: str) -> list[tuple[str, str]]:
    return [ROW.match(line).group(1, 2) for line in output.splitlines() if line.startswith("page ")]


def test_benchmark_prints_pdf_times_and_every_page_and_writes_nothing():
    demo.load()
    audit_events_before = AuditEvent.objects.count()
    out = io.StringIO()
    call_command("benchmark", size="demo", repeat=1, stdout=out)
    assert AuditEvent.objects.count() == audit_events_before
    output = out.getvalue()
    pdfs = [re.match(r"pdf (.+?) +(\d{3}) ", line).groups() for line in output.splitlines() if line.startswith("pdf ")]
    assert pdfs == [(name, "200") for name in ("extract", "funding", "agenda", "minutes", "public minutes")]
    assert _rows(output) == [(name, "200") for name in PAGES]
    assert "portfolio xlsx peak Python memory" in output


def test_benchmark_needs_a_published_decision():
    with pytest.raises(CommandError, match="load the demo"):
        call_command("benchmark", repeat=1, stdout=io.StringIO())


def test_a_named_size_generates_the_missing_volume_first(monkeypatch, settings):
    monkeypatch.setitem(SIZES, "medium", (6, 200))
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("benchmark", size="medium", repeat=1, stdout=io.StringIO())
    out = io.StringIO()
    call_command("benchmark", size="medium", force=True, repeat=1, no_pdfs=True, pages="archive", stdout=out)
    assert "generating 6 projects and 200 agenda items" in out.getvalue()
    assert Project.objects.count() == 6
    assert [name for name, _status in _rows(out.getvalue())] == ["constant page", *PAGES[-10:-6]]
