"""The edit pages' common flow: show the form, save it if the row is unchanged, refuse a stale save.

A stale save (someone saved after this form was opened) answers 409: the form holds the current data
with the current version, and below it the values the user sent, so nothing typed is lost and
nothing is overwritten. The view locks the row it edits (`for_update`), so the check and the write
see the same row.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.forms.formsets import DELETION_FIELD_NAME
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from hankehallinta.versioning import StaleVersionError, VersionedModelForm

if TYPE_CHECKING:
    from django.db import models
    from django.db.models import QuerySet
    from django.http import HttpRequest, HttpResponse


def for_update(queryset: QuerySet, request: HttpRequest) -> QuerySet:
    """A POST locks the row it is about to change (PostgreSQL; a no-op on SQLite)."""
    if request.method == "POST":
        return queryset.select_for_update(of=("self",))
    return queryset


def marked_for_deletion(formset: forms.BaseFormSet, form: forms.BaseForm) -> bool:
    """Whether the row's "remove" box is ticked, read from the row's cleaned "DELETE" value (what
    Django's formsets read too), for rows that may or may not have been cleaned yet."""
    cleaned = getattr(form, "cleaned_data", None) or {}
    return bool(formset.can_delete and cleaned.get(DELETION_FIELD_NAME))


def kept_forms(formset: forms.BaseFormSet) -> list[forms.BaseForm]:
    """The rows that were cleaned and are not removed (blank extra rows clean to nothing and drop out)."""
    return [
        form for form in formset.forms if getattr(form, "cleaned_data", None) and not marked_for_deletion(formset, form)
    ]


def _shown(field: forms.Field, value: Any) -> str:
    """A form value as a person reads it: choice labels, Kyllä/Ei, dates in the input format."""
    if isinstance(field, forms.BooleanField):
        return gettext("Yes") if value else gettext("No")
    if value in (None, "", [], ()):
        return ""
    if isinstance(field, forms.ChoiceField):
        labels = {str(key): str(label) for key, label in field.choices}
        if isinstance(value, list | tuple):
            return ", ".join(sorted(labels.get(str(one), str(one)) for one in value))
        return labels.get(str(value), str(value))
    return str(field.widget.format_value(value) if not isinstance(value, str) else value)


def conflict_rows(sent: VersionedModelForm, current: VersionedModelForm) -> list[dict[str, str]]:
    """The fields where the user's values differ from the current data: label, theirs, current."""
    rows = []
    for name, field in sent.fields.items():
        if name == "version":
            continue
        theirs = _shown(field, sent[name].value())
        now = _shown(current.fields[name], current[name].value())
        if theirs.strip() != now.strip():
            rows.append({"label": str(field.label), "theirs": theirs, "current": now})
    return rows


def edit_with_version(
    request: HttpRequest,
    obj: models.Model,
    *,
    form_class: type[VersionedModelForm],
    template: str,
    object_name: str,
    success_message: str,
    extra_context: dict[str, Any] | None = None,
) -> HttpResponse:
    """GET: the form. POST: save and redirect to the object, or the errors, or 409 when stale.

    The form edits a copy of `obj`, so the page around it (title, breadcrumb) shows what is stored.
    """
    context = {object_name: obj, **(extra_context or {})}
    if request.method != "POST":
        return render(request, template, {**context, "form": form_class(instance=copy.copy(obj))})
    form = form_class(request.POST, instance=copy.copy(obj))
    if form.is_valid():
        try:
            form.save()
        except StaleVersionError:
            fresh = type(obj)._default_manager.get(pk=obj.pk)
            current = form_class(instance=fresh)
            conflict = {"message": form.stale_message, "rows": conflict_rows(form, current)}
            context = {**context, object_name: fresh, "form": current, "conflict": conflict}
            return render(request, template, context, status=409)
        messages.success(request, success_message)
        return redirect(obj)
    return render(request, template, {**context, "form": form})
