"""Uploaded files: what may be stored, how it is fingerprinted, and how it is handed out again.

A file is accepted by what it is, not by what its name says: its first bytes (PDF, PNG, JPEG, the
OLE2 container of legacy Word and Excel), and for the zip-based office formats the zip's own
declaration of its type (OOXML's `[Content_Types].xml`, OpenDocument's `mimetype`). Everything else
is refused, web pages, SVG images, programs and scripts among them, whatever the file is called.
The size limit is `settings.ATTACHMENT_MAX_BYTES` (README.md, "Configuration").

A stored file is handed out only as a download (`Content-Disposition: attachment`) with the type
found here and `X-Content-Type-Options: nosniff`, so a browser never renders it as a page.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.core.files import File


@dataclass(frozen=True)
class FileType:
    """An accepted kind of file: the name extension and Content-Type it is handed out with."""

    extension: str
    content_type: str


PDF = FileType("pdf", "application/pdf")
PNG = FileType("png", "image/png")
JPEG = FileType("jpg", "image/jpeg")
DOC = FileType("doc", "application/msword")
XLS = FileType("xls", "application/vnd.ms-excel")
DOCX = FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PPTX = FileType("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")
ODT = FileType("odt", "application/vnd.oasis.opendocument.text")
ODS = FileType("ods", "application/vnd.oasis.opendocument.spreadsheet")

#: Unknown content is handed out as bytes (files stored before the allow-list existed).
UNKNOWN = FileType("bin", "application/octet-stream")

#: The main part's content type in `[Content_Types].xml` -> the file type (macro-enabled ones are not here).
OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
#: OpenDocument's `mimetype` entry -> the file type.
ODF_MIMETYPES = {ODT.content_type: ODT, ODS.content_type: ODS}

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Streams in an OLE2 container that make it a Word or an Excel document (an .msi installer has neither).
OLE2_STREAMS = {"WordDocument": DOC, "Workbook": XLS, "Book": XLS}

#: Larger zip members than this are not read for the type (a zip bomb gets no further).
ZIP_MEMBER_LIMIT = 1024 * 1024
#: How many bytes of the start tell the kinds refused by name in the message.
HEAD_BYTES = 1024

FILE_TOO_LARGE = _("The file is too large (%(size)s). The largest file that can be attached is %(limit)s.")
FILE_EMPTY = _("The file is empty.")
FILE_DANGEROUS = _(
    "Web pages, SVG images, programs and scripts cannot be attached, whatever the file's name says. "
    "Attach the document as a PDF file instead."
)
FILE_TYPE_REFUSED = _(
    "This type of file cannot be attached. Allowed are PDF files, Word, Excel and PowerPoint files (docx, xlsx, "
    "pptx, doc, xls), OpenDocument text and spreadsheet files (odt, ods) and PNG and JPEG images."
)

#: Starts of content that is refused by name: programs (Windows, Linux, macOS), scripts, markup.
_DANGEROUS_STARTS = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
#: Markup at the start (after a byte-order mark, white space and comments): HTML, SVG, any XML.
_MARKUP = re.compile(
    rb"(<!--.*?-->\s*)*<\s*(!doctype|html|head|body|script|svg|\?xml|iframe|object|embed|div|a|img|p)\b",
    re.IGNORECASE | re.DOTALL,
)


def _read_all(file: IO[bytes]) -> bytes:
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _zip_type(file: IO[bytes]) -> FileType | None:
    """An OOXML or OpenDocument file by the type the zip declares for itself; None for any other zip."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size > ZIP_MEMBER_LIMIT:
                    return None
                declared = archive.read(info).decode("utf-8", "replace")
                for part, found in OOXML_MAIN_PARTS.items():
                    if f'ContentType="{part}"' in declared:
                        return found
                return None
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size > 200:
                    return None
                return ODF_MIMETYPES.get(archive.read(info).decode("ascii", "replace").strip())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, NotImplementedError, EOFError):
        return None
    finally:
        file.seek(0)
    return None


_FREE_SECTOR = 0xFFFFFFFA  # at and above: free, end of chain, FAT or DIFAT sector marks


