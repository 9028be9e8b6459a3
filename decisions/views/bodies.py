"""Bodies and their people: the list, a body's page, its registry data, memberships and new people."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from decisions.body_forms import BodyRegistryForm, MembershipEndForm, MembershipForm, PersonForm
from decisions.models import Body, Meeting, Membership
from hankehallinta import access_log
from hankehallinta.editing import edit_with_version, for_update
from hankehallinta.permissions import can_create_meeting, can_manage_body, can_view_body, secretary_body_ids


@login_required
@require_safe
def body_list(request: HttpRequest) -> HttpResponse:
    bodies = Body.objects.order_by("name")
    mine = secretary_body_ids(request.user)
    return render(request, "decisions/body_list.html", {"bodies": bodies, "mine": mine})


@login_required
@require_safe
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = Body.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("person__user", "deputy_of__person").order_by(
                "role", "person__last_name", "person__first_name", "pk"
            ),
        )
    )
    body = get_object_or_404(queryset, pk=pk)
    if not can_view_body(request.user, body):
        return access_log.refuse(request, body, authority="can_view_body")
    today = timezone.localdate()
    memberships = list(body.memberships.all())
    current = [m for m in memberships if m.is_active_on(today)]
    meetings = Meeting.objects.filter(body=body).select_related("body").order_by("-start", "-pk")[:10]
    return render(
        request,
        "decisions/body_detail.html",
        {
            "body": body,
            "members": [m for m in current if m.is_member],
            "officials": [m for m in current if not m.is_member],
            "past": [m for m in memberships if not m.is_active_on(today)],
            "meetings": list(meetings),
            "can_manage": can_manage_body(request.user, body),
            "can_create_meeting": can_create_meeting(request.user, body),
        },
    )


def _managed_body(request: HttpRequest, pk: int) -> tuple[Body, HttpResponse | None]:
    body = get_object_or_404(for_update(Body.objects.all(), request), pk=pk)
    if not can_manage_body(request.user, body):
        return body, access_log.refuse(request, body, authority="can_manage_body")
    request.audit_authority = "can_manage_body"
    return body, None


@login_required
@transaction.atomic
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The registry and appeal data printed in the body's appeal instructions."""
    body, refused = _managed_body(request, pk)
    if refused:
        return refused
    return edit_with_version(
        request,
        body,
        form_class=BodyRegistryForm,
        template="decisions/body_form.html",
        object_name="body",
        success_message=_("Toimielimen kirjaamotiedot tallennettiin."),
    )


@login_required
@transaction.atomic
def membership_create(request: HttpRequest, pk: int) -> HttpResponse:
    body, refused = _managed_body(request, pk)
    if refused:
        return refused
    initial = {"person": request.GET.get("person")} if request.GET.get("person", "").isdigit() else {}
    form = MembershipForm(request.POST or None, body=body, initial=initial)
    if request.method == "POST" and form.is_valid():
        membership = form.save()
        messages.success(request, _("Jäsenyys lisättiin: %(membership)s.") % {"membership": membership})
        return redirect(body)
    return render(request, "decisions/membership_form.html", {"body": body, "form": form})


@login_required
@transaction.atomic
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    """End a membership on a date; the row stays, so past minutes keep their roles."""
    membership = get_object_or_404(for_update(Membership.objects.select_related("body", "person"), request), pk=pk)
    if not can_manage_body(request.user, membership.body):
        return access_log.refuse(request, membership, authority="can_manage_body")
    request.audit_authority = "can_manage_body"
    form = MembershipEndForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["end_date"] < membership.start_date:
            form.add_error("end_date", _("Päättymispäivä ei voi olla ennen alkamispäivää."))
        else:
            form.save()
            messages.success(request, _("Jäsenyys päättyy %(date)s.") % {"date": f"{membership.end_date:%-d.%-m.%Y}"})
            return redirect(membership.body)
    return render(request, "decisions/membership_end.html", {"membership": membership, "form": form})


@login_required
@transaction.atomic
def person_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A new person (member, deputy or official); then on to giving them a role in the body."""
    body, refused = _managed_body(request, pk)
    if refused:
        return refused
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.save()
        messages.success(request, _("Henkilö %(name)s lisättiin.") % {"name": person.full_name})
        return redirect(f"{reverse('decisions:membership_create', args=[body.pk])}?person={person.pk}")
    return render(request, "decisions/body_person_form.html", {"body": body, "form": form})
