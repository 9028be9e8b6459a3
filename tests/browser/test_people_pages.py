"""A body's people in Chromium, without the admin: the secretary adds a namesake of a member and is
asked first, sees namesakes told apart in the membership form, imports members from an Excel CSV
file through the preview, and sees on a meeting's attendance form who is not covered by their
membership. Every page passes axe-core's WCAG 2.1 A and AA rules."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from decisions.models import Body, Membership, Person
from testing.browser import assert_accessible, login
from testing.factories import HELSINKI, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = "nimi;nimike;sähköposti;rooli;alkaa\r\nLiisa Laaksonen;aluevaltuutettu;liisa@example.fi;jäsen;1.6.2025\r\n"


def test_secretary_adds_people_without_duplicates_and_imports_members(page: Page, live_server, demo_data, tmp_path):
    body = Body.objects.get(name="Tulevaisuuslautakunta")
    login(page, live_server, "sihteeri")
    page.goto(f"{live_server.url}{body.get_absolute_url()}")
    page.locator(f"a[href='/bodies/{body.pk}/people/new/']").click()
    assert_accessible(page)
    page.fill("#id_first_name", "Pekka")
    page.fill("#id_last_name", "Turunen")
    page.fill("#id_title", "Sairaanhoitaja")
    page.fill("#id_email", "pekka.turunen@example.fi")
    page.locator("button[name=then][value=body]").click()

    expect(page.locator("button[name=use_existing]")).to_have_count(1)
    expect(page.locator("table")).to_contain_text("Tulevaisuuslautakunta")
    assert Person.objects.filter(first_name="Pekka", last_name="Turunen").count() == 1
    assert_accessible(page)
    page.locator("button[name=confirm_new]").click()
    expect(page).to_have_url(f"{live_server.url}{body.get_absolute_url()}")
    assert Person.objects.filter(first_name="Pekka", last_name="Turunen").count() == 2

    page.locator(f"a[href='/bodies/{body.pk}/memberships/new/']").click()
    options = page.locator("#id_person option").all_inner_texts()
    assert "Pekka Turunen (Sairaanhoitaja, pekka.turunen@example.fi)" in options
    assert "Pekka Turunen" in options  # the member in the demo, who has no details
    assert_accessible(page)

    page.goto(f"{live_server.url}/bodies/{body.pk}/people/import/")
    assert_accessible(page)
    csv_file = tmp_path / "jasenet.csv"
    csv_file.write_bytes(CSV.encode("cp1252"))
    page.set_input_files("#id_file", str(csv_file))
    page.locator("form.edit-form button[type=submit]").click()
    expect(page.locator("table")).to_contain_text("Liisa Laaksonen")
    assert not Person.objects.filter(last_name="Laaksonen").exists()
    assert_accessible(page)
    page.locator("form:has(input[name=payload]) button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}{body.get_absolute_url()}")
    expect(page.locator("#members-heading + *")).to_contain_text("Liisa Laaksonen")
    assert Membership.objects.get(person__last_name="Laaksonen").start_date == dt.date(2025, 6, 1)
    assert "/admin/" not in page.url


def test_attendance_form_notes_members_whose_membership_does_not_cover_the_day(page: Page, live_server, demo_data):
    body = Body.objects.get(name="Tulevaisuuslautakunta")
    meeting = MeetingFactory(body=body, year=2099, number=1, start=dt.datetime(2099, 6, 12, 14, tzinfo=HELSINKI))
    later = PersonFactory(first_name="Laura", last_name="Myöhäinen", title="Aluevaltuutettu")
    MembershipFactory(person=later, body=body, role=Membership.Role.MEMBER, start_date=dt.date(2099, 9, 1))
    login(page, live_server, "sihteeri")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/attendance/")
    notes = page.locator("section[aria-labelledby=uncovered-heading]")
    expect(notes).to_contain_text("Laura Myöhäinen")
    expect(notes).to_contain_text("1.9.2099")
    expect(page.locator("tbody th", has_text="Myöhäinen")).to_have_count(0)
    assert_accessible(page)
