"""The portfolio as an Excel workbook with real numbers, written in bounded memory.

Sheet 1 holds the filtered projects, sheet 2 the gross budget per year with a total row. Amounts are
numeric cells (Decimal in, never float) with a euro number format, the aid rate a fraction shown as a
percentage, dates are date cells. Text is always a text cell, never a formula, whatever it starts with.

The workbook is written in openpyxl's write-only mode: each row goes to disk as it is appended (no
sheet is ever whole in memory, and nothing reads the sheet back, which made the old export quadratic).
The finished file is spooled to a temporary file and sent from there.
"""

from __future__ import annotations

import tempfile
from typing import TYPE_CHECKING

from django.http import FileResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from projects.exports.columns import (
    DATE_FORMAT,
    EUR_FORMAT,
    PERCENT_FORMAT,
    project_headers,
    project_values,
    state_names,
    year_headers,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from budgets.breakdown import YearFigures
    from projects.portfolio import Portfolio

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The finished file stays in memory up to this size, and goes to a temporary file beyond it.
SPOOL_BYTES = 2 * 1024 * 1024
BOLD = Font(bold=True)

PROJECT_FORMATS = (None, None, None, None, DATE_FORMAT, DATE_FORMAT, EUR_FORMAT, EUR_FORMAT, EUR_FORMAT, PERCENT_FORMAT)
PROJECT_WIDTHS = (40, 22, 24, 28, 12, 12, 18, 18, 18, 12)
YEAR_FORMATS = ("0", EUR_FORMAT, EUR_FORMAT, EUR_FORMAT, EUR_FORMAT)
YEAR_WIDTHS = (10, 18, 18, 18, 18)


def _cell(sheet: WriteOnlyWorksheet, value: object, number_format: str | None, *, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    elif number_format and value is not None:
        cell.number_format = number_format
    if bold:
        cell.font = BOLD
    return cell


def _row(sheet: WriteOnlyWorksheet, values: list, formats: Iterable[str | None], *, bold: bool = False) -> list:
    return [_cell(sheet, value, number_format, bold=bold) for value, number_format in zip(values, formats, strict=True)]


def _start(sheet: WriteOnlyWorksheet, headers: list[str], widths: Iterable[int]) -> None:
    """Column widths, the frozen header row and the bold headers: a write-only sheet takes its layout
    before its first row."""
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_cell(sheet, header, None, bold=True) for header in headers])


def _write_projects(sheet: WriteOnlyWorksheet, portfolio: Portfolio) -> None:
    headers = project_headers()
    _start(sheet, headers, PROJECT_WIDTHS)
    states = state_names()
    rows = 0
    for row in portfolio.iter_rows():
        sheet.append(_row(sheet, project_values(row, states), PROJECT_FORMATS))
        rows += 1
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{rows + 1}"


def _year_values(figures: YearFigures) -> list:
    return [figures.year, figures.gross_cost, figures.grant_income, figures.own_contribution, figures.own_in_kind]


def _write_years(sheet: WriteOnlyWorksheet, portfolio: Portfolio) -> None:
    _start(sheet, year_headers(), YEAR_WIDTHS)
    for figures in portfolio.years:
        sheet.append(_row(sheet, _year_values(figures), YEAR_FORMATS))
    totals = portfolio.year_totals
    if totals is not None:
        sheet.append(_row(sheet, [_("Total"), *_year_values(totals)[1:]], YEAR_FORMATS, bold=True))


def portfolio_xlsx(portfolio: Portfolio, *, filename: str) -> FileResponse:
    """Sheet 1: the filtered projects; sheet 2: gross cost, grant income and own contribution per year."""
    workbook = Workbook(write_only=True)
    _write_projects(workbook.create_sheet(_("Projects")), portfolio)
    _write_years(workbook.create_sheet(_("By year")), portfolio)
    file = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (FileResponse closes it)
    workbook.save(file)
    file.seek(0)
    return FileResponse(file, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
