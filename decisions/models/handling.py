"""The handling of an item at the meeting as data: motions, votes, disqualifications and dissents.

Kuntaliitto's guidance asks that each member's position can be read from the minutes; these rows are
what the minutes print under "Käsittely". Like the decision itself, they freeze when the § is checked.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from decisions.models.bodies import Person
from decisions.models.checked import FrozenWhenChecked, checked_record_triggers, item_is_checked_sql
from decisions.models.items import AgendaItem


class HandlingRecord(FrozenWhenChecked):
    """A part of an item's handling; once the minutes of its § are checked it cannot change, move or
    go, and the § gets no new ones (decisions.models.checked)."""

    item = models.ForeignKey(AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        abstract = True
        ordering = ["item", "order", "pk"]
        triggers = checked_record_triggers(item_is_checked_sql("{row}.item_id"))


class Motion(HandlingRecord):
    """A counter-proposal or other motion (muutosehdotus, pöydällepanoehdotus) and who seconded it."""

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Rejected in a vote")
        NOT_SECONDED = "not_seconded", _("Lapsed for want of a seconder")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="motions"
    )
    proposer = models.ForeignKey(Person, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+")
    seconder = models.ForeignKey(
        Person, verbose_name=_("seconded by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("motion"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome, blank=True)

    class Meta(HandlingRecord.Meta):
        verbose_name = _("motion")
        verbose_name_plural = _("motions")

    def __str__(self) -> str:
        return f"{self.proposer}: {self.text[:80]}"


class Vote(HandlingRecord):
    """A vote between two options; each member's position is a ballot."""

    item = models.ForeignKey(AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="votes")
    question = models.TextField(_("question put to the vote"))
    yes_option = models.CharField(_("yes (JAA) means"), max_length=300)
    no_option = models.CharField(_("no (EI) means"), max_length=300)
    result = models.TextField(_("result"), blank=True)

    class Meta(HandlingRecord.Meta):
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self) -> str:
        return self.question[:100]

    #: How the minutes name each position (in Finnish minutes JAA, EI, TYHJÄ, POISSA).
    POSITION_WORDS = {
        "yes": pgettext_lazy("vote position in the minutes", "YES"),
        "no": pgettext_lazy("vote position in the minutes", "NO"),
        "abstain": pgettext_lazy("vote position in the minutes", "BLANK"),
        "absent": pgettext_lazy("vote position in the minutes", "ABSENT"),
    }

    def positions(self) -> list[dict]:
        """Each position with its count and the people who took it, from the prefetched ballots."""
        people: dict[str, list[Person]] = {position: [] for position in VoteBallot.Position.values}
        for ballot in self.ballots.all():
            people[ballot.position].append(ballot.person)
        return [
            {"position": position, "word": self.POSITION_WORDS[position], "count": len(names), "people": names}
            for position, names in people.items()
        ]

    def disqualified_not_voting(self) -> list[Person]:
        """The item's disqualified people without a ballot in this vote (from the prefetched
        disqualifications and ballots): the minutes say they did not take part."""
        voted = {ballot.person_id for ballot in self.ballots.all()}
        return [row.person for row in self.item.disqualifications.all() if row.person_id not in voted]

    def counts(self) -> dict[str, int]:
        """Ballots per position, from the prefetched ballots when there are any."""
        counts = dict.fromkeys(VoteBallot.Position.values, 0)
        for ballot in self.ballots.all():
            counts[ballot.position] += 1
        return counts


class VoteBallot(FrozenWhenChecked):
    """A member's position in a vote; it freezes with the vote's §."""

    CHECKED_ITEM_PATH = "vote__item"

    class Position(models.TextChoices):
        YES = "yes", _("Yes (JAA)")
        NO = "no", _("No (EI)")
        ABSTAIN = "abstain", _("Abstained (TYHJÄ)")
        ABSENT = "absent", _("Absent")

    vote = models.ForeignKey(Vote, verbose_name=_("vote"), on_delete=models.CASCADE, related_name="ballots")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    position = models.CharField(_("position"), max_length=10, choices=Position)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["vote", "person"]
        constraints = [models.UniqueConstraint(fields=["vote", "person"], name="one_ballot_per_person_and_vote")]
        triggers = checked_record_triggers(
            item_is_checked_sql("(SELECT item_id FROM decisions_vote WHERE decisions_vote.id = {row}.vote_id)")
        )

    def __str__(self) -> str:
        return f"{self.person}: {self.get_position_display()}"


class Disqualification(HandlingRecord):
    """A member or official disqualified (esteellinen) in the item, with the Hallintolaki 28 § ground."""

    class Ground(models.TextChoices):
        PARTY = "party", _("Party to the matter (Hallintolaki 28 § 1 mom. 1 k.)")
        RELATIVE = "relative", _("A close relative is a party (28 § 1 mom. 2 k.)")
        REPRESENTS = "represents", _("Assists or represents a party (28 § 1 mom. 3 k.)")
        BENEFIT = "benefit", _("Special benefit or harm to them or a relative (28 § 1 mom. 4 k.)")
        EMPLOYMENT = "employment", _("Employed by or commissioned by a party (28 § 1 mom. 5 k.)")
        ORGANISATION = "organisation", _("Board member or chief executive of a party (28 § 1 mom. 6 k.)")
        OTHER = "other", _("Other special reason endangering impartiality (28 § 1 mom. 7 k.)")

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="disqualifications"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    ground = models.CharField(_("ground (Hallintolaki 28 §)"), max_length=20, choices=Ground)
    left_room = models.BooleanField(_("left the room during the item"), default=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta(HandlingRecord.Meta):
        verbose_name = _("disqualification")
        verbose_name_plural = _("disqualifications")
        constraints = [
            models.UniqueConstraint(fields=["item", "person"], name="one_disqualification_per_person_and_item")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_ground_display()}"


class Dissent(HandlingRecord):
    """A dissenting opinion (eriävä mielipide), with or without written reasons."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="dissents"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    reasons = models.TextField(_("reasons"), blank=True)

    class Meta(HandlingRecord.Meta):
        verbose_name = _("dissent")
        verbose_name_plural = _("dissents")

    def __str__(self) -> str:
        return str(self.person)
