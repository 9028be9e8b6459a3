"""Funding calls in the pages: the director and the county's administrator add and edit them, the aid
rate is typed as a Finnish percentage and stored as the exact fraction, a stale edit is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from hankehallinta.money import NBSP
from hankehallinta.permissions import GROUP_COUNTY_ADMIN
from projects.models import FundingCall
from testing.factories import FundingCallFactory, ProjectFactory

pytestmark = pytest.mark.django_db

LIST = reverse("projects:call_list")
CREATE = reverse("projects:call_create")


def edit_url(call: FundingCall) -> str:
    return reverse("projects:call_edit", args=[call.pk])


def call_data(**values: str) -> dict[str, str]:
    return {"funder": "Euroopan sosiaalirahasto ESR+", "name": "Työkyvyn tuki 2025", "deadline": "30.9.2025", **values}


@pytest.fixture
def county_admin_client() -> Client:
    user = User.objects.create_user("paakayttaja", password="x")
    user.groups.add(Group.objects.get_or_create(name=GROUP_COUNTY_ADMIN)[0])
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("75", Decimal("0.7500")),
        ("75 %", Decimal("0.7500")),
        ("75,00 %", Decimal("0.7500")),
        (f"75,00{NBSP}%", Decimal("0.7500")),
        ("75,5", Decimal("0.7550")),
        ("100", Decimal("1.0000")),
        ("0", Decimal("0.0000")),
    ],
)
def test_director_adds_a_call_with_the_aid_rate_as_a_finnish_percentage(director_client, typed, stored):
    response = director_client.post(CREATE, call_data(max_aid_rate=typed))

    call = FundingCall.objects.get()
    assert response.status_code == 302
    assert response["Location"] == call.get_absolute_url()
    assert call.max_aid_rate == stored
    assert str(call.max_aid_rate) == str(stored)  # exact: four decimals, no float on the way
    assert (call.funder, call.name, f"{call.deadline:%d.%m.%Y}") == (
        "Euroopan sosiaalirahasto ESR+",
        "Työkyvyn tuki 2025",
        "30.09.2025",
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("100,01", "Prosentin on oltava 0–100."),
        ("180 %", "Prosentin on oltava 0–100."),
        ("-5", "Prosentin on oltava 0–100."),
        ("kolmekymmentä", "Anna prosentti, esimerkiksi 80 tai 80,00 %."),
        ("0,75,5", "Anna prosentti, esimerkiksi 80 tai 80,00 %."),
    ],
)
def test_an_aid_rate_out_of_range_or_junk_is_refused_next_to_the_field(director_client, typed, message):
    response = director_client.post(CREATE, call_data(max_aid_rate=typed))

    assert response.status_code == 200
    assert response.context["form"].errors == {"max_aid_rate": [message]}
    assert message in response.text
    assert typed in response.text  # what the user typed stays in the box
    assert not FundingCall.objects.exists()


def test_an_aid_rate_with_more_decimals_than_stored_is_refused_not_rounded(director_client):
    response = director_client.post(CREATE, call_data(max_aid_rate="75,555"))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["max_aid_rate"]
    assert not FundingCall.objects.exists()


def test_a_call_without_a_maximum_aid_rate_is_allowed(director_client):
    director_client.post(CREATE, call_data(max_aid_rate=""))

    assert FundingCall.objects.get().max_aid_rate is None


def test_the_edit_form_shows_the_stored_fraction_as_a_finnish_percentage(director_client):
    call = FundingCallFactory(max_aid_rate=Decimal("0.7550"))

    response = director_client.get(edit_url(call))

    assert response.status_code == 200
    assert f'value="75,50{NBSP}%"' in response.text
    assert 'inputmode="decimal"' in response.text


def test_director_edits_a_call_and_the_version_moves_on(director_client):
    call = FundingCallFactory(funder="STM", name="Kehittämishaku", max_aid_rate=Decimal("0.8000"))

    response = director_client.post(
        edit_url(call), call_data(funder="STM", name="Kehittämishaku", max_aid_rate="75,00 %", version="1")
    )

    call.refresh_from_db()
    assert response.status_code == 302
    assert (call.max_aid_rate, call.version) == (Decimal("0.7500"), 2)


def test_county_admin_adds_and_edits_calls(county_admin_client):
    assert county_admin_client.post(CREATE, call_data(max_aid_rate="85")).status_code == 302
    call = FundingCall.objects.get()

    response = county_admin_client.post(edit_url(call), call_data(max_aid_rate="60", version=str(call.version)))

    call.refresh_from_db()
    assert response.status_code == 302
    assert call.max_aid_rate == Decimal("0.6000")


def test_staff_may_read_the_list_but_not_add_or_edit_calls(staff_client):
    call = FundingCallFactory(max_aid_rate=Decimal("0.8000"))

    assert staff_client.get(LIST).status_code == 200
    assert staff_client.get(CREATE).status_code == 403
    assert staff_client.post(CREATE, call_data(max_aid_rate="75")).status_code == 403
    assert staff_client.get(edit_url(call)).status_code == 403
    assert staff_client.post(edit_url(call), call_data(max_aid_rate="10", version="1")).status_code == 403
    call.refresh_from_db()
    assert (FundingCall.objects.count(), call.max_aid_rate) == (1, Decimal("0.8000"))


def test_secretary_cannot_manage_calls(secretary_client):
    assert secretary_client.get(CREATE).status_code == 403


def test_a_stale_edit_answers_409_and_keeps_the_first_save(director_client, director):
    call = FundingCallFactory(funder="STM", name="Haku", max_aid_rate=Decimal("0.8000"))
    other = Client()
    other.force_login(director)
    first = director_client.post(edit_url(call), call_data(funder="STM", name="Haku", max_aid_rate="70", version="1"))
    assert first.status_code == 302

    stale = other.post(edit_url(call), call_data(funder="STM", name="Haku", max_aid_rate="65,5", version="1"))

    call.refresh_from_db()
    assert stale.status_code == 409
    assert (call.max_aid_rate, call.version) == (Decimal("0.7000"), 2)
    assert "65,5" in stale.text  # the user's own value is shown below the current data
    assert f'value="70,00{NBSP}%"' in stale.text  # the form holds the current data


def test_a_second_call_with_the_same_funder_and_name_is_refused(director_client):
    FundingCallFactory(funder="STM", name="Kehittämishaku 2025")

    response = director_client.post(CREATE, call_data(funder="stm", name="kehittämishaku 2025", max_aid_rate="80"))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["name"]
    assert FundingCall.objects.count() == 1


def test_the_list_shows_rate_deadline_and_projects_in_a_fixed_number_of_queries(
    director_client, django_assert_max_num_queries
):
    call = FundingCallFactory(funder="STM", name="Haku A", max_aid_rate=Decimal("0.7500"))
    ProjectFactory(funding_call=call)
    ProjectFactory(funding_call=call)
    director_client.get(LIST)  # the session and the user's groups
    for number in range(20):
        FundingCallFactory(name=f"Haku {number}")

    with django_assert_max_num_queries(10):  # one query for the calls, however many
        response = director_client.get(LIST)

    row = next(part for part in response.text.split("<tr") if "Haku A" in part)
    assert f"75,00{NBSP}%" in row
    assert ">2</td>" in row
    assert reverse("projects:call_edit", args=[call.pk]) in row
    assert reverse("projects:call_create") in response.text


def test_the_list_offers_no_editing_to_staff(staff_client):
    call = FundingCallFactory()

    response = staff_client.get(LIST)

    assert call.name in response.text
    assert reverse("projects:call_edit", args=[call.pk]) not in response.text
    assert reverse("projects:call_create") not in response.text


def test_the_project_list_links_to_the_calls(staff_client):
    assert LIST in staff_client.get(reverse("projects:list")).text
