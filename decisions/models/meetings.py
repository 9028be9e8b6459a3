"""Meetings of a body and who attended them."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.models.bodies import Body, Membership, Person
from decisions.models.numbering import NumberingStart

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from django.db.models import QuerySet


@dataclass(frozen=True)
class Quorum:
    """Päätösvaltaisuus: more than half of the members present (a personal deputy stands in)."""

    members: int
    present: int
    required: int

    @property
    def reached(self) -> bool:
        return self.members > 0 and self.present >= self.required


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def of_body(self, body: Body) -> MeetingQuerySet:
        return self.filter(body=body)

    def of_bodies(self, body_ids: Iterable[int]) -> MeetingQuerySet:
        return self.filter(body_id__in=body_ids)

    def published(self) -> MeetingQuerySet:
        return self.filter(state=Meeting.State.PUBLISHED)

    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> MeetingQuerySet:
        """The meetings whose page the user may open ("decisions.view_meeting" as a queryset): all of
        them to everyone signed in, none to anyone else."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.all()

    def newest_first(self) -> MeetingQuerySet:
        """The latest first (indexes meeting_newest_first and meeting_body_newest_first)."""
        return self.select_related("body").order_by("-start", "-pk")

    def keys_newest_first(self) -> MeetingQuerySet:
        """Only the keys, latest first: what a list paginates (hankehallinta.pagination), so that
        neither its count nor the rows before its page count any meeting's items."""
        return self.order_by("-start", "-pk").values("pk")

    def of_page(self, keys: MeetingQuerySet) -> MeetingQuerySet:
        """The meetings of one page of keys_newest_first() (a sliced queryset, sent as a subquery),
        latest first."""
        return self.filter(pk__in=keys).newest_first()

    def with_item_count(self) -> MeetingQuerySet:
        """Each meeting with `item_count`, the number of items on its agenda (the meeting lists): a
        subquery per meeting of the page, so a page never counts the items of every meeting."""
        item_model = Meeting._meta.get_field("items").related_model
        items = (
            item_model.objects.filter(meeting=OuterRef("pk"))
            .order_by()
            .values("meeting")
            .annotate(count=Count("pk"))
            .values("count")[:1]
        )
        return self.select_related("body").annotate(item_count=Coalesce(Subquery(items), 0))

    def open_agendas(self) -> MeetingQuerySet:
        """Meetings whose agenda still takes items carried over: planned, or the agenda published."""
        return self.filter(state__in=Meeting.OPEN_AGENDA_STATES)

    def with_agenda(self, items: QuerySet | None = None) -> MeetingQuerySet:
        """A meeting's page in a fixed number of queries: the body, the agenda items in order (from
        `items`, default with presenter and carried-over successors), attendances with their people
        and items, examiners and the checks."""
        item_model = Meeting._meta.get_field("items").related_model
        if items is None:
            items = item_model.objects.select_related("presenter").prefetch_related("carried_to")
        attendances = Attendance.objects.select_related("person", "arrived_at_item", "left_at_item")
        checks = Meeting._meta.get_field("checks").related_model.objects.prefetch_related("examiners", "items")
        return self.select_related("body").prefetch_related(
            Prefetch("items", queryset=items.order_by("order", "pk")),
            Prefetch("attendances", queryset=attendances),
            "examiners",
            Prefetch("checks", queryset=checks),
        )

    def with_attendances(self) -> MeetingQuerySet:
        """The body and the recorded attendances with their people (the attendance form)."""
        attendances = Attendance.objects.select_related("person")
        return self.select_related("body").prefetch_related(Prefetch("attendances", queryset=attendances))

    def for_minutes(self) -> MeetingQuerySet:
        """with_agenda plus what the minutes print of each item: its people, attachments, conditions,
        delegations, notifications, corrections and handling records."""
        item_model = Meeting._meta.get_field("items").related_model
        items = (
            item_model.objects.select_related("presenter", "preparer", "body")
            .prefetch_related("attachments", "conditions", "delegations", "notifications", "corrections")
            .with_handling()
        )
        return self.with_agenda(items)

    def number_taken(self, body: Body, year: int, number: int) -> bool:
        return self.filter(body=body, year=year, number=number).exists()


