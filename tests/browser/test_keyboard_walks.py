"""Issue 16, item 1: every workflow by keyboard alone in Chromium (Tab, Shift+Tab, Enter, Space, arrow
keys and typing into the focused field; no mouse, no fill), asserting where the focus is at each step.
On each page the first Tab reaches the skip link and Enter on it puts the focus on the main content;
the walks Tab through whole pages to their last control and Shift+Tab back (no keyboard trap)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from decisions.models import Extract, Meeting, Motion, Vote
from testing.browser import (
    assert_accessible,
    assert_no_keyboard_trap,
    assert_skip_link_first,
    focus_matches,
    focused,
    login,
    tab_to,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def press(page: Page, key: str, *, navigates: bool = False) -> None:
    """Press a key; when it submits a form or follows a link, wait for the next page."""
    if navigates:
        with page.expect_navigation():
            page.keyboard.press(key)
        page.wait_for_load_state()
    else:
        page.keyboard.press(key)


def expect_focus(page: Page, selector: str) -> None:
    assert focus_matches(page, selector), f"expected the focus on {selector!r}, it is on {focused(page)!r}"


def fresh(page: Page) -> None:
    """Load the page again from its top (without the #main the skip link left in the address)."""
    page.goto(page.url.split("#")[0])


def into_main(page: Page) -> None:
    """On a freshly loaded page: the skip link first, then Enter: the focus is on <main>."""
    assert_skip_link_first(page)


def test_sign_in_and_the_dashboard_by_keyboard(page: Page, live_server, demo_data):
    page.goto(f"{live_server.url}/accounts/login/")
    into_main(page)
    press(page, "Tab")
    expect_focus(page, "#id_username")
    page.keyboard.type("sihteeri")
    press(page, "Tab")
    expect_focus(page, "#id_password")
    page.keyboard.type("demo")
    press(page, "Enter", navigates=True)
    assert "/accounts/login/" not in page.url

    # The dashboard: the skip link, then the whole page forwards and back; the header comes first.
    into_main(page)
    fresh(page)
    stops = assert_no_keyboard_trap(page)
    assert stops[0].startswith('a "'), stops
    assert any("Kirjaudu ulos" in stop for stop in stops[:20]), stops
    assert_accessible(page)


def test_director_writes_an_application_by_keyboard(page: Page, live_server, demo_data):
    login(page, live_server, "kehittamisjohtaja")
    page.goto(f"{live_server.url}{reverse('projects:create')}")
    into_main(page)
    tab_to(page, "#id_title")
    page.keyboard.type("Näppäimistöhanke")
    # The core data in the order they are shown.
    core = page.evaluate(
        "() => [...document.querySelectorAll('#core-data-heading ~ * :is(input, select, textarea)')]"
        ".filter(e => e.type !== 'hidden' && e.getClientRects().length).map(e => e.id)"
    )
    assert core[0] == "id_title", core
    for field_id in core[1:]:
        press(page, "Tab")
        expect_focus(page, f"#{field_id}")

    # "Add an indicator" (Space) and "Add an objective" (Enter) put the focus in the new row's first field.
    tab_to(page, "#id_objectives-0-text")
    page.keyboard.type("Palvelut saavutettaviksi.")
    tab_to(page, "button[data-formset-add='objectives-0-ind']")
    press(page, "Space")
    expect_focus(page, "#id_objectives-0-ind-0-name")
    page.keyboard.type("Saavutettavat sivut")
    tab_to(page, "button[data-formset-add='objectives']")
    press(page, "Enter")
    expect_focus(page, "#id_objectives-1-text")
    page.keyboard.type("Toinen tavoite.")
    tab_to(page, "button[data-formset-add='budget']")
    press(page, "Enter")
    expect_focus(page, "#id_budget-1-category")
    tab_to(page, "button[data-formset-add='financing']")
    press(page, "Space")
    expect_focus(page, "#id_financing-1-source")
    # Shift+Tab goes back the way it came: to the financing rows' add button.
    press(page, "Shift+Tab")
    press(page, "Tab")
    expect_focus(page, "#id_financing-1-source")
    assert_accessible(page)

    # Enter in a text field saves (the form's first submit button is an "add" button: it must not add a row).
    tab_to(page, "#id_objectives-0-ind-0-name", backwards=True)
    press(page, "Enter", navigates=True)
    expect(page).to_have_url(re.compile(r"/projects/(new|\d+)/(#main)?$"))
    expect(page.locator("#id_objectives-0-ind-TOTAL_FORMS")).to_have_value("1")
    expect(page.locator("#id_objectives-TOTAL_FORMS")).to_have_value("2")
    expect(page.locator("#id_objectives-0-ind-0-name")).to_have_value("Saavutettavat sivut")
    assert_accessible(page)


def test_secretary_holds_a_meeting_by_keyboard(page: Page, live_server, demo_data):
    base = live_server.url
    meeting = Meeting.objects.get(state=Meeting.State.PLANNED)
    item = meeting.items.get()
    # The demo's next meeting, moved to this morning: its minutes can be checked today.
    Meeting.objects.filter(pk=meeting.pk).update(start=timezone.now() - dt.timedelta(hours=3))
    login(page, live_server, "sihteeri")

    # The meeting page, forwards and back; then to the attendance by its link.
    page.goto(f"{base}{meeting.get_absolute_url()}")
    into_main(page)
    fresh(page)
    assert_no_keyboard_trap(page)
    fresh(page)
    into_main(page)
    tab_to(page, "main a[href$='/attendance/']")
    press(page, "Enter", navigates=True)

    # Attendance: the first "present" box unticked with Space, saved with Enter on the button.
    into_main(page)
    tab_to(page, "#id_attendance-0-present")
    expect(page.locator("#id_attendance-0-present")).to_be_checked()
    press(page, "Space")
    expect(page.locator("#id_attendance-0-present")).not_to_be_checked()
    press(page, "Space")
    tab_to(page, "main button[type=submit]")
    press(page, "Enter", navigates=True)
    expect(page).to_have_url(re.compile(rf"/meetings/{meeting.pk}/(#main)?$"))
    assert_accessible(page)

    # The agenda published and the meeting held, each by Enter on its button.
    for button in ("Julkaise esityslista", "Merkitse kokous pidetyksi"):
        fresh(page)
        into_main(page)
        tab_to(page, page.get_by_role("button", name=button, exact=True))
        press(page, "Enter", navigates=True)
        assert_accessible(page)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.HELD, meeting.state

    # The decision page: the disclosures open with Enter and Space, Tab goes into them.
    page.goto(f"{base}{reverse('decisions:item_decision', args=[item.pk])}")
    into_main(page)
    motion = page.locator("details", has=page.locator("summary", has_text="Ehdotus ja kannatus"))
    tab_to(page, motion.locator("summary"))
    expect(motion).not_to_have_attribute("open", "")
    press(page, "Enter")
    expect(motion).to_have_attribute("open", "")
    press(page, "Tab")
    assert page.evaluate("() => document.activeElement.closest('details') !== null"), focused(page)
    first_field = page.evaluate("() => document.activeElement.id")
    assert first_field, focused(page)
    press(page, "ArrowDown")  # the proposer: the first person in the list
    tab_to(page, "details[open] textarea, details[open] input[type=text]")
    page.keyboard.type("Hankkeen kesto rajataan kahteen vuoteen.")
    tab_to(page, "details[open] button[type=submit]")
    press(page, "Enter", navigates=True)
    assert Motion.objects.filter(item=item).exists(), " ".join(page.locator("main").inner_text().split())[:600]

    # The vote: Space opens it; the question and its options typed, each member's position by arrow keys.
    page.goto(f"{base}{reverse('decisions:item_decision', args=[item.pk])}")
    into_main(page)
    vote = page.locator("details", has=page.locator("form[data-vote-form]"))
    tab_to(page, "details:has(form[data-vote-form]) > summary")
    press(page, "Space")
    expect(vote).to_have_attribute("open", "")
    press(page, "Tab")
    expect_focus(page, "form[data-vote-form] [name='vote-question']")
    page.keyboard.type("Päätösehdotus JAA, muutosehdotus EI")
    press(page, "Tab")
    page.keyboard.type("päätösehdotus")
    press(page, "Tab")
    page.keyboard.type("muutosehdotus")
    rows = vote.locator("tr[data-ballot-row]")
    for index in range(rows.count()):
        jaa = rows.nth(index).locator("input[value='yes']")
        if index == 0:  # past the options (and the table's scroll region, when it has a tab stop)
            tab_to(page, jaa, limit=3)
        else:  # Tab goes row by row, into each row's group at its first choice, JAA
            press(page, "Tab")
        expect(jaa).to_be_focused()
        press(page, "Space")
        if index == 0:
            press(page, "ArrowRight")  # JAA -> EI
            expect(rows.nth(index).locator("input[value='no']")).to_be_checked()
    tally = vote.locator("[data-vote-tally] [data-tally='unset']")
    expect(tally).to_have_text("0")
    assert_accessible(page)
    tab_to(page, "form[data-vote-form] button[type=submit]")
    press(page, "Enter", navigates=True)
    assert Vote.objects.filter(item=item).exists(), " ".join(page.locator("main").inner_text().split())[:600]

    # Back at #handling: the next Tab starts from the handling just recorded.
    assert page.url.endswith("#handling"), page.url
    press(page, "Tab")
    assert page.evaluate("() => !!document.activeElement.closest('#handling')"), focused(page)

    # The decision itself: the resolution chosen with arrow keys, saved with Enter.
    fresh(page)
    into_main(page)
    tab_to(page, "select[name=resolution]")
    press(page, "ArrowDown")
    tab_to(page, page.get_by_role("button", name="Tallenna päätös", exact=True))
    press(page, "Enter", navigates=True)
    item.refresh_from_db()
    assert item.resolution, " ".join(page.locator("main").inner_text().split())[:600]

    # The minutes check: the examiners ticked with Space, the check marked with Enter.
    page.goto(f"{base}{reverse('decisions:meeting_check', args=[meeting.pk])}")
    into_main(page)
    assert_accessible(page)
    for _ in range(2):
        tab_to(page, "main input[type=checkbox]:not(:checked)")
        press(page, "Space")
    tab_to(page, "main button[type=submit]")
    press(page, "Enter", navigates=True)
    item.refresh_from_db()
    assert item.checked_at, " ".join(page.locator("main").inner_text().split())[:600]

    # The extract, from the item page: its form typed into and sent with Enter.
    page.goto(f"{base}{item.get_absolute_url()}")
    into_main(page)
    tab_to(page, "#extract_place")
    page.keyboard.type("Joensuu")
    press(page, "Tab")
    expect_focus(page, "#extract_recipients")
    page.keyboard.type("Kehittämisjohtaja")
    press(page, "Tab")
    expect(page.get_by_role("button", name="Anna pöytäkirjanote")).to_be_focused()
    press(page, "Enter", navigates=True)
    assert Extract.objects.filter(item=item).exists(), " ".join(page.locator("main").inner_text().split())[:600]
    assert_accessible(page)


def test_portfolio_filters_and_archive_search_by_keyboard(page: Page, live_server, demo_data):
    base = live_server.url
    # The public archive: search by typing and Enter, then to a result by Tab and Enter.
    page.goto(f"{base}{reverse('archive:index')}")
    into_main(page)
    press(page, "Tab")
    expect_focus(page, "#archive-q")
    page.keyboard.type("Työkyvyn tuen")
    press(page, "Enter", navigates=True)
    assert "q=" in page.url
    assert_accessible(page)
    into_main(page)
    tab_to(page, "main a[href*='/items/']")
    press(page, "Enter", navigates=True)
    expect(page).to_have_url(re.compile(r"/archive/items/\d+/(#main)?$"))
    fresh(page)
    assert_no_keyboard_trap(page)

    # The portfolio: a filter chosen with the arrow keys, applied with Enter on "Näytä".
    login(page, live_server, "sihteeri")
    page.goto(f"{base}{reverse('budgets:portfolio')}")
    into_main(page)
    tab_to(page, "#id_state")
    press(page, "ArrowDown")
    chosen = page.locator("#id_state").input_value()
    assert chosen
    tab_to(page, "main button[type=submit]")
    press(page, "Enter", navigates=True)
    assert f"state={chosen}" in page.url
    fresh(page)
    assert_no_keyboard_trap(page)
    assert_accessible(page)
