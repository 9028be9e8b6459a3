"""The ledger import end to end: upload and preview write nothing, confirming writes the period in
one transaction and audits the file's SHA-256, and the same file imported again changes nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from decimal import Decimal
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from followup.models import ActualCost, LedgerImport
from followup.services.imports import import_ledger, plan_import
from hankehallinta.models import AuditEvent
from testing.factories import AccountMappingFactory, ActualCostFactory, ProjectFactory

pytestmark = pytest.mark.django_db

START, END = dt.date(2025, 1, 1), dt.date(2025, 3, 31)
LEDGER = (
    b"Pvm;Tili;Kustannuspaikka;Selite;Summa\n"
    b"15.1.2025;4000;KP1;Palkat tammikuu;3 000,00\n"
    b"20.1.2025;4300;KP1;Konsultti;1 234,56\n"
    b"20.1.2025;4300;KP1;Konsultti;1 234,56\n"  # line 4: a duplicate of line 3
    b"21.1.2025;4999;KP1;Tuntematon tili;10,00\n"  # line 5: unmapped, imported with category ""
    b"22.1.2025;4000;KP1;Rikki;12,3,4\n"  # line 6: malformed amount
)


@pytest.fixture
def project():
    project = ProjectFactory()
    AccountMappingFactory(project=project, account="4000", category="staff")
    AccountMappingFactory(project=None, funding_call=project.funding_call, account="4300", category="services")
    return project


def plan_for(project, content=LEDGER, start=START, end=END):
    return plan_import(project, content, file_name="paakirja.csv", period_start=start, period_end=end)


def test_the_import_writes_the_rows_categorised_and_audits_the_sha256(project, director):
    ledger_import = import_ledger(plan_for(project), project=project, user=director)
    rows = ActualCost.objects.for_project(project).order_by("date", "pk")
    assert [(row.account, row.category, row.amount) for row in rows] == [
        ("4000", "staff", Decimal("3000.00")),
        ("4300", "services", Decimal("1234.56")),
        ("4999", "", Decimal("10.00")),
    ]
    assert ledger_import.row_count == 3 and ledger_import.sha256 == hashlib.sha256(LEDGER).hexdigest()
    event = AuditEvent.objects.get(detail__kind="ledger_import")
    assert event.detail["sha256"] == hashlib.sha256(LEDGER).hexdigest()
    assert event.detail["rows"] == 3 and event.object_id == str(ledger_import.pk)


def test_importing_the_same_file_twice_gives_the_same_rows(project, director):
    import_ledger(plan_for(project), project=project, user=director)
    first = sorted(ActualCost.objects.values_list("row_key", "amount"))
    again = plan_for(project)
    assert len(again.imported_before_rows) == 3 and again.replaced_rows == 3
    import_ledger(again, project=project, user=director)
    assert sorted(ActualCost.objects.values_list("row_key", "amount")) == first
    assert LedgerImport.objects.count() == 2


def test_a_reimport_replaces_its_period_and_keeps_other_periods_and_manual_costs(project, director):
    import_ledger(plan_for(project), project=project, user=director)
    april = b"pvm;tili;summa\n1.4.2025;4000;50,00\n"
    import_ledger(plan_for(project, april, dt.date(2025, 4, 1), dt.date(2025, 4, 30)), project=project, user=director)
    ActualCostFactory(project=project, date=dt.date(2025, 1, 10), amount=Decimal("99.00"))
    corrected = b"pvm;tili;summa\n31.1.2025;4000;7,00\n"
    import_ledger(plan_for(project, corrected), project=project, user=director)
    assert sorted(ActualCost.objects.for_project(project).values_list("date", "amount")) == [
        (dt.date(2025, 1, 10), Decimal("99.00")),
        (dt.date(2025, 1, 31), Decimal("7.00")),
        (dt.date(2025, 4, 1), Decimal("50.00")),
    ]


def test_repeats_are_imported_when_the_director_says_the_ledger_holds_them_twice(project, director):
    import_ledger(plan_for(project), project=project, user=director, include_repeats=True)
    assert ActualCost.objects.filter(account="4300").count() == 2


def test_an_error_in_the_middle_leaves_nothing(project, director):
    ActualCostFactory(project=project, date=dt.date(2025, 1, 2), ledger_import=None)
    import_ledger(plan_for(project), project=project, user=director)
    before = sorted(ActualCost.objects.values_list("pk", flat=True))
    with (
        mock.patch("followup.services.imports.insert_rows", side_effect=RuntimeError("levy täynnä")),
        pytest.raises(RuntimeError),
    ):
        import_ledger(plan_for(project, b"pvm;tili;summa\n5.1.2025;4000;1,00\n"), project=project, user=director)
    assert sorted(ActualCost.objects.values_list("pk", flat=True)) == before
    assert LedgerImport.objects.count() == 1
    assert AuditEvent.objects.filter(detail__kind="ledger_import").count() == 1


def test_upload_shows_the_preview_by_row_and_writes_nothing(project, director_client):
    url = reverse("followup:ledger_import", args=[project.pk])
    response = director_client.post(url, _upload())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Rivi 4 on rivin 3 kaksoiskappale" in page
    assert "Rivi 5: tilillä 4999 ei ole kustannuslajia" in page
    assert "Rivi 6" in page and "12,3,4" in page
    assert not ActualCost.objects.exists() and not LedgerImport.objects.exists()
    assert not AuditEvent.objects.filter(detail__kind="ledger_import").exists()


def test_confirming_the_preview_imports_and_shows_the_costs_page(project, director_client):
    url = reverse("followup:ledger_import", args=[project.pk])
    page = director_client.post(url, _upload()).content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    response = director_client.post(url, {"payload": payload})
    assert response.status_code == 302 and response["Location"] == reverse("followup:project_costs", args=[project.pk])
    assert ActualCost.objects.for_project(project).count() == 3
    costs_page = director_client.get(response["Location"]).content.decode()
    assert "paakirja.csv" in costs_page and "4999" in costs_page


def test_a_tampered_payload_is_refused(project, director_client):
    url = reverse("followup:ledger_import", args=[project.pk])
    response = director_client.post(url, {"payload": "x:y:z"})
    assert response.status_code == 200 and not ActualCost.objects.exists()


def test_staff_may_not_import(project, staff_user):
    client = Client()
    client.force_login(staff_user)
    assert client.post(reverse("followup:ledger_import", args=[project.pk]), _upload()).status_code == 403
    assert client.get(reverse("followup:project_costs", args=[project.pk])).status_code == 200


def _upload() -> dict:
    return {
        "file": SimpleUploadedFile("paakirja.csv", LEDGER, content_type="text/csv"),
        "period_start": "1.1.2025",
        "period_end": "31.3.2025",
    }