class Meeting(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        AGENDA_PUBLISHED = "agenda_published", _("Agenda published")
        HELD = "held", _("Held")
        AWAITING_CHECK = "awaiting_check", _("Minutes awaiting check")
        CHECKED = "checked", _("Minutes checked")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")
        ADJOURNED = "adjourned", _("Adjourned")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings")
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number"))
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.PLANNED)
    examiners = models.ManyToManyField(
        Person, verbose_name=_("examiners of the minutes"), blank=True, related_name="examined_meetings"
    )
    minutes_published_on = models.DateField(_("minutes published on the web"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start"]
        indexes = [
            # The meeting lists' order (newest_first): all meetings, and a body's.
            models.Index(fields=["-start", "-id"], name="meeting_newest_first"),
            models.Index(fields=["body", "-start", "-id"], name="meeting_body_newest_first"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "number"], name="unique_meeting_number_per_body_and_year"),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")) | Q(end__isnull=True), name="meeting_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.full_label

    def get_absolute_url(self) -> str:
        return reverse("decisions:meeting_detail", args=[self.pk])

    @property
    def label(self) -> str:
        """The meeting's number in its body's year, as documents and pages write it: "12/2023"."""
        return f"{self.number}/{self.year}"

    @property
    def full_label(self) -> str:
        """The body's name and the label, the meeting's name everywhere: "Tulevaisuuslautakunta 12/2023"."""
        return f"{self.body.name} {self.label}"

    @property
    def date(self) -> dt.date:
        return timezone.localtime(self.start).date()

    # Numbering -------------------------------------------------------------------------------

    @classmethod
    def next_number(cls, body: Body | int, year: int) -> int:
        """The next free meeting number of the body in the year: one past the highest, and not below
        the year's first meeting number (NumberingStart: a body that continues a count kept elsewhere)."""
        body_id = body if isinstance(body, int) else body.pk
        highest = cls.objects.filter(body_id=body_id, year=year).aggregate(models.Max("number"))["number__max"]
        _first_section, first_number = NumberingStart.first_numbers(body_id, year)
        return max((highest or 0) + 1, first_number)

    # States ----------------------------------------------------------------------------------

    # The secretary's steps before and at the meeting. Checking and publishing the minutes
    # (CHECKED, PUBLISHED) are recorded by the minutes check, not here.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        State.PLANNED: (State.AGENDA_PUBLISHED, State.CANCELLED),
        State.AGENDA_PUBLISHED: (State.HELD, State.ADJOURNED, State.CANCELLED),
        State.ADJOURNED: (State.HELD,),
        State.HELD: (State.AWAITING_CHECK,),
    }

    OPEN_AGENDA_STATES = (State.PLANNED, State.AGENDA_PUBLISHED)

    def allowed_transitions(self) -> tuple[str, ...]:
        return self.TRANSITIONS.get(self.state, ())

    def transition_errors(self, to: str) -> list[str]:
        """Why the meeting cannot move to state `to` now (empty: it can)."""
        if to not in self.allowed_transitions():
            return [
                str(_("The meeting cannot move from the state “%(from)s” to “%(to)s”."))
                % {"from": self.get_state_display(), "to": self.State(to).label if to in self.State.values else to}
            ]
        items = self.items.all()
        errors: list[str] = []
        if to == self.State.AGENDA_PUBLISHED and not items.exists():
            errors.append(str(_("The agenda has no items.")))
        if to == self.State.HELD:
            if not self.attendances.exists():
                errors.append(str(_("Record the attendance first.")))
            else:
                quorum = self.quorum()
                if not quorum.reached:
                    errors.append(
                        str(_("The meeting has no quorum: %(present)s members present, %(required)s required."))
                        % {"present": quorum.present, "required": quorum.required}
                    )
        if to == self.State.AWAITING_CHECK:
            undecided = items.filter(resolution="")
            if undecided.exists():
                sections = ", ".join(str(item) for item in undecided[:5])
                errors.append(str(_("Not every item's decision has been recorded: %(items)s.")) % {"items": sections})
        if to == self.State.CANCELLED:
            errors += self.release_errors()
        return errors

    # Giving § numbers back -------------------------------------------------------------------

    def numbered_after(self) -> QuerySet:
        """The other meetings' items of the body's year numbered after this meeting's lowest §: when
        this meeting is cancelled they move down so that the year's numbers keep no gap."""
        item_model = self.items.model
        lowest = self.items.filter(section__isnull=False).aggregate(models.Min("section"))["section__min"]
        if lowest is None:
            return item_model.objects.none()
        return item_model.objects.filter(body_id=self.body_id, year=self.year, section__gt=lowest).exclude(meeting=self)

    def release_errors(self) -> list[str]:
        """Why cancelling cannot give the meeting's § numbers back (empty: it can).

        The numbers of a later meeting move down with the cancel while its agenda is unpublished;
        once its agenda is out (or it is held, or its minutes checked) its numbers are fixed and the
        cancel is refused, naming that meeting.
        """
        mine = self.items.filter(section__isnull=False)
        if not mine.exists():
            return []
        if mine.filter(checked_at__isnull=False).exists():
            return [str(_("Some sections of the meeting have already been checked."))]
        fixed = self.numbered_after().exclude(meeting__state=self.State.PLANNED).select_related("meeting__body")
        first = fixed.order_by("section").first()
        if first is None:
            return []
        sections = fixed.filter(meeting=first.meeting).aggregate(
            first=models.Min("section"), last=models.Max("section")
        )
        return [
            str(
                _(
                    "The meeting cannot be cancelled: meeting %(meeting)s already has sections %(first)s–%(last)s, "
                    "numbered after this meeting's, and its agenda has been published, so its numbers can no "
                    "longer change. Cancelling would leave the year's section numbers with gaps."
                )
            )
            % {"meeting": first.meeting, "first": sections["first"], "last": sections["last"]}
        ]

    # Attendance version ----------------------------------------------------------------------

    def attendance_version(self) -> str:
        """A fingerprint of the recorded attendance, read from the database (not a prefetch): the
        attendance form carries it, and a save whose form saw other rows is refused as stale."""
        rows = (
            Attendance.objects.filter(meeting_id=self.pk)
            .order_by("person_id")
            .values_list("person_id", "capacity", "present", "arrived_at_item_id", "left_at_item_id", "note")
        )
        return hashlib.sha256(json.dumps(list(rows)).encode()).hexdigest()[:32]

    def has_unchecked_items(self) -> bool:
        """Some § of the meeting is still waiting for the check of the minutes."""
        return self.items.filter(checked_at__isnull=True).exists()

    @property
    def agenda_is_open(self) -> bool:
        """Items can still be carried over onto the agenda: planned, or the agenda published."""
        return self.state in self.OPEN_AGENDA_STATES

    @property
    def agenda_is_draft(self) -> bool:
        """The agenda PDF says LUONNOS until the agenda is published."""
        return self.state in (self.State.PLANNED, self.State.CANCELLED)

    @property
    def numbers_items(self) -> bool:
        """Items added from now on get their § at once: the agenda has been published."""
        return self.state in (self.State.AGENDA_PUBLISHED, self.State.HELD, self.State.ADJOURNED)

    # Attendance ------------------------------------------------------------------------------

    def voting_memberships(self) -> list[Membership]:
        """The body's chair, vice-chair, members and personal deputies on the meeting day."""
        day = self.date
        return list(
            Membership.objects.active_on(day)
            .filter(body_id=self.body_id, role__in=[*Membership.Role.voting(), Membership.Role.DEPUTY])
            .select_related("deputy_of")
        )

    def quorum(self, memberships: list[Membership] | None = None) -> Quorum:
        """Present voting members, counting a present personal deputy for an absent member.

        Uses prefetched attendances when there are; `memberships` spares the query when given.
        """
        memberships = self.voting_memberships() if memberships is None else memberships
        present = {attendance.person_id for attendance in self.attendances.all() if attendance.present}
        members = {m.pk: m.person_id for m in memberships if m.role in Membership.Role.voting()}
        counted = {person for person in members.values() if person in present}
        for membership in memberships:
            substitutes = membership.role == Membership.Role.DEPUTY and membership.person_id in present
            member = members.get(membership.deputy_of_id)
            if substitutes and member is not None and member not in present:
                counted.add(f"deputy-for-{member}")
        total = len(set(members.values()))
        return Quorum(members=total, present=len(counted), required=total // 2 + 1)

    def officers(self) -> dict[str, Person | None]:
        """The chair and the secretary of the meeting, from its (prefetched) attendance."""
        officers: dict[str, Person | None] = {"chair": None, "secretary": None}
        for attendance in self.attendances.all():
            if not attendance.present:
                continue
            if attendance.capacity == Attendance.Capacity.CHAIR and officers["chair"] is None:
                officers["chair"] = attendance.person
            elif attendance.capacity == Attendance.Capacity.SECRETARY and officers["secretary"] is None:
                officers["secretary"] = attendance.person
        return officers

    def attendees(self, *, voting: bool = False) -> QuerySet[Person]:
        """The people present at the meeting (only those with a vote when `voting`), by name."""
        attendances = Attendance.objects.filter(meeting=self, present=True)
        if voting:
            attendances = attendances.filter(capacity__in=VOTING_CAPACITIES)
        return Person.objects.filter(pk__in=attendances.values("person_id")).order_by("last_name", "first_name", "pk")

    def attendance_rows(self, memberships: list[Membership] | None = None) -> list[dict[str, Any]]:
        """The attendance form's rows: recorded attendances, then the body's people not yet recorded."""
        recorded = {attendance.person_id: attendance for attendance in self.attendances.all()}
        day = self.date
        if memberships is None:
            memberships = list(Membership.objects.active_on(day).filter(body_id=self.body_id).select_related("person"))
        rows = [{"person": a.person_id, "attendance": a} for a in recorded.values()]
        seen = set(recorded)
        for membership in sorted(memberships, key=lambda m: (ROLE_ORDER.get(m.role, 99), str(m.person))):
            if membership.person_id in seen:
                continue
            seen.add(membership.person_id)
            rows.append({"person": membership.person_id, "membership": membership})
        return rows


class Attendance(models.Model):
    class Capacity(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")
        DEPUTY = "deputy", _("Deputy member")
        PRESENTER = "presenter", _("Presenting official")
        SECRETARY = "secretary", _("Secretary")
        EXPERT = "expert", _("Expert")
        OTHER = "other", _("Other attendee")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="attendances")
    capacity = models.CharField(_("capacity"), max_length=20, choices=Capacity)
    present = models.BooleanField(_("present"), default=True)
    arrived_at_item = models.ForeignKey(
        "AgendaItem",
        verbose_name=_("arrived during item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    left_at_item = models.ForeignKey(
        "AgendaItem",
        verbose_name=_("left during item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["meeting", "capacity", "person"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="unique_attendance_per_meeting"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_capacity_display()})"


#: The capacities that carry a vote (the voters of a vote, the examiners of the minutes).
VOTING_CAPACITIES = (
    Attendance.Capacity.CHAIR,
    Attendance.Capacity.VICE_CHAIR,
    Attendance.Capacity.MEMBER,
    Attendance.Capacity.DEPUTY,
)

ROLE_ORDER = {key: index for index, key in enumerate(Membership.Role.values)}

# The attendance capacity a membership gives by default.
CAPACITY_OF_ROLE = {
    Membership.Role.CHAIR: Attendance.Capacity.CHAIR,
    Membership.Role.VICE_CHAIR: Attendance.Capacity.VICE_CHAIR,
    Membership.Role.MEMBER: Attendance.Capacity.MEMBER,
    Membership.Role.DEPUTY: Attendance.Capacity.DEPUTY,
    Membership.Role.PRESENTER: Attendance.Capacity.PRESENTER,
    Membership.Role.SECRETARY: Attendance.Capacity.SECRETARY,
}
