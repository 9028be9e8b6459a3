"""A body's page, its people and registry data, and the secretary's changes to them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from decisions.models import Membership, Person
from testing.factories import MeetingFactory, MembershipFactory, PersonFactory
from testing.queries import count_queries

pytestmark = pytest.mark.django_db


def test_body_page_lists_members_officials_and_the_registry(staff_client, secretary, body):
    chair = MembershipFactory(
        body=body, role=Membership.Role.CHAIR, person=PersonFactory(first_name="Pekka", last_name="Pj")
    )
    MembershipFactory(
        body=body, role=Membership.Role.DEPUTY, deputy_of=chair, person=PersonFactory(last_name="Varalla")
    )
    MembershipFactory(
        body=body,
        start_date=dt.date(2019, 1, 1),
        end_date=dt.date(2020, 12, 31),
        person=PersonFactory(last_name="Entinen"),
    )
    body.registry_postal_address = "PL 1, 80101 Joensuu"
    body.save()

    response = staff_client.get(body.get_absolute_url())

    text = response.text
    assert "Pekka Pj" in text and "varajäsen: Pekka Pj" in text
    assert "Sanna Sihteeri" in text.split("officials-heading")[2]
    assert "Entinen" in text.split("past-heading")[2]
    assert "PL 1" in text and "Itä-Suomen hallinto-oikeus" in text and "15.00" in text
    assert "Lisää jäsenyys" not in text  # staff does not manage the body


def test_body_list_marks_the_secretarys_bodies(secretary_client, body, other_body):
    text = secretary_client.get(reverse("decisions:body_list")).text

    assert "Aluehallitus" in text and "Olet sihteeri" in text


def test_secretary_adds_a_personal_deputy_for_a_member(secretary_client, body):
    member = MembershipFactory(body=body, role=Membership.Role.MEMBER)
    deputy = PersonFactory(last_name="Varajäsen")

    response = secretary_client.post(
        reverse("decisions:membership_create", args=[body.pk]),
        {"person": deputy.pk, "role": "deputy", "deputy_of": member.pk, "start_date": "1.6.2025"},
    )

    assert response.status_code == 302
    added = Membership.objects.get(person=deputy)
    assert (added.body, added.deputy_of, added.start_date) == (body, member, dt.date(2025, 6, 1))


def test_a_deputy_without_a_member_is_refused_in_finnish(secretary_client, body):
    person = PersonFactory()

    response = secretary_client.post(
        reverse("decisions:membership_create", args=[body.pk]),
        {"person": person.pk, "role": "deputy", "start_date": "1.6.2025"},
    )

    assert "on valittava jäsen" in response.text
    assert not Membership.objects.filter(person=person).exists()


def test_secretary_adds_a_person_without_an_account_and_goes_on_to_the_membership(secretary_client, body):
    response = secretary_client.post(
        reverse("decisions:person_create", args=[body.pk]),
        {"first_name": "Maija", "last_name": "Jäsen", "title": "Aluevaltuutettu", "then": "membership"},
    )

    person = Person.objects.get(last_name="Jäsen")
    assert person.user is None
    assert response["Location"] == f"{reverse('decisions:membership_create', args=[body.pk])}?person={person.pk}"
    form = secretary_client.get(response["Location"]).context["form"]
    assert str(form["person"].value()) == str(person.pk)


def test_secretary_ends_a_membership(secretary_client, body):
    membership = MembershipFactory(body=body, start_date=dt.date(2023, 1, 1))

    response = secretary_client.post(
        reverse("decisions:membership_end", args=[membership.pk]), {"end_date": "31.5.2025", "version": 1}
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == dt.date(2025, 5, 31)
    assert membership.version == 2


def test_a_stale_end_of_membership_is_refused_and_overwrites_nothing(secretary, body):
    """Two sessions open the form; the first saves, the second gets 409 with its value shown."""
    membership = MembershipFactory(body=body, start_date=dt.date(2023, 1, 1))
    url = reverse("decisions:membership_end", args=[membership.pk])
    first, second = Client(), Client()
    first.force_login(secretary)
    second.force_login(secretary)
    opened = [client.get(url).context["form"]["version"].value() for client in (first, second)]

    saved = first.post(url, {"end_date": "31.5.2025", "version": opened[0]})
    stale = second.post(url, {"end_date": "30.6.2025", "version": opened[1]})

    assert saved.status_code == 302
    assert stale.status_code == 409
    membership.refresh_from_db()
    assert (membership.end_date, membership.version) == (dt.date(2025, 5, 31), 2)
    assert "Joku muu tallensi tämän tiedon" in stale.text
    assert "30.6.2025" in stale.text  # what the second user sent is shown, not lost
    assert stale.context["form"]["version"].value() == 2  # the form now holds the current version


def test_a_membership_cannot_end_before_it_began(secretary_client, body):
    membership = MembershipFactory(body=body, start_date=dt.date(2023, 1, 1))

    response = secretary_client.post(
        reverse("decisions:membership_end", args=[membership.pk]), {"end_date": "31.12.2022", "version": 1}
    )

    assert "ei voi olla ennen alkamispäivää" in response.text
    assert Membership.objects.get(pk=membership.pk).end_date is None


def test_secretary_edits_the_registry_data(secretary_client, body):
    response = secretary_client.post(
        reverse("decisions:body_edit", args=[body.pk]),
        {
            "version": body.version,
            "rectification_authority": "",
            "appeal_court": "Itä-Suomen hallinto-oikeus",
            "registry_postal_address": "PL 2",
            "registry_email": "kirjaamo@siunsote.fi",
            "registry_visiting_address": "Tikkamäentie 16",
            "registry_closing_time": "15.45",
            "presenter_edits_until": "meeting_start",
        },
    )

    assert response.status_code == 302
    body.refresh_from_db()
    assert (body.registry_email, body.registry_closing_time) == ("kirjaamo@siunsote.fi", dt.time(15, 45))


def test_a_stale_save_of_the_registry_data_is_refused_and_keeps_both(secretary_client, body):
    url = reverse("decisions:body_edit", args=[body.pk])
    opened = body.version
    data = {
        "version": opened,
        "appeal_court": "Itä-Suomen hallinto-oikeus",
        "registry_closing_time": "15.00",
        "presenter_edits_until": "meeting_start",
    }
    assert secretary_client.post(url, data).status_code == 302

    stale = secretary_client.post(url, {**data, "appeal_court": "Pohjois-Suomen hallinto-oikeus"})

    assert stale.status_code == 409
    body.refresh_from_db()
    assert body.appeal_court == "Itä-Suomen hallinto-oikeus"
    assert "Pohjois-Suomen hallinto-oikeus" in stale.text  # what the user sent is shown, not lost


def test_another_bodys_secretary_manages_nothing_here(other_secretary_client, body):
    membership = MembershipFactory(body=body)

    assert other_secretary_client.get(reverse("decisions:body_edit", args=[body.pk])).status_code == 403
    assert (
        other_secretary_client.post(
            reverse("decisions:membership_end", args=[membership.pk]), {"end_date": "1.1.2030"}
        ).status_code
        == 403
    )
    assert Membership.objects.get(pk=membership.pk).end_date is None


def test_body_page_runs_the_same_queries_for_few_and_many_members(staff_client, body, django_assert_max_num_queries):
    MembershipFactory(body=body)
    MeetingFactory(body=body)
    few = count_queries(staff_client, body.get_absolute_url())
    for _ in range(15):
        MembershipFactory(body=body, role=Membership.Role.DEPUTY, deputy_of=MembershipFactory(body=body))
        MeetingFactory(body=body)

    with django_assert_max_num_queries(few):
        staff_client.get(body.get_absolute_url())
