"""Meetings of a body and who attended them."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from decisions.models.bodies import Body, Person


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
