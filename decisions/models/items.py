"""Agenda items (§); a checked decision is frozen.

The rules over many items are methods of AgendaItemQuerySet: who may see which items
(`visible_to`), what the public archive shows (`published`, `public`, `for_public_pages`), the
searches (`search`, `search_public`: decisions.models.search) and what the item pages load
(`with_page_data`).
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pgtrigger
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, OuterRef, Prefetch, Q, Value, When
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from budgets.breakdown import FundingBreakdown
from decisions import legal_clock
from decisions.models.bodies import Body, Person
from decisions.models.meetings import Attendance, Meeting
from decisions.models.resolution import Resolution, fact_errors, resolution_phrase
from decisions.models.search import (
    BODY_RENAMED_SQL,
    SEARCH_VECTOR_DECLARE,
    SEARCH_VECTOR_SQL,
    every_word_in_some_field,
    is_postgresql,
    looks_like_register_number,
    query_words,
    web_search,
    web_search_rank,
)
from decisions.models.translations import BilingualTexts
from decisions.textdiff import normalised, word_diff

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

# What checking the minutes freezes. Publication, condition status and corrections live in their
# own records, so nothing that legitimately changes later is locked here.
FROZEN_FIELDS = (
    "decision",
    "resolution",
    "after_vote",
    "amended",
    "proposal",
    "description",
    "handling",
    "title",
    "section",
    "meeting",
    "title_sv",
    "proposal_sv",
    "description_sv",
    "decision_sv",
    "original_language",
)


class CheckedDecisionError(Exception):
    """A checked decision cannot change; a correction is a new, linked record."""


def _attname(name: str) -> str:
    return "meeting_id" if name == "meeting" else name


def _any_changed(fields: tuple[str, ...]) -> pgtrigger.Q:
    condition = pgtrigger.Q()
    for name in fields:
        condition |= pgtrigger.Q(**{f"old__{name}__df": pgtrigger.F(f"new__{name}")})
    return condition


#: The texts the searches look in: those of the stored search vector (decisions.models.search), and
#: SQLite's contains-search, the Swedish texts (`_sv`) included.
SEARCH_FIELDS = (
    "title",
    "proposal",
    "decision",
    "description",
    "register_number",
    "body__name",
    "title_sv",
    "proposal_sv",
    "decision_sv",
    "description_sv",
    "body__name_sv",
)
#: Search results and lists: the latest meeting first, its § in order.
NEWEST_FIRST = ("-meeting__start", "meeting__pk", "section", "order", "pk")
#: What the public item content prints besides the item itself (decisions/_agendaitem_content.html).
PUBLIC_ITEM_RELATIONS = (
    "attachments",
    "conditions",
    "delegations",
    "notifications",
    "corrections",
    "motions__proposer",
    "motions__seconder",
    "votes__ballots__person",
    "disqualifications__person",
    "dissents__person",
)


class AgendaItemQuerySet(models.QuerySet["AgendaItem"]):
    def update(self, **kwargs):
        frozen = set(kwargs) & {*FROZEN_FIELDS, "checked_at"}
        if frozen and self.filter(checked_at__isnull=False).exists():
            raise CheckedDecisionError(f"checked decisions cannot change: {', '.join(sorted(frozen))}")
        return super().update(**kwargs)

    def _related_model(self, relation: str) -> type[models.Model]:
        """The model at the other end of `relation`: those defined after AgendaItem (handling,
        records) import this module, so they are reached through the relation, not imported."""
        return self.model._meta.get_field(relation).related_model

    # Who sees what --------------------------------------------------------------------------

    def checked(self) -> AgendaItemQuerySet:
        return self.filter(checked_at__isnull=False)

    def passed(self) -> AgendaItemQuerySet:
        """Items whose resolution passed the proposal (also after a vote or as amended) or the revised one."""
        return self.filter(resolution__in=Resolution.passing())

    def with_dissent_flag(self) -> AgendaItemQuerySet:
        """Each item's `has_dissent` from one subquery (lists that print the resolution phrase)."""
        dissents = self._related_model("dissents").objects.filter(item=OuterRef("pk"))
        return self.annotate(dissented=Exists(dissents))

    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> AgendaItemQuerySet:
        """The items whose page the user may open ("decisions.view_item" as a queryset, for the staff search).

        Public items to everyone signed in; confidential ones to the body's secretary of today, the
        item's presenter and superusers.
        """
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.is_superuser:
            return self.all()
        secretary_of = Body.objects.where_secretary(user).values("pk")
        return self.filter(Q(is_public=True) | Q(meeting__body_id__in=secretary_of) | Q(presenter__user=user))

    def published(self) -> AgendaItemQuerySet:
        """Every checked § of published minutes, confidential ones too (they are shown as a mention only)."""
        return self.filter(meeting__state=Meeting.State.PUBLISHED, checked_at__isnull=False)

    def public(self) -> AgendaItemQuerySet:
        """The § of published minutes whose content the public may read (the public archive)."""
        return self.published().filter(is_public=True)

    def newest_first(self) -> AgendaItemQuerySet:
        return self.order_by(*NEWEST_FIRST)

    def of_bodies(self, body_ids: Iterable[int]) -> AgendaItemQuerySet:
        return self.filter(body_id__in=body_ids)

    def presented_by(self, user: AbstractBaseUser) -> AgendaItemQuerySet:
        """The items the user presents (as the person linked to the account)."""
        return self.filter(presenter__user=user)

    def recently_checked_first(self) -> AgendaItemQuerySet:
        """The latest decisions first: by the moment their minutes were checked."""
        return self.order_by("-checked_at", "-section")

    # What the pages load --------------------------------------------------------------------

    def with_handling(self) -> AgendaItemQuerySet:
        """The handling records (motions, votes with their ballots by name, disqualifications, dissents)."""
        vote_model = self._related_model("votes")
        ballot_model = vote_model._meta.get_field("ballots").related_model
        ballots = ballot_model.objects.select_related("person").order_by("person__last_name", "person__first_name")
        return self.prefetch_related(
            "motions__proposer",
            "motions__seconder",
            Prefetch("votes", queryset=vote_model.objects.prefetch_related(Prefetch("ballots", queryset=ballots))),
            "disqualifications__person",
            "dissents__person",
        )

    def with_page_data(self) -> AgendaItemQuerySet:
        """Everything the item page, its extract and the minutes show, in a fixed number of queries."""
        extracts = self._related_model("extracts").objects.select_related("issued_by").order_by("-issued_at", "-pk")
        return (
            self.select_related(
                "meeting__body",
                "presenter",
                "preparer",
                "project__funding_call",
                "application_version",
                "body",
                "finality__confirmed_by",
            )
            .with_handling()
            .with_minutes_checks()
            .prefetch_related(
                "attachments",
                "conditions",
                "delegations",
                "project__budget_lines",
                "project__financing_lines",
                "notifications",
                "corrections",
                Prefetch("extracts", queryset=extracts),
                Prefetch("meeting__attendances", queryset=Attendance.objects.select_related("person")),
            )
        )

    def for_public_pages(self) -> AgendaItemQuerySet:
        """What the public pages show of each item (and of the earlier handling it continues), with the
        private persons' data already removed from the web, in a fixed number of queries."""
        return self.select_related("meeting__body", "body", "carried_from__meeting").prefetch_related(
            *(
                Prefetch(
                    f"{path}private_person_data",
                    queryset=self._related_model("private_person_data").objects.removed(),
                    to_attr="removed_personal_data",
                )
                for path in ("", "carried_from__")
            )
        )

    def with_public_content(self) -> AgendaItemQuerySet:
        """What the public item content prints besides the item (decisions/_agendaitem_content.html),
        prefetched so that decisions.publication.public_copy redacts it too."""
        return self.select_related("project__funding_call", "application_version").prefetch_related(
            *PUBLIC_ITEM_RELATIONS, "project__budget_lines", "project__financing_lines"
        )

    def with_minutes_checks(self) -> AgendaItemQuerySet:
        """The checks of each item's meeting, with the § and examiners of each (the item's minutes_check())."""
        checks = self._related_model("checks").objects.prefetch_related("items", "examiners")
        return self.prefetch_related(Prefetch("meeting__checks", queryset=checks))

    # Searching ------------------------------------------------------------------------------

    def matching(self, query: str) -> AgendaItemQuerySet:
        """Items whose texts hold every word of `query`; a query that looks like a register number
        also finds the items whose register number holds it ("77/2024").

        PostgreSQL: the stored search vector (GIN index), the query read in Finnish and in Swedish
        (stemming: "kuljetuspalvelut" finds "Kuljetuspalvelujen", "protokollsutdraget" finds
        "protokollsutdrag"), web-search syntax ("lainausmerkit", -pois, or); the register number
        through its trigram index. Elsewhere (SQLite): each word is contained, case-insensitively, in
        one of SEARCH_FIELDS (the Swedish texts too).
        """
        if not query_words(query):
            return self
        if is_postgresql(self):
            condition = Q(search_vector=web_search(query))
        else:
            condition = every_word_in_some_field(SEARCH_FIELDS, query)
        if looks_like_register_number(query):
            condition |= Q(register_number__icontains=query.strip())
        return self.filter(condition)

    def ranked(self, query: str) -> AgendaItemQuerySet:
        """The best matches of `query` first (a word in the title above one in the decision or the
        proposal, above one in the rest), the newest first among equals."""
        words = query_words(query)
        if not words:
            return self.newest_first()
        if is_postgresql(self):
            rank = web_search_rank(query)
        else:
            hits = [
                Case(When(Q(title__icontains=word) | Q(title_sv__icontains=word), then=Value(1)), default=Value(0))
                for word in words
            ]
            rank = functools.reduce(operator.add, hits)
        return self.annotate(search_rank=rank).order_by("-search_rank", *NEWEST_FIRST)

    def search(self, query: str) -> AgendaItemQuerySet:
        """The items matching `query`, best first (staff search: filter by visible_to before)."""
        return self.matching(query).ranked(query)

    def search_public(self, query: str) -> AgendaItemQuerySet:
        """The public items matching `query`, best first.

        An item whose removed personal data matches any word of the query is left out, although the
        text (and its stored search vector) still holds it: otherwise searching for a person's name
        would tell which § names them. That can hide an item that matches the word elsewhere too;
        privacy wins. The snippets shown are made from the redacted text (decisions.models.search).
        """
        items = self.public().search(query)
        if not query_words(query):
            return items
        personal_data = self._related_model("private_person_data").objects
        removed = personal_data.removed().filter(item=OuterRef("pk")).matching_any_word(query)
        return items.exclude(Exists(removed))

    def of_project_matching(self, fragment: str) -> AgendaItemQuerySet:
        """Items of the projects whose title or funding decision reference holds `fragment` (any case;
        trigram-indexed on PostgreSQL)."""
        fragment = fragment.strip()
        if not fragment:
            return self
        return self.filter(
            Q(project__title__icontains=fragment) | Q(project__funding_decision_reference__icontains=fragment)
        )


