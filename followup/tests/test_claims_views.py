"""The payment claims' pages: the director drafts, sends and settles a claim through the views; staff
read; an action on a stale page answers 409; the claim PDF holds the figures in Finnish format."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets.models import BudgetLine
from followup.models import PaymentClaim
from projects.models import Project
from testing.factories import ActualCostFactory, BudgetLineFactory, ProjectFactory
from testing.pdf import fold_spaces, response_pdf_text

pytestmark = pytest.mark.django_db

D = Decimal
State = PaymentClaim.State


@pytest.fixture
def project() -> Project:
    """Granted 100 000,00 € at 80 %, 40 % flat rate on staff; in H1 2025 staff 1 234,56 € and
    services 1 000,00 €: eligible 2 234,56 + 493,82 = 2 728,38 €, aid 2 182,70 €."""
    project = ProjectFactory(
        title="Työkyvyn tuen palvelut",
        state=Project.State.IN_PROGRESS,
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2026, 12, 31),
        funding_call=None,
        granted_amount=D("100000.00"),
        granted_aid_rate=D("0.8000"),
        funding_decision_date=dt.date(2024, 12, 1),
        funding_decision_reference="EURA-S30123",
    )
    BudgetLineFactory(
        project=project,
        category=BudgetLine.Category.FLAT_RATE,
        year=2025,
        amount=D("0.00"),
        flat_rate=D("0.4000"),
        flat_rate_base=[BudgetLine.Category.STAFF],
    )
    ActualCostFactory(project=project, date=dt.date(2025, 2, 1), amount=D("1234.56"))
    ActualCostFactory(
        project=project, date=dt.date(2025, 3, 1), amount=D("1000.00"), category=BudgetLine.Category.SERVICES
    )
    return project


def create(client, project, **data):
    fields = {"period_start": "1.1.2025", "period_end": "30.6.2025", **data}
    return client.post(reverse("followup:claim_create", args=[project.pk]), fields)


def test_the_director_drafts_sends_and_records_the_payment(director_client, project):
    response = create(director_client, project)
    claim = PaymentClaim.objects.get()
    assert response.status_code == 302 and response["Location"] == claim.get_absolute_url()

    page = fold_spaces(director_client.get(claim.get_absolute_url()).content.decode())
    assert "2 728,38 €" in page and "2 182,70 €" in page and "493,82 €" in page

    sent = director_client.post(reverse("followup:claim_send", args=[claim.pk]), {"version": "1"})
    assert sent.status_code == 302
    paid = director_client.post(
        reverse("followup:claim_payment", args=[claim.pk]),
        {"version": "2", "paid_amount": "2 182,70", "paid_on": "15.9.2025", "difference_explanation": ""},
    )
    assert paid.status_code == 302
    claim.refresh_from_db()
    assert (claim.state, claim.amount_claimed, claim.paid_amount) == (State.PAID, D("2182.70"), D("2182.70"))
    assert claim.paid_on == dt.date(2025, 9, 15)


def test_a_refusal_is_shown_on_the_form_and_nothing_is_written(director_client, project):
    Project.objects.filter(pk=project.pk).update(granted_amount=D("1000.00"))
    create(director_client, project)
    claim = PaymentClaim.objects.get()

    response = director_client.post(reverse("followup:claim_send", args=[claim.pk]), {"version": "1"})

    assert response.status_code == 200
    assert "1 000,00 €" in fold_spaces(response.content.decode())
    claim.refresh_from_db()
    assert claim.state == State.DRAFTED


def test_an_overlapping_period_is_refused_at_the_field(director_client, project):
    create(director_client, project)

    response = create(director_client, project, period_start="1.6.2025", period_end="31.7.2025")

    assert response.status_code == 200
    assert response.context["form"].errors["period_start"]
    assert PaymentClaim.objects.count() == 1


def test_a_send_from_a_stale_page_answers_409(director_client, project):
    create(director_client, project)
    claim = PaymentClaim.objects.get()
    director_client.post(reverse("followup:claim_send", args=[claim.pk]), {"version": "1"})

    stale = director_client.post(
        reverse("followup:claim_return", args=[claim.pk]), {"version": "1", "returned_reason": "Palautus B"}
    )

    assert stale.status_code == 409
    assert "Palautus B" in stale.content.decode()
    claim.refresh_from_db()
    assert (claim.state, claim.version) == (State.SENT, 2)


def test_staff_read_the_claims_but_do_not_write(staff_user, client, project, director_client):
    create(director_client, project)
    claim = PaymentClaim.objects.get()
    client.force_login(staff_user)

    assert client.get(reverse("followup:claim_list", args=[project.pk])).status_code == 200
    assert client.get(claim.get_absolute_url()).status_code == 200
    assert client.get(reverse("followup:claim_create", args=[project.pk])).status_code == 403
    assert client.post(reverse("followup:claim_send", args=[claim.pk]), {"version": "1"}).status_code == 403


def test_the_project_page_links_the_claims(director_client, project):
    create(director_client, project)

    page = director_client.get(project.get_absolute_url()).content.decode()

    assert reverse("followup:claim_list", args=[project.pk]) in page
    assert PaymentClaim.objects.get().get_absolute_url() in page


def test_the_project_page_reads_the_claims_once_for_both_its_sections(director_client, project):
    create(director_client, project)
    with CaptureQueriesContext(connection) as queries:
        page = director_client.get(project.get_absolute_url()).content.decode()

    assert page.count(PaymentClaim.objects.get().get_absolute_url()) >= 1
    assert 'class="project-story"' in page  # the story section is shown too
    assert len([query for query in queries if "followup_paymentclaim" in query["sql"]]) == 1


def test_the_claim_pdf_holds_the_figures_in_finnish_format(director_client, project):
    create(director_client, project)
    claim = PaymentClaim.objects.get()
    url = reverse("followup:claim_pdf", args=[claim.pk])

    draft = response_pdf_text(director_client.get(url))
    director_client.post(reverse("followup:claim_send", args=[claim.pk]), {"version": "1"})
    sent = response_pdf_text(director_client.get(url))

    assert "LUONNOS" in draft
    assert "LUONNOS" not in sent
    for text in ("Työkyvyn tuen palvelut", "EURA-S30123", "1.12.2024", "1.1.2025–30.6.2025"):
        assert text in sent
    for figure in ("1 234,56 €", "1 000,00 €", "493,82 €", "2 728,38 €", "80,00 %", "2 182,70 €", "0,00 €"):
        assert figure in sent
