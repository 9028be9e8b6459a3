"""Forms that speak, in Chromium (issue 16): after a refused save axe finds nothing, the focus is on the
error summary, and following a summary link (click or Enter) puts the focus in the field it names; the
accessibility tree of the vote form and the application editor names every control; and the meeting
page passes axe in every state of its life (planned, agenda published, held, minutes checked, published)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from decisions.models import Meeting
from testing.browser import assert_accessible, login
from testing.factories import FundingCallFactory
from testing.meeting_day import meeting_day

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "lomakkeet-puhuvat-1"
CONTROL_ROLES = ("textbox", "combobox", "checkbox", "radio", "button", "spinbutton", "listbox", "searchbox")
# A line of an ARIA snapshot: `- role "name" [attributes]: text` (the name is optional; a line with a colon
# in the name is quoted in YAML: `- 'radio "JAA: Anneli Heikkinen"'`).
SNAPSHOT_LINE = re.compile(r'^\s*-\s+[\'"]?(?P<role>[a-z]+)(?:\s+"(?P<name>(?:[^"\\]|\\.)*)")?')


def signed_in(page: Page, live_server, user) -> None:
    user.set_password(PASSWORD)
    user.save()
    login(page, live_server, user.username, PASSWORD)


def focused(page: Page) -> dict:
    return page.evaluate(
        "() => ({id: document.activeElement.id, summary: document.activeElement.hasAttribute('data-error-summary')})"
    )


def assert_summary_has_focus_and_leads_to_the_fields(page: Page) -> None:
    """The focus is on the summary; a click on its first link and Enter on its last focus those fields."""
    summary = page.locator("[data-error-summary]")
    expect(summary).to_have_count(1)
    page.wait_for_function("() => document.activeElement.hasAttribute('data-error-summary')")
    assert focused(page)["summary"]
    assert_accessible(page)
    links = summary.locator("a[data-error-link]")
    if links.count() == 0:
        return
    first = links.first.get_attribute("data-error-link")
    links.first.click()
    assert focused(page)["id"] == first
    last = links.last
    last_id = last.get_attribute("data-error-link")
    last.focus()
    page.keyboard.press("Enter")
    assert focused(page)["id"] == last_id


def unnamed_controls(snapshot: str) -> list[str]:
    """The lines of an ARIA snapshot that are form controls without an accessible name."""
    unnamed = []
    for line in snapshot.splitlines():
        match = SNAPSHOT_LINE.match(line)
        if match and match["role"] in CONTROL_ROLES and not (match["name"] or "").strip():
            unnamed.append(line.strip())
    return unnamed


def test_refused_sign_in_meeting_and_vote_forms_speak(page: Page, live_server, body, secretary):
    day = meeting_day(body)

    # Sign-in: a wrong password is the form's own error, listed without a link.
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=username]").fill(secretary.username)
    page.locator("input[name=password]").fill("väärin")
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    assert_summary_has_focus_and_leads_to_the_fields(page)

    signed_in(page, live_server, secretary)

    # The meeting form: no number, a start that is no date.
    page.goto(f"{live_server.url}/bodies/{body.pk}/meetings/new/")
    page.locator("#id_start").fill("huomenna")
    with page.expect_navigation():
        page.locator("form.edit-form button[type=submit]").click()
    assert_summary_has_focus_and_leads_to_the_fields(page)
    expect(page.locator("#id_start")).to_have_attribute("aria-invalid", "true")

    # The vote form: the question given, no member's position chosen.
    page.goto(f"{live_server.url}/items/{day.first.pk}/decision/")
    page.locator("summary", has_text="Äänestys").click()
    form = page.locator("form[data-vote-form]")
    snapshot = form.aria_snapshot()
    assert not unnamed_controls(snapshot), snapshot
    assert 'radio "JAA: Anneli Heikkinen"' in snapshot, snapshot
    form.evaluate("form => { form.noValidate = true; }")  # the server's refusal, as without the browser's check
    form.locator("[name=vote-question]").fill("Päätösehdotus JAA, muutosehdotus EI")
    form.locator("[name=vote-yes_option]").fill("päätösehdotus")
    form.locator("[name=vote-no_option]").fill("muutosehdotus")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert_summary_has_focus_and_leads_to_the_fields(page)
    snapshot = page.locator("form[data-vote-form]").aria_snapshot()
    assert not unnamed_controls(snapshot), snapshot


def test_the_application_editor_names_every_control_and_its_refused_save_speaks(page: Page, live_server, director):
    FundingCallFactory()
    signed_in(page, live_server, director)
    page.goto(f"{live_server.url}/projects/new/")
    editor = page.locator("form.application-editor")
    snapshot = editor.aria_snapshot()
    assert not unnamed_controls(snapshot), snapshot
    assert "(pakollinen)" in snapshot or "(required)" in snapshot  # required fields say so in words

    page.locator("#id_title").fill("")
    page.locator("#id_start_date").fill("ei päivä")
    with page.expect_navigation():
        editor.locator("button[type=submit]", has_text=re.compile("Tallenna|Save")).click()
    assert_summary_has_focus_and_leads_to_the_fields(page)
    expect(page.locator("#id_title")).to_have_attribute("aria-invalid", "true")
    snapshot = page.locator("form.application-editor").aria_snapshot()
    assert not unnamed_controls(snapshot), snapshot


def test_the_meeting_page_is_accessible_in_every_state(page: Page, live_server, body, secretary):
    day = meeting_day(body, state=Meeting.State.PLANNED)
    signed_in(page, live_server, secretary)
    url = f"{live_server.url}/meetings/{day.meeting.pk}/"
    for state in (
        Meeting.State.PLANNED,
        Meeting.State.AGENDA_PUBLISHED,
        Meeting.State.HELD,
        Meeting.State.AWAITING_CHECK,
        Meeting.State.CHECKED,
        Meeting.State.PUBLISHED,
    ):
        Meeting.objects.filter(pk=day.meeting.pk).update(state=state)
        response = page.goto(url)
        assert response.status == 200, state
        assert_accessible(page)
