"""The CSV import of people and memberships: a preview with row-level errors, nothing written until
confirmed, all rows in one go, Excel's files, and people reused rather than added twice."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from decisions.forms.people import sign_import
from decisions.models import Membership, Person
from hankehallinta.models import AuditEvent
from testing.factories import BodyFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

GOOD = (
    "nimi;nimike;sähköposti;rooli;alkaa;päättyy;kenen varajäsen\n"
    "Pekka Turunen;aluevaltuutettu;pekka.turunen@example.fi;puheenjohtaja;1.6.2025;31.5.2029;\n"
    "Anna Virtanen;;anna.virtanen@example.fi;jäsen;1.6.2025;;\n"
    "Mäkinen, Mikko;;;henkilökohtainen varajäsen;01.06.2025;;Anna Virtanen\n"
)


def url(body):
    return reverse("decisions:people_import", args=[body.pk])


def upload(client, body, content: bytes, name="jasenet.csv"):
    return client.post(url(body), {"file": SimpleUploadedFile(name, content, content_type="text/csv")})


def counts():
    return Person.objects.count(), Membership.objects.count()


def confirm(client, body, response):
    return client.post(url(body), {"payload": response.context["confirm"]["payload"].value()})


def test_the_preview_writes_nothing_and_confirming_writes_every_row(secretary_client, body):
    before = counts()
    preview = upload(secretary_client, body, GOOD.encode())
    assert preview.status_code == 200
    plan = preview.context["plan"]
    assert plan.valid and plan.new_people == 3 and plan.new_memberships == 3
    assert counts() == before

    done = confirm(secretary_client, body, preview)
    assert done.status_code == 302 and done["Location"] == body.get_absolute_url()
    assert counts() == (before[0] + 3, before[1] + 3)
    chair = Membership.objects.get(body=body, person__last_name="Turunen")
    assert (chair.role, chair.start_date, chair.end_date) == ("chair", dt.date(2025, 6, 1), dt.date(2029, 5, 31))
    deputy = Membership.objects.get(body=body, person__last_name="Mäkinen")
    assert deputy.person.first_name == "Mikko"
    assert deputy.deputy_of == Membership.objects.get(body=body, person__last_name="Virtanen")
    event = AuditEvent.objects.filter(detail__kind="people_import").get()
    assert event.detail["sha256"] == hashlib.sha256(GOOD.encode()).hexdigest()
    assert event.detail["memberships_added"] == 3


def test_row_errors_name_the_row_and_the_column_and_block_the_import(secretary_client, body):
    content = (
        "name,role,start,end,e-mail\n"
        "Pekka Turunen,member,31.2.2025,,\n"
        "Anna Virtanen,boss,1.6.2025,,\n"
        "Cher,member,,,\n"
        "Eero Esimerkki,member,1.6.2025,1.1.2025,not-an-address\n"
        "Outi Oikea,member,2025-06-01,,\n"
    )
    before = counts()
    response = upload(secretary_client, body, content.encode())
    plan = response.context["plan"]
    assert not plan.valid and response.context["confirm"] is None
    found = {(error.row, error.column) for error in plan.errors}
    assert found == {(2, "start"), (3, "role"), (4, "name"), (5, "end"), (5, "email")}
    assert plan.rows[-1].errors == [] and plan.rows[-1].start == dt.date(2025, 6, 1)
    page = response.content.decode()
    assert "Rivi 2" in page or "Row 2" in page
    assert counts() == before


def test_excel_semicolon_file_with_bom_and_finnish_dates(secretary_client, body):
    content = b"\xef\xbb\xbf" + "Nimi;Rooli;Alkaa\r\nÄijä Ölli;Jäsen;1.6.2025\r\n".encode()
    response = upload(secretary_client, body, content)
    plan = response.context["plan"]
    assert plan.valid, plan.errors
    assert (plan.encoding, plan.delimiter) == ("UTF-8", ";")
    row = plan.rows[0]
    assert (row.first_name, row.last_name, row.role, row.start) == ("Äijä", "Ölli", "member", dt.date(2025, 6, 1))


def test_windows_1252_file_from_finnish_excel(secretary_client, body):
    content = "nimi;tehtävänimike;rooli;alkaa\nSäde Häkkinen;Hyvinvointijohtaja;esittelijä;1.1.2026\n".encode("cp1252")
    response = upload(secretary_client, body, content)
    plan = response.context["plan"]
    assert plan.valid, plan.errors
    assert plan.encoding == "Windows-1252"
    assert (plan.rows[0].last_name, plan.rows[0].title, plan.rows[0].role) == (
        "Häkkinen",
        "Hyvinvointijohtaja",
        "presenter",
    )
    confirm(secretary_client, body, response)
    assert Person.objects.get(last_name="Häkkinen").title == "Hyvinvointijohtaja"


def test_roles_as_offices_name_them_sihteeri_and_pj(secretary_client, body):
    content = b"nimi;rooli\nSanna Salo;sihteeri\nAino Aaltonen;pj\n"
    plan = upload(secretary_client, body, content).context["plan"]
    assert plan.valid, plan.errors
    assert [row.role for row in plan.rows] == ["secretary", "chair"]


def test_reimporting_the_same_file_reuses_the_people_and_adds_nothing(secretary_client, body):
    confirm(secretary_client, body, upload(secretary_client, body, GOOD.encode()))
    before = counts()
    again = upload(secretary_client, body, GOOD.encode())
    plan = again.context["plan"]
    assert plan.valid
    assert [row.person is not None or row.same_as_row is not None for row in plan.rows] == [True, True, True]
    assert plan.new_people == 0 and plan.new_memberships == 0
    confirm(secretary_client, body, again)
    assert counts() == before


def test_existing_people_are_matched_by_email_or_exact_name(secretary_client, body, other_body):
    by_email = PersonFactory(first_name="Pekka", last_name="Turunen", email="Pekka.Turunen@example.fi")
    by_name = PersonFactory(first_name="Anna", last_name="Virtanen", email="")
    MembershipFactory(person=by_name, body=other_body)
    content = "nimi;sähköposti;rooli\nPekka Turunen;pekka.turunen@example.fi;jäsen\nAnna Virtanen;;jäsen\n"
    response = upload(secretary_client, body, content.encode())
    plan = response.context["plan"]
    assert [row.person for row in plan.rows] == [by_email, by_name]
    assert "existing" in response.content.decode() or "olemassa" in response.content.decode()
    before = Person.objects.count()
    confirm(secretary_client, body, response)
    assert Person.objects.count() == before
    assert set(body.memberships.values_list("person_id", flat=True)) >= {by_email.pk, by_name.pk}


def test_namesakes_without_an_email_to_tell_them_apart_are_an_error(secretary_client, body):
    PersonFactory(first_name="Pekka", last_name="Turunen", email="")
    PersonFactory(first_name="Pekka", last_name="Turunen", email="")
    plan = upload(secretary_client, body, "nimi;rooli\nPekka Turunen;jäsen\n".encode()).context["plan"]
    assert [(error.row, error.column) for error in plan.errors] == [(2, "name")]


def test_a_row_for_a_body_the_user_does_not_manage_is_an_error(secretary_client, body, other_body):
    content = "nimi;toimielin;rooli\nPekka Turunen;Aluehallitus;jäsen\n"
    plan = upload(secretary_client, body, content.encode()).context["plan"]
    assert [(error.row, error.column) for error in plan.errors] == [(2, "body")]


def test_the_admin_imports_into_several_bodies(admin_client, body):
    BodyFactory(name="Aluehallitus", abbreviation="AHA")
    content = "nimi;toimielin;rooli;alkaa\nPekka Turunen;AHA;jäsen;1.6.2025\nPekka Turunen;;jäsen;1.6.2025\n"
    response = upload(admin_client, body, content.encode())
    plan = response.context["plan"]
    assert plan.valid and plan.rows[1].same_as_row == 2
    confirm(admin_client, body, response)
    person = Person.objects.get(last_name="Turunen")
    assert sorted(person.memberships.values_list("body__name", flat=True)) == ["Aluehallitus", "Tulevaisuuslautakunta"]


def test_a_tampered_or_foreign_payload_writes_nothing(secretary_client, body, other_body):
    before = counts()
    forged = secretary_client.post(url(body), {"payload": "nimi;rooli\nX Y;jäsen\n"})
    assert forged.status_code == 200
    foreign = secretary_client.post(url(body), {"payload": sign_import(other_body, "x.csv", GOOD.encode())})
    assert foreign.status_code == 200
    assert counts() == before


def test_a_spreadsheet_or_oversized_file_is_refused(secretary_client, body):
    before = counts()
    xlsx = upload(secretary_client, body, b"PK\x03\x04" + b"\x00" * 100, name="jasenet.xlsx")
    assert xlsx.context["plan"].file_errors
    large = upload(secretary_client, body, b"nimi;rooli\n" + b"A B;j\xc3\xa4sen\n" * 60_000)
    assert large.status_code == 200 and large.context["form"].errors
    assert counts() == before


def test_a_missing_header_column_is_a_file_error(secretary_client, body):
    plan = upload(secretary_client, body, b"nimi;nimike\nPekka Turunen;x\n").context["plan"]
    assert plan.file_errors and not plan.valid
