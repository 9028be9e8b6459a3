"""The content keys of the decisions documents (hankehallinta.pdf.keys): which rows each one prints.

Each key covers a meeting or an item, every row that points at it (attendance, checks, items,
attachments, handling records, votes and their ballots, conditions, delegations, notifications,
finality, corrections, extracts, private persons' data), the projects decided on with their lines
and versions, the body's memberships (the quorum), and everything those rows point at (persons,
bodies, users, earlier handling). The reader's part (which § and which secret attachment titles
the user may read) is computed by the view and added as ``parts``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from decisions.models import AgendaItem, Meeting, Membership, Vote
from hankehallinta.pdf.keys import document_key
from projects.models import Objective, Project


def meeting_key(meeting: Meeting, *, parts: Iterable[Any] = ()) -> str:
    """The minutes, the agenda and the public minutes of `meeting`: its items and all they print."""
    items = AgendaItem.objects.filter(meeting_id=meeting.pk)
    return document_key(
        expand=[
            Meeting.objects.filter(pk=meeting.pk),
            items,
            Vote.objects.filter(item__meeting_id=meeting.pk),
            Project.objects.filter(agenda_items__meeting_id=meeting.pk),
            Objective.objects.filter(project__agenda_items__meeting_id=meeting.pk),
        ],
        include=[Membership.objects.filter(body_id=meeting.body_id)],
        parts=parts,
    )


def item_key(item: AgendaItem, *, parts: Iterable[Any] = ()) -> str:
    """An extract or the public item PDF of `item`: the item, its meeting (officers, checks) and project."""
    return document_key(
        expand=[
            AgendaItem.objects.filter(pk=item.pk),
            Meeting.objects.filter(pk=item.meeting_id),
            Vote.objects.filter(item_id=item.pk),
            Project.objects.filter(pk=item.project_id),
            Objective.objects.filter(project_id=item.project_id),
        ],
        include=[Membership.objects.filter(body_id=item.meeting.body_id)],
        parts=parts,
    )
