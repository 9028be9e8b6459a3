from __future__ import annotations

from axes.models import AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.options import FORMFIELD_FOR_DBFIELD_DEFAULTS
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext

from hankehallinta.admin_refusals import RefusableDeletionAdmin
from hankehallinta.formfields import FinnishDecimalField
from hankehallinta.models import AuditEvent

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
