"""The shared cast of users, one per role, and clients signed in as them.

- secretary: secretary of `body` (the body most tests use)
- other_secretary: secretary of `other_body`, no rights in `body`
- director: development director (group kehittamisjohtaja)
- presenter: linked to the person who presents items in `body`
- staff_user: staff (group henkilosto), reads everything public
- admin_user: superuser
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from decisions.models import Membership
from hankehallinta.permissions import GROUP_DEVELOPMENT_DIRECTOR, GROUP_STAFF
from testing.factories import BodyFactory, MembershipFactory, PersonFactory
from testing.tasks import tasks_run_at_once

PASSWORD = "testipassword-123"

# Hypothesis profiles. ci (the default): a fixed number of examples per test, no deadline (CI
# machines are slow at times), derandomized so a red run replays locally, no example database.
# dev: HYPOTHESIS_PROFILE=dev for more, random examples when hunting locally.
CI_EXAMPLES = int(os.environ.get("HYPOTHESIS_CI_EXAMPLES", "50"))

hypothesis_settings.register_profile(
    "ci", max_examples=CI_EXAMPLES, deadline=None, derandomize=True, database=None, print_blob=True
)
hypothesis_settings.register_profile("dev", max_examples=300, deadline=None, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


#: Deselected on any database but PostgreSQL: tests that need PostgreSQL itself, and the slow suites
#: that test the pages and forms rather than the database (Chromium, Hypothesis), which CI runs once.
POSTGRES_ONLY_MARKERS = ("postgres", "browser", "hypothesis")


def pytest_collection_modifyitems(config, items) -> None:
    """Tests marked `postgres`, `browser` or `hypothesis` run on PostgreSQL only: on another database
    they are deselected (not skipped), however pytest is started, so a run on SQLite reports them as
    deselected."""
    if connection.vendor == "postgresql":
        return
    selected = [item for item in items if not any(item.get_closest_marker(m) for m in POSTGRES_ONLY_MARKERS)]
    if len(selected) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in selected])
        items[:] = selected


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    """Hashing passwords properly is slow on purpose; tests need no such protection."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _finnish_between_tests():
    """Each test begins in Finnish (LANGUAGE_CODE): Django's LocaleMiddleware leaves a request's language
    active in the thread afterwards, so one test's Swedish page would make the next test's reverse()
    and templates Swedish."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Background tasks run at once in the test's process, and one that fails fails the test (testing/tasks.py)."""
    with tasks_run_at_once(settings):
        yield


def _user(username: str, *groups: str, **extra) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, **extra)
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


@pytest.fixture
def body(db):
    return BodyFactory(name="Tulevaisuuslautakunta")


@pytest.fixture
def other_body(db):
    return BodyFactory(name="Aluehallitus")


@pytest.fixture
def secretary(body) -> User:
    user = _user("sihteeri")
    person = PersonFactory(first_name="Sanna", last_name="Sihteeri", title="Hallintosihteeri", user=user)
    MembershipFactory(person=person, body=body, role=Membership.Role.SECRETARY, start_date=dt.date(2020, 1, 1))
    return user


@pytest.fixture
def other_secretary(other_body) -> User:
    user = _user("toinen_sihteeri")
    person = PersonFactory(first_name="Olli", last_name="Muusihteeri", user=user)
    MembershipFactory(person=person, body=other_body, role=Membership.Role.SECRETARY, start_date=dt.date(2020, 1, 1))
    return user


@pytest.fixture
def director(db) -> User:
    return _user("kehittamisjohtaja", GROUP_DEVELOPMENT_DIRECTOR)


@pytest.fixture
def presenter_person(body):
    person = PersonFactory(first_name="Ilkka", last_name="Pirskanen", title="Strategiajohtaja")
    MembershipFactory(person=person, body=body, role=Membership.Role.PRESENTER, start_date=dt.date(2020, 1, 1))
    return person


@pytest.fixture
def presenter(presenter_person) -> User:
    user = _user("esittelija")
    presenter_person.user = user
    presenter_person.save(update_fields=["user"])
    return user


@pytest.fixture
def staff_user(db) -> User:
    return _user("henkilosto", GROUP_STAFF)


@pytest.fixture
def admin_user(db) -> User:
    return User.objects.create_superuser("admin", "admin@example.fi", PASSWORD)


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def secretary_client(secretary) -> Client:
    return _client_for(secretary)


@pytest.fixture
def other_secretary_client(other_secretary) -> Client:
    return _client_for(other_secretary)


@pytest.fixture
def director_client(director) -> Client:
    return _client_for(director)


@pytest.fixture
def presenter_client(presenter) -> Client:
    return _client_for(presenter)


@pytest.fixture
def staff_client(staff_user) -> Client:
    return _client_for(staff_user)


@pytest.fixture
def admin_client(admin_user) -> Client:
    return _client_for(admin_user)


@pytest.fixture
def cast(secretary, other_secretary, director, presenter, staff_user, admin_user) -> dict[str, User | None]:
    """Every role by its name in testing.url_map.ROLES: the anonymous visitor (None) and the cast above."""
    return {
        "anonymous": None,
        "secretary": secretary,
        "other_secretary": other_secretary,
        "director": director,
        "presenter": presenter,
        "staff_user": staff_user,
        "admin_user": admin_user,
    }
