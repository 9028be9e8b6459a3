"""Bodies, people, meetings and agenda items: the board's decisions and the documents about them."""

from __future__ import annotations

import datetime as dt

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# What checking the minutes freezes. Publication, condition status and corrections live in their
# own records, so nothing that legitimately changes later is locked here.
FROZEN_FIELDS = ("decision", "resolution", "proposal", "description", "handling", "title", "section", "meeting")


class CheckedDecisionError(Exception):
    """A checked decision cannot change; a correction is a new, linked record."""


class Person(models.Model):
    """Anyone who appears in minutes; many never sign in, so the account link is optional."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def contact(self) -> str:
        return ", ".join(part for part in (self.phone, self.email) if part)


class Body(models.Model):
    """A decision-making body (toimielin) and the data its appeal instructions print."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council")
        BOARD = "board", _("Executive board")
        COMMITTEE = "committee", _("Committee")
        DIVISION = "division", _("Division")
        OTHER = "other", _("Other body")

    name = models.CharField(_("name"), max_length=200, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.COMMITTEE)
    organisation = models.CharField(_("organisation"), max_length=200)
    rectification_authority = models.CharField(
        _("rectification authority"), max_length=200, blank=True, help_text=_("Empty: the body itself.")
    )
    appeal_court = models.CharField(_("appeal court"), max_length=200, blank=True)
    registry_postal_address = models.TextField(_("registry postal address"), blank=True)
    registry_email = models.EmailField(_("registry e-mail"), blank=True)
    registry_visiting_address = models.TextField(_("registry visiting address"), blank=True)
    registry_closing_time = models.TimeField(_("registry closing time"), default=dt.time(15, 0))
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_until = models.DateField(_("active until"), null=True, blank=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_until__gte=F("active_from"))
                | Q(active_until__isnull=True)
                | Q(active_from__isnull=True),
                name="body_active_until_after_from",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def rectification_authority_name(self) -> str:
        return self.rectification_authority or self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")
        DEPUTY = "deputy", _("Personal deputy")
        PRESENTER = "presenter", _("Presenting official")
        SECRETARY = "secretary", _("Secretary")

        @classmethod
        def voting(cls) -> list[str]:
            return [cls.CHAIR, cls.VICE_CHAIR, cls.MEMBER]

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships")
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role)
    deputy_of = models.ForeignKey(
        "self",
        verbose_name=_("personal deputy of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deputies",
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body", "role", "person"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")) | Q(end_date__isnull=True),
                name="membership_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}, {self.get_role_display()} ({self.body})"


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


class MinutesCheck(models.Model):
    """The check of the minutes: of the whole meeting, or of some § checked at once in the meeting."""

    class Method(models.TextChoices):
        SIGNATURE = "signature", _("Signed on paper")
        ELECTRONIC = "electronic", _("Signed electronically")
        IN_MEETING = "in_meeting", _("Checked at once in the meeting")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="checks")
    items = models.ManyToManyField(
        AgendaItem,
        verbose_name=_("§ covered"),
        blank=True,
        related_name="checks",
        help_text=_("Empty: the whole meeting."),
    )
    checked_on = models.DateField(_("checked on"))
    examiners = models.ManyToManyField(Person, verbose_name=_("examiners"), blank=True, related_name="+")
    method = models.CharField(_("method"), max_length=20, choices=Method, default=Method.SIGNATURE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("minutes check")
        verbose_name_plural = _("minutes checks")
        ordering = ["meeting", "checked_on"]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.checked_on:%d.%m.%Y}"


class DecisionCorrection(models.Model):
    """A later change to a checked decision: a linked record, never an edit in place."""

    class Kind(models.TextChoices):
        CLERICAL = "clerical", _("Clerical correction (Hallintolaki 51 §)")
        SUBSTANTIVE = "substantive", _("Correction of a substantive error (Hallintolaki 50 §)")
        RECTIFICATION = "rectification", _("Outcome of a request for rectification")
        TAKEN_UP = "taken_up", _("Taken up by a superior body")

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.PROTECT, related_name="corrections"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    reason = models.TextField(_("reason"))
    corrected_text = models.TextField(_("corrected text"), blank=True)
    decided_by = models.CharField(_("decided by"), max_length=200)
    decided_on = models.DateField(_("decided on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision correction")
        verbose_name_plural = _("decision corrections")
        ordering = ["item", "decided_on"]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_kind_display()}"


class DecisionCondition(models.Model):
    """What a decision requires, e.g. the own contribution in the 2024 budget; a person sets its status."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MET = "met", _("Met")
        NOT_MET = "not_met", _("Not met")

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="conditions"
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="conditions",
    )
    text = models.TextField(_("condition"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.OPEN)
    evidence = models.TextField(_("evidence"), blank=True)
    status_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status set by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status_set_at = models.DateTimeField(_("status set at"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision condition")
        verbose_name_plural = _("decision conditions")
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return self.text[:100]


class Delegation(models.Model):
    """Whom a decision authorises to do what, e.g. the development director to amend the application."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="delegations"
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="delegations",
    )
    delegate = models.CharField(
        _("delegate"), max_length=200, help_text=_("A role or a person, e.g. kehittämisjohtaja.")
    )
    scope = models.TextField(_("scope"))

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return f"{self.delegate}: {self.scope[:80]}"


class Extract(models.Model):
    """An issued minutes extract: its exact bytes are kept and served again unchanged."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.PROTECT, related_name="extracts"
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+"
    )
    certifier_name = models.CharField(_("certifier"), max_length=200)
    certifier_title = models.CharField(_("certifier's title"), max_length=200)
    place = models.CharField(_("place"), max_length=100)
    recipients = models.TextField(_("recipients"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to="extracts/%Y/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("minutes extract")
        verbose_name_plural = _("minutes extracts")
        ordering = ["item", "-issued_at"]

    def __str__(self) -> str:
        return f"{self.item} ({self.issued_at:%d.%m.%Y})"
