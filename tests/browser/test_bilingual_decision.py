"""Issue 13's must-show in real Chromium: a bilingual body's secretary records an item in Finnish and
Swedish; checking the minutes is refused while the Swedish decision is missing; after publication a
public reader switches the archive to Swedish, finds the item by a Swedish word and downloads its
Swedish extract, whose text holds "Protokollsutdrag", the Swedish decision and the Swedish
rectification instructions with the last day. Every page visited, in every language, has zero axe
violations and the `lang` of the language it is in.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import Page, expect

from decisions import legal_clock
from decisions.models import AgendaItem, Attendance, Body, Meeting, Membership
from testing.browser import assert_accessible, field, login
from testing.factories import HELSINKI, BodyFactory, MeetingFactory, MembershipFactory, PersonFactory
from testing.pdf import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Ruotsinkielisen pöytäkirjanotteen käyttöönotto"
TITLE_SV = "Införande av protokollsutdrag på svenska"
PROPOSAL = "Kansalliskielilautakunta päättää ottaa ruotsinkielisen pöytäkirjanotteen käyttöön."
PROPOSAL_SV = "Nationalspråksnämnden beslutar att ta i bruk protokollsutdrag på svenska."
DECISION_SV = "Nationalspråksnämnden beslutade att ta i bruk protokollsutdrag på svenska från och med i dag."


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def bilingual_meeting(django_user_model) -> Meeting:
    """A bilingual body with its secretary (user "sekreterare") and members, and a planned meeting today."""
    body = BodyFactory(
        name="Kansalliskielilautakunta", name_sv="Nationalspråksnämnden", language=Body.Language.BILINGUAL
    )
    user = django_user_model.objects.create_user(username="sekreterare", password="demo")
    secretary = PersonFactory(first_name="Sofia", last_name="Lindqvist", title="Hallintosihteeri", user=user)
    MembershipFactory(person=secretary, body=body, role=Membership.Role.SECRETARY, start_date=dt.date(2020, 1, 1))
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0).astimezone(HELSINKI)
    meeting = MeetingFactory(body=body, year=start.year, number=1, start=start, state=Meeting.State.PLANNED)
    for first, last in (("Karl", "Sundström"), ("Eeva", "Nyberg"), ("Johan", "Holmberg")):
        member = PersonFactory(first_name=first, last_name=last)
        MembershipFactory(person=member, body=body, start_date=dt.date(2020, 1, 1))
        Attendance.objects.create(meeting=meeting, person=member, capacity=Attendance.Capacity.MEMBER)
    return meeting


def visit(page: Page, url: str, language: str = "fi") -> None:
    page.goto(url)
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)


def submit(page: Page, name: str, language: str = "fi") -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)


def test_a_bilingual_decision_from_the_secretary_to_the_swedish_reader(page: Page, live_server, bilingual_meeting):
    base, meeting = live_server.url, bilingual_meeting
    meeting_url = f"{base}/meetings/{meeting.pk}/"
    login(page, live_server, "sekreterare", "demo")

    # The item on the agenda, then its Swedish texts beside the Finnish ones.
    visit(page, f"{base}/meetings/{meeting.pk}/items/new/")
    field(page, "Otsikko").fill(TITLE)
    field(page, "Päätösehdotus").fill(PROPOSAL)
    field(page, "Sovellettava lainkohta").fill("Hyvinvointialuelaki 141 §")
    submit(page, "Lisää asia")
    item = AgendaItem.objects.get(title=TITLE)

    visit(page, f"{base}/items/{item.pk}/edit/")
    expect(field(page, "Otsikko (ruotsiksi)")).to_have_attribute("lang", "sv")
    expect(field(page, "Otsikko (suomeksi)")).to_have_value(TITLE)
    field(page, "Otsikko (ruotsiksi)").fill(TITLE_SV)
    field(page, "Päätösehdotus (ruotsiksi)").fill(PROPOSAL_SV)
    submit(page, "Tallenna")
    item.refresh_from_db()
    assert (item.title_sv, item.proposal_sv) == (TITLE_SV, PROPOSAL_SV)

    # The agenda published and the meeting held; the decision recorded in Finnish only.
    visit(page, meeting_url)
    submit(page, "Julkaise esityslista")
    submit(page, "Merkitse kokous pidetyksi")
    visit(page, f"{base}/items/{item.pk}/decision/")
    field(page, "Päätöksen laatu").select_option("passed")
    field(page, "Päätös (ruotsiksi)").fill("")
    submit(page, "Tallenna päätös")

    # Checking is refused while the Swedish decision is missing, and nothing is checked.
    visit(page, f"{base}/meetings/{meeting.pk}/check/")
    expect(page.get_by_text("Päätös (ruotsiksi)").or_(page.get_by_text("päätös (ruotsiksi)")).first).to_be_visible()
    page.get_by_label("Karl Sundström").check()
    page.get_by_label("Eeva Nyberg").check()
    submit(page, "Merkitse tarkastetuksi")
    expect(page.locator("main")).to_contain_text("ruotsiksi")
    item.refresh_from_db()
    assert item.checked_at is None

    # The Swedish decision recorded: now the minutes are checked and published.
    visit(page, f"{base}/items/{item.pk}/decision/")
    field(page, "Päätös (ruotsiksi)").fill(DECISION_SV)
    submit(page, "Tallenna päätös")
    visit(page, f"{base}/meetings/{meeting.pk}/check/")
    page.get_by_label("Karl Sundström").check()
    page.get_by_label("Eeva Nyberg").check()
    submit(page, "Merkitse tarkastetuksi")
    item.refresh_from_db()
    assert item.checked_at is not None
    visit(page, f"{base}/meetings/{meeting.pk}/publish/")
    submit(page, "Julkaise")
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.PUBLISHED

    # A public reader, in a browser of their own, switches the archive to Swedish.
    reader = page.context.browser.new_context(locale="fi-FI").new_page()
    visit(reader, f"{base}/fi/archive/")
    submit(reader, "svenska", language="sv")
    expect(reader).to_have_url(re.compile(r"/sv/arkiv/$"))

    # A Swedish word form finds the item; its page is in Swedish with a link to the Finnish version.
    reader.get_by_role("searchbox").fill("protokollsutdraget")
    submit(reader, "Sök", language="sv")
    reader.get_by_role("link", name=TITLE_SV).click()
    reader.wait_for_load_state()
    expect(reader.locator("html")).to_have_attribute("lang", "sv")
    assert_accessible(reader)
    expect(reader.locator("main")).to_contain_text(DECISION_SV)
    expect(reader.locator("a[hreflang='fi']").first).to_be_visible()

    # The Swedish extract: its document type, the Swedish decision, the rectification instructions
    # in Swedish with the last day.
    href = reader.locator("a[href$='.pdf'][hreflang='sv']").first.get_attribute("href")
    response = reader.request.get(href if href.startswith("http") else f"{base}{href}")
    assert response.status == 200
    text = pdf_text(response.body())
    last_day = legal_clock.deadline("web_publication", meeting.minutes_published_on).last_day
    with translation.override("sv"):
        last_day_text = formats.date_format(last_day, "j.n.Y")
    for expected in ("PROTOKOLLSUTDRAG", TITLE_SV, DECISION_SV, "RÄTTELSEANVISNING", last_day_text):
        assert expected in text, f"{expected!r} missing from the Swedish extract:\n{text}"
    for finnish in ("PÖYTÄKIRJANOTE", "OIKAISUVAATIMUSOHJE", PROPOSAL):
        assert finnish not in text

    # The same reader in English reads the archive with lang="en" and no violations.
    visit(reader, f"{base}/en/archive/", language="en")
    reader.context.close()
