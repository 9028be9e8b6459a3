"""People and their memberships, read for the secretary's forms: look-alikes of a new person, the
date a new membership proposes, and the memberships that do not cover a meeting's day.

Nothing here writes (decisions.services.people and decisions.services.bodies do).

The terms of the wellbeing services councils (aluevaltuusto): the first ran 1.3.2022–31.5.2025;
from then on a term is four years from 1 June after the county elections (1.6.2025–31.5.2029,
1.6.2029–31.5.2033, ...). The bodies the council elects follow its term.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _

from decisions.models import Attendance, Body, Meeting, Membership, Person

if TYPE_CHECKING:
    from collections.abc import Iterable

FIRST_TERM_START = dt.date(2022, 3, 1)
REGULAR_TERMS_FROM = dt.date(2025, 6, 1)
TERM_YEARS = 4
#: Ended memberships shown (with a note) on a meeting's attendance form: ended at most this long before it.
RECENTLY_ENDED = dt.timedelta(days=365)
#: At most this many look-alikes are shown for a new person.
LOOKALIKES_SHOWN = 20


def fi_date(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def council_term_start(day: dt.date) -> dt.date:
    """The start of the wellbeing services councils' term on `day` (1 January of the year before 1.3.2022)."""
    if day >= REGULAR_TERMS_FROM:
        years = day.year - REGULAR_TERMS_FROM.year - (1 if (day.month, day.day) < (6, 1) else 0)
        return dt.date(REGULAR_TERMS_FROM.year + years // TERM_YEARS * TERM_YEARS, 6, 1)
    if day >= FIRST_TERM_START:
        return FIRST_TERM_START
    return dt.date(day.year, 1, 1)


@dataclass(frozen=True)
class ProposedStart:
    """The start date a new membership of a body proposes, and why (shown as the field's help text)."""

    day: dt.date
    reason: str


def proposed_membership_start(body: Body, today: dt.date) -> ProposedStart:
    """What a secretary expects a new membership to start on.

    - The body has no meetings in the system: the start of its term, the later of the body's
      "active from" date and the start of the council term running today.
    - It has meetings: the day of its earliest meeting (not cancelled, not in the future) whose
      attendance is not yet recorded, so that members entered for it appear in its attendance;
      when there is none, today.
    """
    meetings = Meeting.objects.filter(body=body)
    if not meetings.exists():
        term = council_term_start(today)
        if body.active_from and body.active_from > term:
            return ProposedStart(
                body.active_from,
                _("the body is active from %(date)s and has no meetings yet") % _dated(body.active_from),
            )
        return ProposedStart(term, _("the start of the council term, as the body has no meetings yet"))
    unrecorded = (
        meetings.exclude(state=Meeting.State.CANCELLED)
        .filter(start__date__lte=today)
        .exclude(Exists(Attendance.objects.filter(meeting=OuterRef("pk"))))
        .order_by("start", "pk")
        .first()
    )
    if unrecorded is not None:
        return ProposedStart(
            unrecorded.date,
            _("the day of meeting %(meeting)s, whose attendance is not yet recorded") % {"meeting": unrecorded.label},
        )
    return ProposedStart(today, _("today, as every meeting of the body so far has its attendance recorded"))


def _dated(day: dt.date) -> dict[str, str]:
    return {"date": fi_date(day)}


def membership_start_help(proposed: ProposedStart) -> str:
    """The start date's help text: the proposal, the reason, and the rule."""
    return _(
        "Proposed: %(date)s, %(reason)s. For example 1.6.2025. A body with no meetings in the system proposes the "
        "start of its term; otherwise the day of its earliest past meeting without recorded attendance, or today."
    ) % {"date": fi_date(proposed.day), "reason": proposed.reason}


# Look-alikes ------------------------------------------------------------------------------------


def _case_variants(text: str) -> set[str]:
    """Spellings of a name a database's case-insensitive match may miss (SQLite folds ASCII only)."""
    return {text, text.lower(), text.upper(), text.title(), text.capitalize()}


def same_name(person: Person, first_name: str, last_name: str) -> bool:
    return (person.first_name.casefold(), person.last_name.casefold()) == (first_name.casefold(), last_name.casefold())


def lookalikes(first_name: str, last_name: str, email: str = "") -> list[Person]:
    """The people a new one may duplicate: the same name (case-insensitively) or the same e-mail;
    each with their memberships and bodies, for telling them apart."""
    by_name = (Q(first_name__iexact=first_name) | Q(first_name__in=_case_variants(first_name))) & (
        Q(last_name__iexact=last_name) | Q(last_name__in=_case_variants(last_name))
    )
    query = by_name | Q(email__iexact=email) if email else by_name
    memberships = Membership.objects.select_related("body").order_by("body__name", "start_date", "pk")
    found = Person.objects.filter(query).prefetch_related(Prefetch("memberships", queryset=memberships))
    email_folded = email.casefold()
    return [
        person
        for person in found.order_by("last_name", "first_name", "pk")[: LOOKALIKES_SHOWN * 2]
        if same_name(person, first_name, last_name) or (email and person.email.casefold() == email_folded)
    ][:LOOKALIKES_SHOWN]


# Attendance ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UncoveredMembership:
    """A membership of the body that does not cover the meeting's day, and why, for the attendance form."""

    membership: Membership
    note: str


def memberships_not_covering(meeting: Meeting, offered: Iterable[int]) -> list[UncoveredMembership]:
    """The body's memberships that start after the meeting's day or ended in the year before it, of
    people not offered on the form (`offered`: their person ids), each with a note saying why."""
    day = meeting.date
    offered = set(offered)
    near = Q(start_date__gt=day) | Q(end_date__lt=day, end_date__gte=day - RECENTLY_ENDED)
    memberships = (
        Membership.objects.filter(near, body_id=meeting.body_id)
        .exclude(person_id__in=offered)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "person_id", "start_date", "pk")
    )
    found: list[UncoveredMembership] = []
    seen: set[int] = set()
    for membership in memberships:
        if membership.person_id in seen:
            continue
        seen.add(membership.person_id)
        if membership.start_date > day:
            note = _("The membership starts on %(start)s, after the meeting.") % {
                "start": fi_date(membership.start_date)
            }
        else:
            note = _("The membership ended on %(end)s, before the meeting.") % {"end": fi_date(membership.end_date)}
        found.append(UncoveredMembership(membership, note))
    return found
