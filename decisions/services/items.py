"""Writes about an agenda item outside its edit page (hankehallinta.editing.edit_with_version saves
that one): the decision recorded at the meeting. A condition's status: decisions.services.conditions."""

from __future__ import annotations

from django.utils.translation import gettext as _

from decisions.models import AgendaItem
from hankehallinta.services import ActionRefused
from hankehallinta.versioning import save_if_unchanged


def record_decision(item: AgendaItem, *, expected_version: int) -> AgendaItem:
    """The resolution and decision text of `item` (an edited copy), unless someone saved it since
    `expected_version` (StaleVersionError) or its minutes are checked."""
    if item.is_checked:
        raise ActionRefused(_("The minutes of this § are checked: the decision can no longer change."))
    return save_if_unchanged(item, expected_version=expected_version)
