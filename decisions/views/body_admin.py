"""A body itself: the county administrator creates one, and the secretary (or the administrator) sets
where a year's § count and meeting numbers start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from decisions.forms.body_admin import FIRST_YEAR, LAST_YEAR, BodyForm, NumberingStartForm
from decisions.models import Body
from decisions.numbering import year_numbering
from decisions.services import body_admin as body_admin_services
from hankehallinta.editing import conflict_rows
from hankehallinta.entry import view_entry
from hankehallinta.services import ActionRefused
from hankehallinta.versioning import StaleVersionError

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

FORM_METHODS = ("GET", "POST")


@view_entry("decisions.create_body", methods=FORM_METHODS)
def body_create(request: HttpRequest) -> HttpResponse:
    """A new body; then on to its page, where its secretary and members are added."""
    form = BodyForm(request.POST or None, initial={"organisation": settings.ORGANISATION_NAME})
    if request.method == "POST" and form.is_valid():
        body = body_admin_services.create_body(form.save(commit=False))
        messages.success(
            request,
            _("The body %(name)s was created. Next add its secretary: the person, then their membership.")
            % {"name": body.name},
        )
        return redirect(body)
    return render(request, "decisions/body_create.html", {"form": form})


def _asked_year(request: HttpRequest) -> int:
    """The year the page is opened for (?year=2026), the current year when none or no sensible one."""
    text = request.GET.get("year", "")
    if text.isascii() and text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR:
        return int(text)
    return timezone.localdate().year


@view_entry("decisions.set_numbering", Body, methods=FORM_METHODS, lock=True)
def body_numbering(request: HttpRequest, body: Body) -> HttpResponse:
    """Where the year's § count and meeting numbers start. A start that collides with a number given
    in the year is refused next to its field; a start set by someone else since the form was opened
    answers 409 with the current numbering and the values sent, and changes nothing."""
    template = "decisions/numberingstart_form.html"
    if request.method != "POST":
        numbering = year_numbering(body, _asked_year(request))
        form = NumberingStartForm(body=body, numbering=numbering)
        return render(request, template, {"body": body, "form": form, "numbering": numbering})
    form = NumberingStartForm(request.POST, body=body)
    if form.is_valid():
        year = form.cleaned_data["year"]
        try:
            start = body_admin_services.set_numbering_start(
                body,
                year=year,
                first_section=form.cleaned_data["first_section"],
                first_meeting_number=form.cleaned_data["first_meeting_number"],
                version=form.cleaned_data["version"],
            )
        except StaleVersionError:
            numbering = year_numbering(body, year)
            current = NumberingStartForm(body=body, numbering=numbering)
            conflict = {"message": form.stale_message, "rows": conflict_rows(form, current)}
            context = {"body": body, "form": current, "numbering": numbering, "conflict": conflict}
            return render(request, template, context, status=409)
        except ActionRefused as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("The numbering of %(year)s was saved: § from %(section)s, meetings from %(meeting)s.")
                % {"year": year, "section": start.first_section, "meeting": start.first_meeting_number},
            )
            return redirect(body)
    numbering = year_numbering(body, form.cleaned_data.get("year") or timezone.localdate().year)
    return render(request, template, {"body": body, "form": form, "numbering": numbering})
