"""Reading the county's ledger export into a plan that is previewed and then written
(followup.services.imports.import_ledger). Nothing here writes.

The file: CSV (UTF-8 with or without a byte order mark, else Windows-1252; ';' or ',' between the
columns, as the header line shows) or XLSX (the first sheet, read in openpyxl's read-only mode).
The header line names the columns in Finnish or English (case, spaces, hyphens, dots and
underscores ignored): date (päivämäärä, pvm), account (tili), cost centre (kustannuspaikka),
project code (projekti), description (selite, kuvaus) and amount (summa, määrä). Date, account and
amount are required. The header is the first of the first ten lines that names them, so title
lines above it are passed over. Amounts are read the Finnish way ("1 234,56", "-12,50", "1.234,56",
"1234.56", a trailing minus "12,50-"); dates as "31.12.2025", "31.12.25" or "2025-12-31" (or a
spreadsheet's own date).

A row with an error (no account, a malformed amount or date, a date outside the period, another
project's code) is reported with its line number and not imported. An account with no cost category
(no mapping of the project or of its call) is not an error: the row is imported unmapped (category
"") and categorised when the director maps the account.

Duplicates. Every row gets a ``row_key``: the SHA-256 of its date, account, cost centre, project
code, description and amount, and of its occurrence number among the equal rows of its file (the
first is 1, the next equal row 2, ...). The same file read again therefore gives the same keys, row
for row, and a row already imported (same project and key) is recognised. An equal row later in the
same file is reported as a repeat of the first one; it is imported only when the director says the
ledger really holds it twice (``include_repeats``), and then under its own key (occurrence 2).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from budgets.models import BudgetLine
from hankehallinta.formfields import parse_decimal

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000
BOM = b"\xef\xbb\xbf"
ZIP_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"
CENT = Decimal("0.01")
HEADER_SEARCH_LINES = 10
FINNISH_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})", re.ASCII)
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", re.ASCII)
LIMITS = {"account": 20, "cost_centre": 40, "project_code": 40, "description": 500}

#: Column -> the header names it is known by (folded: see _fold).
COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("päivämäärä", "pvm", "date", "kirjauspäivä", "kirjauspvm", "tositepäivä", "tositepvm", "postingdate"),
    "account": ("tili", "account", "tilinumero", "kirjanpitotili", "accountnumber", "accountno"),
    "cost_centre": ("kustannuspaikka", "kustpaikka", "kp", "costcentre", "costcenter"),
    "project_code": ("projekti", "project", "projectcode", "projektikoodi", "projektinumero", "hanke", "hankekoodi"),
    "description": ("selite", "kuvaus", "description", "teksti", "text"),
    "amount": ("summa", "määrä", "amount", "euroa", "eur", "summaeur", "määräeur"),
}
REQUIRED = ("date", "account", "amount")

#: How the preview names a column.
COLUMN_LABELS = {
    "date": gettext_lazy("date"),
    "account": gettext_lazy("account"),
    "cost_centre": gettext_lazy("cost centre"),
    "project_code": gettext_lazy("project code"),
    "description": gettext_lazy("description"),
    "amount": gettext_lazy("amount"),
}


def _fold(text: str) -> str:
    return "".join(char for char in str(text).casefold() if char not in " -_.\t\ufeff()€")


HEADERS = {_fold(name): column for column, names in COLUMNS.items() for name in names}


@dataclass
class LedgerRow:
    """One line of the file as it would be written (``errors`` empty) or why it is not."""

    number: int
    date: dt.date | None = None
    account: str = ""
    cost_centre: str = ""
    project_code: str = ""
    description: str = ""
    amount: Decimal | None = None
    occurrence: int = 1
    row_key: str = ""
    category: str = ""
    repeat_of: int | None = None  # the earlier equal row of the file
    imported_before: bool = False  # the project holds a row of this key already
    errors: list[str] = field(default_factory=list)

    @property
    def category_label(self) -> str:
        return str(BudgetLine.Category(self.category).label) if self.category else ""

    @property
    def is_repeat(self) -> bool:
        return self.repeat_of is not None


@dataclass
class LedgerPlan:
    """What a ledger file would import for a project and period; ``rows`` holds every data line."""

    file_name: str
    sha256: str
    period_start: dt.date
    period_end: dt.date
    project_code: str = ""
    file_type: str = ""
    encoding: str = ""
    delimiter: str = ""
    rows: list[LedgerRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    replaced_rows: int = 0  # ledger rows of the project in the period now (the import replaces them)

    @property
    def error_rows(self) -> list[LedgerRow]:
        return [row for row in self.rows if row.errors]

    @property
    def repeat_rows(self) -> list[LedgerRow]:
        return [row for row in self.rows if row.is_repeat and not row.errors]

    @property
    def imported_before_rows(self) -> list[LedgerRow]:
        return [row for row in self.rows if row.imported_before and not row.errors]

    def importable(self, *, include_repeats: bool = False) -> list[LedgerRow]:
        """The rows the import writes: no errors, and repeats only when asked."""
        return [row for row in self.rows if not row.errors and (include_repeats or not row.is_repeat)]

    @property
    def unmapped_accounts(self) -> list[str]:
        return sorted({row.account for row in self.importable(include_repeats=True) if not row.category})

    @property
    def accounts(self) -> list[str]:
        return sorted({row.account for row in self.rows if row.account and not row.errors})

    def totals_by_category(self, *, include_repeats: bool = False) -> dict[str, tuple[int, Decimal]]:
        """{category: (rows, sum)} of the rows imported; unmapped rows under ""."""
        totals: dict[str, tuple[int, Decimal]] = {}
        for row in self.importable(include_repeats=include_repeats):
            count, total = totals.get(row.category, (0, Decimal("0.00")))
            totals[row.category] = (count + 1, total + row.amount)
        return totals

    @property
    def can_import(self) -> bool:
        return not self.file_errors and bool(self.importable(include_repeats=True))


# Values ------------------------------------------------------------------------------------------


def parse_amount(value: object) -> Decimal | None:
    """A euro amount from a cell: Finnish text or a spreadsheet number; None when it is not one."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal):
        try:
            return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
        except InvalidOperation:
            return None
    text = str(value).strip().replace("€", "").strip()
    if text.endswith("-") and not text.startswith("-"):
        text = "-" + text[:-1].strip()
    try:
        amount = parse_decimal(text)
    except ValidationError:
        return None
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(CENT):
        return None
    return amount.quantize(CENT)


