"""Speed figures, printed: PDF times through their views (first, warm, cached) and a table of the pages.

    python manage.py benchmark [--size demo|medium|full] [--repeat 5] [--pages search,archive] [--no-pdfs]

--size demo (the default) measures the database as it is. --size medium or full first adds volume
(portal.volume.generate_volume) when the database holds fewer projects than that size: the missing
projects and agenda items, committed, so the next run finds them. Generating writes fake data and is
refused with DEBUG off unless --force (as `generate_volume`).

The measured requests change nothing: they run in a transaction that is rolled back. Each page is
requested once ("first"), then --repeat times more for the median and p95 (nearest rank: with fewer
than 20 requests the p95 is the slowest). "ratio" is the median over the median of a constant page
through the same middleware: for signed-in pages the password-change-done page (a static page in the
site's layout), for the public pages the login page. Bytes are those of the body, streamed ones too.
The XLSX export is requested once more under tracemalloc for its peak Python memory.

For the PDFs, "warm" empties the PDF cache before each request, so it is the time of rendering again;
"cached" is a request whose unchanged content is served from the cache.
"""

from __future__ import annotations

import math
import statistics
import time
import tracemalloc
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from decisions.models import AgendaItem
from followup.ledger_benchmark import time_ledger_import
from hankehallinta import pdf
from portal.management.commands.generate_volume import refuse_fake_data_unless_allowed
from portal.volume import SIZES, generate_volume
from projects.models import Project

SIZE_CHOICES = ("demo", *SIZES)


@dataclass
class Measured:
    """One request: seconds, status, queries and body bytes."""

    seconds: float
    status: int
    queries: int
    size: int


def _body(response: HttpResponse) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _get(client: Client, url: str) -> Measured:
    """One request, its (streamed) body read to the end inside the timing."""
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        body = _body(response)
        elapsed = time.perf_counter() - started
    return Measured(elapsed, response.status_code, len(queries), len(body))


