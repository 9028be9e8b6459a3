"""People without duplicates: the look-alike step of "Add a person", the choice after saving, the
labels that tell namesakes apart, and the start date a new membership proposes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from freezegun import freeze_time

from decisions.forms.agenda import ItemCreateForm
from decisions.forms.people import MembershipForm
from decisions.models import Membership, Person
from decisions.people import council_term_start, proposed_membership_start
from testing.factories import HELSINKI, AttendanceFactory, BodyFactory, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pekka(other_body):
    person = PersonFactory(
        first_name="Pekka", last_name="Turunen", title="Hallintojohtaja", unit="Konsernipalvelut", email="pekka@hva.fi"
    )
    MembershipFactory(person=person, body=other_body, role=Membership.Role.MEMBER, start_date=dt.date(2025, 6, 1))
    return person


def add_person(client, body, **data):
    return client.post(reverse("decisions:person_create", args=[body.pk]), {"first_name": "", "last_name": "", **data})


def test_same_name_in_other_case_asks_first_and_shows_what_tells_them_apart(secretary_client, body, pekka):
    before = Person.objects.count()
    response = add_person(secretary_client, body, first_name="pekka", last_name="TURUNEN", title="Sairaanhoitaja")
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "decisions/person_confirm.html"
    page = response.content.decode()
    for detail in ("Hallintojohtaja", "Konsernipalvelut", "pekka@hva.fi", "Aluehallitus"):
        assert detail in page
    assert f'name="use_existing" value="{pekka.pk}"' in page
    assert 'name="confirm_new"' in page
    assert Person.objects.count() == before


def test_same_email_with_another_name_asks_first(secretary_client, body, pekka):
    before = Person.objects.count()
    response = add_person(secretary_client, body, first_name="P.", last_name="Turunen-Laine", email="PEKKA@hva.fi")
    assert [t.name for t in response.templates][0] == "decisions/person_confirm.html"
    assert response.context["similar"] == [pekka]
    assert Person.objects.count() == before


def test_confirming_creates_the_namesake(secretary_client, body, pekka):
    response = add_person(
        secretary_client, body, first_name="Pekka", last_name="Turunen", title="Sairaanhoitaja", confirm_new="1"
    )
    assert response.status_code == 302
    assert response["Location"] == body.get_absolute_url()
    assert Person.objects.filter(first_name="Pekka", last_name="Turunen").count() == 2


def test_using_the_existing_person_creates_nothing_and_goes_on_to_the_membership(secretary_client, body, pekka):
    before = (Person.objects.count(), Membership.objects.count())
    response = add_person(
        secretary_client, body, first_name="Pekka", last_name="Turunen", use_existing=str(pekka.pk), then="membership"
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('decisions:membership_create', args=[body.pk])}?person={pekka.pk}"
    assert (Person.objects.count(), Membership.objects.count()) == before


def test_using_someone_who_is_no_look_alike_is_refused(secretary_client, body, pekka):
    stranger = PersonFactory(first_name="Liisa", last_name="Muu")
    before = Person.objects.count()
    response = add_person(
        secretary_client, body, first_name="Pekka", last_name="Turunen", use_existing=str(stranger.pk)
    )
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "decisions/person_confirm.html"
    assert Person.objects.count() == before


def test_a_new_person_without_look_alikes_is_saved_at_once(secretary_client, body):
    response = add_person(secretary_client, body, first_name="Uusi", last_name="  Valmistelija ")
    assert response.status_code == 302
    assert Person.objects.filter(first_name="Uusi", last_name="Valmistelija").exists()


def test_adding_a_person_does_not_force_a_membership(secretary_client, body):
    back = add_person(secretary_client, body, first_name="Ville", last_name="Valmistelija", then="body")
    assert back["Location"] == body.get_absolute_url()
    person = Person.objects.get(last_name="Valmistelija")
    assert not person.memberships.exists()
    onwards = add_person(secretary_client, body, first_name="Jaana", last_name="Jäsen", then="membership")
    jaana = Person.objects.get(last_name="Jäsen")
    assert onwards["Location"] == f"{reverse('decisions:membership_create', args=[body.pk])}?person={jaana.pk}"
    page = secretary_client.get(reverse("decisions:person_create", args=[body.pk])).content.decode()
    assert 'value="membership"' in page and 'value="body"' in page


def test_every_person_choice_shows_title_and_email(body, pekka):
    namesake = PersonFactory(first_name="Pekka", last_name="Turunen", title="Sairaanhoitaja", email="pt@hva.fi")
    membership_labels = [label for _v, label in MembershipForm(body=body).fields["person"].choices]
    assert "Pekka Turunen (Hallintojohtaja, Konsernipalvelut, pekka@hva.fi)" in membership_labels
    assert "Pekka Turunen (Sairaanhoitaja, pt@hva.fi)" in membership_labels
    item_form = ItemCreateForm()
    for name in ("preparer", "presenter"):
        labels = [label for _v, label in item_form.fields[name].choices]
        assert namesake.label in labels and pekka.label in labels


def test_a_person_without_details_is_labelled_by_name_only(db):
    assert PersonFactory(first_name="Anna", last_name="Aho", title="").label == "Anna Aho"


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (dt.date(2021, 5, 1), dt.date(2021, 1, 1)),
        (dt.date(2022, 3, 1), dt.date(2022, 3, 1)),
        (dt.date(2025, 5, 31), dt.date(2022, 3, 1)),
        (dt.date(2025, 6, 1), dt.date(2025, 6, 1)),
        (dt.date(2029, 5, 31), dt.date(2025, 6, 1)),
        (dt.date(2029, 6, 1), dt.date(2029, 6, 1)),
        (dt.date(2034, 1, 15), dt.date(2033, 6, 1)),
    ],
)
def test_council_term_start(day, start):
    assert council_term_start(day) == start


def test_a_body_without_meetings_proposes_the_start_of_the_term(db):
    body = BodyFactory()
    assert proposed_membership_start(body, dt.date(2026, 2, 10)).day == dt.date(2025, 6, 1)
    body.active_from = dt.date(2026, 1, 1)
    assert proposed_membership_start(body, dt.date(2026, 2, 10)).day == dt.date(2026, 1, 1)


def test_a_body_with_meetings_proposes_its_earliest_meeting_without_attendance(db):
    body = BodyFactory()
    recorded = MeetingFactory(body=body, year=2026, start=dt.datetime(2026, 1, 20, 14, tzinfo=HELSINKI))
    AttendanceFactory(meeting=recorded)
    MeetingFactory(body=body, year=2026, start=dt.datetime(2026, 2, 3, 14, tzinfo=HELSINKI))
    MeetingFactory(body=body, year=2026, start=dt.datetime(2026, 3, 3, 14, tzinfo=HELSINKI))
    assert proposed_membership_start(body, dt.date(2026, 3, 10)).day == dt.date(2026, 2, 3)
    assert proposed_membership_start(body, dt.date(2026, 1, 25)).day == dt.date(2026, 1, 25)  # later ones are ahead


@freeze_time("2026-02-10 12:00:00")
def test_the_membership_form_proposes_the_start_and_says_why(secretary_client, body):
    page = secretary_client.get(reverse("decisions:membership_create", args=[body.pk]))
    form = page.context["form"]
    assert form.fields["start_date"].initial == dt.date(2025, 6, 1)
    assert "1.6.2025" in form.fields["start_date"].help_text
