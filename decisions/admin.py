"""Back office for people, bodies, meetings and their items, and the records about decisions.

The admin shows and edits records; the rules (what a checked decision freezes, who may do what)
live in the models and in hankehallinta.permissions, never here. What the system itself records
(check times, versions, issued extracts and their hashes) is read only. The records of a checked §
(decisions.models.checked) are shown read only, and neither their delete view nor "delete selected"
deletes them: both answer with a message.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from decisions.models import (
    FROZEN_FIELDS,
    AgendaItem,
    Attachment,
    Attendance,
    Body,
    DecisionCondition,
    DecisionCorrection,
    Delegation,
    Disqualification,
    Dissent,
    Extract,
    FinalityRecord,
    Meeting,
    Membership,
    MinutesCheck,
    Motion,
    Notification,
    NumberingStart,
    Person,
    PrivatePersonData,
    Vote,
    VoteBallot,
)
from decisions.models.checked import FrozenWhenChecked
from hankehallinta.admin_refusals import RefusableDeletionAdmin

PERSON_SEARCH = ["first_name", "last_name", "title", "unit", "email"]


def checked_refusal() -> str:
    return gettext(
        "The minutes of this § are checked: its records cannot be changed or deleted. "
        "A change to a checked decision is recorded as a correction."
    )


def _frozen(obj: models.Model | None) -> bool:
    """`obj` is an agenda item whose minutes are checked, or a record that belongs to one."""
    if isinstance(obj, AgendaItem):
        return obj.pk is not None and AgendaItem.objects.checked().filter(pk=obj.pk).exists()
    return isinstance(obj, FrozenWhenChecked) and obj.pk is not None and obj.belongs_to_checked_item()


def _frozen_fields(model: type[FrozenWhenChecked]) -> list[str]:
    """The editable fields of `model` that freeze with the § (all but CHANGEABLE_AFTER_CHECK)."""
    return [
        field.name
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if field.editable and not field.primary_key and field.name not in model.CHANGEABLE_AFTER_CHECK
    ]


class CheckedRecordPermissions:
    """What a record of a checked § allows in the admin: no deletion, no change but for the fields
    the model lets change afterwards (a condition's status), which are then the only editable ones."""

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        partly_changeable = bool(self.model.CHANGEABLE_AFTER_CHECK)
        return super().has_change_permission(request, obj) and (partly_changeable or not _frozen(obj))

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return super().has_delete_permission(request, obj) and not _frozen(obj)

    def get_readonly_fields(self, request: HttpRequest, obj: models.Model | None = None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        if self.model.CHANGEABLE_AFTER_CHECK and _frozen(obj):
            shown = self.fields or _frozen_fields(self.model)
            readonly += [name for name in shown if name in _frozen_fields(self.model) and name not in readonly]
        return readonly


class CheckedRecordAdmin(CheckedRecordPermissions, RefusableDeletionAdmin):
    """A record of a checked § is read only (a condition: all but its status) and is not deleted."""

    def deletion_refusal(self, queryset: models.QuerySet) -> str | None:
        return checked_refusal() if queryset.of_checked_items().exists() else None


class CheckedRecordInline(CheckedRecordPermissions):
    """An inline of records of a § (or of a vote): nothing added, changed or deleted once the § is checked,
    except what the model lets change afterwards (a condition's status) and what may be added later."""

    def has_add_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return super().has_add_permission(request, obj) and (self.model.ADDED_AFTER_CHECK or not _frozen(obj))


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "title", "unit", "email", "phone", "user"]
    search_fields = PERSON_SEARCH
    list_select_related = ["user"]
    autocomplete_fields = ["user"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "body"
    fields = ["person", "role", "deputy_of", "start_date", "end_date"]
    autocomplete_fields = ["person", "deputy_of"]
    extra = 0


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "kind", "organisation", "active_from", "active_until"]
    list_filter = ["kind", "organisation"]
    search_fields = ["name", "abbreviation", "organisation"]
    fieldsets = [
        (None, {"fields": ["name", "abbreviation", "kind", "organisation", "active_from", "active_until"]}),
        (
            _("Appeal instructions"),
            {
                "fields": [
                    "rectification_authority",
                    "appeal_court",
                    "registry_postal_address",
                    "registry_email",
                    "registry_visiting_address",
                    "registry_closing_time",
                ]
            },
        ),
    ]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "body", "role", "deputy_of", "start_date", "end_date"]
    list_filter = ["role", "body"]
    search_fields = [f"person__{name}" for name in PERSON_SEARCH] + ["body__name"]
    list_select_related = ["person", "body", "deputy_of__person", "deputy_of__body"]
    autocomplete_fields = ["person", "body", "deputy_of"]
    date_hierarchy = "start_date"


