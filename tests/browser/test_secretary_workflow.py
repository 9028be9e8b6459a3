"""Issue 4's end-to-end path in real Chromium: the secretary creates a meeting, records attendance,
adds two items, records the decisions (one passed as amended after a vote, with a disqualification),
marks the minutes checked, publishes them, issues the extract of the amended § and downloads it.
Every page visited passes axe-core's WCAG 2.1 A and AA rules."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from decisions import legal_clock
from decisions.models import AgendaItem, Extract, Person
from testing.browser import assert_accessible, field, login
from testing.pdf import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROPOSAL = "Tulevaisuuslautakunta päättää hyväksyä Etäkuntoutus-hankkeen hankehakemuksen."
AMENDED = (
    "Tulevaisuuslautakunta päättää hyväksyä Etäkuntoutus-hankkeen hankehakemuksen "
    "sillä ehdolla, että hanke kestää kaksi vuotta."
)
MOTION = "Hankkeen kesto rajataan kahteen vuoteen."


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def visit(page: Page, url: str) -> None:
    page.goto(url)
    assert_accessible(page)


def submit(page: Page, name: str, scope=None) -> None:
    with page.expect_navigation():
        (scope or page).get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()
    assert_accessible(page)


def add_item(page: Page, title: str, proposal: str, register_number: str) -> None:
    page.get_by_role("link", name="Lisää asia esityslistalle").click()
    page.wait_for_load_state()
    assert_accessible(page)
    field(page, "Otsikko").fill(title)
    field(page, "Diaarinumero").fill(register_number)
    field(page, "Päätösehdotus").fill(proposal)
    field(page, "Sovellettava lainkohta").fill("Hyvinvointialuelaki 141 §")
    submit(page, "Lisää asia")


def open_handling_form(page: Page, summary: str):
    details = page.locator("details", has=page.locator("summary", has_text=summary))
    details.locator("summary").click()
    return details


def test_secretary_records_checks_and_issues_an_extract(page: Page, live_server, demo_data):
    base = live_server.url
    today = timezone.localdate()
    login(page, live_server, "sihteeri")

    # A new meeting of the body, today.
    visit(page, f"{base}/meetings/new/")
    body_select = field(page, "Toimielin")
    if body_select.count() and body_select.is_visible():
        body_select.select_option(label="Tulevaisuuslautakunta")
    field(page, "Alkaa").fill(f"{today:%d.%m.%Y} 09:00")
    field(page, "Paikka").fill("Siun soten hallintorakennus, Joensuu")
    submit(page, "Luo kokous")
    expect(page).to_have_url(re.compile(r"/meetings/\d+/$"))
    meeting_url = page.url

    # Attendance: the body's members and officials, prefilled as present.
    page.get_by_role("link", name="Kirjaa läsnäolijat").click()
    page.wait_for_load_state()
    assert_accessible(page)
    submit(page, "Tallenna läsnäolijat")

    # Two items on the agenda, then the agenda published (the § are numbered) and the meeting held.
    add_item(page, "Etäkuntoutus-hankkeen hankehakemus", PROPOSAL, "SIUN/777/02.08.00/2026")
    page.goto(meeting_url)
    add_item(page, "Ilmoitusasiat", "Merkitään tiedoksi saapuneet kirjeet.", "SIUN/778/00.01.00/2026")
    page.goto(meeting_url)
    submit(page, "Julkaise esityslista")
    submit(page, "Merkitse kokous pidetyksi")

    first = AgendaItem.objects.get(title="Etäkuntoutus-hankkeen hankehakemus")
    assert first.section is not None

    # § 1: a disqualification, a seconded counter-motion, a vote, and the decision passed as amended.
    page.get_by_role("link", name="Etäkuntoutus-hankkeen hankehakemus", exact=True).click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name="Kirjaa päätös ja käsittely").click()
    page.wait_for_load_state()
    assert_accessible(page)
    expect(field(page, "Päätös")).to_have_value(PROPOSAL)

    form = open_handling_form(page, "Esteellisyys")
    field(form, "Esteellinen henkilö").select_option(label="Minna Hirvonen")
    field(form, "Esteellisyysperuste (hallintolaki 28 §)").select_option("relative")
    submit(page, "Lisää", scope=form)

    form = open_handling_form(page, "Ehdotus ja kannatus")
    field(form, "Ehdottaja").select_option(label="Pekka Turunen")
    field(form, "Ehdotus").fill(MOTION)
    field(form, "Kannattaja").select_option(label="Sari Kettunen")
    field(form, "Ehdotuksen käsittely").select_option("adopted")
    submit(page, "Lisää", scope=form)

    form = open_handling_form(page, "Äänestys")
    field(form, "Äänestysesitys").fill("Päätösehdotus JAA, Pekka Turusen ehdotus EI")
    field(form, "JAA tarkoittaa").fill("päätösehdotus")
    field(form, "EI tarkoittaa").fill("Pekka Turusen ehdotus")
    field(form, "Äänestyksen tulos").fill("Pekka Turusen ehdotus voitti äänin 3–2.")
    # The disqualified member gets no ballot; nothing is preselected, so every other row is chosen.
    disqualified = Person.objects.get(last_name="Hirvonen")
    expect(form.locator(f"input[name='vote-ballot_{disqualified.pk}']")).to_have_count(0)
    expect(form.locator(".vote-not-voting")).to_contain_text("Minna Hirvonen")
    positions = {"Turunen": "no", "Kettunen": "no", "Ruotsalainen": "no"}
    for row in form.locator("tr[data-ballot-row]").all():
        name = row.locator("th").inner_text()
        position = next((p for last_name, p in positions.items() if last_name in name), "yes")
        row.locator(f"input[value='{position}']").check()
    submit(page, "Lisää", scope=form)

    field(page, "Päätöksen laatu").select_option("passed")
    page.locator("input[name='after_vote']").check()
    page.locator("input[name='amended']").check()
    field(page, "Päätös").fill(AMENDED)
    submit(page, "Tallenna päätös")
    expect(page.locator("ins").first).to_contain_text("sillä ehdolla")

    # § 2: passed unchanged.
    second = AgendaItem.objects.get(title="Ilmoitusasiat")
    visit(page, f"{base}/items/{second.pk}/decision/")
    field(page, "Päätöksen laatu").select_option("noted")
    submit(page, "Tallenna päätös")

    # The minutes checked (the whole meeting), then published on the web.
    page.goto(meeting_url)
    page.get_by_role("link", name="Kirjaa pöytäkirjan tarkastus").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Jari Karppinen").check()
    page.get_by_label("Sari Kettunen").check()
    submit(page, "Merkitse tarkastetuksi")
    page.get_by_role("link", name="Julkaise pöytäkirja").click()
    page.wait_for_load_state()
    assert_accessible(page)
    submit(page, "Julkaise")

    # The extract issued from the item page, then downloaded.
    visit(page, f"{base}/items/{first.pk}/")
    field(page, "Paikka").fill("Joensuu")
    field(page, "Jakelu").fill("Kehittämisjohtaja")
    submit(page, "Anna pöytäkirjanote")
    link = page.locator("a[href$='/extract.pdf']").first
    href = link.get_attribute("href")
    response = page.request.get(href if href.startswith("http") else f"{base}{href}")
    assert response.status == 200
    body = response.body()
    extract = Extract.objects.get(item=first)
    assert body == extract.pdf.read()

    text = pdf_text(body)
    last_day = legal_clock.deadline("web_publication", today).last_day
    for expected in (
        "PÖYTÄKIRJANOTE",
        f"§ {first.section}",
        PROPOSAL,
        AMENDED,
        "Äänestysesitys: Päätösehdotus JAA, Pekka Turusen ehdotus EI",
        "EI 3",
        "Minna Hirvonen ilmoitti olevansa esteellinen",
        "28 § 1 mom. 2 k.",
        "poistui kokoushuoneesta",
        "Pekka Turunen ehdotti",
        "Sari Kettunen kannatti ehdotusta.",
        "OIKAISUVAATIMUSOHJE",
        f"{last_day.day}.{last_day.month}.{last_day.year} klo 15.00",
        "Pöytäkirjanotteen oikeaksi todistaa",
        "Sanna Sihvonen",
    ):
        assert expected in text, f"{expected!r} missing from the extract:\n{text}"
    assert "LUONNOS" not in text
