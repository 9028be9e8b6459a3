"""Every URL pattern answers every role as the table below says (security.md rows 1-3, issue 3 item 1).

The table has a row for every URL pattern the project serves. `test_every_url_pattern_has_a_row`
walks the resolver (included URL confs too) and fails when a pattern has none, the way Zulip's suite
fails with "Some URLs are untested!"; `test_every_row_names_a_url_pattern` fails when a pattern
goes away and leaves its row behind. Each row is requested as each role of conftest's cast; a POST
that is refused (403, 405, sign-in) must leave the database unchanged, and no GET may change it.

The admin site is one group: every pattern under admin/ answers by ADMIN_RULE (anonymous and
non-staff users are sent to the admin sign-in, the superuser gets the page), except the few named in
ADMIN_EXCEPTIONS. Its index, sign-in, sign-out and every registered model's list are requested.

Adding a URL: add its name to MATRIX, with the objects its URL is built from (OBJECTS below) and the
answers for each method the view accepts. For a view that changes data, POST_DATA builds a valid
submission, so that the roles allowed to save are seen to save (SAVED) and the rest to be refused.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from decisions.models import AgendaItem, Meeting
from decisions.tests.factories import HELSINKI, AgendaItemFactory, MeetingFactory, PersonFactory
from decisions.tests.seed import seed_item

if TYPE_CHECKING:
    from django.db import models

pytestmark = pytest.mark.django_db

# The roles, in the order of the answers in every row: anonymous, then conftest's cast.
ROLES = ("anonymous", "secretary", "other_secretary", "director", "presenter", "staff_user", "admin_user")

LOGIN = "login"  # 302 to the sign-in page, /accounts/login/?next=<the URL>
ADMIN = "admin-login"  # 302 to the admin's sign-in page, /admin/login/?next=<the URL>
SAVED = "saved"  # 302 to the object's page, and the database changed
REDIRECT = "redirect"  # 302 elsewhere (not to a sign-in page)
GET, POST = "GET", "POST"

# fmt: off
MATRIX: dict[str, dict[str | None, dict[str, tuple]]] = {
    # URL name: {object (OBJECTS): {method: (anonymous, secretary, other_secretary, director, presenter, staff, admin)}}
    #                                     anonymous secretary other_sec director  presenter staff     admin
    "dashboard": {
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200)},
    },
    # Projects ------------------------------------------------------------------------------------------------------
    "projects:list": {
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "projects:detail": {
        "project":                {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "projects:funding_pdf": {
        "project":                {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "projects:edit": {
        "project":                {GET:  (LOGIN,    403,      403,      200,      403,      403,      200),
                                   POST: (LOGIN,    403,      403,      SAVED,    403,      403,      SAVED)},
    },
    "budgets:portfolio": {
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200)},
    },
    # Meetings ------------------------------------------------------------------------------------------------------
    "decisions:meeting_list": {
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "decisions:meeting_detail": {
        "meeting":                {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
        "other_meeting":          {GET:  (LOGIN,    200,      200,      200,      200,      200,      200)},
    },
    "decisions:meeting_edit": {
        "meeting":                {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
        "other_meeting":          {GET:  (LOGIN,    403,      200,      403,      403,      403,      200),
                                   POST: (LOGIN,    403,      SAVED,    403,      403,      403,      SAVED)},
        # the seed's meeting: its minutes are checked, so nobody edits it
        "seed_meeting":           {GET:  (LOGIN,    403,      403,      403,      403,      403,      403),
                                   POST: (LOGIN,    403,      403,      403,      403,      403,      403)},
    },
    # Agenda items --------------------------------------------------------------------------------------------------
    "decisions:item_detail": {
        "seed":                   {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
        "confidential":           {GET:  (LOGIN,    200,      403,      403,      403,      403,      200)},
        "presented_confidential": {GET:  (LOGIN,    200,      403,      403,      200,      403,      200)},
        "other_confidential":     {GET:  (LOGIN,    403,      200,      403,      403,      403,      200)},
    },
    "decisions:item_extract_pdf": {
        "seed":                   {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
        "confidential":           {GET:  (LOGIN,    200,      403,      403,      403,      403,      200)},
    },
    "decisions:item_edit": {
        # draft: before the meeting; the presenter presents it
        "draft":                  {GET:  (LOGIN,    200,      403,      403,      200,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      SAVED,    403,      SAVED)},
        # held: the meeting is held, so the presenter no longer edits the proposal
        "held":                   {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
        # seed: the checked decision; nobody edits it, corrections are separate records
        "seed":                   {GET:  (LOGIN,    403,      403,      403,      403,      403,      403),
                                   POST: (LOGIN,    403,      403,      403,      403,      403,      403)},
        "confidential":           {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
        "other_body":             {GET:  (LOGIN,    403,      200,      403,      403,      403,      200),
                                   POST: (LOGIN,    403,      SAVED,    403,      403,      403,      SAVED)},
    },
    # Sign-in and account pages (django.contrib.auth) ---------------------------------------------------------------
    "login": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (200,      200,      200,      200,      200,      200,      200)},
    },
    "logout": {
        None:                     {GET:  (405,      405,      405,      405,      405,      405,      405),
                                   POST: (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)},
    },
    "password_change": {
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    200,      200,      200,      200,      200,      200)},
    },
    "password_change_done": {
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200)},
    },
    # Two-factor sign-in (hankehallinta/accounts_urls.py); REQUIRE_2FA is off in tests ------------------------------
    "two_factor": {
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200)},
    },
    "two_factor_verify": {  # no device set up: nothing to verify, on to the page asked for
        None:                     {GET:  (LOGIN,    REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
                                   POST: (LOGIN,    REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)},
    },
    "two_factor_setup": {
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    200,      200,      200,      200,      200,      200)},
    },
    "two_factor_qr": {  # only while a setup is under way in the session
        None:                     {GET:  (LOGIN,    404,      404,      404,      404,      404,      404)},
    },
    "session_extend": {  # "Jatka istuntoa" on the idle-timeout warning
        None:                     {GET:  (LOGIN,    405,      405,      405,      405,      405,      405),
                                   POST: (LOGIN,    REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)},
    },
}

# The admin site: one rule for every pattern under ADMIN_PREFIX, and its exceptions.
#                                         anonymous secretary other_sec director  presenter staff     admin
ADMIN_PREFIX = "admin/"
ADMIN_RULE =                      {GET:  (ADMIN,    ADMIN,    ADMIN,    ADMIN,    ADMIN,    ADMIN,    200)}
ADMIN_EXCEPTIONS = {
    "admin:login":                {GET:  (200,      200,      200,      200,      200,      200,      REDIRECT)},
    # Signing out of the admin is a POST; a non-staff GET is sent to the admin index, which asks to sign in.
    "admin:logout":               {GET:  (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, 405)},
}
# fmt: on


@pytest.fixture
def objects(body, other_body, presenter_person) -> dict[str, Any]:
    """OBJECTS, the objects the rows name: the seed decision (checked), drafts, confidential items, meetings.

    `body` is the secretary's, `other_body` the other secretary's; presenter_person is the presenter's."""
    seed = seed_item(body, presenter_person)
    meeting = MeetingFactory(
        body=body, year=2025, number=1, state=Meeting.State.PLANNED, start=dt.datetime(2025, 3, 4, 14, tzinfo=HELSINKI)
    )
    other_meeting = MeetingFactory(body=other_body, year=2025, number=1, state=Meeting.State.PLANNED)
    secret = {"is_public": False, "secrecy_ground": "JulkL 24.1 § 25 k", "section": None}
    return {
        "project": seed.project,
        "seed": seed,
        "seed_meeting": seed.meeting,
        "meeting": meeting,
        "other_meeting": other_meeting,
        "draft": AgendaItemFactory(meeting=meeting, section=None, presenter=presenter_person),
        "held": AgendaItemFactory(
            meeting=MeetingFactory(body=body, year=2025, number=2, state=Meeting.State.HELD),
            section=None,
            presenter=presenter_person,
        ),
        "confidential": AgendaItemFactory(meeting=meeting, presenter=PersonFactory(), **secret),
        "presented_confidential": AgendaItemFactory(meeting=meeting, presenter=presenter_person, **secret),
        "other_body": AgendaItemFactory(meeting=other_meeting, section=None),
        "other_confidential": AgendaItemFactory(meeting=other_meeting, **secret),
    }


