"""Form fields and messages shared by the decisions forms.

The choice fields refuse ids that no database row can have before they ask the database (SQLite
overflows on ids beyond 64 bits; Django's ModelMultipleChoiceField queries `pk__in` before any check).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from decisions.models import AgendaItem, Person

MAX_DATABASE_ID = 2**63 - 1

DATE_ERROR = _("Enter a date in the form 31.12.2025.")
DATETIME_ERROR = _("Enter a time in the form 31.12.2025 14:00.")
SECRECY_HELP = _("Required for a confidential one, e.g. JulkL 24.1 § 25 k.")
SECRECY_REQUIRED = _("A confidential one must name its legal ground for secrecy (e.g. JulkL 24.1 § 25 k).")
NO_APPEAL_GROUND_REQUIRED = _("State the ground on which the decision may not be appealed.")


def is_database_id(text: str) -> bool:
    """Whether `text` is a whole number a database row can have as its id."""
    return text.isascii() and text.isdigit() and int(text) <= MAX_DATABASE_ID


class SafeModelChoiceField(forms.ModelChoiceField):
    """One row, chosen by id; an impossible id is an ordinary "invalid choice" error."""

    def to_python(self, value: Any) -> Any:
        text = str(value).strip() if value is not None else ""
        if text and not is_database_id(text):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several rows, chosen by id; an impossible id is an ordinary "invalid pk value" error."""

    def _check_values(self, value):
        for pk in value:
            if not is_database_id(str(pk)):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class PersonChoiceField(SafeModelChoiceField):
    """A person, offered as "Name (title, unit, e-mail)" (Person.label) so that namesakes can be told apart."""

    def label_from_instance(self, obj: Person) -> str:
        return obj.label


class PersonMultipleChoiceField(SafeModelMultipleChoiceField):
    """Several people, each offered as "Name (title, unit, e-mail)" (Person.label)."""

    def label_from_instance(self, obj: Person) -> str:
        return obj.label


def require_secrecy_ground(form: forms.BaseForm, data: dict[str, Any], message: Any = SECRECY_REQUIRED) -> None:
    """A confidential row (is_public unticked) must name its secrecy ground."""
    if "is_public" in data and not data["is_public"] and not data.get("secrecy_ground", "").strip():
        form.add_error("secrecy_ground", message)


def require_no_appeal_ground(form: forms.BaseForm, data: dict[str, Any]) -> None:
    """An item without appeal must say why."""
    if data.get("appeal_route") == AgendaItem.AppealRoute.NONE and not data.get("no_appeal_ground", "").strip():
        form.add_error("no_appeal_ground", NO_APPEAL_GROUND_REQUIRED)
