"""Application versions against the board's decision: the approved version, the difference page, and
changes beyond the delegation sending the application back to the board."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import BudgetLine, FinancingLine
from decisions.models import AgendaItem
from projects.approval import approved_version
from projects.models import Project, StateChange
from projects.services.lifecycle import check_against_approved
from projects.services.versions import freeze_version
from projects.versions import snapshot
from testing.editor_data import post_data
from testing.factories import HELSINKI, AgendaItemFactory, MeetingFactory
from testing.pdf import response_pdf_text
from testing.seed import seed_item, seed_snapshot

pytestmark = pytest.mark.django_db

State = Project.State


@pytest.fixture
def approved_item(body, director) -> AgendaItem:
    """The seed's checked, passing decision, pointing at the version it decided; the project sent on."""
    item = seed_item(body)
    version = freeze_version(item.project, by=director, label="Lautakunnan käsittelemä hakemus")
    AgendaItem.objects.filter(pk=item.pk).update(application_version=version)
    Project.objects.filter(pk=item.project_id).update(state=State.SUBMITTED)
    item.refresh_from_db()
    return item


def raise_staff_costs(project: Project, amount: str = "210000") -> None:
    """A higher total, financed by the county: the own contribution goes up too."""
    BudgetLine.objects.filter(project=project, category=BudgetLine.Category.STAFF, year=2024).update(
        amount=Decimal(amount)
    )
    FinancingLine.objects.filter(project=project, source=FinancingLine.Source.OWN, year=2024).update(
        amount=Decimal("69904") + Decimal(amount) - Decimal("200000")
    )


def test_the_snapshot_has_the_shape_the_difference_test_uses(body):
    project = seed_item(body).project

    data = snapshot(Project.objects.get(pk=project.pk))

    expected = seed_snapshot()
    assert set(data) == set(expected)
    key = lambda line: (line["category"], line["year"])  # noqa: E731
    assert sorted(data["budget_lines"], key=key) == sorted(expected["budget_lines"], key=key)
    key = lambda line: (line["source"], line["year"])  # noqa: E731
    assert sorted(data["financing_lines"], key=key) == sorted(expected["financing_lines"], key=key)
    assert [o["text"] for o in data["objectives"]] == [o["text"] for o in expected["objectives"]]


def test_the_approved_version_is_that_of_the_latest_checked_passing_decision(approved_item, body, director):
    project = approved_item.project
    later = freeze_version(project, by=director, label="myöhempi")
    AgendaItemFactory(
        meeting=MeetingFactory(body=body, year=2024, number=3, start=dt.datetime(2024, 5, 1, 14, tzinfo=HELSINKI)),
        project=project,
        application_version=later,
        resolution=AgendaItem.Resolution.RETURNED,
        checked_at=dt.datetime(2024, 5, 2, tzinfo=HELSINKI),
    )
    AgendaItemFactory(
        meeting=MeetingFactory(body=body, year=2024, number=4, start=dt.datetime(2024, 6, 1, 14, tzinfo=HELSINKI)),
        project=project,
        application_version=later,
        resolution=AgendaItem.Resolution.PASSED,
        checked_at=None,
    )

    assert approved_version(project) == approved_item.application_version


def test_changes_within_the_delegation_keep_the_state(approved_item, director):
    project = approved_item.project
    BudgetLine.objects.filter(project=project, category=BudgetLine.Category.STAFF, year=2024).update(
        amount=Decimal("190000")
    )
    BudgetLine.objects.filter(project=project, category=BudgetLine.Category.SERVICES).update(amount=Decimal("39904"))

    assert check_against_approved(project, by=director) is None
    assert Project.objects.get(pk=project.pk).state == State.SUBMITTED


def test_changes_beyond_the_delegation_send_the_application_back_to_the_board(approved_item, director):
    project = approved_item.project
    raise_staff_costs(project)

    change = check_against_approved(project, by=director)

    project.refresh_from_db()
    assert project.state == State.BOARD_REVIEW
    assert (change.from_state, change.to_state, change.flagged) == (State.SUBMITTED, State.BOARD_REVIEW, True)
    assert change.flag_reason.startswith("Hakemus palautui toimielimelle")
    assert "Kokonaiskustannukset nousivat" in change.reason
    assert "Omarahoitusosuus nousi" in change.reason
    latest = project.versions.order_by("-number").first()
    assert latest.label == "Toimielimen käsittelyyn"
    staff_2024 = [
        line for line in latest.snapshot["budget_lines"] if (line["category"], line["year"]) == ("staff", 2024)
    ]
    assert [line["amount"] for line in staff_2024] == ["210000.00"]


def test_an_unbalanced_change_beyond_the_delegation_goes_back_to_preparation(approved_item, director):
    project = approved_item.project
    BudgetLine.objects.filter(project=project, category=BudgetLine.Category.STAFF, year=2024).update(
        amount=Decimal("250000")
    )

    change = check_against_approved(project, by=director)

    assert change.to_state == State.RETURNED
    assert change.flagged
    assert "eivät täsmää" in change.reason