@pytest.fixture
def cast(secretary, other_secretary, director, presenter, staff_user, admin_user) -> dict[str, User | None]:
    return {
        "anonymous": None,
        "secretary": secretary,
        "other_secretary": other_secretary,
        "director": director,
        "presenter": presenter,
        "staff_user": staff_user,
        "admin_user": admin_user,
    }


# Valid submissions for the views that change data ------------------------------------------------------------


def _item_data(item: AgendaItem, role: str) -> dict:
    data = {
        "title": item.title,
        "proposal": f"{item.proposal} (muokannut {role})",
        "secrecy_ground": item.secrecy_ground,
        "appeal_route": item.appeal_route,
        "version": item.version,
    }
    return {**data, "is_public": "on"} if item.is_public else data


def _meeting_data(meeting: Meeting, role: str) -> dict:
    start = timezone.localtime(meeting.start)
    return {"start": f"{start:%d.%m.%Y %H:%M}", "place": f"Sali ({role})", "version": meeting.version}


def _project_data(project: models.Model, role: str) -> dict:
    return {
        "title": project.title,
        "start_date": f"{project.start_date:%d.%m.%Y}",
        "end_date": f"{project.end_date:%d.%m.%Y}",
        "summary": f"Tiivistelmä ({role})",
        "version": project.version,
    }


POST_DATA = {
    "decisions:item_edit": _item_data,
    "decisions:meeting_edit": _meeting_data,
    "projects:edit": _project_data,
}


# The URL patterns ----------------------------------------------------------------------------------------------


