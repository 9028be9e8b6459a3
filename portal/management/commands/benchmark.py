"""Speed figures, printed: PDF times through their views (first, warm, cached) and the queries per page.

    python manage.py benchmark [--repeat 10]

Run it on a database with the demo loaded (make run loads it). Nothing is written: everything runs
in a transaction that is rolled back. "warm" empties the PDF cache before each request, so it is
the time of rendering again; "cached" is a request whose unchanged content is served from the cache.
"""

from __future__ import annotations

import statistics
import time

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from decisions.models import AgendaItem
from hankehallinta import pdf


def _get(client: Client, url: str) -> tuple[float, int, int]:
    """Seconds, status and queries of one request."""
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
    return elapsed, response.status_code, len(queries)


class Command(BaseCommand):
    help = "Print PDF times (first, warm, cached) and the number of queries and time of each page."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--repeat", type=int, default=10)

    def handle(self, *args, repeat: int, **options) -> None:
        item = AgendaItem.objects.checked().filter(project__isnull=False).select_related("meeting__body").first()
        if item is None:
            raise CommandError("No checked decision with a project: load the demo first (DEBUG=1 manage.py load_demo).")
        with transaction.atomic(), override_settings(ALLOWED_HOSTS=["testserver"], REQUIRE_2FA=False):
            user = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser("benchmark")
            client = Client()
            client.force_login(user)
            self._pdfs(client, item, repeat)
            self._pages(client, item)
            self._pages(Client(), item, public=True)
            transaction.set_rollback(True)

    def _pdfs(self, client: Client, item: AgendaItem, repeat: int) -> None:
        documents = {
            "extract": reverse("decisions:item_extract_pdf", args=[item.pk]),
            "funding": reverse("projects:funding_pdf", args=[item.project_id]),
            "agenda": reverse("decisions:meeting_agenda_pdf", args=[item.meeting_id]),
            "minutes": reverse("decisions:meeting_minutes_pdf", args=[item.meeting_id]),
            "public minutes": reverse("decisions:archive_meeting_pdf", args=[item.meeting_id]),
        }
        for name, url in documents.items():
            pdf._cache().clear()
            first, status, _queries = _get(client, url)
            warm = []
            for _ in range(repeat):
                pdf._cache().clear()
                warm.append(_get(client, url)[0])
            cached = [_get(client, url)[0] for _ in range(repeat)]
            warm_ms, cached_ms = statistics.median(warm) * 1000, statistics.median(cached) * 1000
            self.stdout.write(
                f"pdf {name:15} {status}  first {first * 1000:7.1f} ms   warm median {warm_ms:7.1f} ms"
                f"   cached median {cached_ms:6.1f} ms   (n={repeat})"
            )

    def _pages(self, client: Client, item: AgendaItem, *, public: bool = False) -> None:
        if public:
            pages = {
                "archive": reverse("decisions:archive_index"),
                "archive search": reverse("decisions:archive_index") + "?q=työkyky",
                "archive minutes": reverse("decisions:archive_meeting", args=[item.meeting_id]),
                "archive item": reverse("decisions:archive_item", args=[item.pk]),
            }
        else:
            pages = {
                "dashboard": reverse("dashboard"),
                "project list": reverse("projects:list"),
                "project page": reverse("projects:detail", args=[item.project_id]),
                "project editor": reverse("projects:edit", args=[item.project_id]),
                "version diff": reverse("projects:diff", args=[item.project_id]),
                "meeting list": reverse("decisions:meeting_list"),
                "meeting page": reverse("decisions:meeting_detail", args=[item.meeting_id]),
                "body page": reverse("decisions:body_detail", args=[item.meeting.body_id]),
                "item page": reverse("decisions:item_detail", args=[item.pk]),
                "search": reverse("decisions:search") + "?q=hanke",
                "portfolio": reverse("budgets:portfolio"),
            }
        for name, url in pages.items():
            elapsed, status, queries = _get(client, url)
            self.stdout.write(f"page {name:15} {status}  {queries:3d} queries  {elapsed * 1000:7.1f} ms")
