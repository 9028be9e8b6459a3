"""What every app's services share: the refusal of a business action whose precondition fails.

Every write of the app lives in a small typed function in the app's `services` package (one per
business action). When its precondition does not hold it raises `ActionRefused` with a message for
the user (a translated string); the view shows the message and nothing is written.

The core's own write: the user's language preference (`remember_language`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hankehallinta.models import UserPreference

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser


class ActionRefused(Exception):
    """The action's precondition does not hold; `str(error)` tells the user why."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        #: The form field the refusal is about, when there is one (the view shows it next to the field).
        self.field = field


def remember_language(user: AbstractBaseUser, language: str) -> None:
    """The signed-in user's choice of interface language, kept in their preferences for the next sign-in."""
    UserPreference.objects.update_or_create(user=user, defaults={"language": language})