def url_patterns(resolver: URLResolver | None = None, prefix: str = "", namespace: str = "") -> list[tuple[str, str]]:
    """Every URL pattern as (name with namespaces, route), included URL confs too."""
    found = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            found += url_patterns(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = ":".join(part for part in (namespace, pattern.name) if part) if pattern.name else ""
            found.append((name, prefix + str(pattern.pattern)))
    return found


def rule_for(name: str, route: str) -> str | None:
    """Which row answers for a pattern: its name in MATRIX, or the admin rule; None if none does."""
    if name in MATRIX:
        return name
    if route.startswith(ADMIN_PREFIX):
        return name if name in ADMIN_EXCEPTIONS else "ADMIN_RULE"
    return None


def test_every_url_pattern_has_a_row():
    missing = [f"{name or '(no name)'}  {route}" for name, route in url_patterns() if rule_for(name, route) is None]
    assert not missing, "URL patterns without a row in MATRIX (tests/test_url_permissions.py):\n" + "\n".join(missing)


def test_every_row_names_a_url_pattern():
    names = {name for name, _route in url_patterns()}
    stale = sorted((set(MATRIX) | set(ADMIN_EXCEPTIONS)) - names)
    assert not stale, f"rows for URL patterns that no longer exist: {stale}"


def test_every_row_answers_for_every_role_and_checks_get():
    for name, rows in {**MATRIX, **ADMIN_EXCEPTIONS, "ADMIN_RULE": ADMIN_RULE}.items():
        for answers in rows.values() if name in MATRIX else [rows]:
            assert GET in answers, f"{name}: no GET row"
            assert all(len(row) == len(ROLES) for row in answers.values()), f"{name}: not one answer per role"


# Requesting them ------------------------------------------------------------------------------------------------


def fingerprint() -> dict[str, list]:
    """Every row of the domain apps and of the user accounts (field history follows the rows)."""
    state: dict[str, list] = {}
    for label in ("projects", "budgets", "decisions"):
        for model in apps.get_app_config(label).get_models():
            if not model.__name__.startswith("Historical"):
                state[model._meta.label] = list(model._base_manager.order_by("pk").values())
    state["auth.User"] = list(User.objects.order_by("pk").values())
    return state


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def mismatch(response, answer: Any, url: str, obj: models.Model | None) -> str | None:
    """Why the response is not the expected answer; None when it is."""
    status, location = response.status_code, response.get("Location", "")
    expected_location = {
        LOGIN: f"{reverse('login')}?next=",
        ADMIN: f"{reverse('admin:login')}?next=",
        SAVED: obj.get_absolute_url() if obj is not None else "",
    }
    if answer in expected_location:
        if status == 302 and location.startswith(expected_location[answer]):
            return None
    elif answer == REDIRECT:
        if status == 302 and not location.startswith((reverse("login") + "?", reverse("admin:login") + "?")):
            return None
    elif status == answer:
        return None
    return f"expected {answer}, got {status} {location}".strip()


def check_row(cast: dict, objects: dict, name: str, key: str | None, answers: dict[str, tuple]) -> list[str]:
    """Request the URL as every role with every method of the row; return what differs from the table."""
    obj = objects.get(key) if key else None
    problems = []
    for method, row in answers.items():
        for role, answer in zip(ROLES, row, strict=True):
            client = client_for(cast[role])
            if obj is not None:
                obj.refresh_from_db()
            url = reverse(name, kwargs={"pk": obj.pk} if obj is not None else None)
            before = fingerprint()
            if method == GET:
                response = client.get(url)
            else:
                build = POST_DATA.get(name)
                response = client.post(url, build(obj, role) if build else {})
            problem = mismatch(response, answer, url, obj)
            changed = fingerprint() != before
            if problem is None and answer == SAVED and not changed:
                problem = "saved, but nothing changed"
            if problem is None and answer != SAVED and changed:
                problem = f"answered {answer}, but the database changed"
            if problem:
                problems.append(f"{role:16} {method:4} {url}: {problem}")
    return problems


ROWS = [(name, key) for name, objects_ in MATRIX.items() for key in objects_]


@pytest.mark.parametrize(("name", "key"), ROWS, ids=[f"{name}[{key or '-'}]" for name, key in ROWS])
def test_url_answers_every_role_as_the_table_says(cast, objects, name, key):
    problems = check_row(cast, objects, name, key, MATRIX[name][key])
    assert not problems, "\n" + "\n".join(problems)


def admin_sample() -> list[str]:
    """The admin URLs requested: the index, sign-in and sign-out, and every registered model's list."""
    models_ = sorted(admin.site._registry, key=lambda model: model._meta.label)
    return ["admin:index", *ADMIN_EXCEPTIONS] + [
        f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist" for model in models_
    ]


@pytest.mark.parametrize("name", admin_sample())
def test_admin_url_answers_every_role_by_the_admin_rule(cast, name):
    problems = check_row(cast, {}, name, None, ADMIN_EXCEPTIONS.get(name, ADMIN_RULE))
    assert not problems, "\n" + "\n".join(problems)
