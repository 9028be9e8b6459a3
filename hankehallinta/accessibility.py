"""The accessibility statement (saavutettavuusseloste) and its feedback channel (issue 16 item 5).

The Act on the Provision of Digital Services (306/2019) asks a public service for a statement of
how accessible it is, with its known gaps, the date of the assessment, a feedback channel answered
within 14 days and the supervisory authority's contacts. This module holds what the statement says
(`KNOWN_GAPS`, `ASSESSMENT_METHODS`, `statement_facts()`: one place to keep it true), the feedback
form, and the one write: `receive_feedback`.

The app sends no e-mail, so feedback is recorded only: the open feedback is listed with its reply
date in the admin (hankehallinta/admin.py) and on the administrator's home page
(`{% accessibility_feedback_notice %}`, hankehallinta/templatetags/accessibility_feedback.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from hankehallinta import audit
from hankehallinta.limits import TEXT_TOO_LONG
from hankehallinta.models import AccessibilityFeedback, AuditEvent
from hankehallinta.services import ActionRefused

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

#: Days within which feedback is answered (the Act on the Provision of Digital Services, 306/2019).
REPLY_DAYS = 14
#: The longest feedback message, in characters (the model field's max_length).
MESSAGE_MAX_LENGTH = AccessibilityFeedback._meta.get_field("message").max_length


@dataclass(frozen=True)
class Gap:
    """Content that is not accessible: what and why, and the WCAG 2.1 success criteria it fails."""

    text: Promise
    criteria: str = ""


#: What is known not to be accessible. Keep it true: remove a gap when it is fixed, add one when found.
KNOWN_GAPS: list[Gap] = [
    Gap(
        gettext_lazy(
            "Attachments uploaded by users (PDF and other files attached to agenda items and to reports) are "
            "published as they were uploaded. The service does not check them, and they may lack tags, "
            "headings or text alternatives."
        ),
        "1.1.1, 1.3.1, 2.4.2, 3.1.1",
    ),
    Gap(
        gettext_lazy(
            "The texts of agenda items are marked with their language, but other texts entered by users (for "
            "example project names and descriptions) are not: on the pages of another language a screen reader "
            "may pronounce them wrongly."
        ),
        "3.1.2",
    ),
    Gap(
        gettext_lazy("The service has not yet been tested with screen readers by people who use them."),
        "",
    ),
    Gap(
        gettext_lazy("The spreadsheet exports of the project portfolio (Excel files) have not been assessed."),
        "1.3.1",
    ),
    Gap(
        gettext_lazy(
            "The administration site used by the county's main users has not been assessed in the same way as "
            "the other pages."
        ),
        "",
    ),
]

#: How the accessibility was assessed.
ASSESSMENT_METHODS: list[Promise] = [
    gettext_lazy("automated checks with the axe tool on the pages, also on error states, in the automated tests"),
    gettext_lazy("keyboard-only walks through the workflows: focus order, visible focus, no keyboard traps"),
    gettext_lazy("reflow at a width of 320 CSS pixels and text enlarged to 200 percent"),
    gettext_lazy(
        "snapshots of the accessibility tree of the vote form and the application editor: every control has a name"
    ),
    gettext_lazy("automated checks of the structure of the PDF documents the service makes"),
]


def statement_facts() -> dict[str, Any]:
    """What the statement page shows beside its fixed text: gaps, methods, dates, the authority's contacts."""
    return {
        "known_gaps": KNOWN_GAPS,
        "assessment_methods": ASSESSMENT_METHODS,
        "assessed_on": settings.ACCESSIBILITY_ASSESSED_ON,
        "updated_on": settings.ACCESSIBILITY_UPDATED_ON,
        "reply_days": REPLY_DAYS,
        "supervisor_email": settings.ACCESSIBILITY_SUPERVISOR_EMAIL,
        "supervisor_phone": settings.ACCESSIBILITY_SUPERVISOR_PHONE,
        "supervisor_url": settings.ACCESSIBILITY_SUPERVISOR_URL,
    }


class AccessibilityFeedbackForm(forms.ModelForm):
    """Feedback on accessibility: the message, and optionally the page, the sender and whether to reply."""

    class Meta:
        model = AccessibilityFeedback
        fields = ["message", "page", "name", "email", "wants_reply"]
        labels = {
            "message": gettext_lazy("Your feedback"),
            "page": gettext_lazy("Page concerned (address or name)"),
            "name": gettext_lazy("Your name"),
            "email": gettext_lazy("Your e-mail address"),
            "wants_reply": gettext_lazy("I want a reply"),
        }
        help_texts = {
            "message": gettext_lazy(
                "Describe what did not work, or ask for content in an accessible form. Do not include "
                "confidential information."
            ),
            "email": gettext_lazy("Needed for a reply. We use it only to answer this feedback."),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}
        error_messages = {"message": {"max_length": TEXT_TOO_LONG}}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("wants_reply") and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", gettext("Give your e-mail address so that we can reply."))
        return cleaned


def reply_due(received_at: dt.datetime) -> dt.date:
    """The day by which the feedback is answered: REPLY_DAYS after the day it arrived (local time)."""
    return timezone.localdate(received_at) + dt.timedelta(days=REPLY_DAYS)


def _count_sending(request: HttpRequest | None) -> int:
    """How many feedback messages the request's address has sent in the current hour, this one included."""
    key = f"accessibility-feedback:{audit.source_address(request) or 'unknown'}"
    cache.add(key, 0, timeout=60 * 60)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=60 * 60)
        return 1


def receive_feedback(form: AccessibilityFeedbackForm, *, request: HttpRequest | None = None) -> AccessibilityFeedback:
    """Record valid feedback with its reply date and audit it; refused when the address sends too many."""
    if _count_sending(request) > settings.ACCESSIBILITY_FEEDBACK_PER_HOUR:
        raise ActionRefused(
            gettext("Too many feedback messages have been sent from your address. Try again in an hour.")
        )
    feedback = form.save(commit=False)
    feedback.received_at = timezone.now()
    feedback.reply_due = reply_due(feedback.received_at)
    feedback.language = translation.get_language() or ""
    feedback.save()
    audit.record(
        AuditEvent.Action.CREATE,
        request=request,
        obj=feedback,
        detail={"reply_wanted": feedback.wants_reply, "reply_due": feedback.reply_due.isoformat()},
    )
    return feedback


def mark_handled(feedback: AccessibilityFeedback, *, request: HttpRequest | None = None) -> None:
    """The feedback has been dealt with (replied to, or taken into account when no reply was wanted)."""
    if feedback.handled:
        return
    feedback.handled = True
    feedback.handled_at = timezone.now()
    feedback.save(update_fields=["handled", "handled_at"])
    audit.record(AuditEvent.Action.STATE_CHANGE, request=request, obj=feedback, detail={"handled": True})


def sees_feedback(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether `user` is shown the open feedback: who may read it in the admin."""
    return bool(user.is_active and user.is_staff and user.has_perm("hankehallinta.view_accessibilityfeedback"))


def open_feedback_summary() -> dict[str, Any]:
    """The open feedback: how many, how many overdue, and the earliest reply date."""
    open_ = AccessibilityFeedback.objects.filter(handled=False)
    today = timezone.localdate()
    first = open_.order_by("reply_due").values_list("reply_due", flat=True).first()
    return {"count": open_.count(), "overdue": open_.filter(reply_due__lt=today).count(), "first_due": first}
