"""Building the agenda: § numbering, new items and attachments, ordering, and carrying a tabled or
returned matter over.

§ numbers run per body per calendar year with no gaps and no duplicates. Every function that hands
out or gives back numbers locks the body's row first (SELECT ... FOR UPDATE on PostgreSQL; SQLite
serialises writers anyway), so two secretaries publishing agendas of the same body at the same
moment are served one after the other; the unique constraint (body, year, section) is the last guard.

When numbering happens: publishing the agenda numbers its items in agenda order, continuing from the
body's highest § of that year (or from the year's start, NumberingStart, when nothing is numbered
above it yet); an item added to an agenda already published gets the next § at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models, transaction
from django.utils.translation import gettext as _

from decisions.models import AgendaItem, Attachment, Body, Meeting, NumberingStart
from hankehallinta.services import ActionRefused

CARRIED_FIELDS = (
    "title",
    "register_number",
    "preparer",
    "preparer_name",
    "preparer_title",
    "preparer_contact",
    "presenter",
    "presenter_name",
    "presenter_title",
    "proposal",
    "description",
    "distribution",
    "is_public",
    "secrecy_ground",
    "appeal_route",
    "appeal_provision",
    "no_appeal_ground",
    "project",
    "application_version",
)
CARRIES_OVER = (AgendaItem.Resolution.TABLED, AgendaItem.Resolution.RETURNED)


DIRECTIONS = ("up", "down")


class AgendaError(ActionRefused):
    """A refused agenda change; the message is shown to the user."""


def _lock_body(body_id: int) -> None:
    Body.objects.select_for_update().filter(pk=body_id).values_list("pk", flat=True).get()


def highest_section(body_id: int, year: int) -> int:
    """The § the next one follows: the highest given in the body's year, or, when the year's count
    starts later (NumberingStart, e.g. § 101 for a body that continues a count kept elsewhere), the
    number below the start."""
    found = AgendaItem.objects.filter(body_id=body_id, year=year).aggregate(models.Max("section"))["section__max"]
    first_section, _first_number = NumberingStart.first_numbers(body_id, year)
    return max(found or 0, first_section - 1)


@transaction.atomic
def number_agenda(meeting: Meeting) -> list[AgendaItem]:
    """Give the meeting's unnumbered items consecutive § numbers in agenda order; return them."""
    _lock_body(meeting.body_id)
    section = highest_section(meeting.body_id, meeting.year)
    items = list(meeting.items.filter(section__isnull=True).select_related("meeting").order_by("order", "pk"))
    for item in items:
        section += 1
        item.section = section
        item.save(update_fields=["section"])
    return items


@dataclass(frozen=True)
class Renumbered:
    """An item of a later meeting that took a released § number."""

    item: AgendaItem
    old: int
    new: int


@transaction.atomic
def release_sections(meeting: Meeting) -> list[Renumbered]:
    """A cancelled meeting gives its § numbers back, and the later meetings' items (whose agendas
    are unpublished, Meeting.release_errors) move down to follow on without a gap; returns the moves.

    The body is locked first, so the check and the renumbering see the same numbers; lower numbers
    are given in ascending order, so the unique (body, year, section) never sees two at once.
    """
    _lock_body(meeting.body_id)
    errors = meeting.release_errors()
    if errors:
        raise AgendaError(errors[0])
    mine = list(meeting.items.filter(section__isnull=False).select_related("meeting").order_by("section"))
    if not mine:
        return []
    lowest = mine[0].section
    following = list(meeting.numbered_after().select_related("meeting").order_by("section"))
    for item in mine:
        item.section = None
        item.save(update_fields=["section"])
    moves = []
    for new, item in enumerate(following, start=lowest):
        if item.section != new:
            moves.append(Renumbered(item=item, old=item.section, new=new))
            item.section = new
            item.save(update_fields=["section"])
    return moves


def _next_order(meeting: Meeting) -> int:
    return (meeting.items.aggregate(models.Max("order"))["order__max"] or 0) + 1


