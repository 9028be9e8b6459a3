"""Bodies, people, meetings and agenda items: the board's decisions and the documents about them."""

from __future__ import annotations

from decisions.models.attachments import Attachment
from decisions.models.bodies import Body, Membership, Person
from decisions.models.clock import FinalityRecord, Notification
from decisions.models.handling import Disqualification, Dissent, Motion, Vote, VoteBallot
from decisions.models.items import FROZEN_FIELDS, AgendaItem, CheckedDecisionError
from decisions.models.meetings import Attendance, Meeting
from decisions.models.numbering import NumberingStart
from decisions.models.personal_data import PrivatePersonData
from decisions.models.records import (
    DecisionCondition,
    DecisionCorrection,
    Delegation,
    Extract,
    MinutesCheck,
)

__all__ = [
    "Disqualification",
    "Dissent",
    "FinalityRecord",
    "Motion",
    "Notification",
    "PrivatePersonData",
    "Vote",
    "VoteBallot",
    "FROZEN_FIELDS",
    "AgendaItem",
    "Attachment",
    "Attendance",
    "Body",
    "CheckedDecisionError",
    "DecisionCondition",
    "DecisionCorrection",
    "Delegation",
    "Extract",
    "Meeting",
    "Membership",
    "MinutesCheck",
    "NumberingStart",
    "Person",
]
