from __future__ import annotations

from axes.models import AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.options import FORMFIELD_FOR_DBFIELD_DEFAULTS
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext, gettext_lazy

from hankehallinta.accessibility import mark_handled
from hankehallinta.admin_refusals import RefusableDeletionAdmin
from hankehallinta.formfields import FinnishDecimalField
from hankehallinta.models import AccessibilityFeedback, AuditEvent

#: Every decimal field of every admin form reads the Finnish decimal comma ("0,7500", "1 234,50") and
#: shows its value with one. Django copies this table into each ModelAdmin and inline when it is made
#: (their own `formfield_overrides` are laid over it), so setting it here, in the admin module of the
#: first of the project's apps (INSTALLED_APPS), reaches every admin the apps register, the ones
#: added later too. hankehallinta/tests/test_admin_decimals.py holds every registered admin to it.
FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DecimalField] = {"form_class": FinnishDecimalField}


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the log can be searched and filtered, never edited."""

    list_display = ["at", "username", "action", "object_type", "object_repr", "outcome", "source_ip", "authority"]
    list_filter = ["action", "outcome", "object_type", "at"]
    search_fields = ["username", "object_repr", "object_id", "source_ip", "roles"]
    date_hierarchy = "at"
    list_select_related = ["user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(RefusableDeletionAdmin, UserAdmin):
    """Django's user admin, except that an account the audit log names is not deleted.

    The log is append-only (a database trigger refuses even the SET NULL a deletion would make)
    and must keep saying who did what: such an account is deactivated instead.
    """

    def deletion_refusal(self, queryset: models.QuerySet) -> str | None:
        if AuditEvent.objects.filter(user_id__in=queryset.values("pk")).exists():
            return gettext(
                "An account that appears in the audit log cannot be deleted: deactivate the account instead "
                "(untick “active”)."
            )
        return None


# django-axes keeps only its failure counters here (AXES_DISABLE_ACCESS_LOG): the audit log records
# sign-ins. Its access attempts stay in the admin, where deleting one lifts a lockout.
for _unused in (AccessLog, AccessFailureLog):
    if admin.site.is_registered(_unused):
        admin.site.unregister(_unused)


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(admin.ModelAdmin):
    """The feedback sent with the accessibility statement's form: open first, the earliest reply date
    (the overdue) first. What was sent stays as sent; only `handled` is set here (with its time, audited)."""

    list_display = ["received_at", "reply_due", "overdue", "wants_reply", "email", "page", "handled"]
    list_filter = ["handled", "wants_reply", "received_at"]
    search_fields = ["message", "page", "name", "email"]
    ordering = ["handled", "reply_due", "pk"]
    date_hierarchy = "received_at"
    fields = ["received_at", "reply_due", "message", "page", "name", "email", "wants_reply", "language", "handled"]
    readonly_fields = ["received_at", "reply_due", "message", "page", "name", "email", "wants_reply", "language"]
    actions = ["mark_as_handled"]

    @admin.display(boolean=True, description=gettext_lazy("overdue"))
    def overdue(self, obj: AccessibilityFeedback) -> bool:
        return obj.is_overdue

    @admin.action(description=gettext_lazy("Mark as handled"))
    def mark_as_handled(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        for feedback in queryset.filter(handled=False):
            mark_handled(feedback, request=request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: AccessibilityFeedback, form, change: bool) -> None:
        if obj.handled and "handled" in form.changed_data:
            obj.handled = False  # mark_handled sets it, with its time, and audits it
            mark_handled(obj, request=request)
        else:
            if not obj.handled:
                obj.handled_at = None
            super().save_model(request, obj, form, change)
