"""The accessibility statement, /accessibility/: public, with its feedback form (hankehallinta/accessibility.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext

from hankehallinta.accessibility import AccessibilityFeedbackForm, receive_feedback, statement_facts
from hankehallinta.entry import view_entry
from hankehallinta.permissions import PUBLIC
from hankehallinta.services import ActionRefused


@view_entry(PUBLIC, methods=("GET", "POST"), public=True)
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """The statement; a sent feedback is saved and thanked for with the day a reply is due."""
    form = AccessibilityFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            feedback = receive_feedback(form, request=request)
        except ActionRefused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            due = formats.date_format(feedback.reply_due, "SHORT_DATE_FORMAT")
            if feedback.wants_reply:
                text = gettext("Thank you for your feedback. We will reply to you by %(date)s.") % {"date": due}
            else:
                text = gettext(
                    "Thank you for your feedback. We will deal with it by %(date)s. You did not ask for a reply."
                ) % {"date": due}
            messages.success(request, text)
            return redirect("accessibility_statement")
    return render(request, "hankehallinta/accessibility_statement.html", {**statement_facts(), "form": form})