def test_before_approval_nothing_is_sent_back(body, director):
    item = seed_item(body)  # the project is in board review: the board has not approved it yet
    project = item.project
    version = freeze_version(project, by=director)
    AgendaItem.objects.filter(pk=item.pk).update(application_version=version)
    raise_staff_costs(project)

    assert check_against_approved(project, by=director) is None
    assert not StateChange.objects.exists()


# The difference page and the project page ---------------------------------------------------------


def test_the_difference_page_compares_the_approved_version_with_the_current_application(approved_item, staff_client):
    project = approved_item.project
    raise_staff_costs(project)
    project.objectives.filter(order=2).delete()

    response = staff_client.get(reverse("projects:diff", args=[project.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Toimielimen hyväksymä versio 1" in html
    assert "210\u00a0000,00\u00a0€" in html
    assert "+10\u00a0000,00\u00a0€" in html
    assert "Tavoite poistettiin: 2. Hanke selkeyttää vastuunjakoa" in html
    assert "Muutokset ylittävät päätöksen delegoinnin" in html


def test_the_difference_page_compares_two_chosen_versions(approved_item, director, staff_client):
    project = approved_item.project
    raise_staff_costs(project)
    freeze_version(project, by=director, label="Korotettu")
    url = reverse("projects:diff", args=[project.pk])

    response = staff_client.get(url, {"from": 1, "to": 2})

    html = response.content.decode()
    assert "Toimielimen hyväksymä versio 1" in html
    assert "versio 2" in html and "Korotettu" in html
    assert "Versio 2" in staff_client.get(url, {"from": 2, "to": 1}).content.decode()
    assert "+10\u00a0000,00\u00a0€" in html
    assert staff_client.get(url, {"from": 1, "to": 1}).context["changes"].sections == []
    assert staff_client.get(url, {"from": 9}).status_code == 404
    assert staff_client.get(url, {"to": "x"}).status_code == 404


def test_the_project_page_shows_the_changes_beyond_the_delegation_and_the_approved_figures(approved_item, staff_client):
    project = approved_item.project
    raise_staff_costs(project)

    html = staff_client.get(project.get_absolute_url()).content.decode()

    assert "Muutokset ylittävät päätöksen delegoinnin" in html
    assert "Hyväksytyn version luvut" in html
    assert "379\u00a0904,00\u00a0€" in html and "389\u00a0904,00\u00a0€" in html
    assert "hyväksytty" in html


def test_the_funding_breakdown_pdf_shows_the_approved_figures_beside_the_current(approved_item, staff_client):
    project = approved_item.project
    raise_staff_costs(project)

    text = response_pdf_text(staff_client.get(reverse("projects:funding_pdf", args=[project.pk])))

    assert "Hyväksytyn version luvut" in text
    assert "379 904,00 €" in text
    assert "389 904,00 €" in text
    assert "+10 000,00 €" in text


def test_the_funding_breakdown_pdf_without_changes_has_no_approved_column(approved_item, staff_client):
    text = response_pdf_text(staff_client.get(reverse("projects:funding_pdf", args=[approved_item.project.pk])))

    assert "Hyväksytyn version luvut" not in text
    assert "379 904,00" in text


# Through the application editor ------------------------------------------------------------------


def test_saving_the_editor_with_a_higher_total_sends_the_application_back_to_the_board(approved_item, director_client):
    project = Project.objects.get(pk=approved_item.project_id)
    data = post_data(project)
    staff_2024 = project.budget_lines.get(category="staff", year=2024).pk
    own_2024 = project.financing_lines.get(source="own", year=2024).pk
    for prefix in ("budget", "financing"):
        for index in range(int(data[f"{prefix}-TOTAL_FORMS"])):
            row_id = data.get(f"{prefix}-{index}-id")
            if prefix == "budget" and row_id == str(staff_2024):
                data[f"{prefix}-{index}-amount"] = "210 000"
            if prefix == "financing" and row_id == str(own_2024):
                data[f"{prefix}-{index}-amount"] = "79 904"

    response = director_client.post(reverse("projects:edit", args=[project.pk]), data, follow=True)

    project.refresh_from_db()
    assert project.state == State.BOARD_REVIEW
    change = project.state_changes.get()
    assert change.flagged and "Kokonaiskustannukset nousivat" in change.reason
    assert "Kokonaiskustannukset nousivat" in response.content.decode()


def test_saving_the_editor_within_the_delegation_keeps_the_state(approved_item, director_client):
    project = Project.objects.get(pk=approved_item.project_id)

    response = director_client.post(reverse("projects:edit", args=[project.pk]), post_data(project))

    assert response.status_code == 302
    assert Project.objects.get(pk=project.pk).state == State.SUBMITTED
    assert not StateChange.objects.exists()