def p95(values: list[float]) -> float:
    """The 95th percentile by nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:9.1f}"


def benchmark_item() -> AgendaItem | None:
    """The decision the pages show: the newest public, published § that decides a project."""
    items = AgendaItem.objects.public().filter(project__isnull=False).select_related("meeting__body")
    return items.order_by("-meeting__start", "-pk").first()


class Command(BaseCommand):
    help = "Print PDF times (first, warm, cached) and, per page, status, queries, times, bytes and the ratio."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--size", choices=SIZE_CHOICES, default="demo", help="demo: the database as it is")
        parser.add_argument("--repeat", type=int, default=5, help="requests per page after the first (default 5)")
        parser.add_argument("--pages", default="", help="only the pages whose name contains one of these (comma)")
        parser.add_argument("--no-pdfs", action="store_true", help="skip the PDF times")
        parser.add_argument("--force", action="store_true", help="generate volume even with DEBUG off")
        parser.add_argument(
            "--ledger-rows",
            type=int,
            default=None,
            help="time a ledger import of this many rows (rolled back); default 50000 with --size full, else none",
        )

    def handle(self, *args, size: str, repeat: int, pages: str, no_pdfs: bool, force: bool, **options) -> None:
        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        self._ensure_volume(size, force)
        item = benchmark_item()
        if item is None:
            raise CommandError(
                "No published decision with a project: load the demo first (DEBUG=1 manage.py load_demo) "
                "or give --size medium."
            )
        self.stdout.write(
            f"Database: {connection.vendor}, {Project.objects.count():,} projects, "
            f"{AgendaItem.objects.count():,} agenda items; measuring with {item.meeting} § {item.section}."
        )
        wanted = [name.strip() for name in pages.split(",") if name.strip()]
        with transaction.atomic(), override_settings(ALLOWED_HOSTS=["testserver"], REQUIRE_2FA=False):
            user = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser("benchmark")
            # A page that fails shows as its status (500) in the table instead of ending the run.
            client = Client(raise_request_exception=False)
            client.force_login(user)
            if not no_pdfs:
                self._pdfs(client, item, repeat)
            self._table(client, Client(raise_request_exception=False), item, repeat, wanted)
            transaction.set_rollback(True)
        ledger_rows = options.get("ledger_rows")
        if ledger_rows is None and size == "full":
            ledger_rows = 50_000
        if ledger_rows:
            self._ledger(ledger_rows)

    def _ensure_volume(self, size: str, force: bool) -> None:
        if size == "demo":
            return
        projects, items = SIZES[size]
        have_projects, have_items = Project.objects.count(), AgendaItem.objects.count()
        if have_projects >= projects:
            return
        refuse_fake_data_unless_allowed(force)
        missing_projects, missing_items = projects - have_projects, max(0, items - have_items)
        self.stdout.write(
            f"The database holds {have_projects:,} projects, fewer than the {size} size ({projects:,}): "
            f"generating {missing_projects:,} projects and {missing_items:,} agenda items (kept afterwards)..."
        )
        summary = generate_volume(projects=missing_projects, items=missing_items, stdout=self.stdout)
        self.stdout.write(f"Volume generated in {summary.seconds:.1f} s.")

    def _ledger(self, rows: int) -> None:
        timing = time_ledger_import(rows)
        self.stdout.write(
            f"ledger import  {timing.rows:,} rows  {timing.seconds:.1f} s  "
            f"(read {timing.read_seconds:.1f} s, write {timing.write_seconds:.1f} s; {timing.imported:,} imported)"
        )

    # PDFs --------------------------------------------------------------------------------------

    def _pdfs(self, client: Client, item: AgendaItem, repeat: int) -> None:
        documents = {
            "extract": reverse("decisions:item_extract_pdf", args=[item.pk]),
            "funding": reverse("projects:funding_pdf", args=[item.project_id]),
            "agenda": reverse("decisions:meeting_agenda_pdf", args=[item.meeting_id]),
            "minutes": reverse("decisions:meeting_minutes_pdf", args=[item.meeting_id]),
            "public minutes": reverse("archive:meeting_pdf", args=[item.meeting_id]),
        }
        for name, url in documents.items():
            pdf._cache().clear()
            first = _get(client, url)
            warm = []
            for _ in range(repeat):
                pdf._cache().clear()
                warm.append(_get(client, url).seconds)
            cached = [_get(client, url).seconds for _ in range(repeat)]
            warm_ms, cached_ms = statistics.median(warm) * 1000, statistics.median(cached) * 1000
            self.stdout.write(
                f"pdf {name:15} {first.status}  first {first.seconds * 1000:7.1f} ms   warm median {warm_ms:7.1f} ms"
                f"   cached median {cached_ms:6.1f} ms   (n={repeat})"
            )

    # Pages -------------------------------------------------------------------------------------

    def _table(self, staff: Client, public: Client, item: AgendaItem, repeat: int, wanted: list[str]) -> None:
        self.stdout.write(
            f"     {'name':19} {'status':>6} {'queries':>7} {'first ms':>9} {'median ms':>9} {'p95 ms':>9} "
            f"{'bytes':>10} {'ratio':>6}"
        )
        for client, constant_url, pages in (
            (staff, reverse("password_change_done"), self._staff_pages(item)),
            (public, reverse("login"), self._public_pages(item)),
        ):
            chosen = {name: url for name, url in pages.items() if not wanted or any(w in name for w in wanted)}
            if not chosen:
                continue
            constant = self._row(client, "constant page", constant_url, repeat, None)
            for name, url in chosen.items():
                self._row(client, name, url, repeat, constant)
                if name == "portfolio xlsx":
                    self._peak_memory(client, url)

    def _row(self, client: Client, name: str, url: str, repeat: int, constant: float | None) -> float:
        first = _get(client, url)
        runs = [_get(client, url) for _ in range(repeat)]
        times = [run.seconds for run in runs]
        median = statistics.median(times)
        ratio = f"{median / constant:6.1f}" if constant else f"{'1.0':>6}"
        last = runs[-1]
        self.stdout.write(
            f"page {name:19} {last.status:>6} {last.queries:>7} {_ms(first.seconds)} {_ms(median)} "
            f"{_ms(p95(times))} {last.size:>10,} {ratio}"
        )
        return median

    def _peak_memory(self, client: Client, url: str) -> None:
        tracemalloc.start()
        try:
            _get(client, url)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        self.stdout.write(f"     portfolio xlsx peak Python memory (tracemalloc): {peak / 1_000_000:.1f} MB")

    @staticmethod
    def _staff_pages(item: AgendaItem) -> dict[str, str]:
        portfolio, search = reverse("budgets:portfolio"), reverse("decisions:search")
        return {
            "dashboard": reverse("dashboard"),
            "project list": reverse("projects:list"),
            "portfolio": portfolio,
            "portfolio csv": portfolio + "?format=csv",
            "portfolio xlsx": portfolio + "?format=xlsx",
            "project page": reverse("projects:detail", args=[item.project_id]),
            "project editor": reverse("projects:edit", args=[item.project_id]),
            "version diff": reverse("projects:diff", args=[item.project_id]),
            "meeting list": reverse("decisions:meeting_list"),
            "meeting page": reverse("decisions:meeting_detail", args=[item.meeting_id]),
            "body page": reverse("decisions:body_detail", args=[item.meeting.body_id]),
            "item page": reverse("decisions:item_detail", args=[item.pk]),
            "staff search": search,
            "staff search hanke": search + "?q=hanke",
        }

    @staticmethod
    def _public_pages(item: AgendaItem) -> dict[str, str]:
        archive = reverse("archive:index")
        return {
            "archive": archive,
            "archive search": archive + "?q=työkyky",
            "archive minutes": reverse("archive:meeting", args=[item.meeting_id]),
            "archive item": reverse("archive:item", args=[item.pk]),
            "decisions feed": reverse("archive_data:decisions_feed"),
            "api meeting list": reverse("oparl-meeting-list"),
            "api item list": reverse("oparl-agendaitem-list"),
            "api item list p20": reverse("oparl-agendaitem-list") + "?page=20",
            "api file list": reverse("oparl-file-list"),
            "api item": reverse("oparl-agendaitem", args=[item.pk]),
        }
