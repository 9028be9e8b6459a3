"""Shared tools of the safety tests: a loopback listener, hostile payloads planted in every text
field of the models, and readers that take a PDF and an HTML page apart.

Used by tests/test_pdf_safety.py (the fetcher proven through the real PDF views) and by the
hypothesis suite in tests/fuzz/ (escaped output in pages and PDFs).
"""

from __future__ import annotations

import io
import re
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pypdf
from django.apps import apps
from django.db import models
from pypdf.generic import StreamObject

# Hostile payloads -----------------------------------------------------------------------------

#: What a user could type to make WeasyPrint fetch a file or a URL if the text were ever
#: interpreted as HTML or CSS. PORT is replaced by the loopback listener's port.
PAYLOADS: tuple[str, ...] = (
    '<img src="file:///etc/hostname">',
    '<link rel=attachment href="file:///etc/passwd">',
    "<style>@import url(http://127.0.0.1:PORT/css)</style>",
    '<svg><image href="http://127.0.0.1:PORT/svg"/></svg>',
    "url(http://127.0.0.1:PORT/bg)",
    '<object data="file:///etc/passwd">',
    '<p style="background:url(http://127.0.0.1:PORT/style)">',
    '<img src="http://127.0.0.1:PORT/img">',
    '<a rel=attachment href="http://127.0.0.1:PORT/a">',
    '<iframe src="file:///etc/passwd"></iframe>',
    '<embed src="http://127.0.0.1:PORT/embed">',
    "<style>@font-face{font-family:x;src:url(http://127.0.0.1:PORT/font)}</style>",
    '<script>fetch("http://127.0.0.1:PORT/js")</script>',
    '<link rel=stylesheet href="http://127.0.0.1:PORT/link">',
    # Plain-text URLs: never fetched, printed as they are.
    "http://127.0.0.1:PORT/plain file:///etc/hostname",
)
#: For fields too short for any of the above (e.g. Body.abbreviation, 30 characters).
SHORT_PAYLOADS: tuple[str, ...] = ("<img src=/etc/passwd>", "file:///etc/passwd")

PASSWD_CONTENT = "root:x:0:0"

#: Models of the app whose text never reaches a PDF or a page as typed text, with the reason.
#: Every other model of the apps below has its text fields planted (test_every_model_is_planted).
NOT_PLANTED = {
    "decisions.Extract": "written by the app when an extract is issued; its PDF is stored bytes",
    "projects.ApplicationVersion": "a frozen snapshot the app writes; its label is not printed",
}
APPS = ("decisions", "projects", "budgets")


def text_fields(model: type[models.Model]) -> list[models.Field]:
    """Every free-text field a user can edit: CharField and TextField (EmailField too), no choices."""
    return [
        model_field
        for model_field in model._meta.concrete_fields
        if isinstance(model_field, (models.CharField, models.TextField))
        and model_field.editable
        and not model_field.choices
    ]


def models_with_text() -> list[type[models.Model]]:
    """The app's own models with user-editable text (historical records left out)."""
    return [
        model
        for label in APPS
        for model in apps.get_app_config(label).get_models()
        if text_fields(model) and not model.__name__.startswith("Historical")
    ]


@dataclass
class Plant:
    """One planted value: the marker "[qnn]" at its start says which model field it is in."""

    marker: str
    model: str
    field: str
    value: str
    parts: list[str]


