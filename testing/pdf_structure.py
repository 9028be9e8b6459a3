"""Reading a tagged PDF the way an assistive technology does: its structure tree, language and title.

    document = read_structure(pdf_bytes)
    document.lang, document.title, document.xmp_title, document.display_doc_title, document.marked
    [heading.text for heading in document.root.find("H1", "H2")]
    document.root.find("Figure")[0].alt

The tree is walked from the catalogue's /StructTreeRoot through the /K kids (struct elements, marked
content ids and marked-content references). The text of an element is the text of the marked content
its MCIDs name on its page (collected while pypdf extracts each page's text), in the order of the tree.
Marked content no element of the tree reaches (what is neither in the tree nor an /Artifact) is
listed in ``untagged``.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NumberObject

from testing.pdf import fold_spaces


@dataclass
class Element:
    """One struct element: its type (without the slash), alternative text, attributes and kids."""

    tag: str
    alt: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    kids: list[Element] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # the texts of its own marked content, in order

    @property
    def text(self) -> str:
        """All the text under the element, white space made single spaces."""
        pieces: list[str] = []
        self._collect(pieces)
        return re.sub(r"\s+", " ", fold_spaces("".join(pieces))).strip()

    def _collect(self, pieces: list[str]) -> None:
        pieces.extend(self.parts)
        for kid in self.kids:
            kid._collect(pieces)

    def walk(self):
        """The element and every element under it, in reading (tree) order."""
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def find(self, *tags: str) -> list[Element]:
        """The elements of the given types under (and including) this one, in reading order."""
        return [element for element in self.walk() if element.tag in tags]


@dataclass
class Structure:
    """What the catalogue, the info dictionary and the XMP metadata say, and the tree."""

    root: Element
    lang: str | None
    title: str | None
    xmp_title: str | None
    display_doc_title: bool
    marked: bool
    untagged: list[str]


def _marked_texts(reader: PdfReader) -> dict[tuple[int, int], str]:
    """(page index, MCID) -> the text shown inside that marked content."""
    texts: dict[tuple[int, int], str] = {}
    for page_index, page in enumerate(reader.pages):
        stack: list[int | None] = []

        def before(operator: bytes, operands: list, _cm: Any, _tm: Any, stack=stack) -> None:
            if operator == b"BDC":
                properties = operands[1] if len(operands) > 1 else None
                mcid = properties.get("/MCID") if isinstance(properties, dict) else None
                stack.append(int(mcid) if mcid is not None else None)
            elif operator == b"BMC":
                stack.append(None)
            elif operator == b"EMC" and stack:
                stack.pop()

        def text(value: str, _cm: Any, _tm: Any, _font: Any, _size: Any, stack=stack, page_index=page_index) -> None:
            mcid = next((number for number in reversed(stack) if number is not None), None)
            if mcid is not None and value:
                key = (page_index, mcid)
                texts[key] = texts.get(key, "") + value

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts


def _element(node: DictionaryObject, page_index: int | None, context: dict) -> Element:
    page_ref = node.raw_get("/Pg") if "/Pg" in node else None
    if isinstance(page_ref, IndirectObject):  # the page of its MCIDs, else its parent's
        page_index = context["pages"].get(page_ref.idnum, page_index)
    attributes = node.get("/A")
    element = Element(
        tag=str(node.get("/S", "")).lstrip("/"),
        alt=str(node["/Alt"]) if "/Alt" in node else None,
        attributes=dict(attributes.get_object()) if isinstance(attributes, (DictionaryObject, IndirectObject)) else {},
    )
    kids = node.get("/K")
    if kids is None:
        return element
    if not isinstance(kids, ArrayObject):
        kids = [kids]
    for kid in kids:
        if isinstance(kid, (int, NumberObject)) and not isinstance(kid, bool):
            key = (page_index, int(kid))
            context["reached"].add(key)
            element.parts.append(context["texts"].get(key, ""))
            continue
        kid = kid.get_object()
        if not isinstance(kid, DictionaryObject):
            continue
        if kid.get("/Type") == "/MCR":
            raw = kid.raw_get("/Pg") if "/Pg" in kid else None
            mcr_page = context["pages"].get(raw.idnum, page_index) if isinstance(raw, IndirectObject) else page_index
            key = (mcr_page, int(kid["/MCID"]))
            context["reached"].add(key)
            element.parts.append(context["texts"].get(key, ""))
        elif kid.get("/Type") == "/OBJR":
            continue  # a link or form annotation
        elif "/S" in kid:
            element.kids.append(_element(kid, page_index, context))
    return element


def read_structure(data: bytes) -> Structure:
    """The structure of PDF bytes. A PDF without a structure tree has an empty root ("")."""
    reader = PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"]
    texts = _marked_texts(reader)
    context = {
        "texts": texts,
        "reached": set(),
        "pages": {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)},
    }
    root = Element(tag="")
    tree = catalog.get("/StructTreeRoot")
    if tree is not None:
        root = _element(tree.get_object(), None, context)
    preferences = catalog.get("/ViewerPreferences")
    mark_info = catalog.get("/MarkInfo")
    info = reader.metadata
    xmp = reader.xmp_metadata
    xmp_titles = (xmp.dc_title or {}) if xmp is not None else {}
    return Structure(
        root=root,
        lang=str(catalog["/Lang"]) if "/Lang" in catalog else None,
        title=str(info["/Title"]) if info is not None and "/Title" in info else None,
        xmp_title=xmp_titles.get("x-default"),
        display_doc_title=bool(preferences and preferences.get_object().get("/DisplayDocTitle")),
        marked=bool(mark_info and mark_info.get_object().get("/Marked")),
        untagged=[text for key, text in texts.items() if key not in context["reached"] and text.strip()],
    )
