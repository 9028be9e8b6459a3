"""The portfolio as a file: CSV for Finnish Excel and XLSX with real numbers, of every filtered
project (not only the page's), in bounded memory whatever the number of projects.

CSV (csv_file.py) streams: the rows are read from the database in chunks and sent as they are
written. XLSX (xlsx_file.py) is written row by row in openpyxl's write-only mode into a temporary
file, which is then sent. Both read `Portfolio.iter_rows()`: one query for the rows, whatever their
number, and no float arithmetic anywhere (amounts stay Decimal from the database to the file).
"""

from __future__ import annotations

from projects.exports.columns import DATE_FORMAT, EUR_FORMAT, PERCENT_FORMAT
from projects.exports.csv_file import CSV_CONTENT_TYPE, portfolio_csv
from projects.exports.xlsx_file import XLSX_CONTENT_TYPE, portfolio_xlsx

__all__ = [
    "CSV_CONTENT_TYPE",
    "DATE_FORMAT",
    "EUR_FORMAT",
    "PERCENT_FORMAT",
    "XLSX_CONTENT_TYPE",
    "portfolio_csv",
    "portfolio_xlsx",
]
