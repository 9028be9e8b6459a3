"""Reading a ledger file (followup.ledger): Finnish numbers and dates, the header in Finnish or
English, CSV and XLSX, and the errors and duplicates of each row by its line number."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from followup.ledger import parse_amount, parse_date, read_ledger

START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def read(text: str, encoding: str = "utf-8", **extra):
    extra.setdefault("categories", {"4000": "staff", "4300": "services"})
    return read_ledger(text.encode(encoding), file_name="paakirja.csv", period_start=START, period_end=END, **extra)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1 234,56", "1234.56"),
        ("-12,50", "-12.50"),
        ("1.234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("1\u00a0234,5", "1234.50"),
        ("12,50-", "-12.50"),
        ("100", "100.00"),
        (1234.56, "1234.56"),
        (7, "7.00"),
    ],
)
def test_amounts_are_read_the_finnish_way(text, amount):
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["12,3,4", "abc", "", "1,234.56", "12,345"])
def test_a_malformed_amount_is_none(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("31.12.2025", dt.date(2025, 12, 31)),
        ("1.2.2025", dt.date(2025, 2, 1)),
        ("2025-12-31", dt.date(2025, 12, 31)),
        ("31.12.25", dt.date(2025, 12, 31)),
        (dt.datetime(2025, 5, 4, 0, 0), dt.date(2025, 5, 4)),  # noqa: DTZ001 - a spreadsheet date is naive
    ],
)
def test_dates_are_read_in_finnish_and_iso_form(value, date):
    assert parse_date(value) == date


@pytest.mark.parametrize("value", ["31.2.2025", "2025/12/31", "huomenna", ""])
def test_a_malformed_date_is_none(value):
    assert parse_date(value) is None


def test_a_semicolon_file_in_finnish_is_read_with_categories_and_keys():
    plan = read("Pvm;Tili;Kustannuspaikka;Projekti;Selite;Summa\n31.3.2025;4000;KP1;H1;Palkat;1 234,56\n")
    assert plan.delimiter == ";" and plan.encoding == "UTF-8" and not plan.file_errors
    [row] = plan.rows
    assert (row.number, row.date, row.account, row.amount) == (2, dt.date(2025, 3, 31), "4000", Decimal("1234.56"))
    assert (row.cost_centre, row.project_code, row.description, row.category) == ("KP1", "H1", "Palkat", "staff")
    assert len(row.row_key) == 64


def test_a_comma_file_in_english_with_a_bom_and_title_lines_is_read():
    text = '\ufeffLedger export 2025\n\nDate,Account,Description,Amount\n2025-04-01,4300,Consulting,"1,50"\n'
    plan = read(text)
    assert plan.delimiter == "," and not plan.file_errors
    assert [(row.number, row.amount, row.category) for row in plan.rows] == [(4, Decimal("1.50"), "services")]


def test_a_windows_1252_file_is_read():
    plan = read("päivämäärä;tili;selite;määrä\n1.1.2025;4000;Kahvitus ÄÖ;10,00\n", encoding="cp1252")
    assert plan.encoding == "Windows-1252"
    assert plan.rows[0].description == "Kahvitus ÄÖ"


def test_an_xlsx_file_is_read_with_its_dates_and_numbers():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Päivämäärä", "Tili", "Selite", "Summa"])
    sheet.append([dt.datetime(2025, 6, 30), 4000, "Palkat", 2500.5])  # noqa: DTZ001 - naive, as in Excel
    buffer = io.BytesIO()
    workbook.save(buffer)
    plan = read_ledger(buffer.getvalue(), file_name="paakirja.xlsx", period_start=START, period_end=END)
    assert plan.file_type == "XLSX" and not plan.file_errors
    [row] = plan.rows
    assert (row.date, row.account, row.amount) == (dt.date(2025, 6, 30), "4000", Decimal("2500.50"))


def test_row_errors_are_reported_by_line_number_and_not_imported():
    plan = read(
        "pvm;tili;projekti;selite;summa\n"
        "1.1.2025;4000;H1;Hyvä;10,00\n"  # line 2: fine
        "2.1.2025;4000;H1;Summa rikki;12,3,4\n"  # line 3: malformed amount
        "32.1.2025;4000;H1;Päivä rikki;5,00\n"  # line 4: malformed date
        "1.1.2024;4000;H1;Edellinen vuosi;5,00\n"  # line 5: outside the period
        "3.1.2025;;H1;Ei tiliä;5,00\n"  # line 6: no account
        "4.1.2025;4000;H2;Toinen hanke;5,00\n",  # line 7: another project's code
        project_code="H1",
    )
    errors = {row.number: " ".join(row.errors) for row in plan.error_rows}
    assert set(errors) == {3, 4, 5, 6, 7}
    assert "12,3,4" in errors[3] and "32.1.2025" in errors[4] and "ulkopuolella" in errors[5]
    assert "Tili" in errors[6] and "H2" in errors[7]
    assert [row.number for row in plan.importable()] == [2]


def test_an_unknown_account_is_imported_unmapped_and_listed():
    plan = read("pvm;tili;summa\n1.1.2025;4000;1,00\n2.1.2025;4999;2,00\n")
    assert plan.unmapped_accounts == ["4999"]
    assert [(row.number, row.category) for row in plan.importable()] == [(2, "staff"), (3, "")]


def test_an_equal_row_later_in_the_file_is_a_duplicate_of_the_first():
    plan = read("pvm;tili;selite;summa\n1.1.2025;4000;Taksi;20,00\n2.1.2025;4000;Muu;5,00\n1.1.2025;4000;Taksi;20,00\n")
    [repeat] = plan.repeat_rows
    assert (repeat.number, repeat.repeat_of, repeat.occurrence) == (4, 2, 2)
    assert [row.number for row in plan.importable()] == [2, 3]
    assert [row.number for row in plan.importable(include_repeats=True)] == [2, 3, 4]
    assert len({row.row_key for row in plan.rows}) == 3  # the repeat has a key of its own


def test_the_same_file_read_twice_gives_the_same_keys_and_is_recognised():
    text = "pvm;tili;summa\n1.1.2025;4000;1,00\n1.1.2025;4000;1,00\n"
    first = read(text)
    again = read(text, imported_keys={row.row_key for row in first.rows})
    assert [row.row_key for row in again.rows] == [row.row_key for row in first.rows]
    assert all(row.imported_before for row in again.rows)


def test_a_file_without_the_required_columns_is_refused():
    plan = read("nimi;rooli\nPekka;jäsen\n")
    assert plan.file_errors and not plan.can_import
