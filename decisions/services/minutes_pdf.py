"""The full minutes of a meeting (pöytäkirja) as a PDF, for one reader.

The minutes view downloads it (decisions/views/minutes.py), and when minutes are checked or
published the background task decisions.tasks.render_minutes_pdf renders it ahead into the PDF
cache (:func:`prerender_minutes_pdf`), so that the first staff member to open the 60-page minutes
of a large meeting gets the cached PDF instead of waiting for the layout. Both go through
:func:`minutes_document`, so that the document, and with it its cache key, is the same.

What the reader changes: the § they may read (a confidential § only for the body's secretary and
the item's presenter) and the secret attachments whose titles are printed. The background render
is for a reader with no role in the body (``reader=None``): the public § and no secret title, what
every staff member reads of a meeting without confidential sections; it renders the minutes in each
of the body's document languages (a bilingual body's in Finnish and in Swedish).

The language (decisions.documents): the document renders under ``translation.override(language)``,
its items through ``item.in_language(language)``, so the PDF cache key includes the language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import translation

from decisions.documents import meeting_in_language
from decisions.models import Attachment, Attendance, Meeting
from decisions.pdf_keys import meeting_key
from hankehallinta.pdf import render_pdf
from hankehallinta.permissions import has_permission

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from decisions.models import AgendaItem

    Reader = AbstractBaseUser | AnonymousUser | None

TEMPLATE = "decisions/meeting_minutes_pdf.html"
CAPACITY_ORDER = {key: index for index, key in enumerate(Attendance.Capacity.values)}


@dataclass(frozen=True)
class MinutesDocument:
    """The minutes as one reader gets them: the template's context and the PDF cache's content key."""

    context: dict[str, Any]
    key: str
    language: str = settings.LANGUAGE_CODE

    @property
    def draft(self) -> bool:
        return self.context["draft"]

    @property
    def visible_items(self) -> list[int]:
        """The § printed in full for the reader (the disclosure names them)."""
        return [item.pk for item, visible in self.context["items"] if visible]

    def render(self) -> bytes:
        """The PDF bytes in the document's language: from the cache when the same document was rendered
        before (render_pdf's cache key includes the active language, here the document's)."""
        with translation.override(self.language):
            return render_pdf(TEMPLATE, self.context, key=self.key)


def minutes_document(meeting: Meeting, reader: Reader, *, language: str | None = None) -> MinutesDocument:
    """The minutes of `meeting` (loaded with ``Meeting.objects.for_minutes``) as `reader` gets them, in
    `language` (default: the body's main language); ``reader=None``: a staff member with no role in
    the body. LUONNOS until every § is checked."""
    language = language if language in meeting.body.document_languages else meeting.body.main_language
    items = list(meeting.items.all())
    shown = [(item.in_language(language), _may_read(reader, item)) for item in items]
    attendances = sorted(
        meeting.attendances.all(),
        key=lambda a: (CAPACITY_ORDER.get(a.capacity, 99), a.person.last_name, a.person.first_name),
    )
    context = {
        "meeting": meeting_in_language(meeting, language),
        "items": shown,
        "present": [a for a in attendances if a.present],
        "absent": [a for a in attendances if not a.present],
        "checks": list(meeting.checks.all()),
        "draft": not items or any(item.is_draft for item in items),
        "pdf": True,
        "attachment_reader": reader,  # a secret attachment's title only for those entitled
        "quorum": meeting.quorum(),
        **meeting.officers(),
    }
    # The reader's part of the document: the § they may read, the secret attachment titles shown.
    readable = [
        (item.pk, visible, [a.pk for a in item.attachments.all() if _titled_for(reader, a)]) for item, visible in shown
    ]
    key = meeting_key(meeting, parts=[context["draft"], readable])
    return MinutesDocument(context=context, key=key, language=language)


def prerender_minutes_pdf(meeting_id: int) -> int | None:
    """Render the minutes of the meeting for a staff member into the PDF cache, in each of the body's
    document languages; the PDFs' size in bytes, or None when the meeting no longer exists."""
    meeting = Meeting.objects.for_minutes().filter(pk=meeting_id).first()
    if meeting is None:
        return None
    return sum(
        len(minutes_document(meeting, reader=None, language=language).render())
        for language in meeting.body.document_languages
    )


def _may_read(reader: Reader, item: AgendaItem) -> bool:
    """Whether the minutes print the § in full (decisions.rules: a signed-in reader reads a public §)."""
    return item.is_public if reader is None else has_permission(reader, "decisions.view_item", item)


def _titled_for(reader: Reader, attachment: Attachment) -> bool:
    """Whether the minutes print the attachment's title (decisions.templatetags.attachment_links)."""
    if attachment.is_public:
        return True
    return reader is not None and has_permission(reader, "decisions.view_attachment", attachment)
