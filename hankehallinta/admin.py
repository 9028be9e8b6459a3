from __future__ import annotations

from axes.models import AccessFailureLog, AccessLog
from django.contrib import admin
from django.http import HttpRequest

from hankehallinta.models import AuditEvent


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


# django-axes keeps only its failure counters here (AXES_DISABLE_ACCESS_LOG): the audit log records
# sign-ins. Its access attempts stay in the admin, where deleting one lifts a lockout.
for _unused in (AccessLog, AccessFailureLog):
    if admin.site.is_registered(_unused):
        admin.site.unregister(_unused)
