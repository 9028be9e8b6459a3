"""Agenda items (§) and their attachments; a checked decision is frozen."""

from __future__ import annotations

import datetime as dt

import pgtrigger
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from decisions import legal_clock
from decisions.models.bodies import Body, Person
from decisions.models.meetings import Meeting
from decisions.textdiff import normalised, word_diff

# What checking the minutes freezes. Publication, condition status and corrections live in their
# own records, so nothing that legitimately changes later is locked here.
FROZEN_FIELDS = ("decision", "resolution", "proposal", "description", "handling", "title", "section", "meeting")


class CheckedDecisionError(Exception):
    """A checked decision cannot change; a correction is a new, linked record."""


def _attname(name: str) -> str:
    return "meeting_id" if name == "meeting" else name


def _any_changed(fields: tuple[str, ...]) -> pgtrigger.Q:
    condition = pgtrigger.Q()
    for name in fields:
        condition |= pgtrigger.Q(**{f"old__{name}__df": pgtrigger.F(f"new__{name}")})
    return condition


class AgendaItemQuerySet(models.QuerySet["AgendaItem"]):
    def update(self, **kwargs):
        frozen = set(kwargs) & {*FROZEN_FIELDS, "checked_at"}
        if frozen and self.filter(checked_at__isnull=False).exists():
            raise CheckedDecisionError(f"checked decisions cannot change: {', '.join(sorted(frozen))}")
        return super().update(**kwargs)

    def public(self) -> AgendaItemQuerySet:
        return self.filter(is_public=True)

    def checked(self) -> AgendaItemQuerySet:
        return self.filter(checked_at__isnull=False)

    def with_page_data(self) -> AgendaItemQuerySet:
        return self.select_related(
            "meeting__body", "presenter", "preparer", "project", "application_version"
        ).prefetch_related("attachments")


