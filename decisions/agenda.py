"""Building the agenda: § numbering, ordering, and carrying a tabled or returned matter over.

§ numbers run per body per calendar year with no gaps and no duplicates. Every function that hands
out or gives back numbers locks the body's row first (SELECT ... FOR UPDATE on PostgreSQL; SQLite
serialises writers anyway), so two secretaries publishing agendas of the same body at the same
moment are served one after the other; the unique constraint (body, year, section) is the last guard.

When numbering happens: publishing the agenda numbers its items in agenda order, continuing from the
body's highest § of that year; an item added to an agenda already published gets the next § at once.
"""

from __future__ import annotations

from django.db import models, transaction
from django.utils.translation import gettext as _

from decisions.models import AgendaItem, Body, Meeting

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


class AgendaError(Exception):
    """A refused agenda change; the message is Finnish and shown to the user."""


def _lock_body(body_id: int) -> None:
    Body.objects.select_for_update().filter(pk=body_id).values_list("pk", flat=True).get()


def highest_section(body_id: int, year: int) -> int:
    found = AgendaItem.objects.filter(body_id=body_id, year=year).aggregate(models.Max("section"))["section__max"]
    return found or 0


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


@transaction.atomic
def release_sections(meeting: Meeting) -> None:
    """A cancelled meeting gives its § numbers back (Meeting.transition_errors checks it may)."""
    _lock_body(meeting.body_id)
    for item in meeting.items.filter(section__isnull=False).select_related("meeting"):
        item.section = None
        item.save(update_fields=["section"])


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


@transaction.atomic
def move_item(item: AgendaItem, direction: str) -> bool:
    """Swap the item with its neighbour above ("up") or below ("down"); numbered items swap § too.

    Returns False when there is no neighbour in that direction.
    """
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
        raise AgendaError(_("Tarkastettujen pykälien järjestystä ei voi muuttaa."))
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
    return (
        Meeting.objects.filter(
            body_id=item.meeting.body_id,
            start__gt=item.meeting.start,
            state__in=(Meeting.State.PLANNED, Meeting.State.AGENDA_PUBLISHED),
        )
        .order_by("start", "pk")
        .first()
    )


@transaction.atomic
def carry_over(item: AgendaItem, to: Meeting | None = None) -> AgendaItem:
    """A tabled or returned matter comes back on a later agenda as a new item pointing at this one."""
    item = AgendaItem.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=item.pk)
    if item.resolution not in CARRIES_OVER:
        raise AgendaError(_("Vain pöydälle pantu tai valmisteluun palautettu asia siirretään seuraavaan kokoukseen."))
    if item.carried_to.exists():
        raise AgendaError(_("Asia on jo siirretty myöhempään kokoukseen."))
    to = to or next_meeting_for(item)
    if to is None:
        raise AgendaError(_("Toimielimellä ei ole myöhempää suunniteltua kokousta. Luo ensin seuraava kokous."))
    if to.body_id != item.meeting.body_id or to.start <= item.meeting.start:
        raise AgendaError(_("Asian voi siirtää vain saman toimielimen myöhempään kokoukseen."))
    if to.state not in (Meeting.State.PLANNED, Meeting.State.AGENDA_PUBLISHED):
        raise AgendaError(_("Kokouksen esityslistaa ei voi enää muuttaa."))
    new = AgendaItem(meeting=to, carried_from=item, **{name: getattr(item, name) for name in CARRIED_FIELDS})
    return add_item(new)
