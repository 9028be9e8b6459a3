"""Signals the decisions app sends, so that the work that follows an action needs no import of it.

- ``minutes_completed(sender=Meeting, meeting=...)``: inside the transaction that finished the
  meeting's minutes as the staff reads them: every § checked, or the checked minutes published.
  decisions.tasks renders the minutes PDF in the background once that transaction commits.
"""

from __future__ import annotations

from django.dispatch import Signal

minutes_completed = Signal()
