"""Speed figures, printed: PDF render times (first, warm, cached) and the queries per page.

    python manage.py benchmark [--repeat 10]

Run it on a database with the demo loaded (make run loads it). Nothing is written.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from budgets.breakdown import FundingBreakdown
from decisions.models import AgendaItem
from hankehallinta.pdf import render_pdf


def _seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


class Command(BaseCommand):
    help = "Print PDF render times and the number of queries each page runs."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--repeat", type=int, default=10)

    def handle(self, *args, repeat: int, **options) -> None:
        item = AgendaItem.objects.checked().filter(project__isnull=False).select_related("meeting__body").first()
        if item is None:
            raise CommandError("No checked decision with a project: load the demo first (DEBUG=1 manage.py load_demo).")
        with transaction.atomic():
            self._pdfs(item, repeat)
            self._pages(item)
            transaction.set_rollback(True)

    def _pdfs(self, item: AgendaItem, repeat: int) -> None:
        project = item.project
        documents = {
            "extract": ("decisions/agendaitem_extract_pdf.html", {"item": item, "draft": item.is_draft, "pdf": True}),
            "funding": ("projects/project_funding_pdf.html", {"project": project, "pdf": True}),
        }
        for name, (template, context) in documents.items():
            context = {**context, "breakdown": FundingBreakdown.for_project(project)}
            first = _seconds(lambda t=template, c=context: render_pdf(t, c, use_cache=False))
            warm = [_seconds(lambda t=template, c=context: render_pdf(t, c, use_cache=False)) for _ in range(repeat)]
            render_pdf(template, context)
            cached = [_seconds(lambda t=template, c=context: render_pdf(t, c)) for _ in range(repeat)]
            self.stdout.write(
                f"pdf {name:8} first {first * 1000:7.1f} ms   warm median {statistics.median(warm) * 1000:7.1f} ms"
                f"   cached median {statistics.median(cached) * 1000:6.2f} ms   (n={repeat})"
            )

    def _pages(self, item: AgendaItem) -> None:
        user = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser("benchmark")
        client = Client()
        client.force_login(user)
        pages = {
            "dashboard": reverse("dashboard"),
            "project list": reverse("projects:list"),
            "project page": reverse("projects:detail", args=[item.project_id]),
            "meeting list": reverse("decisions:meeting_list"),
            "meeting page": reverse("decisions:meeting_detail", args=[item.meeting_id]),
            "item page": reverse("decisions:item_detail", args=[item.pk]),
            "portfolio": reverse("budgets:portfolio"),
        }
        with override_settings(ALLOWED_HOSTS=["testserver"], REQUIRE_2FA=False):
            for name, url in pages.items():
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url)
                    elapsed = time.perf_counter() - started
                self.stdout.write(
                    f"page {name:13} {response.status_code}  {len(queries):3d} queries  {elapsed * 1000:7.1f} ms"
                )
