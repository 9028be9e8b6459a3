"""A body's people: new persons, their memberships and the end of a membership.

The body's registry data are edited through hankehallinta.editing.edit_with_version, which refuses a
stale save.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from decisions.models import Membership, Person
from hankehallinta.services import ActionRefused
from hankehallinta.versioning import save_if_unchanged


def add_person(person: Person) -> Person:
    """A new person who appears in minutes; the sign-in account is linked in the back office."""
    person.save()
    return person


def add_membership(membership: Membership) -> Membership:
    """A person's role in a body from the secretary's form (validated there, Membership.clean)."""
    membership.save()
    return membership


def end_membership(membership: Membership, end_date: dt.date, *, version: int) -> Membership:
    """End a membership on `end_date`; the row stays, so past minutes keep their roles.

    `version` is the membership's version the form was opened with: when someone has saved it
    since, hankehallinta.versioning.StaleVersionError is raised and nothing changes.
    """
    if end_date < membership.start_date:
        raise ActionRefused(_("The end date cannot be before the start date."), field="end_date")
    membership.end_date = end_date
    save_if_unchanged(membership, expected_version=version, update_fields=["end_date"])
    return membership