class AgendaItem(BilingualTexts, models.Model):
    """A § of the minutes: the proposal, the decision, and everything that belongs to them.

    A bilingual body's item has its texts in Finnish and in Swedish (decisions.models.translations).
    """

    #: The outcome; how it was reached are the facts `after_vote`, `amended` and `has_dissent`
    #: (decisions.models.resolution).
    Resolution = Resolution

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
    after_vote = models.BooleanField(_("after a vote"), default=False)
    amended = models.BooleanField(_("as amended"), default=False)
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
    # Filled by the database (trigger search_vector_filled, PostgreSQL only): never written from Python,
    # not in the history nor in backups (a restore's INSERT fills it again). SQLite leaves it NULL.
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False, serialize=False)

    objects = AgendaItemQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version", "search_vector"])

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "pk"]
        indexes = [
            # The dashboard's recent decisions (recently_checked_first), among checked items only.
            models.Index(
                fields=["-checked_at", "-section"], name="item_recently_checked", condition=Q(checked_at__isnull=False)
            ),
        ]
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
            # Changes no frozen column, so checked items get their vector too.
            pgtrigger.Trigger(
                name="search_vector_filled",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.Update,
                declare=SEARCH_VECTOR_DECLARE,
                func=SEARCH_VECTOR_SQL,
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

    @property
    def snippet_text(self) -> str:
        """The text a search result's snippet is cut from: the decision (the proposal before one) and
        the description. Of a public copy, the redacted text."""
        return " ".join(text for text in (self.decision or self.proposal, self.description) if text)

    def clean(self) -> None:
        super().clean()
        errors = fact_errors(self.resolution, after_vote=self.after_vote, amended=self.amended)
        if errors:
            raise ValidationError(errors)

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

    @property
    def short_label(self) -> str:
        """The item's name in a breadcrumb: its section ("§ 45"), else its title cut to 40 characters."""
        if self.section:
            return f"§ {self.section}"
        return Truncator(self.title).chars(40)

    def mark_checked(self, at: dt.datetime) -> None:
        """The minutes covering this § are checked: from now on the decision and its handling are frozen."""
        if self.is_checked:
            raise CheckedDecisionError("the minutes of this § are already checked")
        self.checked_at = at
        self.version += 1
        self.save(update_fields=["checked_at", "version"])

    # The resolution: the outcome and its facts (decisions.models.resolution) -------------------

    @property
    def has_dissent(self) -> bool:
        """Someone recorded a dissenting opinion (derived from the Dissent records, never stored):
        the `with_dissent_flag()` annotation, else the prefetched dissents, else one query."""
        if "dissented" in self.__dict__:
            return bool(self.dissented)
        if "dissents" in getattr(self, "_prefetched_objects_cache", {}):
            return bool(self.dissents.all())
        return self.pk is not None and self.dissents.exists()

    def resolution_phrase(self, *, dissent: bool | None = None) -> str:
        """The whole phrase of the resolution: "Passed as amended after a vote" and, with a dissent
        (`dissent` None: derived from the item's dissents), that one was recorded. "" before any."""
        if not self.resolution:
            return ""
        with_dissent = self.has_dissent if dissent is None else dissent
        return resolution_phrase(
            self.resolution, after_vote=self.after_vote, amended=self.amended, dissent=with_dissent
        )

    @property
    def resolution_text(self) -> str:
        """What the minutes, the extract, the item pages and the search print after "Päätöksen laatu"."""
        return self.resolution_phrase()

    @property
    def resolution_summary(self) -> str:
        """The outcome with the vote and amendment facts, without the dissent (short mentions in lists
        that do not load the handling: the project page, the earlier handling)."""
        return self.resolution_phrase(dissent=False)

    # The decision against the proposal ---------------------------------------------------------

    @property
    def decision_differs(self) -> bool:
        """The decision's words differ from the proposal's (line breaks aside), and it was not passed unchanged.

        A proposal passed unchanged (no vote, not amended) is often recorded as just "Hyväksyttiin.":
        no difference to show.
        """
        if not self.decision.strip() or self.passed_unchanged:
            return False
        return normalised(self.decision) != normalised(self.proposal)

    @property
    def passed_unchanged(self) -> bool:
        """Passed as proposed, without a vote or an amendment."""
        return self.resolution == Resolution.PASSED and not self.after_vote and not self.amended

    def decision_diff(self) -> list[tuple[str, str]] | None:
        """The proposal changed into the decision, word by word: (same|deleted|inserted, text);
        None when they differ too widely to compare (decisions.textdiff.MAX_DIFF_WORDS)."""
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
            return _("Last day of the rectification period")
        return _("Last day of the appeal period")

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

    def funding_breakdown(self) -> FundingBreakdown | None:
        """The funding figures the board decided on: the frozen version the item names, else the project's."""
        if self.application_version is not None:
            return FundingBreakdown.for_snapshot(self.application_version.snapshot)
        if self.project is not None:
            return FundingBreakdown.for_project(self.project)
        return None

    @property
    def extract_filename(self) -> str:
        number = self.section or f"luonnos-{self.pk}"
        return f"poytakirjanote-{self.body.slug}-{self.year}-{number}.pdf"


# The body's names and language make its items' search vectors: changing them fills the vectors again.
pgtrigger.register(
    pgtrigger.Trigger(
        name="item_search_vectors_renamed",
        when=pgtrigger.After,
        operation=pgtrigger.Update,
        condition=pgtrigger.Q(old__name__df=pgtrigger.F("new__name"))
        | pgtrigger.Q(old__name_sv__df=pgtrigger.F("new__name_sv"))
        | pgtrigger.Q(old__language__df=pgtrigger.F("new__language")),
        func=BODY_RENAMED_SQL,
    )
)(Body)