def parse_date(value: object) -> dt.date | None:
    """A date from a cell: 31.12.2025, 31.12.25, 2025-12-31 or a spreadsheet date; None otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    finnish, iso = FINNISH_DATE.fullmatch(text), ISO_DATE.fullmatch(text)
    if finnish:
        day, month, year = finnish.groups()
        year = f"20{year}" if len(year) == 2 else year
    elif iso:
        year, month, day = iso.groups()
    else:
        return None
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def cell_text(value: object) -> str:
    """A cell as text: an account number stored as a number loses no ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def row_key(row: LedgerRow) -> str:
    """The SHA-256 of the row's own values and its occurrence number (see the module)."""
    parts = (
        row.date.isoformat() if row.date else "",
        row.account,
        row.cost_centre,
        row.project_code,
        row.description,
        f"{row.amount:.2f}" if row.amount is not None else "",
        str(row.occurrence),
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


# The file ----------------------------------------------------------------------------------------


def decode(content: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-8 (a byte order mark dropped), else Windows-1252."""
    if content.startswith(BOM):
        return content[len(BOM) :].decode("utf-8", errors="replace"), "UTF-8"
    try:
        return content.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace"), "Windows-1252"


def _csv_records(plan: LedgerPlan, content: bytes) -> Iterator[tuple[int, list[object]]]:
    text, plan.encoding = decode(content)
    plan.file_type = "CSV"
    if "\x00" in text:
        plan.file_errors.append(_("The file is neither CSV nor XLSX. Save it as CSV or XLSX."))
        return iter(())
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    plan.delimiter = ";" if first_line.count(";") >= first_line.count(",") and ";" in first_line else ","
    if first_line.count("\t") > max(first_line.count(";"), first_line.count(",")):
        plan.delimiter = "\t"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=plan.delimiter)
    return ((reader.line_num, record) for record in reader)


def _xlsx_records(plan: LedgerPlan, content: bytes) -> Iterator[tuple[int, list[object]]]:
    plan.file_type = "XLSX"
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        plan.file_errors.append(_("The XLSX file cannot be read. Save it again in Excel or as CSV."))
        return iter(())
    sheet = workbook.worksheets[0]
    return ((number, list(values)) for number, values in enumerate(sheet.iter_rows(values_only=True), start=1))


def records(plan: LedgerPlan, content: bytes) -> Iterator[tuple[int, list[object]]]:
    """(line number, cells) of the file's lines, CSV or XLSX by the file's first bytes."""
    if content.startswith(OLD_EXCEL_MAGIC):
        plan.file_errors.append(_("This is an old Excel file (XLS). Save it as XLSX or CSV."))
        return iter(())
    if content.startswith(ZIP_MAGIC):
        return _xlsx_records(plan, content)
    return _csv_records(plan, content)


def _header(cells: Iterable[object]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(cells):
        column = HEADERS.get(_fold(cell_text(name)))
        if column is not None and column not in columns:
            columns[column] = index
    return columns


def read_ledger(
    content: bytes,
    *,
    file_name: str,
    period_start: dt.date,
    period_end: dt.date,
    project_code: str = "",
    categories: dict[str, str] | None = None,
    imported_keys: Iterable[str] = (),
) -> LedgerPlan:
    """The plan of the file's rows in one pass, with every row's errors.

    ``categories`` maps an account to its cost category (followup.services.imports.account_categories);
    ``imported_keys`` are the row keys the project holds already."""
    plan = LedgerPlan(
        file_name=file_name,
        sha256=hashlib.sha256(content).hexdigest(),
        period_start=period_start,
        period_end=period_end,
        project_code=project_code.strip(),
    )
    if len(content) > MAX_BYTES:
        plan.file_errors.append(_("The file is too large: at most %(size)s megabytes.") % {"size": MAX_BYTES >> 20})
        return plan
    try:
        _read_rows(plan, records(plan, content), categories or {}, set(imported_keys))
    except csv.Error as error:
        plan.file_errors.append(_("The file is not valid CSV (%(error)s).") % {"error": str(error)[:100]})
    return plan


def _read_rows(plan: LedgerPlan, lines: Iterator[tuple[int, list[object]]], categories, imported) -> None:
    columns: dict[str, int] = {}
    for number, cells in lines:
        if not any(cell_text(cell) for cell in cells):
            continue
        if not columns:
            columns = _header(cells)
            if not set(REQUIRED) <= set(columns):
                columns = {}
                if number >= HEADER_SEARCH_LINES:
                    break
            continue
        if len(plan.rows) >= MAX_ROWS:
            plan.file_errors.append(_("The file may have at most %(rows)s rows.") % {"rows": f"{MAX_ROWS:,}"})
            return
        plan.rows.append(_read_row(plan, number, cells, columns))
    if not columns:
        names = ", ".join(f"“{COLUMN_LABELS[column]}”" for column in REQUIRED)
        plan.file_errors.append(_("No header line naming the columns %(names)s was found.") % {"names": names})
        return
    if not plan.rows:
        plan.file_errors.append(_("The file has a header line but no rows."))
    _mark_keys(plan, categories, imported)


def _cell(cells: list[object], columns: dict[str, int], column: str) -> object:
    index = columns.get(column)
    return cells[index] if index is not None and index < len(cells) else None


def _read_row(plan: LedgerPlan, number: int, cells: list[object], columns: dict[str, int]) -> LedgerRow:
    row = LedgerRow(number=number)
    for column in ("account", "cost_centre", "project_code", "description"):
        text = cell_text(_cell(cells, columns, column))
        if len(text) > LIMITS[column]:
            row.errors.append(
                _("The %(column)s is longer than %(limit)s characters.")
                % {"column": COLUMN_LABELS[column], "limit": LIMITS[column]}
            )
        setattr(row, column, text[: LIMITS[column]])
    if not row.account:
        row.errors.append(_("The account is missing."))
    raw_amount = _cell(cells, columns, "amount")
    row.amount = parse_amount(raw_amount)
    if row.amount is None:
        row.errors.append(
            _("The amount “%(value)s” is not a euro amount (e.g. 1 234,56).") % {"value": cell_text(raw_amount)[:30]}
        )
    raw_date = _cell(cells, columns, "date")
    row.date = parse_date(raw_date)
    if row.date is None:
        row.errors.append(
            _("The date “%(value)s” is not a date (e.g. 31.12.2025).") % {"value": cell_text(raw_date)[:30]}
        )
    elif not plan.period_start <= row.date <= plan.period_end:
        row.errors.append(
            _("The date %(date)s is outside the period %(start)s–%(end)s.")
            % {
                "date": f"{row.date:%-d.%-m.%Y}",
                "start": f"{plan.period_start:%-d.%-m.%Y}",
                "end": f"{plan.period_end:%-d.%-m.%Y}",
            }
        )
    if plan.project_code and row.project_code and _fold(row.project_code) != _fold(plan.project_code):
        row.errors.append(
            _("The project code %(code)s is not this project's (%(own)s).")
            % {"code": row.project_code, "own": plan.project_code}
        )
    return row


def _mark_keys(plan: LedgerPlan, categories: dict[str, str], imported: set[str]) -> None:
    """Number the equal rows, key every row, and mark repeats, rows imported before and categories."""
    first_of: dict[tuple, int] = {}
    seen: dict[tuple, int] = {}
    for row in plan.rows:
        if row.errors:
            continue
        values = (row.date, row.account, row.cost_centre, row.project_code, row.description, row.amount)
        row.occurrence = seen.get(values, 0) + 1
        seen[values] = row.occurrence
        if row.occurrence > 1:
            row.repeat_of = first_of[values]
        else:
            first_of[values] = row.number
        row.row_key = row_key(row)
        row.imported_before = row.row_key in imported
        row.category = categories.get(row.account, "")
