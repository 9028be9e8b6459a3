"""The vote form in Chromium with fourteen voting members: one compact row per member, no ballot for
the disqualified one, the running tally follows the clicks (and the keyboard), and the page passes
axe (WCAG 2.1 A and AA) under the content security policy."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from decisions.models import Attendance, Disqualification, Vote
from testing.browser import assert_accessible, login
from testing.factories import AttendanceFactory, PersonFactory
from testing.meeting_day import meeting_day

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "aanestys-salasana-1"
#: Where a screenshot of the form is written when VOTE_SCREENSHOT names a directory (for a look by eye).
SCREENSHOTS = os.environ.get("VOTE_SCREENSHOT", "")


def tally(page: Page) -> dict[str, str]:
    cells = page.locator("[data-vote-tally] [data-tally]")
    return {cell.get_attribute("data-tally"): cell.inner_text() for cell in cells.all()}


def test_tally_follows_the_clicks_on_a_compact_form_of_fourteen(page: Page, live_server, body, secretary):
    secretary.set_password(PASSWORD)
    secretary.save()
    day = meeting_day(body)
    for number in range(11):
        person = PersonFactory(first_name=f"Jäsen{number + 10}", last_name=f"Valtuutettu{number:02}")
        AttendanceFactory(meeting=day.meeting, person=person, capacity=Attendance.Capacity.MEMBER)
    disqualified = day.members[2]
    Disqualification.objects.create(item=day.first, person=disqualified, ground=Disqualification.Ground.RELATIVE)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    login(page, live_server, "sihteeri", PASSWORD)
    page.goto(f"{live_server.url}/items/{day.first.pk}/decision/")
    page.locator("summary", has_text="Äänestys").click()
    form = page.locator("form[data-vote-form]")
    rows = form.locator("tr[data-ballot-row]")

    expect(rows).to_have_count(14)  # chair, 3 members, 11 more, less the disqualified one
    expect(form.locator(f"input[name='vote-ballot_{disqualified.pk}']")).to_have_count(0)
    expect(form.locator(".vote-not-voting")).to_contain_text(f"{disqualified.full_name}: jäävi")
    expect(form.locator("input[type=radio]:checked")).to_have_count(0)
    row_heights = rows.evaluate_all("rows => rows.map(row => row.getBoundingClientRect().height)")
    assert max(row_heights) < 60, row_heights  # one line per member, the four choices across
    table_height = form.locator("table").bounding_box()["height"]
    assert table_height < 800, table_height  # not 14 x 4 stacked radio buttons
    assert tally(page) == {"yes": "0", "no": "0", "abstain": "0", "absent": "0", "unset": "14"}
    expect(form.locator("[data-vote-tally]")).to_have_attribute("aria-live", "polite")

    for index in range(14):
        position = ("yes", "yes", "no", "abstain", "absent")[index % 5] if index < 13 else "no"
        rows.nth(index).locator(f"input[value='{position}']").check()
    assert tally(page) == {"yes": "6", "no": "4", "abstain": "2", "absent": "2", "unset": "0"}

    # The keyboard: an arrow key moves the first member's choice from JAA to EI, and the tally follows.
    first = rows.nth(0).locator("input[value='yes']")
    first.focus()
    page.keyboard.press("ArrowRight")
    expect(rows.nth(0).locator("input[value='no']")).to_be_checked()
    assert tally(page) == {"yes": "5", "no": "5", "abstain": "2", "absent": "2", "unset": "0"}
    assert_accessible(page)
    if SCREENSHOTS:
        form.screenshot(path=str(Path(SCREENSHOTS) / "vote-form.png"))
        page.screenshot(path=str(Path(SCREENSHOTS) / "decision-page.png"), full_page=True)

    form.get_by_label("Äänestysesitys").fill("Päätösehdotus JAA, muutosehdotus EI")
    form.get_by_label("JAA tarkoittaa").fill("päätösehdotus")
    form.get_by_label("EI tarkoittaa").fill("muutosehdotus")
    with page.expect_navigation():
        form.get_by_role("button", name="Lisää").click()
    vote = Vote.objects.get(item=day.first)
    assert vote.counts() == {"yes": 5, "no": 5, "abstain": 2, "absent": 2}
    assert vote.result == "Äänten mennessä tasan puheenjohtajan ääni ratkaisi; voitti muutosehdotus."
    assert not [error for error in errors if "Content Security Policy" in error or "Refused" in error], errors
