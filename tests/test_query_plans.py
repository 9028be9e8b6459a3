"""Every list and search query has an index its plan uses (issue 11, "Search that scales").

At the medium volume (1,000 projects, 2,000 agenda items, portal.volume), each list and search page
is requested as a signed-in staff user or as the public; every SELECT it runs that reads the agenda
items or the projects is EXPLAINed (no ANALYZE: the plan, not the run), and a sequential scan of
either table fails the test, naming the page, the query and its plan. The volume is generated once,
in the one test, and rolled back with it.

The plans are made with sequential scans discouraged (`enable_seqscan = off`): the question is
whether an index can answer the query, not which plan is cheapest for a table of 2,000 rows. With the
statistics of the medium volume the planner reads such a table whole whenever a filter keeps more
than a few rows (a search for "hanke" matches three items in four) or when a GIN index's estimate is
cautious; at the full volume the same indexes win. A query no index can serve still shows its
"Seq Scan" with the setting off, and fails.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from decisions.models import AgendaItem
from portal.volume import generate_volume

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

#: The tables whose every query must go through an index.
WATCHED_TABLES = ("decisions_agendaitem", "projects_project")
SEQUENTIAL_SCANS = tuple(f"Seq Scan on {table}" for table in WATCHED_TABLES)

STAFF_PAGES = (
    "/",
    "/projects/",
    "/portfolio/",
    "/meetings/",
    "/projects/calls/",
    "/search/?q=hanke",
    "/search/?register_number={register_fragment}",
)
PUBLIC_PAGES = ("/fi/archive/", "/fi/archive/?q=työkyky")


def _watched_selects(queries: CaptureQueriesContext) -> list[str]:
    return [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith("SELECT") and any(t in query["sql"] for t in WATCHED_TABLES)
    ]


def _plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute(f"EXPLAIN {sql}")
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("RESET enable_seqscan")


def _scans(client: Client, url: str) -> list[str]:
    """What is wrong with the page at `url`: its status, or each query that scans a watched table."""
    client.get(url)  # the session's first request may write it once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        return [f"{url}: status {response.status_code}"]
    problems = []
    for sql in _watched_selects(queries):
        plan = _plan(sql)
        if any(scan in plan for scan in SEQUENTIAL_SCANS):
            problems.append(f"{url}: a sequential scan\n  query: {sql[:600]}\n  plan:\n{plan}")
    return problems


def test_no_list_or_search_page_scans_the_items_or_the_projects(staff_client):
    generate_volume(projects=1_000, items=2_000, seed=1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    register_number = AgendaItem.objects.exclude(register_number="").values_list("register_number", flat=True)[0]
    register_fragment = register_number.split("/")[1]

    problems = []
    for page in STAFF_PAGES:
        problems += _scans(staff_client, page.format(register_fragment=register_fragment))
    for page in PUBLIC_PAGES:
        problems += _scans(Client(), page)

    assert not problems, "\n\n".join(problems)
