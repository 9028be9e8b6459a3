"""Bodies and their people: the list, a body's page, its registry data, memberships and new people."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from decisions.forms.bodies import BodyRegistryForm, MembershipEndForm, MembershipForm, PersonForm
from decisions.models import Body, Meeting, Membership
from decisions.services import bodies as body_services
from hankehallinta.editing import conflict_rows, edit_with_version
from hankehallinta.entry import view_entry
from hankehallinta.permissions import has_permission
from hankehallinta.services import ActionRefused
from hankehallinta.versioning import StaleVersionError

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

FORM_METHODS = ("GET", "POST")
RECENT_MEETINGS = 10


@view_entry("hankehallinta.signed_in")
def body_list(request: HttpRequest) -> HttpResponse:
    bodies = Body.objects.order_by("name")
    mine = set(Body.objects.where_secretary(request.user).values_list("pk", flat=True))
    return render(request, "decisions/body_list.html", {"bodies": bodies, "mine": mine})


@view_entry("decisions.view_body", Body, queryset=Body.objects.with_memberships)
def body_detail(request: HttpRequest, body: Body) -> HttpResponse:
    today = timezone.localdate()
    memberships = list(body.memberships.all())
    current = [m for m in memberships if m.is_active_on(today)]
    meetings = Meeting.objects.of_body(body).newest_first()[:RECENT_MEETINGS]
    return render(
        request,
        "decisions/body_detail.html",
        {
            "body": body,
            "members": [m for m in current if m.is_member],
            "officials": [m for m in current if not m.is_member],
            "past": [m for m in memberships if not m.is_active_on(today)],
            "meetings": list(meetings),
            "can_manage": has_permission(request.user, "decisions.manage_body", body),
            "can_create_meeting": has_permission(request.user, "decisions.create_meeting", body),
        },
    )


@view_entry("decisions.manage_body", Body, methods=FORM_METHODS, lock=True)
def body_edit(request: HttpRequest, body: Body) -> HttpResponse:
    """The registry and appeal data printed in the body's appeal instructions."""
    return edit_with_version(
        request,
        body,
        form_class=BodyRegistryForm,
        template="decisions/body_form.html",
        object_name="body",
        success_message=_("The body's registry data were saved."),
    )


@view_entry("decisions.manage_body", Body, methods=FORM_METHODS, lock=True)
def membership_create(request: HttpRequest, body: Body) -> HttpResponse:
    initial = {"person": request.GET.get("person")} if request.GET.get("person", "").isdigit() else {}
    form = MembershipForm(request.POST or None, body=body, initial=initial)
    if request.method == "POST" and form.is_valid():
        membership = body_services.add_membership(form.save(commit=False))
        messages.success(request, _("The membership was added: %(membership)s.") % {"membership": membership})
        return redirect(body)
    return render(request, "decisions/membership_form.html", {"body": body, "form": form})


@view_entry(
    "decisions.manage_membership",
    Membership,
    methods=FORM_METHODS,
    lock=True,
    queryset=lambda: Membership.objects.select_related("body", "person"),
)
def membership_end(request: HttpRequest, membership: Membership) -> HttpResponse:
    """End a membership on a date; the row stays, so past minutes keep their roles.

    The form carries the membership's version: a save after someone else's answers 409 with the
    current date in the form and the user's own value below it, and changes nothing.
    """
    form = MembershipEndForm(request.POST or None, instance=copy.copy(membership))
    if request.method == "POST" and form.is_valid():
        try:
            body_services.end_membership(
                membership, form.cleaned_data["end_date"], version=form.cleaned_data["version"]
            )
        except StaleVersionError:
            fresh = Membership.objects.select_related("body", "person").get(pk=membership.pk)
            current = MembershipEndForm(instance=fresh)
            conflict = {"message": form.stale_message, "rows": conflict_rows(form, current)}
            context = {"membership": fresh, "form": current, "conflict": conflict}
            return render(request, "decisions/membership_end.html", context, status=409)
        except ActionRefused as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request, _("The membership ends on %(date)s.") % {"date": f"{membership.end_date:%-d.%-m.%Y}"}
            )
            return redirect(membership.body)
    return render(request, "decisions/membership_end.html", {"membership": membership, "form": form})


@view_entry("decisions.manage_body", Body, methods=FORM_METHODS, lock=True)
def person_create(request: HttpRequest, body: Body) -> HttpResponse:
    """A new person (member, deputy or official); then on to giving them a role in the body."""
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = body_services.add_person(form.save(commit=False))
        messages.success(request, _("Person %(name)s was added.") % {"name": person.full_name})
        return redirect(f"{reverse('decisions:membership_create', args=[body.pk])}?person={person.pk}")
    return render(request, "decisions/person_form.html", {"body": body, "form": form})
