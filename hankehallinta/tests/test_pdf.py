"""The PDF renderer: Finnish text and figures, page numbers, drafts, shipped fonts, the static-only
URL fetcher, download headers, the cache and the limits. The worker processes, their time and
memory limits and the remembered failures: test_pdf_isolation.py."""

from __future__ import annotations

import datetime as dt
import io
import socket
import threading
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote, urljoin

import pypdf
import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from fontTools.ttLib import TTFont

from hankehallinta import pdf
from hankehallinta.money import format_eur
from hankehallinta.pdf import (
    PdfTimeout,
    PdfTooLarge,
    layout,
    pdf_response,
    render_pdf,
    static_base_url,
)
from hankehallinta.pdf.fetcher import StaticFileRefused, StaticFilesFetcher

TEST_TEMPLATES = Path(__file__).resolve().parent / "templates"
SAMPLE = "pdf_tests/sample.html"
HOSTILE = "pdf_tests/hostile.html"
GENERATED_AT = dt.datetime(2025, 3, 12, 10, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def pdf_test_templates(settings):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], TEST_TEMPLATES]}]


@pytest.fixture(autouse=True)
def empty_pdf_cache():
    pdf._cache().clear()
    yield
    pdf._cache().clear()


@pytest.fixture
def loopback_listener():
    """A TCP listener on 127.0.0.1; `connections()` counts every connection attempted to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    server.settimeout(0.2)

    def connections() -> int:
        count = 0
        while True:
            try:
                connection, _address = server.accept()
            except TimeoutError:
                return count
            connection.close()
            count += 1

    yield server.getsockname()[1], connections
    server.close()


@pytest.fixture
def layout_calls(monkeypatch):
    """Counts layouts (in a worker or not), the expensive step the cache saves."""
    calls = []
    original = pdf._render

    def spy(job, seconds):
        calls.append(job)
        return original(job, seconds)

    monkeypatch.setattr(pdf, "_render", spy)
    return calls


def sample_pdf(*, rows: int = 3, draft: bool = False, text: str = "ÄÖÅ äöå: hankkeen kokonaisbudjetti", **extra):
    context = {
        "rows": range(rows),
        "amount": format_eur(Decimal("379904")),
        "text": text,
        "draft": draft,
        "generated_at": GENERATED_AT,
        **extra,
    }
    return render_pdf(SAMPLE, context)


def page_texts(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [page.extract_text().replace("\u00a0", " ").replace("\u202f", " ") for page in reader.pages]


def image_xobjects(data: bytes) -> list[object]:
    """Every raster image in the PDF, through nested form XObjects."""
    found = []

    def walk(resources):
        xobjects = resources.get("/XObject", {}) if resources else {}
        for xobject in xobjects.values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Image":
                found.append(xobject)
            elif xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"))

    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        walk(page.get("/Resources"))
    return found


# The document


def test_pdf_text_has_finnish_letters_amounts_and_page_numbers():
    data = sample_pdf()

    assert data.startswith(b"%PDF-")
    [text] = page_texts(data)
    assert "ÄÖÅ äöå" in text
    assert "379 904,00 €" in text
    assert "Sivu 1 / 1" in text
    assert "PÖYTÄKIRJANOTE" in text
    assert django_settings.ORGANISATION_NAME in text
    assert "Tulostettu 12.3.2025" in text
    assert "LUONNOS" not in text


def test_amounts_keep_their_no_break_spaces():
    data = sample_pdf()

    raw_text = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "379\u00a0904,00\u00a0€" in raw_text


def test_every_page_has_the_header_and_page_x_of_y():
    data = sample_pdf(rows=60)

    texts = page_texts(data)
    assert len(texts) == 2
    for number, text in enumerate(texts, start=1):
        assert f"Sivu {number} / 2" in text
        assert "PÖYTÄKIRJANOTE" in text
        assert django_settings.ORGANISATION_NAME in text
        assert "Kustannuslaji" in text  # the table header repeats on the second page
    assert "Yhteensä" not in texts[0]  # the totals print once, at the end
    assert "Yhteensä" in texts[1]


def test_draft_is_marked_luonnos_on_every_page():
    data = sample_pdf(rows=60, draft=True)

    texts = page_texts(data)
    assert len(texts) == 2
    assert all("LUONNOS" in text for text in texts)


def test_organisation_comes_from_settings(settings):
    settings.ORGANISATION_NAME = "Testilän hyvinvointialue"

    [text] = page_texts(sample_pdf())

    assert "Testilän hyvinvointialue" in text


def test_context_can_override_the_organisation():
    [text] = page_texts(sample_pdf(organisation="Åland Ärende Öy"))

    assert "Åland Ärende Öy" in text


def test_pdf_embeds_the_shipped_dejavu_fonts(monkeypatch, settings):
    settings.PDF_RENDER_IN_PROCESS = True  # the spy sees this process's fetches only
    fetched = []
    original = StaticFilesFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(StaticFilesFetcher, "fetch", spy)
    layout.reset_assets()  # load fonts and stylesheet again, through the spy

    data = sample_pdf()

    assert static_base_url() + "fonts/DejaVuSans.ttf" in fetched
    assert static_base_url() + "fonts/DejaVuSans-Bold.ttf" in fetched
    assert static_base_url() + "img/logo.svg" in fetched  # {% static %} in the template, url() in print.css
    reader = pypdf.PdfReader(io.BytesIO(data))
    fonts = [font.get_object() for font in reader.pages[0]["/Resources"]["/Font"].values()]
    assert fonts
    for font in fonts:
        # The family exists only through print.css's @font-face: the shipped file, not a system font.
        assert "Hankehallinta-DejaVu-Sans" in font["/BaseFont"]
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        embedded = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
        assert embedded["name"].getDebugName(1) == "DejaVu Sans"


def test_pdf_metadata_has_title_author_language_and_pdf_a():
    data = sample_pdf()

    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.metadata.title == "Testiasiakirja – Tulevaisuuslautakunta"
    assert reader.metadata.author == django_settings.ORGANISATION_NAME
    assert reader.trailer["/Root"]["/Lang"] == "fi"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged, for screen readers
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid" in xmp


def test_text_is_escaped_in_the_pdf():
    [text] = page_texts(sample_pdf(text="<b>ei lihavoitu</b> & <script>x</script>"))

    assert "<b>ei lihavoitu</b> & <script>x</script>" in text


# The URL fetcher


def test_fetcher_serves_the_print_stylesheet():
    response = StaticFilesFetcher().fetch(static_base_url() + "pdf/print.css")

    assert response.content_type == "text/css"
    assert response.read() == (Path(django_settings.BASE_DIR) / "static" / "pdf" / "print.css").read_bytes()


def test_fetcher_serves_what_the_static_tag_produces():
    response = StaticFilesFetcher().fetch(urljoin(static_base_url(), static("img/logo.svg")))

    assert response.content_type == "image/svg+xml"
    assert response.read() == (Path(django_settings.BASE_DIR) / "static" / "img" / "logo.svg").read_bytes()


def test_fetcher_serves_app_static_files():
    """A file of an installed app's static folder (the admin's), byte for byte as the finders find it."""
    response = StaticFilesFetcher().fetch(static_base_url() + "admin/css/base.css")

    assert response.content_type == "text/css"
    body = response.read()
    assert body == Path(finders.find("admin/css/base.css")).read_bytes()
    assert body.strip()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "FILE:///etc/passwd",
        Path(__file__).resolve().as_uri(),
        (Path(django_settings.BASE_DIR) / "static" / "pdf" / "print.css").as_uri(),  # real path, not the base
        "http://127.0.0.1/static/pdf/print.css",
        "https://example.org/static/pdf/print.css",
        "ftp://127.0.0.1/static/pdf/print.css",
        "data:text/css,body%7Bcolor:red%7D",
        "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'/%3E",
        "file://static.invalid/etc/passwd",
        "file://static.invalid.example.org/static/pdf/print.css",
        "file://static.invalid@127.0.0.1/static/pdf/print.css",
        "file://static.invalid/static/../../../../etc/passwd",
        "file://static.invalid/static/pdf/../../../../etc/passwd",
        "file://static.invalid/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "file://static.invalid/static/pdf%2f..%2f..%2f..%2fetc%2fpasswd",
        "file://static.invalid/static/%252e%252e/etc/passwd",
        "file://static.invalid/static/..%5c..%5cetc%5cpasswd",
        "file://static.invalid/static//etc/passwd",
        "file://static.invalid/static/pdf/print.css%00.png",
        "file://static.invalid/static/fonts/LICENSE-DejaVu.txt",  # a static file, but no type a PDF uses
        "file://static.invalid/static/pdf/missing.css",
        "file://static.invalid/static/",
        "javascript:alert(1)",
        "/static/pdf/print.css",
    ],
)
def test_fetcher_refuses_everything_but_static_files(url):
    with pytest.raises(StaticFileRefused):
        StaticFilesFetcher().fetch(url)


def test_fetcher_refuses_loopback_http_without_connecting(loopback_listener):
    port, connections = loopback_listener

    with pytest.raises(StaticFileRefused):
        StaticFilesFetcher().fetch(f"http://127.0.0.1:{port}/static/pdf/print.css")
    with pytest.raises(StaticFileRefused):
        StaticFilesFetcher()(f"http://127.0.0.1:{port}/x")  # WeasyPrint's own call path

    assert connections() == 0


def test_fetcher_refuses_a_symlink_that_leaves_the_static_directories(settings, tmp_path):
    static_dir = tmp_path / "static"
    static_dir.mkdir()
    (static_dir / "inside.css").write_text("p { color: black }")
    secret = tmp_path / "secret.css"
    secret.write_text("/* salaisuus */")
    (static_dir / "escape.css").symlink_to(secret)
    (static_dir / "passwd.css").symlink_to("/etc/passwd")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, static_dir]
    fetcher = StaticFilesFetcher()

    assert fetcher.fetch(static_base_url() + "inside.css").read() == b"p { color: black }"
    with pytest.raises(StaticFileRefused):
        fetcher.fetch(static_base_url() + "escape.css")
    with pytest.raises(StaticFileRefused):
        fetcher.fetch(static_base_url() + "passwd.css")


def test_hostile_template_fetches_nothing_and_attaches_nothing(loopback_listener, caplog):
    port, connections = loopback_listener

    data = render_pdf(HOSTILE, {"port": port})

    assert connections() == 0
    reader = pypdf.PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert "/EmbeddedFiles" not in root.get("/Names", {})
    assert "/AF" not in root
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            assert annotation.get_object().get("/Subtype") != "/FileAttachment"
    assert image_xobjects(data) == []
    text = "".join(page_texts(data))
    assert "Otsikko" in text
    assert "root:x:0" not in text
    assert b"root:x:0" not in data
    refused = [record.getMessage() for record in caplog.records if record.name == "hankehallinta.pdf"]
    assert any("file:///etc/passwd" in message for message in refused)
    assert any(f"127.0.0.1:{port}" in message for message in refused)


# Download headers


def test_pdf_response_is_a_safe_attachment():
    response = pdf_response(b"%PDF-1.7 test", 'Pöytäkirjanote "§ 45"\r\nSet-Cookie: evil=1;\tÄäni.pdf')

    disposition = response["Content-Disposition"]
    assert "\r" not in disposition
    assert "\n" not in disposition
    assert disposition.isascii()
    assert disposition.startswith('attachment; filename="')
    fallback = disposition.split('filename="', 1)[1].split('"', 1)[0]
    assert fallback.endswith(".pdf")
    assert fallback.isascii()
    assert "Poytakirjanote" in fallback
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    name = unquote(encoded)
    assert name.startswith("Pöytäkirjanote")
    assert name.endswith("Ääni.pdf")
    assert not set(name) & set('"\r\n\t;\\/')
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(len(b"%PDF-1.7 test"))
    assert response.content == b"%PDF-1.7 test"


def test_pdf_response_keeps_a_plain_name():
    response = pdf_response(b"%PDF", "poytakirjanote-tulevaisuuslautakunta-2023-45.pdf")

    assert response["Content-Disposition"] == (
        'attachment; filename="poytakirjanote-tulevaisuuslautakunta-2023-45.pdf"; '
        "filename*=UTF-8''poytakirjanote-tulevaisuuslautakunta-2023-45.pdf"
    )


@pytest.mark.parametrize("filename", ["", "\r\n", '"', "../../", ".pdf"])
def test_pdf_response_names_a_nameless_file(filename):
    response = pdf_response(b"%PDF", filename)

    assert 'filename="asiakirja.pdf"' in response["Content-Disposition"]


# The cache


def test_same_content_is_laid_out_once(layout_calls):
    first = sample_pdf()
    second = sample_pdf()

    assert len(layout_calls) == 1
    assert first == second


def test_changed_content_is_laid_out_again(layout_calls):
    first = sample_pdf(text="Ensimmäinen versio")
    second = sample_pdf(text="Toinen versio")

    assert len(layout_calls) == 2
    assert first != second
    assert "Toinen versio" in page_texts(second)[0]


def test_cache_can_be_bypassed(layout_calls):
    context = {"rows": [], "amount": "", "text": "x", "generated_at": GENERATED_AT}
    render_pdf(SAMPLE, context, use_cache=False)
    render_pdf(SAMPLE, context, use_cache=False)

    assert len(layout_calls) == 2


# The limits


def test_html_over_the_size_limit_raises_pdf_too_large(settings, layout_calls):
    settings.PDF_MAX_HTML_BYTES = 20_000

    with pytest.raises(PdfTooLarge):
        sample_pdf(text="Ä" * 20_000)
    assert layout_calls == []  # refused before any layout


def test_document_over_the_page_limit_raises_pdf_too_large(settings):
    settings.PDF_MAX_PAGES = 1

    assert len(page_texts(sample_pdf(rows=3))) == 1
    with pytest.raises(PdfTooLarge):
        sample_pdf(rows=60)


def test_render_over_the_time_limit_raises_pdf_timeout_and_recovers(settings):
    settings.PDF_MAX_RENDER_SECONDS = 0.005

    with pytest.raises(PdfTimeout):
        sample_pdf(rows=600)

    settings.PDF_MAX_RENDER_SECONDS = 30
    assert "Sivu 2 / 2" in page_texts(sample_pdf(rows=60))[1]


def test_renders_from_several_threads_at_once_stay_apart():
    results: dict[int, bytes] = {}

    def render(number: int) -> None:
        results[number] = sample_pdf(text=f"Säie numero {number}")

    threads = [threading.Thread(target=render, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(results) == [0, 1, 2, 3]
    for number, data in results.items():
        assert f"Säie numero {number}" in page_texts(data)[0]
