"""The county administrator's and the secretary's writes about a body itself: a new body, and where
the § count and the meeting numbers of a year start.

A body's people and memberships are decisions.services.bodies; its registry data are saved by
hankehallinta.editing.edit_with_version, which refuses a stale save.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from decisions.models import Body, NumberingStart
from decisions.numbering import year_numbering
from hankehallinta.services import ActionRefused
from hankehallinta.versioning import StaleVersionError, save_if_unchanged


def create_body(body: Body) -> Body:
    """A new body from the county administrator's form (validated there: the name is unique)."""
    body.save()
    return body


@transaction.atomic
def set_numbering_start(
    body: Body, *, year: int, first_section: int, first_meeting_number: int, version: int | None
) -> NumberingStart:
    """Set where the body's § count and meeting numbers of `year` start.

    `version` is the version of the year's start the form was opened with (None: it had none).
    When someone has set the start since, StaleVersionError is raised and nothing changes.

    A start that collides with a number already given in the year is refused (ActionRefused naming
    the field): it must be above the highest § and the highest meeting number given. A start kept
    as it was is not checked again, so the meeting numbers' start can change after § were given.
    """
    Body.objects.select_for_update().filter(pk=body.pk).values_list("pk", flat=True).get()  # as the agenda does
    start = NumberingStart.objects.select_for_update().of(body, year).first()
    if (start.version if start else None) != version:
        raise StaleVersionError(start.version if start else None)
    given = year_numbering(body, year)
    section_changes = start is None or start.first_section != first_section
    if section_changes and given.highest_section and first_section <= given.highest_section:
        raise ActionRefused(
            _(
                "§ %(highest)s has already been given in %(year)s, so the count cannot start at %(first)s. "
                "The count can continue from § %(next)s at the earliest."
            )
            % {
                "highest": given.highest_section,
                "year": year,
                "first": first_section,
                "next": given.highest_section + 1,
            },
            field="first_section",
        )
    number_changes = start is None or start.first_meeting_number != first_meeting_number
    highest_number = given.highest_meeting_number
    if number_changes and highest_number and first_meeting_number <= highest_number:
        raise ActionRefused(
            _(
                "Meeting %(highest)s/%(year)s already exists, so the meeting numbers cannot start at %(first)s. "
                "They can continue from %(next)s at the earliest."
            )
            % {"highest": highest_number, "year": year, "first": first_meeting_number, "next": highest_number + 1},
            field="first_meeting_number",
        )
    if start is None:
        return NumberingStart.objects.create(
            body=body, year=year, first_section=first_section, first_meeting_number=first_meeting_number
        )
    start.first_section = first_section
    start.first_meeting_number = first_meeting_number
    save_if_unchanged(start, expected_version=version, update_fields=["first_section", "first_meeting_number"])
    return start