@admin.register(NumberingStart)
class NumberingStartAdmin(admin.ModelAdmin):
    """Set in the pages (the body's "Set the numbering", which refuses a start that collides with a
    number given); here only for repairs."""

    list_display = ["body", "year", "first_section", "first_meeting_number"]
    list_filter = ["body", "year"]
    search_fields = ["body__name"]
    list_select_related = ["body"]
    fields = ["body", "year", "first_section", "first_meeting_number"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = [
        "order",
        "section",
        "title",
        "register_number",
        "presenter",
        "resolution",
        "after_vote",
        "amended",
        "is_public",
    ]
    autocomplete_fields = ["presenter"]
    extra = 0
    show_change_link = True  # proposal, decision and description are edited on the item's page

    def get_readonly_fields(self, request, obj=None):
        # Checked decisions cannot change (the model refuses): show them as text, not as fields.
        if obj is not None and obj.items.filter(checked_at__isnull=False).exists():
            return self.fields
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        # A checked § is never deleted; the inline cannot refuse row by row, so none of them is.
        checked = obj is not None and obj.items.filter(checked_at__isnull=False).exists()
        return super().has_delete_permission(request, obj) and not checked


class AttendanceInline(admin.TabularInline):
    model = Attendance
    fields = ["person", "capacity", "present", "arrived_at_item", "left_at_item", "note"]
    autocomplete_fields = ["person", "arrived_at_item", "left_at_item"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "body", "year", "number", "start", "place", "state", "minutes_published_on"]
    list_filter = ["state", "body", "year"]
    search_fields = ["body__name", "place", "year", "number"]
    list_select_related = ["body"]
    autocomplete_fields = ["body", "examiners"]
    date_hierarchy = "start"
    readonly_fields = ["version"]
    fields = [
        "body",
        "year",
        "number",
        "start",
        "end",
        "place",
        "state",
        "examiners",
        "minutes_published_on",
        "version",
    ]
    inlines = [AgendaItemInline, AttendanceInline]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["person", "meeting", "capacity", "present", "arrived_at_item", "left_at_item", "note"]
    list_filter = ["capacity", "present", "meeting__body"]
    search_fields = [f"person__{name}" for name in PERSON_SEARCH] + ["meeting__body__name", "note"]
    list_select_related = ["person", "meeting__body", "arrived_at_item", "left_at_item"]
    autocomplete_fields = ["meeting", "person", "arrived_at_item", "left_at_item"]


class AttachmentInline(CheckedRecordInline, admin.TabularInline):
    model = Attachment
    fields = ["number", "title", "file", "is_public", "secrecy_ground"]
    extra = 0


class DecisionConditionInline(CheckedRecordInline, admin.StackedInline):
    model = DecisionCondition
    fields = ["text", "project", "due_date", "responsible", "status", "evidence", "status_set_by", "status_set_at"]
    autocomplete_fields = ["project", "status_set_by"]
    extra = 0


class DelegationInline(CheckedRecordInline, admin.TabularInline):
    model = Delegation
    fields = ["delegate", "scope", "project"]
    autocomplete_fields = ["project"]
    extra = 0


class DecisionCorrectionInline(admin.TabularInline):
    model = DecisionCorrection
    fields = ["kind", "decided_on", "decided_by", "reason", "recorded_by", "recorded_at"]
    readonly_fields = ["recorded_at"]
    autocomplete_fields = ["recorded_by"]
    extra = 0


class MotionInline(CheckedRecordInline, admin.TabularInline):
    model = Motion
    fields = ["order", "proposer", "seconder", "text", "outcome"]
    autocomplete_fields = ["proposer", "seconder"]
    extra = 0


class DisqualificationInline(CheckedRecordInline, admin.TabularInline):
    model = Disqualification
    fields = ["order", "person", "ground", "left_room", "note"]
    autocomplete_fields = ["person"]
    extra = 0


class DissentInline(CheckedRecordInline, admin.TabularInline):
    model = Dissent
    fields = ["order", "person", "reasons"]
    autocomplete_fields = ["person"]
    extra = 0


class NotificationInline(admin.TabularInline):
    model = Notification
    fields = ["method", "recipient", "sent_on", "received_on", "recorded_by"]
    autocomplete_fields = ["recorded_by"]
    extra = 0


class PrivatePersonDataInline(admin.TabularInline):
    model = PrivatePersonData
    fields = ["text", "removed_on"]
    extra = 0


@admin.register(AgendaItem)
class AgendaItemAdmin(RefusableDeletionAdmin, SimpleHistoryAdmin):
    list_display = [
        "section_display",
        "title",
        "meeting",
        "register_number",
        "presenter_name",
        "resolution",
        "is_public",
        "is_checked",
    ]
    list_display_links = ["section_display", "title"]
    list_filter = [
        "meeting__body",
        "year",
        "resolution",
        "after_vote",
        "amended",
        "is_public",
        "appeal_route",
        "meeting__state",
    ]
    search_fields = ["title", "register_number", "proposal", "decision", "description", "presenter_name"]
    list_select_related = ["meeting__body"]
    autocomplete_fields = ["meeting", "preparer", "presenter", "project", "application_version"]
    date_hierarchy = "meeting__start"
    readonly_fields = ["body", "year", "checked_at", "version"]
    fieldsets = [
        (None, {"fields": ["meeting", "order", "section", "register_number", "title", "body", "year"]}),
        (
            _("Preparer and presenter"),
            {
                "fields": [
                    "preparer",
                    "preparer_name",
                    "preparer_title",
                    "preparer_contact",
                    "presenter",
                    "presenter_name",
                    "presenter_title",
                ]
            },
        ),
        (
            _("Proposal and decision"),
            {
                "fields": [
                    "proposal",
                    "handling",
                    "decision",
                    "resolution",
                    "after_vote",
                    "amended",
                    "description",
                    "distribution",
                ]
            },
        ),
        (_("Publicity"), {"fields": ["is_public", "secrecy_ground"]}),
        (_("Appeal"), {"fields": ["appeal_route", "appeal_provision", "no_appeal_ground"]}),
        (_("Project"), {"fields": ["project", "application_version"]}),
        (_("Record"), {"fields": ["checked_at", "version"]}),
    ]
    inlines = [
        AttachmentInline,
        MotionInline,
        DisqualificationInline,
        DissentInline,
        DecisionConditionInline,
        DelegationInline,
        DecisionCorrectionInline,
        NotificationInline,
        PrivatePersonDataInline,
    ]

    def get_readonly_fields(self, request, obj=None):
        # What checking the minutes froze is shown, not offered for editing (the model refuses it).
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_checked:
            readonly += [name for name in FROZEN_FIELDS if name not in readonly]
        return readonly

    def has_delete_permission(self, request: HttpRequest, obj: AgendaItem | None = None) -> bool:
        return super().has_delete_permission(request, obj) and not _frozen(obj)

    def deletion_refusal(self, queryset: models.QuerySet) -> str | None:
        return checked_refusal() if queryset.checked().exists() else None

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        """A historical version of a checked item may be looked at, not reverted to (the model would refuse)."""
        if request.method == "POST" and _frozen(self.get_object(request, unquote(object_id))):
            self.message_user(
                request,
                gettext("A checked decision cannot be reverted to an earlier version: record a correction instead."),
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:decisions_agendaitem_history", args=[object_id]))
        return super().history_form_view(request, object_id, version_id, extra_context)

    @admin.display(description=_("§"), ordering="section")
    def section_display(self, obj: AgendaItem) -> str:
        return f"§ {obj.section}" if obj.section else "–"

    @admin.display(description=_("checked"), boolean=True, ordering="checked_at")
    def is_checked(self, obj: AgendaItem) -> bool:
        return obj.is_checked


@admin.register(Attachment)
class AttachmentAdmin(CheckedRecordAdmin):
    list_display = ["__str__", "item", "is_public", "secrecy_ground"]
    list_filter = ["is_public", "item__meeting__body"]
    search_fields = ["title", "item__title", "secrecy_ground"]
    list_select_related = ["item"]
    autocomplete_fields = ["item"]


@admin.register(MinutesCheck)
class MinutesCheckAdmin(CheckedRecordAdmin):
    list_display = ["meeting", "checked_on", "method", "recorded_by", "recorded_at"]
    list_filter = ["method", "meeting__body"]
    search_fields = ["meeting__body__name", "meeting__year", "meeting__number"]
    list_select_related = ["meeting__body", "recorded_by"]
    autocomplete_fields = ["meeting", "items", "examiners", "recorded_by"]
    date_hierarchy = "checked_on"
    readonly_fields = ["recorded_at"]


@admin.register(DecisionCorrection)
class DecisionCorrectionAdmin(admin.ModelAdmin):
    list_display = ["item", "kind", "decided_by", "decided_on", "recorded_by"]
    list_filter = ["kind"]
    search_fields = ["item__title", "reason", "decided_by"]
    list_select_related = ["item", "recorded_by"]
    autocomplete_fields = ["item", "recorded_by"]
    date_hierarchy = "decided_on"
    readonly_fields = ["recorded_at"]


@admin.register(DecisionCondition)
class DecisionConditionAdmin(CheckedRecordAdmin):
    list_display = ["__str__", "item", "project", "due_date", "status", "status_set_by", "status_set_at"]
    list_filter = ["status"]
    search_fields = ["text", "evidence", "item__title", "project__title"]
    list_select_related = ["item", "project", "status_set_by"]
    autocomplete_fields = ["item", "project", "status_set_by"]
    date_hierarchy = "due_date"


@admin.register(Delegation)
class DelegationAdmin(CheckedRecordAdmin):
    list_display = ["delegate", "scope", "item", "project"]
    search_fields = ["delegate", "scope", "item__title", "project__title"]
    list_select_related = ["item", "project"]
    autocomplete_fields = ["item", "project"]


@admin.register(Extract)
class ExtractAdmin(CheckedRecordAdmin):
    """Issued extracts are kept exactly as issued: issuing is the item page's POST, not a form here."""

    list_display = ["item", "language", "issued_at", "issued_by", "certifier_name", "sha256"]
    search_fields = ["item__title", "certifier_name", "recipients", "sha256"]
    list_select_related = ["item", "issued_by"]
    date_hierarchy = "issued_at"
    fields = [
        "item",
        "language",
        "issued_at",
        "issued_by",
        "certifier_name",
        "certifier_title",
        "place",
        "recipients",
        "pdf",
        "sha256",
    ]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class VoteBallotInline(CheckedRecordInline, admin.TabularInline):
    model = VoteBallot
    fields = ["person", "position"]
    autocomplete_fields = ["person"]
    extra = 0


@admin.register(Vote)
class VoteAdmin(CheckedRecordAdmin):
    list_display = ["question", "item"]
    search_fields = ["question", "item__title"]
    list_select_related = ["item"]
    autocomplete_fields = ["item"]
    inlines = [VoteBallotInline]


@admin.register(FinalityRecord)
class FinalityRecordAdmin(admin.ModelAdmin):
    list_display = ["item", "final_on", "confirmed_by", "confirmed_at"]
    search_fields = ["item__title"]
    list_select_related = ["item", "confirmed_by"]
    autocomplete_fields = ["item", "confirmed_by"]


@admin.register(Motion, Disqualification, Dissent)
class HandlingRecordAdmin(CheckedRecordAdmin):
    """Motions, disqualifications and dissents; normally entered on the item's decision page."""

    list_display = ["__str__", "item"]
    search_fields = ["item__title"]
    list_select_related = ["item"]
    autocomplete_fields = ["item"]


@admin.register(VoteBallot)
class VoteBallotAdmin(CheckedRecordAdmin):
    list_display = ["person", "position", "vote"]
    list_filter = ["position"]
    search_fields = ["person__last_name", "vote__question"]
    list_select_related = ["person", "vote"]
    autocomplete_fields = ["vote", "person"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "method", "sent_on", "received_on", "item"]
    list_filter = ["method"]
    search_fields = ["recipient", "item__title"]
    list_select_related = ["item"]
    autocomplete_fields = ["item", "recorded_by"]


@admin.register(PrivatePersonData)
class PrivatePersonDataAdmin(admin.ModelAdmin):
    list_display = ["text", "item", "removed_on"]
    search_fields = ["text", "item__title"]
    list_select_related = ["item"]
    autocomplete_fields = ["item"]
