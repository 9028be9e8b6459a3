"""The only way a PDF loads anything: the app's own static files, through :class:`StaticFilesFetcher`.

No network, no files outside the static files. WeasyPrint fetches every URL (stylesheets, images,
fonts, attachments, SVG references) through the fetcher, which only serves the app's own static
files: ``{% static "img/logo.svg" %}`` works, anything else (``http://``, ``file:///etc/passwd``,
``data:``, ``../``) is refused and WeasyPrint leaves it out. Loaded with the renderer
(:mod:`hankehallinta.pdf.layout`), never by a web process that does not render.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from weasyprint.urls import URLFetcherResponse

from hankehallinta.pdf.assets import STATIC_HOST, static_base_url

#: The public name of the renderer's logger: refusals are logged (and, from a worker, forwarded) here.
logger = logging.getLogger("hankehallinta.pdf")

#: Largest static file the fetcher hands to WeasyPrint.
MAX_STATIC_FILE_BYTES = 10_000_000

#: What a PDF may load from the static files, and as what.
STATIC_CONTENT_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


class StaticFileRefused(ValueError):
    """The URL is not one of the app's own static files; WeasyPrint logs it and leaves it out."""


def _static_roots() -> list[str]:
    """The directories the static file finders search (STATICFILES_DIRS and apps' static/)."""
    roots = set()
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.add(os.path.realpath(location))
    return sorted(roots)


class StaticFilesFetcher(weasyprint.URLFetcher):
    """Serves the app's own static files to WeasyPrint, and nothing else.

    Accepted: ``file://static.invalid/<STATIC_URL path><name>``, where ``<name>`` is found by the
    static file finders, resolves (symlinks followed) inside one of the finders' directories, is a
    regular file of an allowed type (STATIC_CONTENT_TYPES) and at most MAX_STATIC_FILE_BYTES.
    Everything else raises :class:`StaticFileRefused`: other schemes (http, https, ftp, data),
    other hosts, ``file:///`` paths, ``..`` and ``.`` segments, backslashes, NUL, encoded tricks.
    Never opens a network connection; follows no redirects (there are none to follow).
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=False, timeout=1)
        self._roots = _static_roots()
        self._prefix = urlsplit(static_base_url()).path

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        try:
            path = self._resolve(url)
        except StaticFileRefused as refused:
            logger.warning("PDF: refused to fetch %.200s (%s)", url, refused)
            raise
        content_type = STATIC_CONTENT_TYPES[Path(path).suffix.lower()]
        return URLFetcherResponse(url, Path(path).read_bytes(), {"Content-Type": content_type})

    def _resolve(self, url: str) -> str:
        try:
            parts = urlsplit(url)
        except ValueError as error:
            raise StaticFileRefused("malformed URL") from error
        if parts.scheme.lower() != "file" or parts.netloc.lower() != STATIC_HOST:
            raise StaticFileRefused("not a static file URL")
        path = unquote(parts.path)
        if not path.startswith(self._prefix):
            raise StaticFileRefused("outside the static URL")
        name = path[len(self._prefix) :]
        segments = name.split("/")
        if (
            not name
            or "\\" in name
            or "\x00" in name
            or any(segment in ("", ".", "..") for segment in segments)
            or unquote(name) != name
        ):
            raise StaticFileRefused("not a plain static file name")
        if Path(name).suffix.lower() not in STATIC_CONTENT_TYPES:
            raise StaticFileRefused("file type not allowed")
        try:
            found = finders.find(name)
        except SuspiciousFileOperation as error:
            raise StaticFileRefused("outside the static files") from error
        if not found or isinstance(found, list):
            raise StaticFileRefused("no such static file")
        real = os.path.realpath(found)
        if not any(os.path.commonpath([real, root]) == root for root in self._roots):
            raise StaticFileRefused("resolves outside the static directories")
        if not os.path.isfile(real):
            raise StaticFileRefused("not a regular file")
        if os.path.getsize(real) > MAX_STATIC_FILE_BYTES:
            raise StaticFileRefused("file too large")
        return real
