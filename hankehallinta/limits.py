"""Limits on what one form may hold, so that no page or PDF has unbounded layout work (issue 14).

- `limit_texts(form)` (or `TextLimitMixin` on the form class): every free text of the form without a
  smaller length of its own may hold at most settings.TEXT_MAX_LENGTH characters; a longer one is
  refused next to the field.
- `RowLimitMixin`: a formset (a table of the application editor) may hold at most
  settings.TABLE_MAX_ROWS rows; more are refused at the table.
Both read the setting when the form is built, so a changed setting applies at once.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

TEXT_TOO_LONG = _("The text may be at most %(limit_value)s characters long; it now has %(show_value)s.")
TOO_MANY_ROWS = _("The table may have at most %(num)s rows. Remove rows before saving.")


def limit_texts(form: forms.BaseForm) -> None:
    """Give every text field of `form` without a smaller maximum the site's maximum length."""
    limit = settings.TEXT_MAX_LENGTH
    for field in form.fields.values():
        if not isinstance(field, forms.CharField):
            continue
        if field.max_length is not None and field.max_length <= limit:
            continue
        field.max_length = limit
        field.validators.append(MaxLengthValidator(limit, message=TEXT_TOO_LONG))


class TextLimitMixin:
    """A form whose text fields hold at most settings.TEXT_MAX_LENGTH characters (see limit_texts)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_texts(self)


class RowLimitMixin:
    """A formset that refuses more than settings.TABLE_MAX_ROWS rows (kept ones: removed rows do not count)."""

    default_error_messages = {"too_many_forms": TOO_MANY_ROWS}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        limit = settings.TABLE_MAX_ROWS
        self.max_num = limit
        self.validate_max = True
        self.absolute_max = 2 * limit  # rows built from one post at most (removed rows included)
        super().__init__(*args, **kwargs)