@transaction.atomic
def add_item(item: AgendaItem) -> AgendaItem:
    """Save a new item at the end of its meeting's agenda; numbered at once if the agenda is out."""
    item.order = _next_order(item.meeting)
    item.section = None
    item.save()
    if item.meeting.numbers_items:
        number_agenda(item.meeting)
        item.refresh_from_db(fields=["section"])
    return item


def create_item(item: AgendaItem) -> AgendaItem:
    """A new item from the secretary's form: the preparer's and presenter's names and titles are
    copied as they are today (the minutes keep them), then the item goes to the end of the agenda."""
    for role in ("preparer", "presenter"):
        person = getattr(item, role)
        if person is not None:
            setattr(item, f"{role}_name", person.full_name)
            setattr(item, f"{role}_title", person.title)
    if item.preparer is not None and not item.preparer_contact:
        item.preparer_contact = item.preparer.contact
    return add_item(item)


def add_attachment(attachment: Attachment) -> Attachment:
    """A new attachment of an item; its number must be free on the item. The file (accepted by
    size and content in the form, hankehallinta.uploads) is stored through the field's storage and
    its SHA-256 kept with the row."""
    if Attachment.objects.filter(item=attachment.item, number=attachment.number).exists():
        raise AgendaError(
            _("The item already has attachment number %(number)s.") % {"number": attachment.number}, field="number"
        )
    attachment.record_file_hash()
    attachment.save()
    return attachment


@transaction.atomic
def move_item(item: AgendaItem, direction: str) -> bool:
    """Swap the item with its neighbour above ("up") or below ("down"); numbered items swap § too.

    Returns False when there is no neighbour in that direction.
    """
    if direction not in DIRECTIONS:
        raise AgendaError(_("Unknown direction of the move."))
    _lock_body(item.body_id)
    siblings = list(item.meeting.items.select_related("meeting").order_by("order", "pk"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(siblings):
        return False
    # Renumber the order densely so that equal orders cannot make the swap a no-op.
    siblings[index], siblings[other_index] = siblings[other_index], siblings[index]
    sections = sorted(s.section for s in siblings if s.section is not None)
    numbered = [s for s in siblings if s.section is not None]
    if any(s.is_checked for s in numbered):
        raise AgendaError(_("The order of checked sections cannot be changed."))
    for sibling in numbered:  # free the numbers first: (body, year, section) is unique
        sibling.section = None
        sibling.save(update_fields=["section"])
    for position, sibling in enumerate(siblings, start=1):
        sibling.order = position
        if sibling in numbered:
            sibling.section = sections.pop(0)
        sibling.save(update_fields=["order", "section"])
    return True


def next_meeting_for(item: AgendaItem) -> Meeting | None:
    """The body's next meeting whose agenda is still open: planned or agenda published, later start."""
    later = Meeting.objects.open_agendas().filter(body_id=item.meeting.body_id, start__gt=item.meeting.start)
    return later.order_by("start", "pk").first()


@transaction.atomic
def carry_over(item: AgendaItem, to: Meeting | None = None) -> AgendaItem:
    """A tabled or returned matter comes back on a later agenda as a new item pointing at this one."""
    item = AgendaItem.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=item.pk)
    if item.resolution not in CARRIES_OVER:
        raise AgendaError(
            _("Only a tabled matter or one returned for preparation is carried over to the next meeting.")
        )
    if item.carried_to.exists():
        raise AgendaError(_("The matter has already been carried over to a later meeting."))
    to = to or next_meeting_for(item)
    if to is None:
        raise AgendaError(_("The body has no later planned meeting. Create the next meeting first."))
    if to.body_id != item.meeting.body_id or to.start <= item.meeting.start:
        raise AgendaError(_("A matter can be carried over only to a later meeting of the same body."))
    if not to.agenda_is_open:
        raise AgendaError(_("The agenda of the meeting can no longer be changed."))
    new = AgendaItem(meeting=to, carried_from=item, **{name: getattr(item, name) for name in CARRIED_FIELDS})
    return add_item(new)
