"""A county ledger export for the browser test of the follow-up, written the Finnish way.

    ledger = finnish_ledger(rows=300, start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30), unknown="512,34")
    ledger.content            # the CSV's bytes: UTF-8 with a BOM, ';' between the columns
    ledger.total("4000")      # what the import writes for the account (the repeat and the error left out)

The file has `rows` ordinary rows over the period on the accounts of ACCOUNTS (amounts with cents,
thousands grouped by a space, now and then a correction with a minus), and three rows the preview
must report by their line: an amount that is no euro amount, an exact repeat of an earlier row, and
a row on an account no mapping knows (UNKNOWN_ACCOUNT). Line 1 is the header, so the first row is
line 2.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

HEADER = ("Päivämäärä", "Tili", "Kustannuspaikka", "Projekti", "Selite", "Summa")
#: The ledger's accounts and the cost category each is mapped to before the import.
ACCOUNTS = {"4000": "staff", "4100": "staff", "4300": "services"}
UNKNOWN_ACCOUNT = "4390"
MALFORMED_AMOUNT = "12,3,4"
COST_CENTRE = "1210"
PROJECT_CODE = "H2417"


def finnish_amount(amount: Decimal) -> str:
    """Decimal("-1234.5") -> "-1 234,50", as the ledger export writes it."""
    whole, cents = f"{abs(amount):.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", " ")
    return f"{'-' if amount < 0 else ''}{grouped},{cents}"


@dataclass
class LedgerRow:
    date: dt.date
    account: str
    description: str
    amount: Decimal | None
    amount_text: str = ""

    def cells(self) -> tuple[str, ...]:
        text = self.amount_text or finnish_amount(self.amount)
        return (f"{self.date:%-d.%-m.%Y}", self.account, COST_CENTRE, PROJECT_CODE, self.description, text)


@dataclass
class LedgerFile:
    rows: list[LedgerRow]
    malformed_line: int
    duplicate_line: int
    duplicate_of_line: int
    unknown_line: int
    imported: list[LedgerRow] = field(default_factory=list)

    @property
    def content(self) -> bytes:
        lines = [";".join(HEADER), *(";".join(row.cells()) for row in self.rows)]
        return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")

    def total(self, *accounts: str) -> Decimal:
        """What the import writes on the accounts: every row but the malformed one and the repeat."""
        return sum((row.amount for row in self.imported if row.account in accounts), Decimal("0.00"))


def _ordinary_row(number: int, rows: int, start: dt.date, end: dt.date) -> LedgerRow:
    day = start + dt.timedelta(days=number * (end - start).days // rows)
    account = list(ACCOUNTS)[number % len(ACCOUNTS)]
    amount = Decimal(5000 + (number * 7919) % 100_000).scaleb(-2)  # 50,00 ... 1 049,99 €
    if number % 37 == 36:
        amount = -amount / 4  # a correction
        amount = amount.quantize(Decimal("0.01"))
    return LedgerRow(day, account, f"Tosite {10_000 + number}", amount)


def finnish_ledger(*, rows: int, start: dt.date, end: dt.date, unknown: str) -> LedgerFile:
    """`rows` ordinary rows and the three the preview reports (see the module); `unknown` is the
    amount of the row on UNKNOWN_ACCOUNT, in Finnish ("512,34")."""
    ordinary = [_ordinary_row(number, rows, start, end) for number in range(rows)]
    middle = start + (end - start) // 2
    malformed = LedgerRow(middle, "4300", "Laskun korjaus", None, amount_text=MALFORMED_AMOUNT)
    unknown_amount = Decimal(unknown.replace(" ", "").replace(",", "."))
    unknown_row = LedgerRow(middle, UNKNOWN_ACCOUNT, "Tulkkauspalvelu", unknown_amount)
    repeated = ordinary[rows // 3]
    duplicate = LedgerRow(repeated.date, repeated.account, repeated.description, repeated.amount)
    all_rows = [*ordinary]
    all_rows.insert(rows // 8, malformed)
    all_rows.insert(rows // 2, duplicate)
    all_rows.insert(rows * 3 // 4, unknown_row)
    line = {id(row): index + 2 for index, row in enumerate(all_rows)}
    return LedgerFile(
        rows=all_rows,
        malformed_line=line[id(malformed)],
        duplicate_line=line[id(duplicate)],
        duplicate_of_line=line[id(repeated)],
        unknown_line=line[id(unknown_row)],
        imported=[row for row in all_rows if row is not malformed and row is not duplicate],
    )
