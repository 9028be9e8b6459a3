"""The portfolio of actuals as an Excel workbook with real numbers, written in bounded memory.

Sheet 1 ("By year") holds the per-year table with its total row: planned cost, planned external
financing, planned own contribution, actual costs, actual own contribution and the difference. Sheet 2
("Projects") holds every filtered project (not only the page's). Amounts are numeric cells (Decimal
in, never float) with the portfolio export's euro format, the aid rate a fraction shown as a
percentage; text is always a text cell, never a formula.

As the portfolio's own export (projects.exports.xlsx_file), the workbook is written in openpyxl's
write-only mode, the rows read in chunks (ActualsPortfolio.iter_rows), and spooled to a temporary file.
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

from projects.exports import EUR_FORMAT, PERCENT_FORMAT, XLSX_CONTENT_TYPE
from projects.exports.columns import state_names

if TYPE_CHECKING:
    from collections.abc import Iterable

    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from followup.portfolio import ActualsPortfolio, ActualsRow, ActualYear

SPOOL_BYTES = 2 * 1024 * 1024
BOLD = Font(bold=True)
YEAR_FORMATS = ("0", *(EUR_FORMAT,) * 7)
YEAR_WIDTHS = (10, 18, 18, 18, 18, 18, 18, 18)
PROJECT_FORMATS = (None, None, None, PERCENT_FORMAT, *(EUR_FORMAT,) * 5)
PROJECT_WIDTHS = (40, 22, 28, 12, 18, 18, 18, 18, 18)


def year_headers() -> list[str]:
    return [
        _("Year"),
        _("Planned cost (€)"),
        _("Planned external financing (€)"),
        _("Planned own contribution (€)"),
        _("Actual costs (€)"),
        _("Remaining (€)"),
        _("Actual own contribution (€)"),
        _("Own contribution, actual less planned (€)"),
    ]


def project_headers() -> list[str]:
    return [
        _("Project"),
        _("State"),
        _("Funder"),
        _("Granted aid rate (%)"),
        _("Planned cost (€)"),
        _("Actual costs (€)"),
        _("Remaining (€)"),
        _("Planned own contribution (€)"),
        _("Actual own contribution (€)"),
    ]


def year_values(row: ActualYear) -> list:
    return [
        row.year,
        row.planned_cost,
        row.planned_external,
        row.planned_own,
        row.actual_cost,
        row.remaining,
        row.actual_own,
        row.own_difference,
    ]


def project_values(row: ActualsRow, states: dict[str, str]) -> list:
    project = row.project
    return [
        project.title,
        states.get(project.state, project.state),
        project.funder,
        project.granted_aid_rate,
        row.planned_cost,
        row.actual_cost,
        row.remaining,
        row.planned_own,
        row.actual_own,
    ]


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
    """Column widths, the frozen header row and the bold headers (before the first row)."""
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_cell(sheet, header, None, bold=True) for header in headers])


def _write_years(sheet: WriteOnlyWorksheet, portfolio: ActualsPortfolio) -> None:
    _start(sheet, year_headers(), YEAR_WIDTHS)
    for row in portfolio.years:
        sheet.append(_row(sheet, year_values(row), YEAR_FORMATS))
    totals = portfolio.year_totals
    if totals is not None:
        sheet.append(_row(sheet, [_("Total"), *year_values(totals)[1:]], YEAR_FORMATS, bold=True))


def _write_projects(sheet: WriteOnlyWorksheet, portfolio: ActualsPortfolio) -> None:
    _start(sheet, project_headers(), PROJECT_WIDTHS)
    states = state_names()
    for row in portfolio.iter_rows():
        sheet.append(_row(sheet, project_values(row, states), PROJECT_FORMATS))


def actuals_xlsx(portfolio: ActualsPortfolio, *, filename: str) -> FileResponse:
    """Sheet 1: planned and actual own contribution per budget year; sheet 2: the filtered projects."""
    workbook = Workbook(write_only=True)
    _write_years(workbook.create_sheet(_("By year")), portfolio)
    _write_projects(workbook.create_sheet(_("Projects")), portfolio)
    file = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (FileResponse closes it)
    workbook.save(file)
    file.seek(0)
    return FileResponse(file, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
