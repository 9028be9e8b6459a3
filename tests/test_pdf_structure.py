"""Every PDF kind is a tagged, accessible document (issue 16, item 4): read back with pypdf.

Each PDF of the URL map (testing/url_map.py) is downloaded and its structure read
(testing/pdf_structure.py): a structure tree and /MarkInfo /Marked true; /Lang the document's
language; the title of the info dictionary and of the XMP metadata equal to the HTML <title>, and
shown as the window title (/DisplayDocTitle); the H1..H6 elements those of the HTML, in order and
with the same texts; every table with header cells (TH), the HTML's <th> texts among them; every
Figure with alternative text, the funding chart's carrying its figures; and no text of the document
outside the tree but the page frame's running elements (organisation, document type, draft mark,
print date, page number), which WeasyPrint leaves out of the tree.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import translation

from hankehallinta import pdf as pdf_module
from testing.factories import BodyFactory
from testing.pdf_structure import Structure, read_structure
from testing.seed import seed_item
from testing.url_map import build_objects

pytestmark = pytest.mark.django_db

#: Every PDF view of the app, with the URL map's object it is opened on.
PDF_KINDS = {
    "projects:funding_pdf": "project",
    "followup:actuals_pdf": "project",
    "followup:report_pdf": "report",
    "followup:claim_pdf": "drafted_claim",
    "decisions:item_extract_pdf": "seed",
    "decisions:meeting_agenda_pdf": "meeting",
    "decisions:meeting_minutes_pdf": "seed_meeting",
    "archive:item_pdf": "seed",
    "archive:meeting_pdf": "seed_meeting",
}

AMOUNT = re.compile(r"\d{1,3}(?: \d{3})*,\d{2} €")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", unescape(text).replace("\u00a0", " ").replace("\u202f", " ")).strip()


class _Html(HTMLParser):
    """The <title>, the headings (level, text), the <th> texts and the running elements' texts."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.headings: list[tuple[str, str]] = []
        self.header_cells: list[str] = []
        self.running: list[str] = []
        self._open: list[tuple[str, list[str]]] = []  # (what, its text so far) of the elements collected

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("title", "th", "h1", "h2", "h3", "h4", "h5", "h6"):
            self._open.append((tag, []))
        elif tag == "div" and any(name.startswith("running-") for name in classes):
            self._open.append(("running", []))

    def handle_endtag(self, tag: str) -> None:
        if not self._open or (self._open[-1][0] != tag and not (tag == "div" and self._open[-1][0] == "running")):
            return
        what, parts = self._open.pop()
        text = _squeeze("".join(parts))
        if self._open:  # a heading inside a th (or the like) counts for both
            self._open[-1][1].extend(parts)
        if what == "title":
            self.title = self.title or text  # the document's, not an SVG's
        elif what == "th":
            self.header_cells.append(text)
        elif what == "running":
            self.running.append(text)
        else:
            self.headings.append((what.upper(), text))

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][1].append(data)


def _html(document: str) -> _Html:
    parser = _Html()
    parser.feed(document)
    return parser


