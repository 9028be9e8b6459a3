"""Funding calls (rahoitushaut): a new call from the pages' form.

A call's edit is saved by hankehallinta.editing.edit_with_version, which refuses a stale save (the
form carries the call's version). Whether a call with the same funder and name exists is the form's
check (projects.forms.calls), shown next to the name.
"""

from __future__ import annotations

from projects.models import FundingCall


def add_funding_call(call: FundingCall) -> FundingCall:
    """A new funding call: funder, name, the maximum aid rate as a fraction (0.7500) and the deadline."""
    call.version = 1
    call.save()
    return call
