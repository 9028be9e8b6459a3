"""Funding calls (rahoitushaut) in the pages: the list, a new call and a call's edit.

The development director and the county's administrator manage them ("projects.manage_funding_call");
everyone signed in sees the list. An edit carries the call's version: a save after someone else's
answers 409 with the current data and the user's own values below them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hankehallinta.editing import edit_with_version
from hankehallinta.entry import view_entry
from hankehallinta.pagination import paginate
from hankehallinta.permissions import has_permission
from projects.forms.calls import FundingCallForm
from projects.models import FundingCall
from projects.services import calls as call_services

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

FORM_METHODS = ("GET", "POST")
MANAGE = "projects.manage_funding_call"
CALLS_PER_PAGE = 100


@view_entry("projects.view_funding_calls")
def call_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, FundingCall.objects.with_project_count().in_list_order(), per_page=CALLS_PER_PAGE)
    context = {"page": page, "calls": page.object_list, "can_manage": has_permission(request.user, MANAGE)}
    return render(request, "projects/fundingcall_list.html", context)


@view_entry(MANAGE, methods=FORM_METHODS)
def call_create(request: HttpRequest) -> HttpResponse:
    form = FundingCallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = call_services.add_funding_call(form.save(commit=False))
        messages.success(request, _("The funding call %(call)s was added.") % {"call": call})
        return redirect(call)
    context = {"form": form, "call": None, "cancel_url": reverse("projects:call_list")}
    return render(request, "projects/fundingcall_form.html", context)


@view_entry(MANAGE, FundingCall, methods=FORM_METHODS, lock=True)
def call_edit(request: HttpRequest, call: FundingCall) -> HttpResponse:
    return edit_with_version(
        request,
        call,
        form_class=FundingCallForm,
        template="projects/fundingcall_form.html",
        object_name="call",
        success_message=_("The funding call was saved."),
        extra_context={"cancel_url": reverse("projects:call_list")},
    )
