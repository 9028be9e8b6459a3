"""A funded project's follow-up, end to end in Chromium (issue 12): the development director imports the
county's ledger export of three hundred rows (a malformed amount, a repeated row and an unknown account
each reported by its line in the preview, nothing written before the confirmation), maps the unknown
account, sees actual against plan on the project page, drafts and sends the second payment claim, whose
amount equals the figure computed here by hand to the cent (40 % flat rate on the actual staff costs,
75 % aid rate, the first claim deducted), records its payment, files an interim report with an
indicator value, and downloads the claim PDF, whose text holds the figures in Finnish format. Every
page passes axe-core's WCAG 2.1 A and AA rules.

The test finds links by their address and buttons by their form, and checks figures and row numbers
rather than wording, so that it holds whether the follow-up's texts show in Finnish or (before the
catalogue has them) in English.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import Page, expect

from budgets.models import BudgetLine, FinancingLine
from followup.models import ActualCost, LedgerImport, PaymentClaim, Report
from followup.services.claims import draft_claim, send_claim
from hankehallinta.permissions import GROUP_DEVELOPMENT_DIRECTOR
from projects.models import Project
from testing.browser import LOGIN_PATH, assert_accessible, login
from testing.factories import (
    AccountMappingFactory,
    ActualCostFactory,
    BudgetLineFactory,
    FinancingLineFactory,
    FundingCallFactory,
    IndicatorFactory,
    ObjectiveFactory,
    ProjectFactory,
)
from testing.ledger_files import ACCOUNTS, MALFORMED_AMOUNT, UNKNOWN_ACCOUNT, finnish_amount, finnish_ledger
from testing.pdf import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

D = Decimal
CENT = D("0.01")
NBSP = "\u00a0"
PASSWORD = "Kehitys-salasana-2026"
TITLE = "Osallisuuden ESR+-hanke"
AID_RATE = D("0.7500")
FLAT_RATE = D("0.4000")
GRANTED = D("227250.00")  # 75 % of the budget's 303 000 €

# 2024 was claimed already (claim 1): its costs were entered by hand.
STAFF_2024, SERVICES_2024 = D("41234.57"), D("7890.13")
# The ledger file covers the first half of 2025 (claim 2). The unknown account's amount makes the aid
# fall on half a cent, so rounding half up (the funders' way) and half even differ.
PERIOD = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
LEDGER = finnish_ledger(rows=300, start=PERIOD[0], end=PERIOD[1], unknown="500,04")


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def eur(amount: Decimal) -> str:
    """Decimal("1234.5") -> "1 234,50 €" as pypdf reads it (spaces folded); the pages use no-break spaces."""
    return f"{finnish_amount(amount)} €"


def on_page(text: str) -> str:
    return text.replace(" ", NBSP)


@pytest.fixture
def director(transactional_db) -> User:
    user = User.objects.create_user("kehittamisjohtaja", password=PASSWORD, first_name="Kaisa", last_name="Kehittäjä")
    user.groups.add(Group.objects.get_or_create(name=GROUP_DEVELOPMENT_DIRECTOR)[0])
    return user


@pytest.fixture
def project(director) -> Project:
    """In progress after the funder's decision (227 250 € at 75 %); a budget of staff and services in
    2024 and 2025 with a 40 % flat rate on staff; one objective with a counted indicator; the ledger's
    accounts mapped but 4390; the costs of 2024 entered by hand and claimed (claim 1, sent)."""
    call = FundingCallFactory(funder="Etelä-Savon ELY-keskus", name="ESR+ Osallisuus", max_aid_rate=AID_RATE)
    project = ProjectFactory(
        title=TITLE,
        state=Project.State.IN_PROGRESS,
        funding_call=call,
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2025, 12, 31),
        granted_amount=GRANTED,
        granted_aid_rate=AID_RATE,
        funding_decision_date=dt.date(2023, 12, 15),
        funding_decision_reference="EURA-S31234",
    )
    for year, staff, services in ((2024, D("60000"), D("15000")), (2025, D("110000"), D("50000"))):
        BudgetLineFactory(project=project, year=year, amount=staff)
        BudgetLineFactory(project=project, year=year, category=BudgetLine.Category.SERVICES, amount=services)
        BudgetLineFactory(
            project=project,
            year=year,
            category=BudgetLine.Category.FLAT_RATE,
            amount=cents(staff * FLAT_RATE),
            flat_rate=FLAT_RATE,
            flat_rate_base=[BudgetLine.Category.STAFF],
        )
        cost = staff + services + staff * FLAT_RATE
        FinancingLineFactory(project=project, year=year, amount=cents(cost * AID_RATE))
        FinancingLineFactory(project=project, year=year, source=FinancingLine.Source.OWN, amount=cents(cost / 4))
    objective = ObjectiveFactory(project=project, order=1, text="Nuorten osallisuus vahvistuu")
    IndicatorFactory(objective=objective, name="Toimintaan osallistuneet nuoret", baseline="0", target="200")
    for account, category in ACCOUNTS.items():
        AccountMappingFactory(project=project, account=account, category=category)
    ActualCostFactory(project=project, date=dt.date(2024, 9, 30), amount=STAFF_2024, created_by=director)
    ActualCostFactory(
        project=project,
        date=dt.date(2024, 11, 30),
        amount=SERVICES_2024,
        category=BudgetLine.Category.SERVICES,
        created_by=director,
    )
    first = draft_claim(
        project, period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31), is_final=False, by=director
    )
    send_claim(first, by=director)
    return project


class Visits:
    """The pages the director opens: each one waits for its load and passes axe."""

    def __init__(self, page: Page, base: str) -> None:
        self.page, self.base = page, base

    def check(self) -> None:
        self.page.wait_for_load_state()
        assert_accessible(self.page)

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.check()

    def follow(self, href_end: str) -> None:
        """Click the first link in the page's main part whose address ends with `href_end`."""
        with self.page.expect_navigation():
            self.page.locator(f"main a[href$='{href_end}']").first.click()
        self.check()

    def submit(self, form_selector: str) -> None:
        with self.page.expect_navigation():
            self.page.locator(f"main {form_selector} button[type=submit]").first.click()
        self.check()


