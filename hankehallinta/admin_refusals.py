"""Admin deletions that a rule refuses answer with a message and a redirect, never a 500.

A ModelAdmin mixes in `RefusableDeletionAdmin` and says in `deletion_refusal(queryset)` why the
rows cannot be deleted (or None). Both the delete view and the bulk "delete selected" action ask
it first: Django's bulk action deletes through the queryset and skips the models' own guards.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse


class RefusableDeletionAdmin(admin.ModelAdmin):
    """Refuses, with a message, the deletion of rows that `deletion_refusal` names a reason for."""

    def deletion_refusal(self, queryset: models.QuerySet) -> str | None:
        """Why these rows cannot be deleted (a message for the user), or None when they can."""
        return None

    def delete_view(self, request: HttpRequest, object_id: str, extra_context: dict | None = None) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            refusal = self.deletion_refusal(self.model._default_manager.filter(pk=obj.pk))
            if refusal:
                self.message_user(request, refusal, messages.ERROR)
                opts = self.model._meta
                return HttpResponseRedirect(
                    reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
                )
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _func, name, description = actions["delete_selected"]
            actions["delete_selected"] = (_delete_selected_unless_refused, name, description)
        return actions


def _delete_selected_unless_refused(
    modeladmin: RefusableDeletionAdmin, request: HttpRequest, queryset: models.QuerySet
) -> HttpResponse | None:
    """Django's "delete selected", after the admin's own refusal (None: back to the list with the message)."""
    refusal = modeladmin.deletion_refusal(queryset)
    if refusal:
        modeladmin.message_user(request, refusal, messages.ERROR)
        return None
    return delete_selected(modeladmin, request, queryset)
