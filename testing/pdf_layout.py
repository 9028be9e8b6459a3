"""Looking at a PDF's layout in a test: the HTML it was made from, its tables, and its text page by page.

html = captured_pdf_html(monkeypatch)          # before the request: the HTML of every PDF rendered
tables(html[-1])                                # its tables: classes and rows of (tag, attrs, text)
page_lines(pdf_bytes, running=(...))            # the body text of each page, line by line
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from pypdf import PdfReader

from hankehallinta import pdf as pdf_module
from testing.pdf import fold_spaces

#: An amount as the app prints it: "379 904,00", "-1 000,00", "0,80" (spaces folded).
AMOUNT = re.compile(r"(?<![\d,.])[-+−]?\d{1,3}(?: \d{3})*,\d{2}(?!\d)")


def captured_pdf_html(monkeypatch) -> list[str]:
    """The HTML of every PDF rendered from now on (rendered as usual), in order."""
    seen: list[str] = []
    original = pdf_module.html_to_pdf

    def capturing(html: str, **kwargs) -> bytes:
        seen.append(html)
        return original(html, **kwargs)

    monkeypatch.setattr(pdf_module, "html_to_pdf", capturing)
    return seen


@dataclass
class Cell:
    tag: str  # "th" or "td"
    attrs: dict[str, str]
    text: str = ""


@dataclass
class Table:
    classes: list[str]
    rows: list[list[Cell]] = field(default_factory=list)


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self.open: list[Table] = []
        self.cell: Cell | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "table":
            table = Table(classes=values.get("class", "").split())
            self.tables.append(table)
            self.open.append(table)
        elif tag == "tr" and self.open:
            self.open[-1].rows.append([])
        elif tag in ("th", "td") and self.open and self.open[-1].rows:
            self.cell = Cell(tag, values)
            self.open[-1].rows[-1].append(self.cell)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td"):
            self.cell = None
        elif tag == "table" and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.text += data


def tables(html: str) -> list[Table]:
    """Every table of the HTML with its rows; a cell's text has its white space made single spaces."""
    parser = _TableParser()
    parser.feed(html)
    for table in parser.tables:
        for row in table.rows:
            for cell in row:
                cell.text = re.sub(r"\s+", " ", fold_spaces(cell.text)).strip()
    return parser.tables


#: The running elements' text besides the organisation and the document type.
_RUNNING = (
    re.compile(r"Tulostettu \d{1,2}\.\d{1,2}\.\d{4}"),
    re.compile(r"Sivu \d+ / \d+"),
    re.compile(r"\bLUONNOS\b"),
)


def page_lines(data: bytes, *, running: tuple[str, ...] = ()) -> list[list[str]]:
    """Each page's lines of body text: the running header and footer (the `running` strings, the print
    date, the page number, LUONNOS) taken out, and lines left empty or holding only a list bullet dropped."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        lines = []
        for line in fold_spaces(page.extract_text() or "").split("\n"):
            for text in running:
                line = line.replace(text, " ")
            for pattern in _RUNNING:
                line = pattern.sub(" ", line)
            line = line.strip(" •\t")
            if line:
                lines.append(re.sub(r"\s+", " ", line))
        pages.append(lines)
    return pages


def positioned_lines(data: bytes) -> list[list[str]]:
    """Each page's text as it lies on the page: the pieces of text on one baseline joined left to right,
    top to bottom (pypdf's own text follows the drawing order: a table cell's lines, then the next cell)."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        runs: list[tuple[float, float, str]] = []

        def visit(text, cm, tm, font, size, runs=runs) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                runs.append((round(y), x, fold_spaces(text).strip()))

        page.extract_text(visitor_text=visit)
        baselines: dict[int, list[tuple[float, str]]] = {}
        for y, x, text in runs:
            baselines.setdefault(y, []).append((x, text))
        pages.append([" ".join(text for _, text in sorted(baselines[y])) for y in sorted(baselines, reverse=True)])
    return pages
