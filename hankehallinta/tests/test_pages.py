"""Every page: signed in it answers, signed out it sends to sign-in; the layout; the error pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, HttpRequest
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse

from conftest import PASSWORD
from decisions.models import Meeting
from hankehallinta import urls as root_urls
from hankehallinta import views
from testing.factories import HELSINKI, AgendaItemFactory, MeetingFactory
from testing.seed import seed_item

pytestmark = pytest.mark.django_db

CHECKED_AT = dt.datetime(2023, 12, 1, 12, 0, tzinfo=HELSINKI)

# A URLconf for the error page tests: the app's own, plus views that fail.


def _forbidden(request: HttpRequest):
    raise PermissionDenied


def _missing(request: HttpRequest):
    raise Http404


def _broken(request: HttpRequest):
    raise RuntimeError("secret detail that must not show")


urlpatterns = [
    *root_urls.urlpatterns,
    path("test-403/", _forbidden),
    path("test-404/", _missing),
    path("test-500/", _broken),
]
handler403 = root_urls.handler403
handler404 = root_urls.handler404
handler500 = root_urls.handler500


@pytest.fixture
def seed(body, presenter_person):
    return seed_item(body, presenter_person)


def page_urls(item) -> list[str]:
    return [
        reverse("dashboard"),
        reverse("projects:list"),
        reverse("projects:detail", args=[item.project.pk]),
        reverse("projects:funding_pdf", args=[item.project.pk]),
        reverse("decisions:meeting_list"),
        reverse("decisions:meeting_detail", args=[item.meeting.pk]),
        reverse("decisions:item_detail", args=[item.pk]),
        reverse("decisions:item_extract_pdf", args=[item.pk]),
    ]


@pytest.mark.parametrize(
    "client_fixture",
    ["secretary_client", "director_client", "presenter_client", "staff_client", "admin_client"],
)
def test_every_page_answers_a_signed_in_user(request, client_fixture, seed):
    client = request.getfixturevalue(client_fixture)
    for url in page_urls(seed):
        assert client.get(url).status_code == 200, url


def test_every_page_sends_an_anonymous_user_to_sign_in(client, seed):
    for url in page_urls(seed):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"/accounts/login/?next={url}"


def test_sign_in_page_is_in_finnish(client):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    assert "Kirjaudu sisään" in response.text
    assert "Käyttäjätunnus" in response.text
    assert "Salasana" in response.text


def test_signing_in_leads_to_the_dashboard(client, staff_user):
    response = client.post(reverse("login"), {"username": "henkilosto", "password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert "Kirjaudu ulos" in response.text


def test_wrong_password_is_refused_in_finnish(client, staff_user):
    response = client.post(reverse("login"), {"username": "henkilosto", "password": "väärä"})

    assert response.status_code == 200
    assert "syötä kelvollinen käyttäjätunnus ja salasana" in response.text


def test_signing_out_is_a_post(staff_client):
    response = staff_client.post(reverse("logout"))

    assert response.status_code == 302
    assert staff_client.get(reverse("dashboard")).status_code == 302


# Layout ----------------------------------------------------------------------------------------


def test_layout_is_finnish_with_a_skip_link_landmarks_and_navigation(staff_client):
    text = staff_client.get(reverse("dashboard")).text

    assert '<html lang="fi">' in text
    assert 'href="#main"' in text and 'id="main"' in text
    assert "<main" in text and "<header>" in text and "<footer" in text
    for label in ("Etusivu", "Hankkeet", "Kokoukset", "Kirjaudu ulos"):
        assert label in text
    assert "Ylläpito" not in text


def test_layout_links_the_admin_for_staff_users(admin_client):
    assert "Ylläpito" in admin_client.get(reverse("dashboard")).text


def test_layout_loads_bootstrap_from_the_apps_static_files(staff_client):
    text = staff_client.get(reverse("dashboard")).text

    assert "/static/vendor/bootstrap/bootstrap.min.css" in text
    assert "/static/vendor/bootstrap/bootstrap.bundle.min.js" in text
    # No address outside the app (a random CSRF token may well hold the letters "cdn").
    assert not re.search(r'(?:src|href)="(?:https?:)?//', text)
    assert not re.search(r'(?:src|href)="[^"]*cdn', text, re.IGNORECASE)
    assert Client().get("/static/vendor/bootstrap/bootstrap.min.css").status_code == 200


def test_pages_have_no_inline_scripts_or_styles(staff_client, seed):
    for url in page_urls(seed):
        if url.endswith(".pdf"):
            continue
        text = staff_client.get(url).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), url
        assert "<style" not in text, url
        assert " style=" not in text, url
        assert not re.search(r"\son[a-z]+=", text), url


# Dashboard -------------------------------------------------------------------------------------


def test_dashboard_shows_the_secretary_the_meetings_of_their_body(secretary_client, body, other_body):
    MeetingFactory(body=body, number=7, year=2023)
    MeetingFactory(body=other_body, number=8, year=2023)

    text = secretary_client.get(reverse("dashboard")).text

    assert "Toimielintesi kokoukset" in text
    assert "Tulevaisuuslautakunta 7/2023" in text
    assert "Aluehallitus 8/2023" not in text


def test_dashboard_shows_the_director_the_projects(director_client, seed):
    text = director_client.get(reverse("dashboard")).text

    assert "Valmisteltavat ja käynnissä olevat hankkeet" in text
    assert seed.project.title in text


def test_dashboard_shows_the_presenter_their_items(presenter_client, seed):
    text = presenter_client.get(reverse("dashboard")).text

    assert "Esittelemäsi asiat" in text
    assert seed.title in text


def test_dashboard_shows_everyone_recent_checked_decisions(staff_client, seed, body):
    AgendaItemFactory(meeting=MeetingFactory(body=body), title="Keskeneräinen asia")

    text = staff_client.get(reverse("dashboard")).text

    assert "Viimeisimmät päätökset" in text
    assert seed.title in text
    assert "Keskeneräinen asia" not in text
    assert "Toimielintesi kokoukset" not in text


def test_dashboard_hides_confidential_decisions_from_staff(staff_client, secretary_client, body):
    seed_item(body, title="Salainen päätös", is_public=False, secrecy_ground="JulkL 24.1 § 25 k")
    AgendaItemFactory(
        meeting=MeetingFactory(body=body, state=Meeting.State.PUBLISHED),
        title="Julkinen päätös",
        checked_at=CHECKED_AT,
    )

    staff_page = staff_client.get(reverse("dashboard")).text
    assert "Viimeisimmät päätökset" in staff_page
    assert "Julkinen päätös" in staff_page  # the public decision of the same body is listed
    assert "Salainen päätös" not in staff_page
    secretary_page = secretary_client.get(reverse("dashboard")).text
    assert "Salainen päätös" in secretary_page  # the body's secretary sees it: hidden by right, not lost
    assert "Julkinen päätös" in secretary_page


def test_dashboard_runs_the_same_queries_for_1_and_10_rows(secretary_client, director, body, presenter_person):
    director_client = Client()
    director_client.force_login(director)

    def counts() -> tuple[int, int]:
        result = []
        for client in (secretary_client, director_client):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("dashboard")).status_code == 200
            result.append(len(queries))
        return tuple(result)

    seed_item(body, presenter_person)
    with_one = counts()
    for _ in range(9):
        meeting = MeetingFactory(body=body, state=Meeting.State.PUBLISHED)
        AgendaItemFactory(meeting=meeting, presenter=presenter_person, checked_at=CHECKED_AT)
    assert counts() == with_one


# Error pages -----------------------------------------------------------------------------------


@pytest.fixture
def failing_client(settings, staff_user):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    return client


def test_403_page_is_in_finnish(failing_client):
    response = failing_client.get("/test-403/")

    assert response.status_code == 403
    assert "Pääsy estetty" in response.text
    assert "Kirjaudu ulos" in response.text  # the site layout


def test_404_page_is_in_finnish(failing_client):
    response = failing_client.get("/ei-ole/")

    assert response.status_code == 404
    assert "Sivua ei löydy" in response.text
    assert failing_client.get("/test-404/").status_code == 404


def test_500_page_is_in_finnish_without_details(failing_client):
    response = failing_client.get("/test-500/")

    assert response.status_code == 500
    assert "Jokin meni vikaan" in response.text
    assert "secret detail" not in response.text
    assert "Traceback" not in response.text
    assert '<html lang="fi">' in response.text


def test_500_page_needs_neither_a_request_context_nor_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = views.server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Palvelinvirhe" in response.content.decode()


def test_a_form_without_its_security_token_gets_a_finnish_page(staff_user):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": "henkilosto", "password": PASSWORD})

    assert response.status_code == 403
    assert "Lomake on vanhentunut" in response.content.decode()
