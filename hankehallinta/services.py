"""What every app's services share: the refusal of a business action whose precondition fails.

Every write of the app lives in a small typed function in the app's `services` package (one per
business action). When its precondition does not hold it raises `ActionRefused` with a message for
the user (a translated string); the view shows the message and nothing is written.
"""

from __future__ import annotations


class ActionRefused(Exception):
    """The action's precondition does not hold; `str(error)` tells the user why."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        #: The form field the refusal is about, when there is one (the view shows it next to the field).
        self.field = field
