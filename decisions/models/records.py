"""What follows a decision: checks of the minutes, corrections, conditions, delegations, extracts.

The check record, the conditions as decided, the delegations and the issued extracts belong to the
checked decision and freeze with it (decisions.models.checked); corrections are new records.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.signals import m2m_changed
from django.utils.translation import gettext_lazy as _

from decisions.models.bodies import Person
from decisions.models.checked import (
    FrozenWhenChecked,
    FrozenWhenCheckedQuerySet,
    checked_record_triggers,
    item_is_checked_sql,
)
from decisions.models.items import AgendaItem, CheckedDecisionError
from decisions.models.meetings import Meeting
from decisions.models.recording import recorded_at_field, recorded_by_field
from decisions.models.translations import TextLanguage

#: SQL: the check `{row}` covers a checked § (its § when it names some, else every § of its meeting).
MINUTES_CHECK_COVERS_CHECKED_SQL = (
    "EXISTS (SELECT 1 FROM decisions_agendaitem i WHERE i.meeting_id = {row}.meeting_id AND i.checked_at IS NOT NULL"
    " AND (i.id IN (SELECT agendaitem_id FROM decisions_minutescheck_items c WHERE c.minutescheck_id = {row}.id)"
    " OR NOT EXISTS (SELECT 1 FROM decisions_minutescheck_items c WHERE c.minutescheck_id = {row}.id)))"
)


class MinutesCheck(FrozenWhenChecked):
    """The check of the minutes: of the whole meeting, or of some § checked at once in the meeting.

    It is the record of the check: once a § it covers is checked it cannot change or go.
    """

    CHECKED_ITEM_PATH = "meeting__items"
    ADDED_AFTER_CHECK = True

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
        triggers = checked_record_triggers(MINUTES_CHECK_COVERS_CHECKED_SQL, moved_in=False)

    def __str__(self) -> str:
        return f"{self.meeting}: {self.checked_on:%d.%m.%Y}"

    @classmethod
    def checked_condition(cls) -> Q:
        """Checks covering a checked §: one of the § they name, or any § of the meeting when they name none."""
        return Q(items__checked_at__isnull=False) | Q(items__isnull=True, meeting__items__checked_at__isnull=False)


def _refuse_uncovering_a_checked_check(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """m2m_changed: the § and examiners of a check are not removed once it covers a checked §.

    Additions are not refused here: a restore adds them to a check whose § are already checked.
    """
    if action not in ("pre_remove", "pre_clear"):
        return
    if reverse:
        checks = MinutesCheck.objects.filter(pk__in=pk_set) if pk_set else instance.checks.all()
    else:
        checks = MinutesCheck.objects.filter(pk=instance.pk)
    if checks.of_checked_items().exists():
        raise CheckedDecisionError("the record of a check covering a checked decision cannot change")


for _through in (MinutesCheck.items.through, MinutesCheck.examiners.through):
    m2m_changed.connect(_refuse_uncovering_a_checked_check, sender=_through, dispatch_uid=f"frozen:{_through}")


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


class DecisionConditionQuerySet(FrozenWhenCheckedQuerySet):
    def about_project(self, project_id: int) -> DecisionConditionQuerySet:
        """The conditions of the decisions about the project, and those that name it from another item."""
        return self.filter(models.Q(item__project_id=project_id) | models.Q(project_id=project_id))


class DecisionCondition(FrozenWhenChecked):
    """What a decision requires, e.g. the own contribution in the 2024 budget; a person sets its status.

    The condition as decided freezes with its §; its status (and the evidence) is set afterwards.
    """

    CHANGEABLE_AFTER_CHECK = ("status", "evidence", "status_set_by", "status_set_at", "version")
    ADDED_AFTER_CHECK = True

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
    responsible = models.CharField(
        _("responsible"), max_length=200, blank=True, help_text=_("A person or a role, e.g. talousjohtaja.")
    )
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
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = DecisionConditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision condition")
        verbose_name_plural = _("decision conditions")
        ordering = ["item", "pk"]
        triggers = checked_record_triggers(
            item_is_checked_sql("{row}.item_id"),
            ("item_id", "project_id", "text", "due_date", "responsible"),
            moved_in=False,
        )

    def __str__(self) -> str:
        return self.text[:100]


class Delegation(FrozenWhenChecked):
    """Whom a decision authorises to do what, e.g. the development director to amend the application.

    Part of the decision: it freezes with its §.
    """

    ADDED_AFTER_CHECK = True

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
        triggers = checked_record_triggers(item_is_checked_sql("{row}.item_id"), moved_in=False)

    def __str__(self) -> str:
        return f"{self.delegate}: {self.scope[:80]}"


class Extract(FrozenWhenChecked):
    """An issued minutes extract: its exact bytes are kept and served again unchanged.

    One per item and language (a bilingual body's item has a Finnish and a Swedish one): issuing again
    returns the one issued (decisions.services.extracts). A secret
    attachment's title is printed only where the issuer chose to disclose it (`disclosed_attachments`).
    Issued of a checked decision, it cannot change or be deleted (decisions.models.checked).
    """

    ADDED_AFTER_CHECK = True

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
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=TextLanguage,
        default=TextLanguage.FINNISH,
        help_text=_("The language the extract is issued in: one of its body's document languages."),
    )
    pdf = models.FileField(_("PDF"), upload_to="extracts/%Y/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    disclosed_attachments = models.JSONField(
        _("disclosed secret attachments"),
        default=list,
        blank=True,
        help_text=_("The secret attachments whose titles the issuer chose to print in this extract (their ids)."),
    )

    class Meta:
        verbose_name = _("minutes extract")
        verbose_name_plural = _("minutes extracts")
        ordering = ["item", "-issued_at"]
        constraints = [models.UniqueConstraint(fields=["item", "language"], name="one_extract_per_item_and_language")]
        triggers = checked_record_triggers(item_is_checked_sql("{row}.item_id"), moved_in=False)

    def __str__(self) -> str:
        return f"{self.item} ({self.issued_at:%d.%m.%Y})"
