"""Matching the rows of a people import (decisions.people_import) against the register: which
existing person a row reuses, which rows are the same new person, which memberships exist already,
and whom a personal deputy stands in for. Nothing here writes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from decisions.models import Body, Membership, Person
from decisions.people import fi_date, proposed_membership_start

if TYPE_CHECKING:
    import datetime as dt

    from decisions.people_import import ImportPlan, PlanRow


class Register:
    """The people and memberships the file is matched against, read once."""

    def __init__(self, bodies: list[Body]) -> None:
        people = list(Person.objects.only("pk", "first_name", "last_name", "title", "unit", "email"))
        self.by_email: dict[str, list[Person]] = {}
        self.by_name: dict[tuple[str, str], list[Person]] = {}
        for person in people:
            if person.email:
                self.by_email.setdefault(person.email.casefold(), []).append(person)
            self.by_name.setdefault((person.first_name.casefold(), person.last_name.casefold()), []).append(person)
        self.memberships = list(Membership.objects.filter(body__in=bodies).select_related("person"))

    def find(self, row: PlanRow) -> None:
        """Set the row's existing person, with a note, or an error when the row cannot tell which."""
        if row.email:
            found = self.by_email.get(row.email.casefold(), [])
            if len(found) == 1:
                row.person = found[0]
                if (found[0].first_name.casefold(), found[0].last_name.casefold()) != self._name(row):
                    row.notes.append(_("The e-mail is %(name)s's in the register.") % {"name": found[0].full_name})
                return
            if len(found) > 1:
                row.error("email", _("Several people in the register have this e-mail; add them on the body's page."))
                return
        namesakes = self.by_name.get(self._name(row), [])
        if row.email:
            namesakes = [person for person in namesakes if not person.email]
        if len(namesakes) == 1:
            row.person = namesakes[0]
        elif len(namesakes) > 1:
            row.error("name", _("Several people in the register have this name: add the e-mail to tell which one."))
        elif self.by_name.get(self._name(row)):
            row.notes.append(_("A namesake with another e-mail is in the register: a new person is added."))

    @staticmethod
    def _name(row: PlanRow) -> tuple[str, str]:
        return row.first_name.casefold(), row.last_name.casefold()

    def membership_exists(self, row: PlanRow) -> Membership | None:
        for membership in self.memberships:
            if (membership.person_id, membership.body_id, membership.role) != (row.person.pk, row.body.pk, row.role):
                continue
            if (row.end is None or membership.start_date <= row.end) and (
                membership.end_date is None or membership.end_date >= row.start
            ):
                return membership
        return None


def resolve(plan: ImportPlan, register: Register, today: dt.date) -> None:
    """Existing people, the same person on several rows, proposed starts, existing memberships, deputies."""
    first_rows: dict[str, PlanRow] = {}
    for row in plan.rows:
        if row.errors:
            continue
        if row.start is None and row.body is not None:
            row.start, row.start_proposed = proposed_membership_start(row.body, today).day, True
            if row.end and row.end < row.start:
                row.error("end", _("The end date cannot be before the start date."))
        keys = [f"@{row.email.casefold()}"] if row.email else []
        keys.append(f"{row.first_name.casefold()} {row.last_name.casefold()}")
        earlier = next((first_rows[key] for key in keys if key in first_rows), None)
        if earlier is not None and earlier.person is None:
            row.same_as_row = earlier.same_as_row or earlier.number
            row.notes.append(_("The same person as on row %(row)s.") % {"row": row.same_as_row})
        else:
            register.find(row)
        for key in keys:
            first_rows.setdefault(key, row)
        if row.person is not None and not row.errors:
            existing = register.membership_exists(row)
            if existing is not None:
                row.membership_exists = True
                row.notes.append(
                    _("The membership exists already (from %(date)s): it is not added again.")
                    % {"date": fi_date(existing.start_date)}
                )
    for row in plan.rows:
        if row.role == Membership.Role.DEPUTY and not row.errors and not row.membership_exists:
            _find_member(row, plan, register)


def _find_member(row: PlanRow, plan: ImportPlan, register: Register) -> None:
    """The member a personal deputy stands in for: a voting row of the same body in the file, or an
    existing voting membership of the body; by e-mail or name."""
    wanted = row.deputy_of_name.casefold()

    def names(first: str, last: str, email: str) -> set[str]:
        return {f"{first} {last}".casefold(), f"{last} {first}".casefold(), f"{last}, {first}".casefold()} | (
            {email.casefold()} if email else set()
        )

    in_file = [
        other
        for other in plan.rows
        if other.body == row.body
        and other.role in Membership.Role.voting()
        and not other.membership_exists
        and wanted in names(other.first_name, other.last_name, other.email)
    ]
    existing = [
        membership
        for membership in register.memberships
        if membership.body_id == row.body.pk
        and membership.role in Membership.Role.voting()
        and wanted in names(membership.person.first_name, membership.person.last_name, membership.person.email)
    ]
    if len(in_file) + len(existing) > 1:
        row.error("deputy_of", _("Several members of the body have this name: give the member's e-mail."))
    elif in_file:
        row.deputy_of_row = in_file[0].number
    elif existing:
        row.deputy_of = existing[0]
    else:
        row.error("deputy_of", _("No member of this name in the body or in the file."))
