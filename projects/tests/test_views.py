from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets.models import BudgetLine, FinancingLine
from decisions.models import DecisionCondition, Delegation
from hankehallinta.pdf import PdfTimeout
from projects.models import Project
from projects.views import projects as views
from testing.factories import (
    AgendaItemFactory,
    BudgetLineFactory,
    FinancingLineFactory,
    FundingCallFactory,
    IndicatorFactory,
    MeetingFactory,
    ObjectiveFactory,
    ProjectFactory,
)
from testing.seed import seed_item, seed_project

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def project_with_lines(**extra) -> Project:
    project = ProjectFactory(**extra)
    BudgetLineFactory(project=project, amount=Decimal("1000.00"))
    FinancingLineFactory(project=project, amount=Decimal("800.00"))
    return project


# Project list ----------------------------------------------------------------------------------


def test_project_list_shows_state_unit_dates_and_money(staff_client):
    project_with_lines(title="Työkyvyn tuen palvelut", owning_unit="Kehittämisyksikkö", state=Project.State.IN_PROGRESS)

    text = staff_client.get(reverse("projects:list")).text

    assert "Työkyvyn tuen palvelut" in text
    assert "Käynnissä" in text
    assert "Kehittämisyksikkö" in text
    assert "1.1.2024" in text
    assert "31.12.2025" in text
    assert f"1{NBSP}000,00{NBSP}€" in text
    assert f"800,00{NBSP}€" in text


def test_project_list_runs_the_same_queries_for_1_and_30_projects(staff_client):
    url = reverse("projects:list")
    project_with_lines()
    with_one = count_queries(staff_client, url)
    for _ in range(29):
        project_with_lines()

    assert count_queries(staff_client, url) == with_one


# Project page ----------------------------------------------------------------------------------


def test_project_page_shows_core_data_and_duration_from_the_dates(staff_client):
    project = seed_project()

    text = staff_client.get(project.get_absolute_url()).text

    assert "Työkyvyn tuen palvelut" in text
    assert "Kehittämisyksikkö" in text
    assert "1.1.2024–31.12.2025" in text
    assert "24 kuukautta" in text
    assert "Toimielimen käsittely" in text


def test_project_page_shows_objectives_with_indicators(staff_client):
    project = seed_project()

    text = staff_client.get(project.get_absolute_url()).text

    assert "Tavoite 1" in text
    assert "Hanke selkeyttää yhdyspintoja" in text
    assert "Mittari 2" in text


def test_project_page_shows_the_budget_by_category_and_year(staff_client):
    project = seed_project()

    text = staff_client.get(project.get_absolute_url()).text

    assert "Kustannusarvio" in text
    assert "Henkilöstökustannukset" in text
    assert "Ostopalvelut" in text
    assert ">2024<" in text
    assert ">2025<" in text
    assert f"350{NBSP}000,00" in text  # staff costs over both years
    assert f"229{NBSP}904,00" in text  # total of 2024
    assert f"379{NBSP}904,00" in text


def test_project_page_shows_financing_totals_aid_rate_and_own_contribution(staff_client):
    project = seed_project()

    text = staff_client.get(project.get_absolute_url()).text

    assert "Rahoitussuunnitelma" in text
    assert "Haettava rahoitus" in text
    assert f"303{NBSP}924,00{NBSP}€" in text
    assert f"75{NBSP}980,00{NBSP}€" in text
    assert f"80,00{NBSP}%" in text
    assert f"josta 6{NBSP}076,00{NBSP}€ luontoissuorituksena työaikana" in text


def test_project_page_warns_when_the_applied_funding_exceeds_the_cap(staff_client):
    project = seed_project()

    text = staff_client.get(project.get_absolute_url()).text

    assert f"Haettu rahoitus ylittää enimmäistukiosuuden 80,00{NBSP}% (303{NBSP}923,20{NBSP}€) 0,80 eurolla." in text