@dataclass
class Planter:
    """Fills text fields with markers and hostile payloads; remembers what went where."""

    port: int
    plants: dict[str, Plant] = field(default_factory=dict)

    def payloads(self, rotation: int) -> list[str]:
        concrete = [payload.replace("PORT", str(self.port)) for payload in PAYLOADS]
        rotation %= len(concrete)
        return concrete[rotation:] + concrete[:rotation]

    def value_for(self, model_field: models.Field, label: str) -> str:
        number = len(self.plants)
        marker = f"[q{number:02d}]"
        max_length = model_field.max_length if isinstance(model_field, models.CharField) else None
        separator = "\n" if isinstance(model_field, models.TextField) else " "
        parts = [marker]
        for payload in self.payloads(number):
            candidate = separator.join([*parts, payload])
            if max_length is None or len(candidate) <= max_length:
                parts.append(payload)
        if len(parts) == 1:
            for payload in SHORT_PAYLOADS:
                candidate = " ".join([*parts, payload])
                if max_length is None or len(candidate) <= max_length:
                    parts.append(payload)
                    break
        value = separator.join(parts)
        assert len(parts) > 1, f"{label} is too short for any payload"
        model_name, field_name = label.split(".")
        self.plants[marker] = Plant(marker, model_name, field_name, value, parts)
        return value

    def plant(self, instance: models.Model, *, skip: tuple[str, ...] = (), save: bool = True) -> models.Model:
        """Every text field of `instance` (but `skip`) gets its own marker and payloads."""
        for model_field in text_fields(type(instance)):
            if model_field.name in skip:
                continue
            label = f"{type(instance).__name__}.{model_field.name}"
            setattr(instance, model_field.name, self.value_for(model_field, label))
        if save:
            instance.save()
        return instance

    def markers_in(self, text: str) -> set[str]:
        return {marker for marker in self.plants if marker in text}

    def fields_in(self, text: str) -> set[str]:
        return {f"{self.plants[m].model}.{self.plants[m].field}" for m in self.markers_in(text)}


# A loopback listener --------------------------------------------------------------------------


class LoopbackListener:
    """An HTTP server on 127.0.0.1 (a stand-in for an internal service) that counts connections.

    It answers every GET with something a renderer would use (CSS, SVG, text), so a fetch that
    happens really succeeds; `hits` counts connections, `paths` the requested paths.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.hits = 0
        self.paths: list[str] = []
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def setup(self) -> None:
                with listener._lock:
                    listener.hits += 1
                super().setup()

            def do_GET(self) -> None:
                with listener._lock:
                    listener.paths.append(self.path)
                if self.path.endswith(("/css", "/link")):
                    body, content_type = b"body { color: red }", "text/css"
                elif self.path.endswith(("/svg", "/embed")):
                    body = b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect/></svg>'
                    content_type = "image/svg+xml"
                else:
                    body, content_type = b"internal secret", "text/plain"
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def settled_hits(self) -> int:
        """Connections so far, after giving any queued connection time to be accepted."""
        time.sleep(0.1)
        with self._lock:
            return self.hits

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)


# Reading a PDF --------------------------------------------------------------------------------

_WHITESPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Text without any whitespace (no-break spaces and line breaks too), lowercased.

    Layout turns spaces into line breaks and pypdf may add or drop a space; templates may
    lowercase (preparer's title). What remains is the sequence of characters.
    """
    return _WHITESPACE.sub("", text).lower()


def printed_literally(part: str, squeezed_text: str) -> bool:
    """Is `part` in the PDF text (squeezed) as these very characters? A part cut by a page break
    has the running footer ("Sivu 2 / 5") and header in between; that counts too."""
    part = squeeze(part)
    if part in squeezed_text:
        return True
    page_break = r".{0,600}?sivu\d+/\d+.{0,600}?"
    return any(
        re.search(re.escape(part[:cut]) + page_break + re.escape(part[cut:]), squeezed_text, re.DOTALL)
        for cut in range(1, len(part))
    )


@dataclass
class PdfFacts:
    pages: int
    text: str
    embedded_files: list[str]
    file_attachment_annotations: int
    link_uris: list[str]
    associated_files: bool
    image_count: int
    decoded_streams: bytes