def hand_computed_claim() -> dict[str, Decimal]:
    """Claim 2 (1.1.–30.6.2025) by hand: the flat rate on the actual staff costs, the aid rate on all the
    eligible costs to the period's end, rounded once half up, and claim 1 deducted."""
    staff = LEDGER.total("4000", "4100")
    services = LEDGER.total("4300", UNKNOWN_ACCOUNT)  # 4390 mapped to services on the mapping page
    earlier_flat = cents(STAFF_2024 * FLAT_RATE)
    earlier = cents((STAFF_2024 + SERVICES_2024 + earlier_flat) * AID_RATE)
    cumulative = STAFF_2024 + SERVICES_2024 + staff + services + cents((STAFF_2024 + staff) * FLAT_RATE)
    exact_aid = cumulative * AID_RATE
    assert exact_aid.quantize(CENT, ROUND_HALF_UP) != exact_aid.quantize(CENT, ROUND_HALF_EVEN)  # a half cent
    flat = cents(staff * FLAT_RATE)
    return {
        "staff": staff,
        "services": services,
        "flat": flat,
        "period": staff + services + flat,
        "cumulative": cumulative,
        "aid": cents(exact_aid),
        "earlier": earlier,
        "claimed": cents(exact_aid) - earlier,
    }


def import_the_ledger(visits: Visits, project: Project) -> None:
    page = visits.page
    visits.follow(f"/followup/projects/{project.pk}/costs/")
    visits.follow(f"/followup/projects/{project.pk}/costs/import/")
    page.locator("#id_file").set_input_files(
        {"name": "paakirja-2025-1.csv", "mimeType": "text/csv", "buffer": LEDGER.content}
    )
    page.fill("#id_period_start", "1.1.2025")
    page.fill("#id_period_end", "30.6.2025")
    visits.submit("form.edit-form")

    # The preview reports each of the three rows by its line; nothing is written yet.
    errors = page.locator("section[aria-labelledby=row-errors-heading] li")
    expect(errors).to_have_count(1)
    expect(errors).to_contain_text(re.compile(rf"\b{LEDGER.malformed_line}\b.*{re.escape(MALFORMED_AMOUNT)}"))
    repeats = page.locator("section[aria-labelledby=repeats-heading] li")
    expect(repeats).to_have_count(1)
    expect(repeats).to_contain_text(re.compile(rf"\b{LEDGER.duplicate_line}\b\D+\b{LEDGER.duplicate_of_line}\b"))
    unmapped = page.locator("section[aria-labelledby=unmapped-heading] li")
    expect(unmapped).to_have_count(1)
    expect(unmapped).to_contain_text(re.compile(rf"\b{LEDGER.unknown_line}\b\D+{UNKNOWN_ACCOUNT}"))
    assert not LedgerImport.objects.exists() and not ActualCost.objects.exclude(ledger_import=None).exists()

    visits.submit("form:has(input[name=payload])")
    expect(page).to_have_url(re.compile(rf"/followup/projects/{project.pk}/costs/$"))
    ledger_rows = ActualCost.objects.for_project(project).exclude(ledger_import=None)
    assert ledger_rows.count() == len(LEDGER.imported) == 301
    expect(page.locator("main .alert-warning[role=status]")).to_contain_text(UNKNOWN_ACCOUNT)


