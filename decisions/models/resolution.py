"""The resolution of an agenda item: its outcome plus independent facts about how it was reached.

The outcome (`Resolution`: passed, passed on the presenter's revised proposal, rejected, noted, ...)
is one choice. How it was reached is told by facts that combine freely where they make sense:
`after_vote` (the matter was decided by a vote) and `amended` (the proposal passed with changes), both
stored on the item, and "with a dissent", derived from the item's Dissent records. A decision passed
as amended after a vote is both, and the documents say both.

Every combination the documents print is one whole translatable phrase (RESOLUTION_PHRASES), never
words joined in code: a translator sees each sentence as the minutes print it.
"""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Resolution(models.TextChoices):
    """The outcome of the matter (päätöksen laatu); the facts are separate fields."""

    PASSED = "passed", _("Passed")
    PASSED_REVISED = "passed_revised", _("Passed on the presenter's revised proposal")
    REJECTED = "rejected", _("Rejected")
    NOTED = "noted", _("Noted")
    RETURNED = "returned", _("Returned for preparation")
    TABLED = "tabled", _("Tabled")
    REMOVED = "removed", _("Removed from the agenda")
    ELECTION = "election", _("Election")

    @classmethod
    def passing(cls) -> list[str]:
        """The outcomes that pass the proposal (the project's application is approved by them)."""
        return [cls.PASSED, cls.PASSED_REVISED]


#: The outcomes a vote may have decided: a vote settles what passes, is rejected, returned or tabled.
AFTER_VOTE_OUTCOMES = frozenset(
    {Resolution.PASSED, Resolution.PASSED_REVISED, Resolution.REJECTED, Resolution.RETURNED, Resolution.TABLED}
)
#: The outcomes that can be "as amended": only a proposal that passed can pass with changes (the
#: presenter's revised proposal is its own outcome).
AMENDED_OUTCOMES = frozenset({Resolution.PASSED})

#: (outcome, after a vote, as amended) -> the whole phrase the minutes print.
RESOLUTION_PHRASES: dict[tuple[str, bool, bool], Promise] = {
    (Resolution.PASSED, False, False): _("Passed unchanged"),
    (Resolution.PASSED, True, False): _("Passed after a vote"),
    (Resolution.PASSED, False, True): _("Passed as amended"),
    (Resolution.PASSED, True, True): _("Passed as amended after a vote"),
    (Resolution.PASSED_REVISED, False, False): _("Passed on the presenter's revised proposal"),
    (Resolution.PASSED_REVISED, True, False): _("Passed on the presenter's revised proposal after a vote"),
    (Resolution.REJECTED, False, False): _("Rejected"),
    (Resolution.REJECTED, True, False): _("Rejected after a vote"),
    (Resolution.NOTED, False, False): _("Noted"),
    (Resolution.RETURNED, False, False): _("Returned for preparation"),
    (Resolution.RETURNED, True, False): _("Returned for preparation after a vote"),
    (Resolution.TABLED, False, False): _("Tabled"),
    (Resolution.TABLED, True, False): _("Tabled after a vote"),
    (Resolution.REMOVED, False, False): _("Removed from the agenda"),
    (Resolution.ELECTION, False, False): _("Election"),
}
#: A dissent is told after the phrase as a sentence of its own kind (the translator orders it).
WITH_DISSENT = _("%(resolution)s; a dissenting opinion was recorded")


def facts_allowed(outcome: str) -> tuple[bool, bool]:
    """Whether (after a vote, as amended) can go with `outcome`."""
    return outcome in AFTER_VOTE_OUTCOMES, outcome in AMENDED_OUTCOMES


def fact_errors(outcome: str, *, after_vote: bool, amended: bool) -> dict[str, str]:
    """The facts that do not go with `outcome`, by field name, each with the message shown beside it."""
    errors: dict[str, str] = {}
    if not outcome:
        first = gettext("Choose the type of decision first.")
        return {name: first for name, fact in (("after_vote", after_vote), ("amended", amended)) if fact}
    outcome_label = str(Resolution(outcome).label) if outcome in Resolution.values else outcome
    vote_allowed, amended_allowed = facts_allowed(outcome)
    if after_vote and not vote_allowed:
        errors["after_vote"] = gettext("“After a vote” does not go with the type of decision “%(outcome)s”.") % {
            "outcome": outcome_label
        }
    if amended and not amended_allowed:
        errors["amended"] = gettext("Only a decision of the type “%(passed)s” can be passed as amended.") % {
            "passed": Resolution.PASSED.label
        }
    return errors


def resolution_phrase(outcome: str, *, after_vote: bool, amended: bool, dissent: bool = False) -> str:
    """The whole phrase for the outcome and its facts ("Passed as amended after a vote"); "" without an
    outcome. A fact that does not go with the outcome (refused on entry) is left out of the phrase."""
    if not outcome:
        return ""
    vote_allowed, amended_allowed = facts_allowed(outcome)
    key = (outcome, after_vote and vote_allowed, amended and amended_allowed)
    phrase = RESOLUTION_PHRASES.get(key)
    text = str(phrase) if phrase is not None else outcome
    if dissent:
        return str(WITH_DISSENT) % {"resolution": text}
    return text