def test_project_page_has_no_cap_warning_within_the_cap(staff_client):
    project = ProjectFactory(funding_call=FundingCallFactory(max_aid_rate=Decimal("0.8")))
    BudgetLineFactory(project=project, amount=Decimal("1000"))
    FinancingLineFactory(project=project, amount=Decimal("800"))
    FinancingLineFactory(project=project, source=FinancingLine.Source.OWN, amount=Decimal("200"))

    text = staff_client.get(project.get_absolute_url()).text

    assert "ylittää enimmäistukiosuuden" not in text
    assert "ei ole tasapainossa" not in text


def test_project_page_lists_the_decisions_with_conditions_and_delegations(staff_client, body):
    item = seed_item(body)
    DecisionCondition.objects.create(item=item, project=item.project, text="Omarahoitus talousarvioon 2024")
    Delegation.objects.create(
        item=item, project=item.project, delegate="kehittämisjohtaja", scope="hakemuksen muutokset"
    )

    text = staff_client.get(item.project.get_absolute_url()).text

    assert item.get_absolute_url() in text
    assert "Työkyvyn tuen palvelut -hankkeen hankehakemus" in text
    assert "§ 45" in text
    assert "Omarahoitus talousarvioon 2024" in text
    assert "hakemuksen muutokset" in text


def test_project_page_hides_a_confidential_decision_from_staff(staff_client, body):
    project = ProjectFactory()
    item = AgendaItemFactory(
        meeting=MeetingFactory(body=body),
        project=project,
        title="Salainen käsittely",
        is_public=False,
        secrecy_ground="JulkL 24.1 § 20 k",
    )
    DecisionCondition.objects.create(item=item, project=project, text="Salainen ehto")

    text = staff_client.get(project.get_absolute_url()).text

    assert "Salainen käsittely" not in text
    assert "Salainen ehto" not in text
    assert "JulkL 24.1 § 20 k" in text


def test_project_page_links_the_funding_pdf(staff_client):
    project = ProjectFactory()

    text = staff_client.get(project.get_absolute_url()).text

    assert reverse("projects:funding_pdf", args=[project.pk]) in text


def test_missing_project_is_not_found(staff_client):
    assert staff_client.get(reverse("projects:detail", args=[999999])).status_code == 404


def test_project_page_runs_the_same_queries_for_1_and_10_lines_and_objectives(staff_client, body):
    project = ProjectFactory(start_date=dt.date(2024, 1, 1), end_date=dt.date(2033, 12, 31))
    url = project.get_absolute_url()

    def add_rows(year: int) -> None:
        BudgetLineFactory(project=project, year=year, category=BudgetLine.Category.STAFF)
        FinancingLineFactory(project=project, year=year)
        IndicatorFactory(objective=ObjectiveFactory(project=project))
        item = AgendaItemFactory(meeting=MeetingFactory(body=body), project=project)
        DecisionCondition.objects.create(item=item, project=project, text=f"Ehto {year}")
        Delegation.objects.create(item=item, delegate="kehittämisjohtaja", scope=f"Valtuutus {year}")

    add_rows(2024)
    with_one = count_queries(staff_client, url)
    for year in range(2025, 2034):
        add_rows(year)

    assert count_queries(staff_client, url) == with_one


# Funding PDF -----------------------------------------------------------------------------------


def test_funding_pdf_is_a_download_with_a_meaningful_name(staff_client):
    project = seed_project()

    response = staff_client.get(reverse("projects:funding_pdf", args=[project.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="rahoituserittely-tyokyvyn-tuen-palvelut.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


def test_funding_pdf_that_cannot_be_made_returns_to_the_project_with_a_message(staff_client, monkeypatch):
    def too_slow(*args, **kwargs):
        raise PdfTimeout("PDF-tiedoston muodostaminen kesti liian kauan.")

    monkeypatch.setattr(views, "render_pdf", too_slow)
    project = ProjectFactory()

    response = staff_client.get(reverse("projects:funding_pdf", args=[project.pk]), follow=True)

    assert response.redirect_chain[-1][0] == project.get_absolute_url()
    assert "PDF-tiedoston muodostaminen kesti liian kauan." in response.text
