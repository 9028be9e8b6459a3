"""Meetings of a body and who attended them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from decisions.models.bodies import Body, Membership, Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


class MeetingTransitionError(Exception):
    """A state change its guards refuse; `errors` are the Finnish reasons shown to the user."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


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

    def published(self) -> MeetingQuerySet:
        return self.filter(state=Meeting.State.PUBLISHED)


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
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "number"], name="unique_meeting_number_per_body_and_year"),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")) | Q(end__isnull=True), name="meeting_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.number}/{self.year}"

    def get_absolute_url(self) -> str:
        return reverse("decisions:meeting_detail", args=[self.pk])

    @property
    def date(self) -> dt.date:
        from django.utils import timezone  # noqa: PLC0415

        return timezone.localtime(self.start).date()

    # Numbering -------------------------------------------------------------------------------

    @classmethod
    def next_number(cls, body: Body | int, year: int) -> int:
        """The next free meeting number of the body in the year: one past the highest."""
        body_id = body if isinstance(body, int) else body.pk
        highest = cls.objects.filter(body_id=body_id, year=year).aggregate(models.Max("number"))["number__max"]
        return (highest or 0) + 1

    # States ----------------------------------------------------------------------------------

    # The secretary's steps before and at the meeting. Checking and publishing the minutes
    # (CHECKED, PUBLISHED) are recorded by the minutes check, not here.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        State.PLANNED: (State.AGENDA_PUBLISHED, State.CANCELLED),
        State.AGENDA_PUBLISHED: (State.HELD, State.ADJOURNED, State.CANCELLED),
        State.ADJOURNED: (State.HELD,),
        State.HELD: (State.AWAITING_CHECK,),
    }

    def allowed_transitions(self) -> tuple[str, ...]:
        return self.TRANSITIONS.get(self.state, ())

    def transition_errors(self, to: str) -> list[str]:
        """Why the meeting cannot move to state `to` now (empty: it can)."""
        if to not in self.allowed_transitions():
            return [
                str(_("Kokouksen tilaa ei voi muuttaa tilasta ”%(from)s” tilaan ”%(to)s”."))
                % {"from": self.get_state_display(), "to": self.State(to).label if to in self.State.values else to}
            ]
        items = self.items.all()
        errors: list[str] = []
        if to == self.State.AGENDA_PUBLISHED and not items.exists():
            errors.append(str(_("Esityslistalla ei ole yhtään asiaa.")))
        if to == self.State.HELD:
            if not self.attendances.exists():
                errors.append(str(_("Kirjaa ensin läsnäolijat.")))
            else:
                quorum = self.quorum()
                if not quorum.reached:
                    errors.append(
                        str(_("Kokous ei ole päätösvaltainen: läsnä %(present)s jäsentä, vaaditaan %(required)s."))
                        % {"present": quorum.present, "required": quorum.required}
                    )
        if to == self.State.AWAITING_CHECK:
            undecided = items.filter(resolution="")
            if undecided.exists():
                sections = ", ".join(str(item) for item in undecided[:5])
                errors.append(str(_("Kaikkien asioiden päätöstä ei ole kirjattu: %(items)s.")) % {"items": sections})
        if to == self.State.CANCELLED:
            errors += self._release_errors()
        return errors

    def _release_errors(self) -> list[str]:
        """A cancelled meeting gives back its § numbers, which only works while none follows them."""
        from decisions.models.items import AgendaItem  # noqa: PLC0415

        mine = self.items.filter(section__isnull=False)
        if not mine.exists():
            return []
        if mine.filter(checked_at__isnull=False).exists():
            return [str(_("Kokouksen pykäliä on jo tarkastettu."))]
        highest_mine = mine.aggregate(models.Max("section"))["section__max"]
        later = AgendaItem.objects.filter(body_id=self.body_id, year=self.year, section__gt=highest_mine)
        if later.exclude(meeting=self).exists():
            return [
                str(
                    _(
                        "Kokousta ei voi perua, koska myöhemmän kokouksen asiat on jo numeroitu: "
                        "pykälänumerot eivät saa jäädä aukollisiksi."
                    )
                )
            ]
        return []

    def transition(self, to: str, by: AbstractBaseUser | None = None) -> None:
        """Move to state `to`, or raise MeetingTransitionError with the reasons.

        Publishing the agenda numbers its items (§); cancelling gives the numbers back. The row is
        locked for the check and the write; the audit receivers record who (`by`) changed it.
        """
        from decisions.agenda import number_agenda, release_sections  # noqa: PLC0415

        with transaction.atomic():
            locked = Meeting.objects.select_for_update().get(pk=self.pk)
            errors = locked.transition_errors(to)
            if errors:
                raise MeetingTransitionError(errors)
            if to == self.State.AGENDA_PUBLISHED:
                number_agenda(locked)
            if to == self.State.CANCELLED:
                release_sections(locked)
            locked.state = to
            locked.version += 1
            locked.save(update_fields=["state", "version"])
        self.state, self.version = locked.state, locked.version

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
            Membership.objects.filter(
                body_id=self.body_id, role__in=[*Membership.Role.voting(), Membership.Role.DEPUTY], start_date__lte=day
            )
            .exclude(end_date__lt=day)
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

    def attendance_rows(self, memberships: list[Membership] | None = None) -> list[dict[str, Any]]:
        """The attendance form's rows: recorded attendances, then the body's people not yet recorded."""
        recorded = {attendance.person_id: attendance for attendance in self.attendances.all()}
        day = self.date
        if memberships is None:
            memberships = list(
                Membership.objects.filter(body_id=self.body_id, start_date__lte=day)
                .exclude(end_date__lt=day)
                .select_related("person")
            )
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
