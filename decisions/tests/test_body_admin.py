"""The county administrator in the pages: creating a body, naming its first secretary, editing the
body's data; everyone else is refused. And the main menu reaches the bodies."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext

from decisions.models import Body, Membership
from hankehallinta.permissions import GROUP_COUNTY_ADMIN, WRITE, has_permission
from testing.factories import BodyFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

NEW_BODY = {
    "name": "Aluehallituksen konsernijaosto",
    "abbreviation": "KOJA",
    "kind": "division",
    "organisation": "Pohjois-Karjalan hyvinvointialue",
    "appeal_court": "Itä-Suomen hallinto-oikeus",
    "registry_email": "kirjaamo@example.fi",
    "registry_closing_time": "15.00",
    "presenter_edits_until": "meeting_start",
}


@pytest.fixture
def county_admin(db) -> User:
    """A county administrator by group, not a superuser (nor an admin-site user)."""
    user = User.objects.create_user("paakayttaja", first_name="Päivi", last_name="Pääkäyttäjä")
    user.groups.add(Group.objects.get(name=GROUP_COUNTY_ADMIN))  # created by the migration
    return user


@pytest.fixture
def county_admin_client(county_admin) -> Client:
    client = Client()
    client.force_login(county_admin)
    return client


def test_the_county_admin_group_exists_from_the_migrations():
    assert Group.objects.filter(name=GROUP_COUNTY_ADMIN).exists()


def test_county_admin_creates_a_body_and_lands_on_its_page_asking_for_a_secretary(county_admin_client):
    response = county_admin_client.post(reverse("decisions:body_create"), NEW_BODY)

    body = Body.objects.get(name="Aluehallituksen konsernijaosto")
    assert response.status_code == 302 and response["Location"] == body.get_absolute_url()
    assert (body.abbreviation, body.kind, body.registry_email) == ("KOJA", "division", "kirjaamo@example.fi")
    page = county_admin_client.get(body.get_absolute_url()).text
    assert reverse("decisions:person_create", args=[body.pk]) in page
    assert reverse("decisions:membership_create", args=[body.pk]) in page
    assert reverse("decisions:body_numbering", args=[body.pk]) in page
    assert gettext("The body has no secretary yet.") in page


def test_county_admin_names_the_first_secretary_who_then_manages_the_body(county_admin_client):
    body = BodyFactory(name="Uusi lautakunta")
    secretary_user = User.objects.create_user("uusi_sihteeri")
    person = PersonFactory(first_name="Uma", last_name="Uusisihteeri", user=secretary_user)

    response = county_admin_client.post(
        reverse("decisions:membership_create", args=[body.pk]),
        {"person": person.pk, "role": "secretary", "start_date": "1.1.2024"},
    )

    assert response.status_code == 302
    assert Membership.objects.filter(body=body, person=person, role=Membership.Role.SECRETARY).exists()
    assert has_permission(secretary_user, "decisions.manage_body", body)
    assert has_permission(secretary_user, "decisions.set_numbering", body)
    assert gettext("The body has no secretary yet.") not in county_admin_client.get(body.get_absolute_url()).text


def test_county_admin_manages_the_people_and_numbering_of_any_body(county_admin, body):
    membership = MembershipFactory(body=body, start_date=dt.date(2023, 1, 1))

    assert has_permission(county_admin, "decisions.manage_body", body)
    assert has_permission(county_admin, "decisions.manage_membership", membership)
    assert has_permission(county_admin, "decisions.set_numbering", body)
    # Not the secretary: the meetings stay the secretary's.
    assert not has_permission(county_admin, "decisions.create_meeting", body)
    # A writer, so signs in with a second factor where REQUIRE_2FA is on.
    assert has_permission(county_admin, WRITE)


def test_secretary_keeps_their_rights_but_creates_no_bodies(secretary, body, other_body):
    assert has_permission(secretary, "decisions.manage_body", body)
    assert has_permission(secretary, "decisions.set_numbering", body)
    assert not has_permission(secretary, "decisions.set_numbering", other_body)
    assert not has_permission(secretary, "decisions.create_body")
    assert not has_permission(secretary, "decisions.administer_body", body)


@pytest.mark.parametrize("who", ["staff_client", "secretary_client", "director_client"])
def test_others_are_refused_a_new_body_and_nothing_is_created(request, who):
    client = request.getfixturevalue(who)
    before = Body.objects.count()

    assert client.get(reverse("decisions:body_create")).status_code == 403
    assert client.post(reverse("decisions:body_create"), NEW_BODY).status_code == 403
    assert Body.objects.count() == before


def test_a_plain_staff_user_cannot_set_a_bodys_numbering(staff_client, body):
    url = reverse("decisions:body_numbering", args=[body.pk])

    assert staff_client.get(url).status_code == 403
    data = {"year": "2025", "first_section": "101", "first_meeting_number": "7"}
    assert staff_client.post(url, data).status_code == 403
    assert not body.numbering_starts.exists()


def test_a_second_body_with_the_same_name_is_refused_next_to_the_name(county_admin_client, body):
    response = county_admin_client.post(reverse("decisions:body_create"), {**NEW_BODY, "name": body.name})

    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [gettext("A body with this name already exists.")]
    assert Body.objects.filter(name=body.name).count() == 1


def test_a_body_cannot_end_before_it_starts(county_admin_client):
    data = {**NEW_BODY, "active_from": "1.1.2026", "active_until": "31.12.2025"}

    response = county_admin_client.post(reverse("decisions:body_create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["active_until"] == [gettext("The end date cannot be before the start date.")]
    assert not Body.objects.filter(name=NEW_BODY["name"]).exists()


def test_county_admin_renames_a_body_the_secretary_edits_only_its_registry_data(
    county_admin_client, secretary_client, body
):
    url = reverse("decisions:body_edit", args=[body.pk])
    assert "name" not in secretary_client.get(url).context["form"].fields

    response = county_admin_client.post(
        url, {**NEW_BODY, "name": "Tulevaisuus- ja kehittämislautakunta", "version": body.version}
    )

    assert response.status_code == 302
    body.refresh_from_db()
    assert body.name == "Tulevaisuus- ja kehittämislautakunta" and body.version == 2


def test_body_list_offers_a_new_body_only_to_the_county_admin(county_admin_client, admin_client, staff_client, body):
    new_body_url = reverse("decisions:body_create")

    assert new_body_url in county_admin_client.get(reverse("decisions:body_list")).text
    assert new_body_url in admin_client.get(reverse("decisions:body_list")).text
    assert new_body_url not in staff_client.get(reverse("decisions:body_list")).text


def test_the_main_menu_reaches_the_bodies_and_marks_them_on_a_body_page(staff_client, body):
    list_url = reverse("decisions:body_list")
    home = staff_client.get(reverse("dashboard")).text
    menu = home.split('id="main-menu"')[1].split("</ul>")[0]
    assert f'href="{list_url}"' in menu and gettext("Bodies") in menu

    page = staff_client.get(body.get_absolute_url()).text
    menu = page.split('id="main-menu"')[1].split("</ul>")[0]
    bodies_link = menu.split(f'href="{list_url}"')[0].rsplit("<a", 1)[1]
    meetings_link = menu.split(f'href="{reverse("decisions:meeting_list")}"')[0].rsplit("<a", 1)[1]
    assert "active" in bodies_link and "active" not in meetings_link