def map_the_unknown_account(visits: Visits, project: Project) -> None:
    page = visits.page
    visits.follow(f"/followup/projects/{project.pk}/costs/accounts/")
    accounts = page.locator("input[name^=mapping-][name$=-account]")
    values = [accounts.nth(index).input_value() for index in range(accounts.count())]
    assert values[:4] == ["4000", "4100", "4300", UNKNOWN_ACCOUNT], values
    index = values.index(UNKNOWN_ACCOUNT)
    page.select_option(f"#id_mapping-{index}-category", BudgetLine.Category.SERVICES)
    visits.submit("form.edit-form")
    assert not ActualCost.objects.for_project(project).filter(category="").exists()


def see_actual_against_plan(visits: Visits, project: Project, figures: dict[str, Decimal]) -> None:
    visits.go(f"/projects/{project.pk}/")
    year = visits.page.locator("main table.actuals-table tbody.actuals-year").nth(1)
    expect(year.locator("tr.year-heading")).to_contain_text("2025")
    for amount in (figures["staff"], figures["services"], figures["flat"]):
        expect(year).to_contain_text(on_page(finnish_amount(amount)))
    expect(visits.page.locator("main table.actuals-table tr.unmapped")).to_have_count(0)


def claim_send_and_record_the_payment(visits: Visits, project: Project, figures: dict[str, Decimal]) -> PaymentClaim:
    page = visits.page
    visits.follow(f"/followup/projects/{project.pk}/claims/new/")
    page.fill("#id_period_start", "1.1.2025")
    page.fill("#id_period_end", "30.6.2025")
    visits.submit("form.edit-form")
    claim = PaymentClaim.objects.get(project=project, number=2)
    expect(page).to_have_url(re.compile(rf"/followup/claims/{claim.pk}/$"))
    claimed = page.locator("main .amount-claimed")
    expect(claimed).to_have_text(on_page(eur(figures["claimed"])))
    table = page.locator("main table.claim-figures")
    for key in ("flat", "period", "cumulative", "aid", "earlier"):
        expect(table).to_contain_text(on_page(eur(figures[key])))

    visits.submit(f"form[action$='/followup/claims/{claim.pk}/send/']")
    claim.refresh_from_db()
    assert (claim.state, claim.amount_claimed) == (PaymentClaim.State.SENT, figures["claimed"])
    expect(claimed).to_have_text(on_page(eur(figures["claimed"])))

    visits.follow(f"/followup/claims/{claim.pk}/payment/")
    page.fill("#id_paid_amount", finnish_amount(figures["claimed"]))
    page.fill("#id_paid_on", "15.9.2025")
    visits.submit("form.edit-form")
    claim.refresh_from_db()
    assert (claim.state, claim.paid_amount, claim.paid_on) == (
        PaymentClaim.State.PAID,
        figures["claimed"],
        dt.date(2025, 9, 15),
    )
    visits.go(f"/followup/projects/{project.pk}/claims/")
    expect(page.locator("main table.claim-list")).to_contain_text(on_page(eur(figures["earlier"])))
    expect(page.locator("main table.claim-list")).to_contain_text(on_page(eur(figures["claimed"])))
    return claim


