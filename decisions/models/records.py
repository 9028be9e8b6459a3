"""What follows a decision: checks of the minutes, corrections, conditions, delegations, extracts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from decisions.models.bodies import Person
from decisions.models.items import AgendaItem
from decisions.models.meetings import Meeting
from decisions.models.recording import recorded_at_field, recorded_by_field


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
    recorded_by = recorded_by_field()
    recorded_at = recorded_at_field()

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
    recorded_by = recorded_by_field()
    recorded_at = recorded_at_field()

    class Meta:
        verbose_name = _("decision correction")
        verbose_name_plural = _("decision corrections")
        ordering = ["item", "decided_on"]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_kind_display()}"


class DecisionConditionQuerySet(models.QuerySet["DecisionCondition"]):
    def about_project(self, project_id: int) -> DecisionConditionQuerySet:
        """The conditions of the decisions about the project, and those that name it from another item."""
        return self.filter(models.Q(item__project_id=project_id) | models.Q(project_id=project_id))


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

    objects = DecisionConditionQuerySet.as_manager()

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
