"""Taking private persons' personal data off the public archive when the rectification period ends."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from decisions.models import PrivatePersonData
from decisions.publication import personal_data_due


@transaction.atomic
def remove_personal_data(today: dt.date, *, dry_run: bool = False) -> list[PrivatePersonData]:
    """Mark removed today every private person's data whose item's rectification period ended before
    `today` (decisions.publication.personal_data_due) and return those rows; `dry_run` only returns them.

    One row at a time, so that the audit receivers log each removal.
    """
    due = personal_data_due(today)
    if not dry_run:
        for row in due:
            row.removed_on = today
            row.save(update_fields=["removed_on"])
    return due
