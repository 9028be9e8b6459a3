"""The portfolio as a file: CSV for Finnish Excel and XLSX with real numbers.

CSV: Finnish Excel opens a ';'-separated file with a UTF-8 byte order mark directly, and reads
"379904,00" (decimal comma, no thousands separator) as a number; so amounts are written that way,
the aid rate as a percentage "80,00" and dates as "1.1.2024". Text that a spreadsheet would take
for a formula (starting with = + - @ or a tab) gets a leading apostrophe.

XLSX: amounts are numeric cells (Decimal in, never float) with a euro number format, the aid rate a
fraction shown as a percentage, dates are date cells; the second sheet holds the gross budget per
year. Text is always a text cell, never a formula.
"""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

if TYPE_CHECKING:
    import datetime as dt

    from projects.portfolio import Portfolio, PortfolioRow

CENT = Decimal("0.01")
EUR_FORMAT = '#,##0.00 "€"'
PERCENT_FORMAT = "0.00 %"
DATE_FORMAT = "d.m.yyyy"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _project_headers() -> list[str]:
    return [
        _("Project"),
        _("State"),
        _("Owning unit"),
        _("Funder"),
        _("Starts"),
        _("Ends"),
        _("Total cost (€)"),
        _("Funding applied for (€)"),
        _("Own contribution (€)"),
        _("Aid rate (%)"),
    ]


def _year_headers() -> list[str]:
    return [
        _("Year"),
        _("Gross cost (€)"),
        _("Grant income (€)"),
        _("Own contribution (€)"),
        _("of which in kind (€)"),
    ]


def _project_values(row: PortfolioRow) -> list:
    project = row.project
    return [
        project.title,
        project.get_state_display(),
        project.owning_unit,
        project.funder,
        project.start_date,
        project.end_date,
        row.total_cost,
        row.applied,
        row.own_contribution,
        row.aid_rate,
    ]


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# CSV ----------------------------------------------------------------------------------------


def _csv_text(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _csv_amount(value: Decimal | None) -> str:
    """379904 -> "379904,00": a decimal comma and no thousands separator."""
    if value is None:
        return ""
    return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):.2f}".replace(".", ",")


def _csv_date(value: dt.date) -> str:
    return f"{value.day}.{value.month}.{value.year}"


def _csv_cell(value: object) -> str:
    if isinstance(value, Decimal):
        return _csv_amount(value)
    if isinstance(value, str):
        return _csv_text(value)
    if value is None:
        return ""
    return _csv_date(value)


def portfolio_csv(portfolio: Portfolio, *, filename: str) -> HttpResponse:
    """The filtered project list, one project a row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(_project_headers())
    for row in portfolio.rows:
        values = _project_values(row)
        rate = values.pop()
        writer.writerow(
            [*(_csv_cell(value) for value in values), _csv_amount(rate * 100 if rate is not None else None)]
        )
    response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type=CSV_CONTENT_TYPE)
    return _attachment(response, filename)


# XLSX ---------------------------------------------------------------------------------------


def _write_sheet(sheet, headers: list[str], rows: list[list], formats: list[str | None], widths: list[int]) -> None:
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append(values)
        for cell, number_format in zip(sheet[sheet.max_row], formats, strict=True):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            elif number_format and cell.value is not None:
                cell.number_format = number_format
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"


def portfolio_xlsx(portfolio: Portfolio, *, filename: str) -> HttpResponse:
    """Sheet 1: the filtered project list; sheet 2: gross cost, grant income and own contribution per year."""
    workbook = Workbook()
    projects = workbook.active
    projects.title = _("Projects")
    _write_sheet(
        projects,
        _project_headers(),
        [_project_values(row) for row in portfolio.rows],
        [None, None, None, None, DATE_FORMAT, DATE_FORMAT, EUR_FORMAT, EUR_FORMAT, EUR_FORMAT, PERCENT_FORMAT],
        [40, 22, 24, 28, 12, 12, 18, 18, 18, 12],
    )
    if portfolio.rows:
        projects.auto_filter.ref = projects.dimensions

    per_year = workbook.create_sheet(_("By year"))
    rows = [[y.year, y.gross_cost, y.grant_income, y.own_contribution, y.own_in_kind] for y in portfolio.years]
    totals = portfolio.year_totals
    if totals is not None:
        rows.append([_("Total"), totals.gross_cost, totals.grant_income, totals.own_contribution, totals.own_in_kind])
    _write_sheet(
        per_year, _year_headers(), rows, ["0", EUR_FORMAT, EUR_FORMAT, EUR_FORMAT, EUR_FORMAT], [10, 18, 18, 18, 18]
    )
    if totals is not None:
        for cell in per_year[per_year.max_row]:
            cell.font = Font(bold=True)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE), filename)