def read_pdf(data: bytes) -> PdfFacts:
    """Everything a leak could hide in: the text, embedded files (the /EmbeddedFiles name tree and
    /AF), /FileAttachment annotations, link URIs, images, and every stream decoded."""
    assert data.startswith(b"%PDF-"), data[:200]
    reader = pypdf.PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"].get_object()
    names = root.get("/Names")
    names = names.get_object() if names is not None else {}
    embedded = list(reader.attachments) if "/EmbeddedFiles" in names else []
    if "/EmbeddedFiles" in names and not embedded:
        embedded = ["(an /EmbeddedFiles name tree)"]
    file_annotations = 0
    uris = []
    images = 0
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/FileAttachment":
                file_annotations += 1
            action = annotation.get("/A")
            if action is not None and "/URI" in action.get_object():
                uris.append(str(action.get_object()["/URI"]))
    decoded = bytearray()
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:  # free or compressed-away object numbers
            continue
        if isinstance(obj, StreamObject):
            if obj.get("/Subtype") == "/Image":
                images += 1
            try:
                decoded += obj.get_data()
            except Exception:
                decoded += obj._data or b""
    text = "\n".join(page.extract_text() for page in reader.pages)
    return PdfFacts(
        pages=len(reader.pages),
        text=text,
        embedded_files=embedded,
        file_attachment_annotations=file_annotations,
        link_uris=uris,
        associated_files="/AF" in root,
        image_count=images,
        decoded_streams=bytes(decoded),
    )


def assert_nothing_leaked(facts: PdfFacts) -> None:
    assert facts.embedded_files == [], f"files embedded in the PDF: {facts.embedded_files}"
    assert not facts.associated_files, "the PDF has associated files (/AF)"
    assert facts.file_attachment_annotations == 0, "the PDF has /FileAttachment annotations"
    assert PASSWD_CONTENT not in facts.text
    assert PASSWD_CONTENT.encode() not in facts.decoded_streams, "/etc/passwd content in a PDF stream"


# Reading an HTML page -------------------------------------------------------------------------

#: Elements that make a renderer or a browser fetch or run something.
ACTIVE_TAGS = frozenset(
    {"img", "link", "style", "object", "embed", "iframe", "svg", "image", "script", "use", "video", "audio", "source"}
)
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset"})


class HtmlFacts(HTMLParser):
    """Elements, attributes, text and the contents of <style> and <script>, as a browser parses them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str]]]] = []
        self.text_parts: list[str] = []
        self.style_texts: list[str] = []
        self.script_texts: list[str] = []
        self._open: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, [(name, value or "") for name, value in attrs]))
        if tag in ("style", "script"):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] == "style":
            self.style_texts.append(data)
        elif self._open and self._open[-1] == "script":
            self.script_texts.append(data)
        else:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.text_parts)

    def attribute_values(self) -> list[tuple[str, str, str]]:
        return [(tag, name, value) for tag, attrs in self.elements for name, value in attrs]

    def style_contexts(self) -> list[str]:
        """Everything the page gives to CSS: style attributes and <style> contents."""
        return [value for _tag, name, value in self.attribute_values() if name == "style"] + self.style_texts


def assert_only_in_text(html: str, needles: set[str], *, allowed_attributes: frozenset[str] = frozenset()) -> None:
    """Each needle (a marker or a token in a user value) is only ever text: never an element, an
    attribute name, an event handler, a URL attribute, CSS or script. `allowed_attributes`
    (e.g. {"value"} on an edit form) may carry the value as an attribute value."""
    facts = HtmlFacts(html)
    for needle in needles:
        for tag, attrs in facts.elements:
            assert needle not in tag, f"{needle} became an element <{tag}>"
            for name, value in attrs:
                assert needle not in name, f"{needle} became an attribute {name} of <{tag}>"
                if needle in value:
                    assert name in allowed_attributes, f"{needle} reached the attribute {name}= of <{tag}>"
        for css in facts.style_contexts():
            assert needle not in css, f"{needle} reached a style context: {css[:200]!r}"
        for script in facts.script_texts:
            assert needle not in script, f"{needle} reached a script: {script[:200]!r}"