@pytest.fixture
def rendered(monkeypatch, settings, tmp_path) -> list[str]:
    """The HTML of every document laid out in the test (a fresh cache: each one is laid out)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for cache in caches.all():
        cache.clear()
    documents: list[str] = []
    render = pdf_module._render

    def recording(job, seconds):
        documents.append(job.html)
        return render(job, seconds)

    monkeypatch.setattr(pdf_module, "_render", recording)
    return documents


def _problems(kind: str, structure: Structure, html: _Html, language: str) -> list[str]:
    found = []

    def check(ok: bool, what: str) -> None:
        if not ok:
            found.append(f"{kind}: {what}")

    check(structure.marked, "no /MarkInfo /Marked true")
    check([kid.tag for kid in structure.root.kids] == ["Document"], "no Document element at the tree's root")
    check(structure.lang == language, f"/Lang {structure.lang!r}, not {language!r}")
    check(bool(html.title), "the HTML has no <title>")
    check(structure.title == html.title, f"info title {structure.title!r} is not the HTML's {html.title!r}")
    check(structure.xmp_title == html.title, f"XMP title {structure.xmp_title!r} is not the HTML's")
    check(structure.display_doc_title, "no /ViewerPreferences /DisplayDocTitle true")
    headings = [(element.tag, element.text) for element in structure.root.find("H1", "H2", "H3", "H4", "H5", "H6")]
    check(headings == html.headings, f"headings {headings} are not the HTML's {html.headings}")
    check([tag for tag, _text in headings].count("H1") == 1, "not exactly one H1")
    tables = structure.root.find("Table")
    check(all(table.find("TH") for table in tables), "a table without header cells")
    header_texts = {cell.text for cell in structure.root.find("TH")}
    check(set(html.header_cells) <= header_texts, f"<th> {set(html.header_cells) - header_texts} not tagged TH")
    for figure in structure.root.find("Figure"):
        check(bool(figure.alt), "a Figure without /Alt")
    frame = " ".join(html.running)
    strays = [
        text
        for text in structure.untagged
        if _squeeze(text) not in frame and not re.fullmatch(r"\d+ / \d+", _squeeze(text))
    ]
    check(not strays, f"text outside the structure tree: {strays}")
    return found


def test_every_pdf_kind_is_tagged_with_language_title_headings_and_table_headers(
    client, admin_user, body, other_body, presenter_person, rendered
):
    objects = build_objects(body, other_body, presenter_person)
    client.force_login(admin_user)
    problems = []
    for name, key in PDF_KINDS.items():
        rendered.clear()
        response = client.get(reverse(name, kwargs={"pk": objects[key].pk}))
        assert response.status_code == 200, name
        assert response["Content-Type"] == "application/pdf", name
        assert len(rendered) == 1, name
        problems += _problems(name, read_structure(response.content), _html(rendered[0]), "fi")
    assert problems == []


def test_the_funding_charts_alternative_text_carries_its_figures(client, admin_user, body, presenter_person, rendered):
    project = seed_item(body, presenter_person).project
    client.force_login(admin_user)
    response = client.get(reverse("projects:funding_pdf", kwargs={"pk": project.pk}))
    figures = read_structure(response.content).root.find("Figure")
    assert len(figures) == 1
    chart = figures[0]
    # The bars' gross costs as printed above them (the years below them set apart first).
    shown = set(AMOUNT.findall(re.sub(r"\b20\d\d\b", "|", chart.text)))
    assert shown, chart.text
    assert all(amount in _squeeze(chart.alt) for amount in shown)
    years = re.findall(r"\b20\d\d\b", chart.text)
    assert years and all(year in chart.alt for year in years)


def test_a_bilingual_bodys_swedish_documents_say_swedish(client, admin_user, presenter_person, rendered):
    body = BodyFactory(name="Kansalliskielinen jaosto", name_sv="Nationalspråkssektionen", language="fi-sv")
    item = seed_item(
        body,
        presenter_person,
        title_sv="Utlåtande om lokalerna",
        proposal_sv="Sektionen godkänner utlåtandet.",
        decision_sv="Sektionen godkände förslaget.",
    )
    client.force_login(admin_user)
    urls = {
        "decisions:item_extract_pdf": reverse("decisions:item_extract_pdf", kwargs={"pk": item.pk}) + "?language=sv",
        "decisions:meeting_minutes_pdf": reverse("decisions:meeting_minutes_pdf", kwargs={"pk": item.meeting.pk})
        + "?language=sv",
    }
    with translation.override("sv"):
        urls["archive:item_pdf"] = reverse("archive:item_pdf", kwargs={"pk": item.pk})
        urls["archive:meeting_pdf"] = reverse("archive:meeting_pdf", kwargs={"pk": item.meeting.pk})
    problems = []
    for name, url in urls.items():
        rendered.clear()
        response = client.get(url)
        assert response.status_code == 200, name
        assert len(rendered) == 1, name
        html = _html(rendered[0])
        structure = read_structure(response.content)
        problems += _problems(name, structure, html, "sv")
        if "extract" in name or name == "archive:item_pdf":
            assert "Utlåtande om lokalerna" in structure.root.find("H1")[0].text, name
    assert problems == []
