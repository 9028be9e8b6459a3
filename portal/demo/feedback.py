"""The demo's accessibility feedback: one message waiting for a reply, as the county's main users would
see it in the admin and on their home page (hankehallinta.accessibility)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from hankehallinta.accessibility import reply_due
from hankehallinta.models import AccessibilityFeedback


def load_accessibility_feedback(upsert: Callable[..., Any], received_at: dt.datetime) -> AccessibilityFeedback:
    return upsert(
        AccessibilityFeedback,
        {"message": "Pöytäkirjan liitteenä oleva talousarvio-PDF ei avaudu ruudunlukijalla luettavana."},
        received_at=received_at,
        reply_due=reply_due(received_at),
        page="/fi/archive/",
        name="Demo Palautteenantaja",
        email="palaute@example.fi",
        wants_reply=True,
        language="fi",
    )