def file_the_interim_report(visits: Visits, project: Project) -> None:
    page = visits.page
    visits.go(f"/projects/{project.pk}/")
    visits.follow(f"/followup/projects/{project.pk}/reports/")
    visits.follow(f"/followup/projects/{project.pk}/reports/new/")
    page.select_option("#id_kind", Report.Kind.INTERIM)
    page.fill("#id_period_start", "1.1.2025")
    page.fill("#id_period_end", "30.6.2025")
    page.fill("#id_due_date", "31.8.2025")
    visits.submit("form.edit-form")
    report = Report.objects.get(project=project)
    objective = project.objectives.get()
    indicator = objective.indicators.get()
    page.fill(f"#id_narrative-{objective.pk}", "Nuorten raati kokoontui kuusi kertaa.")
    page.fill(f"#id_value-{indicator.pk}", "48")
    page.fill(f"#id_note-{indicator.pk}", "Kevään ryhmät")
    visits.submit("form.report-form")
    visits.submit(f"form[action$='/followup/reports/{report.pk}/submit/']")
    report.refresh_from_db()
    assert report.state == Report.State.SUBMITTED
    value = report.indicator_values.get()
    assert value.number == D("48")
    values = page.locator("main table.indicator-table tbody tr")
    expect(values).to_contain_text("48")
    expect(values).to_contain_text(f"24,00{NBSP}%")  # 48 of the target 200


def test_director_imports_the_ledger_claims_to_the_cent_and_reports(page: Page, live_server, project):
    figures = hand_computed_claim()
    assert PaymentClaim.objects.get(project=project, number=1).amount_claimed == figures["earlier"]

    visits = Visits(page, live_server.url)
    visits.go(LOGIN_PATH)
    login(page, live_server, "kehittamisjohtaja", PASSWORD)
    visits.go(f"/projects/{project.pk}/")

    import_the_ledger(visits, project)
    map_the_unknown_account(visits, project)
    see_actual_against_plan(visits, project, figures)
    claim = claim_send_and_record_the_payment(visits, project, figures)
    file_the_interim_report(visits, project)

    # The claim PDF, as the director downloads it to attach in the funder's system.
    visits.go(claim.get_absolute_url())
    href = page.locator(f"main a[href$='/followup/claims/{claim.pk}/claim.pdf']").first.get_attribute("href")
    response = page.request.get(live_server.url + href)
    assert response.status == 200, response.status
    assert response.headers["content-type"].startswith("application/pdf")
    text = pdf_text(response.body())
    expected = [eur(figures[key]) for key in ("staff", "services", "flat", "period", "cumulative", "aid", "earlier")]
    for figure in (*expected, eur(figures["claimed"]), eur(GRANTED), "75,00 %", TITLE, "EURA-S31234"):
        assert figure in text, f"{figure!r} missing from the claim PDF:\n{text}"