def ole2_stream_names(data: bytes) -> set[str]:
    """The names in an OLE2 (Compound File Binary) container's directory; empty when it is not one.

    Reads the header's DIFAT (and its chain), the FAT and the directory's sector chain; every chain
    is bounded, so a crafted file cannot loop.
    """
    if len(data) < 512 or not data.startswith(OLE2_SIGNATURE):
        return set()
    sector_shift = struct.unpack_from("<H", data, 30)[0]
    if sector_shift not in (9, 12):
        return set()
    size = 1 << sector_shift
    sector_count = max(0, len(data) // size - 1)

    def sector(number: int) -> bytes:
        start = (number + 1) * size
        return data[start : start + size] if number < sector_count else b""

    fat_sectors = [n for n in struct.unpack_from("<109I", data, 76) if n < _FREE_SECTOR]
    difat, difat_count = struct.unpack_from("<II", data, 68)
    for _step in range(min(difat_count, sector_count)):
        block = sector(difat) if difat < _FREE_SECTOR else b""
        if len(block) < size:
            break
        entries = struct.unpack(f"<{size // 4}I", block)
        fat_sectors += [n for n in entries[:-1] if n < _FREE_SECTOR]
        difat = entries[-1]
    fat: list[int] = []
    for number in fat_sectors[: sector_count + 1]:
        block = sector(number)
        if len(block) == size:
            fat += struct.unpack(f"<{size // 4}I", block)
    names: set[str] = set()
    current = struct.unpack_from("<I", data, 48)[0]
    for _step in range(sector_count):
        if current >= _FREE_SECTOR or current >= len(fat):
            break
        block = sector(current)
        for offset in range(0, len(block) - 127, 128):
            length = struct.unpack_from("<H", block, offset + 64)[0]
            if 2 <= length <= 64 and block[offset + 66] in (1, 2, 5):
                names.add(block[offset : offset + length - 2].decode("utf-16-le", "replace"))
        current = fat[current]
    return names


def detect_type(file: IO[bytes]) -> FileType | None:
    """The accepted type of the file's content, or None when it is none of them."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(file)
    if head.startswith(OLE2_SIGNATURE):
        names = ole2_stream_names(_read_all(file))
        return next((found for stream, found in OLE2_STREAMS.items() if stream in names), None)
    return None


def looks_dangerous(file: IO[bytes]) -> bool:
    """A program, a script or markup (HTML, SVG, XML) at the start of the file: refused with its own message."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return stripped.startswith(_DANGEROUS_STARTS) or bool(_MARKUP.match(stripped))


def validate_upload(value: File) -> None:
    """The model field's validator: size first, then the type by content. A stored file is not re-read."""
    if isinstance(value, FieldFile) and value._committed:
        return
    limit = settings.ATTACHMENT_MAX_BYTES
    if value.size > limit:
        raise ValidationError(
            FILE_TOO_LARGE,
            code="file_too_large",
            params={"size": filesizeformat(value.size), "limit": filesizeformat(limit)},
        )
    if value.size == 0:
        raise ValidationError(FILE_EMPTY, code="file_empty")
    value.open("rb")
    if detect_type(value) is None:
        if looks_dangerous(value):
            raise ValidationError(FILE_DANGEROUS, code="file_type_dangerous")
        raise ValidationError(FILE_TYPE_REFUSED, code="file_type")


def file_sha256(file: File) -> str:
    """The SHA-256 of the file's bytes, read in chunks (the file is left at its start)."""
    digest = hashlib.sha256()
    file.open("rb")
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


_UNSAFE_IN_FILENAME = re.compile(r"[\\/:*?<>|;\"']+")


def safe_download_name(stem: str, file_type: FileType) -> str:
    """A file name for Content-Disposition: no control characters, quotes, slashes or reserved
    characters, at most 150 characters before the extension, which is the one of the content."""
    name = unicodedata.normalize("NFC", stem)
    name = "".join(" " if unicodedata.category(char).startswith("C") else char for char in name)
    name = re.sub(r"\s+", " ", _UNSAFE_IN_FILENAME.sub("-", name)).strip()
    name = name.strip(" .-")[:150].strip(" .-") or "liite"
    return f"{name}.{file_type.extension}"


def download_response(content: bytes, *, filename: str, file_type: FileType) -> HttpResponse:
    """A stored file as a download: its type, attachment with a safe name, nosniff, no caching."""
    response = HttpResponse(content, content_type=file_type.content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["Content-Length"] = str(len(content))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