class AgendaItem(models.Model):
    """A § of the minutes: the proposal, the decision, and everything that belongs to them."""

    class Resolution(models.TextChoices):
        PASSED_UNCHANGED = "passed_unchanged", _("Passed unchanged")
        PASSED_VOTED = "passed_voted", _("Passed after a vote")
        PASSED_AMENDED = "passed_amended", _("Passed as amended")
        PASSED_REVISED = "passed_revised", _("Passed on the presenter's revised proposal")
        REJECTED = "rejected", _("Rejected")
        NOTED = "noted", _("Noted")
        RETURNED = "returned", _("Returned for preparation")
        TABLED = "tabled", _("Tabled")
        REMOVED = "removed", _("Removed from the agenda")
        ELECTION = "election", _("Election")

    class AppealRoute(models.TextChoices):
        RECTIFICATION = "rectification", _("Request for rectification")
        COUNTY_APPEAL = "county_appeal", _("County or municipal appeal")
        ADMINISTRATIVE_APPEAL = "administrative_appeal", _("Administrative appeal")
        PROCUREMENT = "procurement", _("Procurement appeal route")
        NONE = "none", _("No appeal")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="items")
    order = models.PositiveSmallIntegerField(_("order on the agenda"), default=1)
    # The § number runs per body per calendar year; body and year are copied from the meeting
    # so that the database itself can keep the numbers unique.
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="+", editable=False)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    section = models.PositiveIntegerField(_("§"), null=True, blank=True)
    register_number = models.CharField(_("register number"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=500)
    preparer = models.ForeignKey(
        Person,
        verbose_name=_("preparer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prepared_items",
    )
    preparer_name = models.CharField(_("preparer's name as shown"), max_length=200, blank=True)
    preparer_title = models.CharField(_("preparer's title as shown"), max_length=200, blank=True)
    preparer_contact = models.CharField(_("preparer's contact details"), max_length=300, blank=True)
    presenter = models.ForeignKey(
        Person,
        verbose_name=_("presenter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="presented_items",
    )
    presenter_name = models.CharField(_("presenter's name as shown"), max_length=200, blank=True)
    presenter_title = models.CharField(_("presenter's title as shown"), max_length=200, blank=True)
    proposal = models.TextField(_("proposal for decision"), blank=True)
    description = models.TextField(_("description"), blank=True)
    handling = models.TextField(_("handling"), blank=True)
    decision = models.TextField(_("decision"), blank=True)
    resolution = models.CharField(_("resolution"), max_length=20, choices=Resolution, blank=True)
    distribution = models.TextField(_("for information to"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    secrecy_ground = models.CharField(_("legal ground for secrecy"), max_length=300, blank=True)
    appeal_route = models.CharField(
        _("appeal route"), max_length=30, choices=AppealRoute, default=AppealRoute.RECTIFICATION
    )
    appeal_provision = models.CharField(
        _("applicable provision"), max_length=300, blank=True, help_text=_("For example: Hyvinvointialuelaki 141 §")
    )
    no_appeal_ground = models.CharField(_("ground for no appeal"), max_length=300, blank=True)
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    application_version = models.ForeignKey(
        "projects.ApplicationVersion",
        verbose_name=_("application version decided"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("earlier handling"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_to",
        help_text=_("The tabled or returned item this one continues."),
    )
    # Set when the minutes covering this § are checked: from then on decision and resolution are frozen.
    checked_at = models.DateTimeField(_("minutes checked at"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = AgendaItemQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "section"], name="unique_section_per_body_and_year"),
            models.CheckConstraint(
                condition=Q(is_public=True) | ~Q(secrecy_ground=""), name="confidential_item_has_secrecy_ground"
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="checked_decision_is_frozen",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__checked_at__isnull=False)
                & (pgtrigger.Q(new__checked_at__isnull=True) | _any_changed(FROZEN_FIELDS)),
            ),
            pgtrigger.Protect(
                name="checked_decision_not_deleted",
                operation=pgtrigger.Delete,
                condition=pgtrigger.Q(old__checked_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        if self.section:
            return f"§ {self.section} {self.title}"
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            self._refuse_changes_to_checked_decision()
        self.body_id = self.meeting.body_id
        self.year = self.meeting.year
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("decisions:item_detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        if AgendaItem.objects.filter(pk=self.pk, checked_at__isnull=False).exists():
            raise CheckedDecisionError("a checked decision cannot be deleted")
        return super().delete(*args, **kwargs)

    def _refuse_changes_to_checked_decision(self) -> None:
        stored = AgendaItem.objects.filter(pk=self.pk, checked_at__isnull=False).values(*FROZEN_FIELDS, "checked_at")
        for row in stored:
            changed = [name for name in FROZEN_FIELDS if row[name] != getattr(self, _attname(name))]
            if changed or self.checked_at is None:
                raise CheckedDecisionError(f"checked decisions cannot change: {', '.join(changed) or 'checked_at'}")

    @property
    def is_checked(self) -> bool:
        return self.checked_at is not None

    @property
    def is_draft(self) -> bool:
        """Before the minutes are checked the decision does not exist yet: documents say LUONNOS."""
        return not self.is_checked

    def mark_checked(self, at: dt.datetime) -> None:
        """The minutes covering this § are checked: from now on the decision and its handling are frozen."""
        if self.is_checked:
            raise CheckedDecisionError("the minutes of this § are already checked")
        self.checked_at = at
        self.version += 1
        self.save(update_fields=["checked_at", "version"])

    # The decision against the proposal ---------------------------------------------------------

    @property
    def decision_differs(self) -> bool:
        """The decision's words differ from the proposal's (line breaks aside), and it was not passed unchanged.

        A proposal passed unchanged is often recorded as just "Hyväksyttiin.": no difference to show.
        """
        if not self.decision.strip() or self.resolution == self.Resolution.PASSED_UNCHANGED:
            return False
        return normalised(self.decision) != normalised(self.proposal)

    def decision_diff(self) -> list[tuple[str, str]]:
        """The proposal changed into the decision, word by word: (same|deleted|inserted, text)."""
        return word_diff(self.proposal, self.decision)

    @property
    def has_handling(self) -> bool:
        """Anything to print under Käsittely (uses the prefetched handling records)."""
        return bool(
            self.handling.strip()
            or self.motions.all()
            or self.votes.all()
            or self.disqualifications.all()
            or self.dissents.all()
        )

    def minutes_check(self):
        """The latest check of the minutes covering this § (whole meeting or this §), or None.

        Reads the meeting's prefetched checks (with their items) when there are any.
        """
        covering = [
            check
            for check in self.meeting.checks.all()
            if not check.items.all() or any(item.pk == self.pk for item in check.items.all())
        ]
        return max(covering, key=lambda check: (check.checked_on, check.pk), default=None)

    # The legal clock (see decisions.legal_clock) -----------------------------------------------

    @property
    def appeal_period_days(self) -> int | None:
        """How many days the appeal route gives from notification; None when there is no appeal."""
        return legal_clock.APPEAL_PERIOD_DAYS.get(self.appeal_route)

    @property
    def appeal_period_heading(self) -> str:
        if self.appeal_route == self.AppealRoute.RECTIFICATION:
            return _("Oikaisuvaatimusajan viimeinen päivä")
        return _("Muutoksenhakuajan viimeinen päivä")

    def deadlines(self) -> list[tuple[object, legal_clock.Deadline]]:
        """(notification, its appeal period) for every recorded notification route; none without appeal."""
        if self.appeal_period_days is None:
            return []
        return [(notification, notification.deadline) for notification in self.notifications.all()]

    def last_day(self) -> dt.date | None:
        """The latest last day of the rectification period over all routes, or None before any."""
        return max((deadline.last_day for _, deadline in self.deadlines()), default=None)

    def final_from(self) -> dt.date | None:
        """The first day the decision can be confirmed final (lainvoimainen), or None before any notification."""
        return legal_clock.final_after(deadline for _, deadline in self.deadlines())

    def can_be_confirmed_final(self, today: dt.date) -> bool:
        final_from = self.final_from()
        return self.is_checked and final_from is not None and today >= final_from

    @property
    def extract_filename(self) -> str:
        number = self.section or f"luonnos-{self.pk}"
        return f"poytakirjanote-{self.body.slug}-{self.year}-{number}.pdf"


class Attachment(models.Model):
    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="attachments"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="attachments/%Y/", blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    secrecy_ground = models.CharField(_("legal ground for secrecy"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="unique_attachment_number_per_item"),
            models.CheckConstraint(
                condition=Q(is_public=True) | ~Q(secrecy_ground=""), name="secret_attachment_has_secrecy_ground"
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Attachment')} {self.number}: {self.title}"
