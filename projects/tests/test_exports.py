"""The portfolio's exports: ?format=csv for Finnish Excel and ?format=xlsx with numeric cells, both
of the filtered list, each logged as a disclosure."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from hankehallinta.models import AuditEvent
from projects.exports import EUR_FORMAT, PERCENT_FORMAT
from projects.models import Project
from testing.factories import small_project
from testing.seed import seed_project

pytestmark = pytest.mark.django_db

URL = reverse("budgets:portfolio")
HEADERS = [
    "Hanke",
    "Tila",
    "Vastuuyksikkö",
    "Rahoittaja",
    "Alkaa",
    "Päättyy",
    "Kokonaiskustannukset (€)",
    "Haettava rahoitus (€)",
    "Omarahoitusosuus (€)",
    "Tukiprosentti (%)",
]


@pytest.fixture
def seed() -> Project:
    return seed_project()


def csv_rows(response, content: bytes | None = None) -> list[list[str]]:
    """The streamed file's rows. Both exports stream: they have no `content`, and their body can be
    read once (`getvalue()`); pass it as `content` when the test reads it too."""
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = response.getvalue() if content is None else content
    assert content.startswith(b"\xef\xbb\xbf"), "Excel needs the byte order mark to read UTF-8"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def workbook(response):
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(io.BytesIO(response.getvalue()))


def exports() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).order_by("pk"))


# Access -------------------------------------------------------------------------------------


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_anonymous_is_sent_to_sign_in_and_nothing_leaves(client, seed, export):
    response = client.get(URL, {"format": export})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert exports() == []


# CSV ----------------------------------------------------------------------------------------


def test_csv_is_semicolon_separated_utf8_with_finnish_decimal_commas(staff_client, seed):
    response = staff_client.get(URL, {"format": "csv"})

    content = response.getvalue()
    rows = csv_rows(response, content)
    assert rows[0] == HEADERS
    assert rows[1] == [
        "Työkyvyn tuen palvelut",
        "Toimielimen käsittely",
        "Kehittämisyksikkö",
        "Sosiaali- ja terveysministeriö",
        "1.1.2024",
        "31.12.2025",
        "379904,00",
        "303924,00",
        "75980,00",
        "80,00",
    ]
    assert len(rows) == 2
    assert b"\r\n" in content


def test_csv_filename_carries_the_date(staff_client, seed):
    response = staff_client.get(URL, {"format": "csv"})

    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="hankesalkku-{today}.csv"'


def test_csv_text_is_never_a_formula(staff_client):
    small_project(title='=HYPERLINK("http://example.com")', owning_unit="+358 yksikkö")

    row = csv_rows(staff_client.get(URL, {"format": "csv"}))[1]

    assert row[0] == '\'=HYPERLINK("http://example.com")'
    assert row[2] == "'+358 yksikkö"


def test_csv_without_costs_leaves_the_aid_rate_empty(staff_client):
    Project.objects.create(title="Tyhjä", start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 12, 31))

    row = csv_rows(staff_client.get(URL, {"format": "csv"}))[1]

    assert row[6:] == ["0,00", "0,00", "0,00", ""]


# XLSX ---------------------------------------------------------------------------------------


def test_xlsx_holds_numbers_with_a_euro_format(staff_client, seed):
    book = workbook(staff_client.get(URL, {"format": "xlsx"}))

    assert book.sheetnames == ["Hankkeet", "Vuosittain"]
    sheet = book["Hankkeet"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert all(cell.font.b for cell in sheet[1])
    row = sheet[2]
    assert [cell.value for cell in row[:4]] == [
        "Työkyvyn tuen palvelut",
        "Toimielimen käsittely",
        "Kehittämisyksikkö",
        "Sosiaali- ja terveysministeriö",
    ]
    assert row[4].is_date
    assert row[4].value.date() == dt.date(2024, 1, 1)
    assert row[4].number_format == "d.m.yyyy"
    assert row[5].value.date() == dt.date(2025, 12, 31)
    total, applied, own, rate = row[6:10]
    for cell, expected in ((total, 379904), (applied, 303924), (own, 75980)):
        assert cell.data_type == "n"
        assert not isinstance(cell.value, str)
        assert cell.value == expected
        assert cell.number_format == EUR_FORMAT
    assert rate.data_type == "n"
    assert Decimal(str(rate.value)) == Decimal("0.800002")
    assert rate.number_format == PERCENT_FORMAT
    assert sheet.max_row == 2


def test_xlsx_second_sheet_holds_the_gross_budget_per_year(staff_client, seed):
    sheet = workbook(staff_client.get(URL, {"format": "xlsx"}))["Vuosittain"]

    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values == [
        [
            "Vuosi",
            "Bruttokustannukset (€)",
            "Avustustulot (€)",
            "Omarahoitusosuus (€)",
            "josta luontoissuorituksena (€)",
        ],
        [2024, 229904, 160000, 69904, 0],
        [2025, 150000, 143924, 6076, 6076],
        ["Yhteensä", 379904, 303924, 75980, 6076],
    ]
    assert all(cell.data_type == "n" and cell.number_format == EUR_FORMAT for cell in sheet[2][1:])
    assert all(cell.font.b for cell in sheet[4])


def test_xlsx_text_is_never_a_formula(staff_client):
    small_project(title="=1+1")

    cell = workbook(staff_client.get(URL, {"format": "xlsx"}))["Hankkeet"]["A2"]

    assert cell.data_type == "s"
    assert cell.value == "=1+1"


def test_xlsx_filename_carries_the_date(staff_client, seed):
    response = staff_client.get(URL, {"format": "xlsx"})

    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="hankesalkku-{today}.xlsx"'


# Filters and the audit log ------------------------------------------------------------------


@pytest.fixture
def two(seed):
    small_project(2026, title="Ikäihmisten etäpalvelut", state=Project.State.PREPARATION)


def test_filters_apply_to_both_exports(staff_client, two):
    params = {"state": "preparation", "year": "2026"}

    rows = csv_rows(staff_client.get(URL, {**params, "format": "csv"}))
    book = workbook(staff_client.get(URL, {**params, "format": "xlsx"}))

    assert [row[0] for row in rows[1:]] == ["Ikäihmisten etäpalvelut"]
    assert [cell.value for cell in book["Hankkeet"]["A"]][1:] == ["Ikäihmisten etäpalvelut"]
    assert [row[0].value for row in book["Vuosittain"].iter_rows(min_row=2)] == [2026, "Yhteensä"]


def test_the_page_links_to_exports_of_its_own_filters(staff_client, two):
    text = staff_client.get(URL, {"state": "preparation"}).content.decode()

    assert 'href="?state=preparation&amp;format=csv"' in text
    assert 'href="?state=preparation&amp;format=xlsx"' in text


def test_every_export_is_logged_with_its_filters_and_row_count(staff_client, staff_user, two):
    staff_client.get(URL, {"format": "csv"})
    staff_client.get(URL, {"state": "preparation", "owning_unit": "Kehittämisyksikkö", "format": "xlsx"})

    first, second = exports()
    assert first.user == staff_user
    assert first.detail == {"format": "csv", "filters": {}, "rows": 2}
    assert second.detail == {
        "format": "xlsx",
        "filters": {"state": "preparation", "owning_unit": "Kehittämisyksikkö"},
        "rows": 1,
    }


def test_viewing_the_page_is_not_an_export(staff_client, seed):
    staff_client.get(URL)

    assert exports() == []


def test_an_export_with_an_impossible_filter_is_refused_and_not_logged(staff_client, seed):
    response = staff_client.get(URL, {"year": "1990", "format": "csv"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert exports() == []


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_an_export_runs_a_fixed_number_of_queries(staff_client, django_assert_max_num_queries, export):
    small_project(2025)
    with CaptureQueriesContext(connection) as with_one:
        staff_client.get(URL, {"format": export})
    for _ in range(29):
        small_project(2025)

    with django_assert_max_num_queries(len(with_one)):
        response = staff_client.get(URL, {"format": export})

    assert response.status_code == 200
    assert exports()[-1].detail["rows"] == 30
