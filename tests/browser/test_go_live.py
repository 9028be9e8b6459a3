"""A county goes live mid-year, in Chromium, from an empty database with only an administrator account
(issue "Go-live"): the administrator creates the county board, continues its § count from 100 and its
meeting numbers from 6, imports its people from a CSV file, adds a funding call, writes a three-year
ESR+ project with a 40 % flat rate on staff costs and two co-funders, and runs the board's June-style
meeting: attendance, the project's § with a public and a secret attachment, a disqualification, two
votes, the decision passed as amended after a vote with a condition and a delegation, the check, the
publication and an issued extract. No page is under /admin/, every page passes axe-core's WCAG 2.1 A
and AA rules, and the PDFs print § 101, both facts of the resolution, € with every amount and the
flat-rate line."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Page, expect

from decisions.models import AgendaItem, Attachment, Body, DecisionCondition, Delegation, Extract, Person
from hankehallinta.pdf import html_to_pdf
from projects.models import Project
from testing.browser import add_row, assert_accessible, field, login
from testing.pdf import pdf_text
from testing.pdf_urls import pdf_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NBSP = "\u00a0"
PASSWORD = "Hallinto-salasana-2026"
BOARD = "Aluehallitus"
PROJECT = "Osallisuuden ESR+-hanke"
PROPOSAL = "Aluehallitus hyväksyy Osallisuuden ESR+-hankkeen hakemuksen."
AMENDED = "Aluehallitus hyväksyy Osallisuuden ESR+-hankkeen hakemuksen ja rajaa hankkeen kolmeen vuoteen."
CONDITION = "Omarahoitusosuus varataan vuosien 2027 ja 2028 talousarvioihin."
DELEGATION = "hyväksymään rahoittajan edellyttämät vähäiset muutokset hakemukseen"

# The board's people, as the county's HR export writes them: semicolons, Finnish dates, a BOM.
PEOPLE_CSV = """\ufeffnimi;nimike;sähköposti;rooli;alkaa;päättyy
Aino Aaltonen;aluehallituksen puheenjohtaja;aino.aaltonen@example.fi;puheenjohtaja;1.6.2025;
Eero Eskola;aluevaltuutettu;eero.eskola@example.fi;jäsen;1.6.2025;
Liisa Lehto;aluevaltuutettu;liisa.lehto@example.fi;jäsen;1.6.2025;
Matti Mäki;aluevaltuutettu;matti.maki@example.fi;jäsen;1.6.2025;
Outi Oksanen;aluevaltuutettu;outi.oksanen@example.fi;jäsen;1.6.2025;
Sanna Salo;hallintojohtaja;sanna.salo@example.fi;sihteeri;1.6.2025;
Heikki Hirvonen;hyvinvointialuejohtaja;heikki.hirvonen@example.fi;esittelijä;1.6.2025;
"""
MEMBERS = ["Aaltonen", "Eskola", "Lehto", "Mäki", "Oksanen"]

# Three budget years: staff costs, and 40 % of them as the flat rate; financed 75 % by ESR+, 15 % by the
# municipalities and 10 % by the county.
STAFF = {"2026": "50 000", "2027": "60 000", "2028": "40 000"}
FINANCING = [
    ("applied", "2026", "52 500", "Etelä-Savon ELY-keskus"),
    ("municipal", "2026", "10 500", "Jäsenkunnat"),
    ("own", "2026", "7 000", ""),
    ("applied", "2027", "63 000", "Etelä-Savon ELY-keskus"),
    ("municipal", "2027", "12 600", "Jäsenkunnat"),
    ("own", "2027", "8 400", ""),
    ("applied", "2028", "42 000", "Etelä-Savon ELY-keskus"),
    ("municipal", "2028", "8 400", "Jäsenkunnat"),
    ("own", "2028", "5 600", ""),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def administrator(transactional_db):
    return get_user_model().objects.create_superuser("paakayttaja", "paakayttaja@example.fi", PASSWORD)


class Visits:
    """Every page the test opens: each passes axe, and none is the admin site."""

    def __init__(self, page: Page, base: str) -> None:
        self.page, self.base, self.urls = page, base, []

    def check(self) -> None:
        self.page.wait_for_load_state()
        assert "/admin/" not in self.page.url, self.page.url
        self.urls.append(self.page.url)
        assert_accessible(self.page)

    def go(self, path: str) -> None:
        self.page.goto(path if path.startswith("http") else self.base + path)
        self.check()

    def click_link(self, name: str, scope=None) -> None:
        (scope or self.page).get_by_role("link", name=name, exact=True).first.click()
        self.check()

    def submit(self, name: str, scope=None) -> None:
        with self.page.expect_navigation():
            (scope or self.page).get_by_role("button", name=name, exact=True).click()
        self.check()


def download(page: Page, base: str, href: str) -> bytes:
    response = page.request.get(href if href.startswith("http") else base + href)
    assert response.status == 200, (href, response.status)
    return response.body()


def set_up_the_board(visits: Visits, tmp_path) -> Body:
    page = visits.page
    visits.click_link("Toimielimet", scope=page.locator("nav"))
    visits.click_link("Uusi toimielin")
    field(page, "Nimi").fill(BOARD)
    field(page, "Tyyppi").select_option("board")
    field(page, "Organisaatio").fill("Etelä-Savon hyvinvointialue")
    visits.submit("Luo toimielin")
    body = Body.objects.get(name=BOARD)
    assert page.url.endswith(body.get_absolute_url())

    year = timezone.localdate().year
    visits.go(f"/bodies/{body.pk}/numbering/?year={year}")
    field(page, "Vuoden ensimmäinen pykälä").fill("101")
    field(page, "Vuoden ensimmäisen kokouksen numero").fill("7")
    visits.submit("Tallenna")

    csv = tmp_path / "aluehallitus.csv"
    csv.write_bytes(PEOPLE_CSV.encode("utf-8"))
    visits.go(f"/bodies/{body.pk}/people/import/")
    page.locator("input[type=file]").set_input_files(str(csv))
    visits.submit("Esikatsele tiedosto")
    expect(page.locator("main")).to_contain_text("Eero Eskola")
    assert not Person.objects.filter(last_name="Eskola").exists()  # nothing before the confirmation
    visits.submit("Vahvista ja tallenna")
    assert body.memberships.count() == len(PEOPLE_CSV.strip().splitlines()) - 1
    return body


def add_the_funding_call(visits: Visits) -> None:
    visits.go("/projects/calls/new/")
    page = visits.page
    field(page, "Rahoittaja").fill("Etelä-Savon ELY-keskus")
    field(page, "Haun nimi").fill("ESR+ Osallisuus 2026")
    field(page, "Enimmäistukiosuus").fill("75 %")
    visits.submit("Tallenna")


def write_the_project(visits: Visits) -> Project:
    page = visits.page
    visits.go("/projects/new/")
    page.fill("#id_title", PROJECT)
    page.fill("#id_owning_unit", "Kehittämisyksikkö")
    page.fill("#id_manager", "Tiina Korhonen")
    page.fill("#id_start_date", "1.1.2026")
    page.fill("#id_end_date", "31.12.2028")
    call = page.locator("#id_funding_call option", has_text="ESR+ Osallisuus 2026")
    page.select_option("#id_funding_call", call.first.get_attribute("value"))
    page.fill("#id_objectives-0-text", "Osallisuus vahvistuu")
    row = 0
    for year, amount in STAFF.items():
        if row:
            add_row(page, "budget")
        page.select_option(f"#id_budget-{row}-category", "staff")
        page.fill(f"#id_budget-{row}-year", year)
        page.fill(f"#id_budget-{row}-amount", amount)
        add_row(page, "budget")
        page.select_option(f"#id_budget-{row + 1}-category", "flat_rate")
        page.fill(f"#id_budget-{row + 1}-year", year)
        page.fill(f"#id_budget-{row + 1}-flat_rate", "40")
        row += 2
    for index, (source, year, amount, funder) in enumerate(FINANCING):
        if index:
            add_row(page, "financing")
        page.select_option(f"#id_financing-{index}-source", source)
        page.fill(f"#id_financing-{index}-year", year)
        page.fill(f"#id_financing-{index}-amount", amount)
        if funder:
            page.fill(f"#id_financing-{index}-funder_name", funder)
    visits.check()
    visits.submit("Tallenna")
    expect(page).to_have_url(re.compile(r"/projects/\d+/$"))
    expect(page.locator("main")).to_contain_text(f"24{NBSP}000,00")  # 40 % of 60 000 €
    return Project.objects.get(title=PROJECT)


def hold_the_meeting(visits: Visits, body: Body, project: Project, tmp_path) -> AgendaItem:
    page = visits.page
    today = timezone.localdate()
    visits.go(body.get_absolute_url())
    visits.click_link("Uusi kokous")
    field(page, "Alkaa").fill(f"{today:%d.%m.%Y} 09:00")
    field(page, "Paikka").fill("Hallintokeskus, Mikkeli")
    visits.submit("Luo kokous")
    expect(page).to_have_url(re.compile(r"/meetings/\d+/$"))
    meeting_url = page.url
    expect(page.locator("h1")).to_contain_text(f"7/{today.year}")

    visits.click_link("Kirjaa läsnäolijat")
    visits.submit("Tallenna läsnäolijat")

    visits.click_link("Lisää asia esityslistalle")
    field(page, "Otsikko").fill("Osallisuuden ESR+-hankkeen hakemus")
    field(page, "Diaarinumero").fill("ESHVA/101/02.08.00/2026")
    field(page, "Päätösehdotus").fill(PROPOSAL)
    field(page, "Hanke").select_option(label=PROJECT)
    field(page, "Sovellettava lainkohta").fill("Hyvinvointialuelaki 141 §")
    visits.submit("Lisää asia")
    item = AgendaItem.objects.get(title="Osallisuuden ESR+-hankkeen hakemus")

    for number, title, public in ((1, "Hankesuunnitelma", True), (2, "Henkilöstön palkkatiedot", False)):
        document = tmp_path / f"liite{number}.pdf"
        document.write_bytes(pdf_bytes(title))
        visits.go(f"/items/{item.pk}/attachments/new/")
        field(page, "Liitteen numero").fill(str(number))
        field(page, "Liitteen otsikko").fill(title)
        page.locator("input[type=file]").set_input_files(str(document))
        field(page, "Julkinen").set_checked(public)
        if not public:
            field(page, "Salassapitoperuste").fill("JulkL 24.1 § 32 k.")
        visits.submit("Lisää liite")

    visits.go(meeting_url)
    visits.submit("Julkaise esityslista")
    visits.submit("Merkitse kokous pidetyksi")
    item.refresh_from_db()
    assert item.section == 101
    return item


def pdf_bytes(title: str) -> bytes:
    """A small real PDF to upload (uploads are accepted by their content)."""
    return html_to_pdf(pdf_document(title))


def open_form(page: Page, summary: str):
    details = page.locator("details", has=page.locator("summary", has_text=summary)).first
    details.locator("summary").click()
    return details


def person(last_name: str) -> Person:
    return Person.objects.get(last_name=last_name)


def decide(visits: Visits, item: AgendaItem) -> None:
    """Mäki is disqualified and leaves; Eskola's counter-proposal wins the vote: passed as amended after
    a vote, with a condition and a delegation."""
    page = visits.page
    visits.go(f"/items/{item.pk}/decision/")

    form = open_form(page, "Esteellisyys")
    form.locator("#id_disqualification-person").select_option(str(person("Mäki").pk))
    form.locator("#id_disqualification-ground").select_option("organisation")
    form.locator("#id_disqualification-left_room").check()
    visits.submit("Lisää", scope=form)

    form = open_form(page, "Ehdotus ja kannatus")
    form.locator("#id_motion-proposer").select_option(str(person("Eskola").pk))
    form.locator("#id_motion-text").fill("Hanke rajataan kolmeen vuoteen.")
    form.locator("#id_motion-seconder").select_option(str(person("Lehto").pk))
    form.locator("#id_motion-outcome").select_option("adopted")
    visits.submit("Lisää", scope=form)

    form = open_form(page, "Äänestys")
    # The disqualified member is offered no vote, and the form says why; nothing is preselected.
    assert form.locator(f"input[name='vote-ballot_{person('Mäki').pk}']").count() == 0
    expect(form.locator(".vote-not-voting")).to_contain_text("Mäki")
    assert form.locator("input[type=radio]:checked").count() == 0
    form.locator("#id_vote-question").fill("Päätösehdotus JAA, Eero Eskolan ehdotus EI")
    form.locator("#id_vote-yes_option").fill("päätösehdotus")
    form.locator("#id_vote-no_option").fill("Eero Eskolan ehdotus")
    positions = {"Aaltonen": "yes", "Eskola": "no", "Lehto": "no", "Oksanen": "no"}
    for last_name, position in positions.items():
        form.locator(f"input[name='vote-ballot_{person(last_name).pk}'][value='{position}']").check()
    expect(form.locator("[aria-live]").first).to_contain_text("3")
    visits.submit("Lisää", scope=form)

    page.locator("#id_resolution").select_option("passed")
    page.locator("#id_after_vote").check()
    page.locator("#id_amended").check()
    page.locator("#id_decision").fill(AMENDED)
    visits.submit("Tallenna päätös")

    form = open_form(page, "Lisää ehto")
    form.locator("#id_condition-text").fill(CONDITION)
    form.locator("#id_condition-due_date").fill("31.12.2026")
    form.locator("#id_condition-responsible").fill("talousjohtaja")
    visits.submit("Lisää", scope=form)
    form = open_form(page, "Lisää valtuutus")
    form.locator("#id_delegation-delegate").fill("kehittämisjohtaja")
    form.locator("#id_delegation-scope").fill(DELEGATION)
    visits.submit("Lisää", scope=form)
    assert DecisionCondition.objects.filter(item=item, text=CONDITION, responsible="talousjohtaja").exists()
    assert Delegation.objects.filter(item=item, delegate="kehittämisjohtaja").exists()


def check_publish_and_issue(visits: Visits, item: AgendaItem) -> bytes:
    page = visits.page
    visits.go(item.meeting.get_absolute_url())
    visits.click_link("Kirjaa pöytäkirjan tarkastus")
    page.get_by_label(re.compile(r"^\s*Eero Eskola")).check()
    page.get_by_label(re.compile(r"^\s*Liisa Lehto")).check()
    visits.submit("Merkitse tarkastetuksi")
    visits.click_link("Julkaise pöytäkirja")
    visits.submit("Julkaise")

    visits.go(item.get_absolute_url())
    expect(field(page, "Paikka")).to_have_value(settings.PDF_PLACE)  # the configured place, not asked again
    field(page, "Oikeaksi todistajan nimi").fill("Sanna Salo")
    field(page, "Oikeaksi todistajan virkanimike").fill("hallintojohtaja")
    field(page, "Jakelu").fill("Kehittämisjohtaja")
    visits.submit("Anna pöytäkirjanote")
    extract = Extract.objects.get(item=item)
    body = download(page, visits.base, page.locator("a[href$='/extract.pdf']").first.get_attribute("href"))
    assert body == extract.pdf.read()
    return body


def test_a_county_goes_live_mid_year_without_the_admin(page: Page, live_server, administrator, tmp_path):
    page.set_default_timeout(10_000)
    visits = Visits(page, live_server.url)
    login(page, live_server, "paakayttaja", PASSWORD)
    visits.check()

    body = set_up_the_board(visits, tmp_path)
    add_the_funding_call(visits)
    project = write_the_project(visits)
    item = hold_the_meeting(visits, body, project, tmp_path)
    decide(visits, item)
    extract = pdf_text(check_publish_and_issue(visits, item))

    for expected in ("§ 101", AMENDED, "Hyväksytty muutettuna äänestyksen jälkeen", CONDITION, DELEGATION):
        assert expected in extract, f"{expected!r} missing from the extract:\n{extract}"
    assert "Henkilöstön palkkatiedot" not in extract  # the secret attachment's title is not disclosed

    minutes = pdf_text(download(page, visits.base, f"/meetings/{item.meeting_id}/minutes.pdf"))
    assert "§ 101" in minutes
    assert "Hyväksytty muutettuna äänestyksen jälkeen" in minutes

    funding = pdf_text(download(page, visits.base, f"/projects/{project.pk}/funding.pdf"))
    assert "(40 % henkilöstökustannuksista)" in funding.replace(NBSP, " ")
    for amount in ("24 000,00 €", "84 000,00 €", "210 000,00 €", "157 500,00 €"):
        assert amount in funding.replace(NBSP, " "), f"{amount!r} missing from the funding PDF:\n{funding}"

    # The attachments open for the administrator; the public one also from the archive, the secret one never.
    public, secret = Attachment.objects.filter(item=item).order_by("number")
    assert page.request.get(f"{visits.base}/attachments/{secret.pk}/").status == 200
    page.context.clear_cookies()
    assert page.request.get(f"{visits.base}/archive/attachments/{public.pk}/").status == 200
    assert page.request.get(f"{visits.base}/archive/attachments/{secret.pk}/").status == 404
    assert not [url for url in visits.urls if "/admin/" in url]
