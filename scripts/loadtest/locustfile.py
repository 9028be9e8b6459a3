"""The load test (`make loadtest`, scripts/loadtest/run.sh): signed-in users of the county at work.

Each simulated user signs in through the login form (CSRF token and all) as one of the demo users
(password "demo", README "Demo users"; the users take the accounts in turn, so 50 users share six
accounts, each in its own session), then, with 1–3 s of thought between requests, opens the
dashboard, the project list, the portfolio, a project, an agenda item, the staff search and the public
archive search, and once a minute a PDF (the extract of one of a few decisions, so after its first
render it comes from the cache or the storage).

The measured minute starts once every user has signed in: signing in hashes the password on purpose
slowly (about a second of CPU), so 50 sign-ins at once would measure the password hasher, not the
pages. The statistics are reset then, and the test stops LOADTEST_SECONDS (default 60) later; the
time the sign-ins took is printed on a line starting "LOADTEST:".

The projects and items come from the pages themselves: the first user to sign in reads the ids
linked from the project list and the staff search, and every user draws from them.

Only a server on this machine is accepted (127.0.0.1, localhost or ::1): a load test is not aimed at
anyone else's server. The server is `make serve` (DEBUG off) on the database with the demo users,
with REQUIRE_2FA off (the default while HTTPS is off): the demo users can write, so with the second
factor required they could not get past its page.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import time
from urllib.parse import urlsplit

import gevent
from gevent.event import Event
from locust import HttpUser, between, events, task

DEMO_USERS = ("henkilosto", "kehittamisjohtaja", "sihteeri", "esittelija", "paakayttaja", "admin")
PASSWORD = "demo"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MEASURED_SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
PDF_EVERY_SECONDS = 60
#: How many decisions' extracts the users share: few, so most PDF requests find them rendered.
PDF_ITEMS = 5
#: (page, weight): how often a user opens each page.
PAGES = (
    ("dashboard", 3),
    ("project list", 2),
    ("portfolio", 1),
    ("project page", 3),
    ("item page", 3),
    ("staff search", 2),
    ("archive search", 1),
)

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PROJECT_LINK = re.compile(r'href="/projects/(\d+)/"')
ITEM_LINK = re.compile(r'href="/items/(\d+)/"')

_accounts = itertools.cycle(DEMO_USERS)
_found: dict[str, list[int]] = {"projects": [], "items": []}
_signed_in = {"users": 0, "since": time.monotonic()}
_measuring = Event()


@events.test_start.add_listener
def only_this_machine(environment, **kwargs) -> None:
    host = urlsplit(environment.host or "").hostname
    if host not in LOOPBACK:
        raise SystemExit(f"The load test runs against this machine only (127.0.0.1), not {environment.host!r}.")
    _signed_in["since"] = time.monotonic()


def _one_more_signed_in(environment) -> None:
    """Counts the users signed in; with the last one, the measured time starts."""
    _signed_in["users"] += 1
    if _signed_in["users"] < environment.parsed_options.num_users:
        return
    took = time.monotonic() - _signed_in["since"]
    print(
        f"LOADTEST: {_signed_in['users']} users signed in in {took:.1f} s; measuring {MEASURED_SECONDS} s", flush=True
    )
    environment.stats.reset_all()
    _measuring.set()
    gevent.spawn_later(MEASURED_SECONDS, environment.runner.quit)


class CountyUser(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.username = next(_accounts)
        try:
            self.sign_in()
            if not _found["projects"] or not _found["items"]:
                self.find_ids()
        finally:
            _one_more_signed_in(self.environment)
        _measuring.wait()
        # The first PDF comes at a random moment of the first minute, so they do not all come at once.
        self.next_pdf = time.monotonic() + random.uniform(0, PDF_EVERY_SECONDS)

    def sign_in(self) -> None:
        page = self.client.get("/accounts/login/", name="login form")
        token = CSRF_TOKEN.search(page.text)
        data = {"username": self.username, "password": PASSWORD, "next": "/"}
        data["csrfmiddlewaretoken"] = token.group(1) if token else ""
        with self.client.post("/accounts/login/", data=data, name="sign in", catch_response=True) as response:
            if response.status_code != 200 or "/accounts/login/" in response.url:
                response.failure(f"{self.username} could not sign in (status {response.status_code})")

    def find_ids(self) -> None:
        """The projects and items linked from the project list and the staff search."""
        projects = self.client.get("/projects/", name="project list").text
        items = self.client.get("/search/?q=hanke", name="staff search").text
        _found["projects"] = sorted({int(pk) for pk in PROJECT_LINK.findall(projects)})
        _found["items"] = sorted({int(pk) for pk in ITEM_LINK.findall(items)})

    @task
    def work(self) -> None:
        if time.monotonic() >= self.next_pdf:
            self.next_pdf += PDF_EVERY_SECONDS
            self.pdf()
            return
        names, weights = zip(*PAGES, strict=True)
        self.page(random.choices(names, weights)[0])

    def page(self, name: str) -> None:
        urls = {
            "dashboard": "/",
            "project list": "/projects/",
            "portfolio": "/portfolio/",
            "staff search": "/search/?q=" + random.choice(("hanke", "työkyky", "kotihoito", "hyvinvointi")),
            "archive search": "/fi/archive/?q=" + random.choice(("työkyky", "mielenterveys", "ikäihmiset")),
        }
        if name == "project page" and _found["projects"]:
            urls[name] = f"/projects/{random.choice(_found['projects'])}/"
        if name == "item page" and _found["items"]:
            urls[name] = f"/items/{random.choice(_found['items'])}/"
        self.client.get(urls.get(name, "/"), name=name if name in urls else "dashboard")

    def pdf(self) -> None:
        if not _found["items"]:
            return
        item = random.choice(_found["items"][:PDF_ITEMS])
        self.client.get(f"/items/{item}/extract.pdf", name="extract pdf")
