"""The portfolio as CSV for Finnish Excel, streamed.

Finnish Excel opens a ';'-separated file with a UTF-8 byte order mark directly, and reads "379904,00"
(decimal comma, no thousands separator) as a number; so amounts are written that way, the aid rate as
a percentage "80,00" and dates as "1.1.2024". Text that a spreadsheet would take for a formula
(starting with = + - @ or a tab) gets a leading apostrophe.

The response streams: the rows are read in chunks (`Portfolio.iter_rows`) and sent a few hundred at a
time, so neither the projects nor the file are ever whole in memory. The bytes are those a single
write of the whole file would give; only the Content-Length is unknown in advance.
"""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.http import StreamingHttpResponse

from projects.exports.columns import project_headers, project_values, state_names

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator

    from projects.portfolio import Portfolio, PortfolioRow

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
BYTE_ORDER_MARK = "\ufeff"
CENT = Decimal("0.01")
HUNDRED = Decimal(100)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Rows written before a chunk is sent: a few tens of kilobytes.
ROWS_PER_CHUNK = 500


def _text(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _amount(value: Decimal | None) -> str:
    """379904 -> "379904,00": a decimal comma and no thousands separator."""
    if value is None:
        return ""
    return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):.2f}".replace(".", ",")


def _date(value: dt.date) -> str:
    return f"{value.day}.{value.month}.{value.year}"


def _cell(value: object) -> str:
    if isinstance(value, Decimal):
        return _amount(value)
    if isinstance(value, str):
        return _text(value)
    if value is None:
        return ""
    return _date(value)


def _line(row: PortfolioRow, states: dict[str, str]) -> list[str]:
    """One project; the aid rate as a percentage (0.800002 -> "80,00")."""
    *values, rate = project_values(row, states)
    return [*(_cell(value) for value in values), _amount(rate * HUNDRED if rate is not None else None)]


def _drain(buffer: io.StringIO) -> bytes:
    """What the writer wrote since the last chunk, as UTF-8; the buffer is emptied."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text.encode("utf-8")


def _chunks(portfolio: Portfolio, headers: list[str], states: dict[str, str]) -> Iterator[bytes]:
    """The file in pieces: the byte order mark and the headers, then ROWS_PER_CHUNK rows at a time.

    Runs after the view has returned: the texts it needs (headers, states) were translated before.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write(BYTE_ORDER_MARK)
    writer.writerow(headers)
    yield _drain(buffer)
    for number, row in enumerate(portfolio.iter_rows(), start=1):
        writer.writerow(_line(row, states))
        if number % ROWS_PER_CHUNK == 0:
            yield _drain(buffer)
    rest = _drain(buffer)
    if rest:
        yield rest


def portfolio_csv(portfolio: Portfolio, *, filename: str) -> StreamingHttpResponse:
    """Every filtered project, one a row, streamed."""
    chunks = _chunks(portfolio, project_headers(), state_names())
    response = StreamingHttpResponse(chunks, content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
