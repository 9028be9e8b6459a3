"""The error summary at the top of a form after a refused save (WCAG 3.3.1, 3.3.3; issue 16).

    {% load form_errors %}
    {% error_summary form %}
    {% error_summary form editor.objectives editor.budget messages=editor.plan_errors %}

renders templates/hankehallinta/_error_summary.html: a heading "The form has N errors" and a list of
the errors, each field's error a link to its input (href="#id_<field>"; a group of radio buttons or
check boxes links to its first one), the form's own errors (and `messages`) as plain items. Formsets
are walked form by form, with formsets nested in a form as its attributes (the objectives' indicators).
Nothing is rendered for unbound or valid forms. static/js/error-summary.js moves the focus to the
summary on load and a link's target input gets the focus when the link is followed.

The fields themselves carry aria-invalid and aria-describedby (Django's BoundField, naming the
crispy error element "<id>_error").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms, template
from django.utils.translation import gettext as _

register = template.Library()


@dataclass(frozen=True)
class SummaryItem:
    message: str
    label: str = ""
    href: str = ""


def target_id(bound_field: forms.BoundField) -> str:
    """The id of the element a summary link should focus: the input, or a group's first input."""
    if not bound_field.auto_id:
        return ""
    widget = bound_field.field.widget
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id


def _form_items(form: forms.BaseForm, items: list[SummaryItem]) -> None:
    if not form.is_bound:
        return
    # The summary lists the form's own errors: crispy's alert above the fields (bootstrap5/errors.html)
    # leaves them out, so that they are not read twice.
    form.errors_in_summary = True
    for error in form.non_field_errors():
        items.append(SummaryItem(message=str(error)))
    stale = False
    for bound_field in form:
        for error in bound_field.errors:
            if bound_field.is_hidden:
                stale = True
                continue
            target = target_id(bound_field)
            items.append(SummaryItem(message=str(error), label=str(bound_field.label or ""), href=target))
    if stale:
        items.append(SummaryItem(message=_("The form is out of date or incomplete. Open it again.")))
    for value in vars(form).values():  # nested formsets (an objective's indicators)
        if isinstance(value, forms.BaseFormSet):
            _collect(value, items)


def _collect(source: Any, items: list[SummaryItem]) -> None:
    if isinstance(source, forms.BaseFormSet):
        if not source.is_bound:
            return
        for error in source.non_form_errors():
            items.append(SummaryItem(message=str(error)))
        for form in source.forms:
            if source.can_delete and getattr(form, "cleaned_data", {}).get("DELETE"):
                continue  # a row marked for deletion: its errors do not count (Django's formset skips them)
            _form_items(form, items)
    elif isinstance(source, forms.BaseForm):
        _form_items(source, items)


def summary_items(*sources: Any, messages: Any = None) -> list[SummaryItem]:
    """Every error of the forms and formsets given, in page order, then the extra messages."""
    items: list[SummaryItem] = []
    for source in sources:
        _collect(source, items)
    items.extend(SummaryItem(message=str(message)) for message in messages or ())
    return items


@register.inclusion_tag("hankehallinta/_error_summary.html")
def error_summary(*sources: Any, messages: Any = None, summary_id: str = "") -> dict[str, Any]:
    items = summary_items(*sources, messages=messages)
    return {"items": items, "count": len(items), "summary_id": summary_id or "error-summary"}
