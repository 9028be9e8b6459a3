"""A body's people: a new person (asking first when they look like someone in the register), a
membership, the end of a membership, and the CSV import of people and memberships."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from decisions.forms.fields import is_database_id
from decisions.forms.people import (
    MembershipEndForm,
    MembershipForm,
    PeopleImportConfirmForm,
    PeopleImportForm,
    PersonForm,
    sign_import,
)
from decisions.models import Body, Membership
from decisions.people import lookalikes
from decisions.people_import import COLUMNS, MAX_ROWS, read_plan
from decisions.services import bodies as body_services
from decisions.services import people as people_services
from hankehallinta.editing import conflict_rows
from hankehallinta.entry import view_entry
from hankehallinta.permissions import has_permission
from hankehallinta.services import ActionRefused
from hankehallinta.versioning import StaleVersionError

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

FORM_METHODS = ("GET", "POST")
#: After a new person: on to a membership in the body, or back to the body's page.
THEN_MEMBERSHIP, THEN_BODY = "membership", "body"
#: The look-alike step's buttons: add the new person anyway, or use an existing one (by id).
CONFIRM_NEW, USE_EXISTING = "confirm_new", "use_existing"


@view_entry("decisions.manage_body", Body, methods=FORM_METHODS, lock=True)
def person_create(request: HttpRequest, body: Body) -> HttpResponse:
    """A new person (member, deputy, official or preparer). Someone with the same name or e-mail
    in the register is shown first, with what tells them apart; nothing is written until the
    secretary either uses an existing person or confirms the new one. Then the secretary chooses:
    a membership in the body, or back to the body's page."""
    form = PersonForm(request.POST or None)
    then = THEN_MEMBERSHIP if request.POST.get("then") == THEN_MEMBERSHIP else THEN_BODY
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        similar = lookalikes(data["first_name"], data["last_name"], data.get("email", ""))
        chosen = request.POST.get(USE_EXISTING, "")
        existing = next((p for p in similar if is_database_id(chosen) and p.pk == int(chosen)), None)
        if existing is not None:
            messages.info(
                request, _("No one was added: %(name)s is already in the register.") % {"name": existing.label}
            )
            return _after_person(body, existing.pk, then)
        if chosen or (similar and CONFIRM_NEW not in request.POST):
            if not similar:
                form.add_error(None, _("The person chosen is no longer in the register. Check the details."))
                return render(request, "decisions/person_form.html", {"body": body, "form": form})
            new_name = f"{data['first_name']} {data['last_name']}"
            context = {"body": body, "form": form, "similar": similar, "then": then, "new_name": new_name}
            return render(request, "decisions/person_confirm.html", context)
        person = body_services.add_person(form.save(commit=False))
        messages.success(request, _("Person %(name)s was added.") % {"name": person.label})
        return _after_person(body, person.pk, then)
    return render(request, "decisions/person_form.html", {"body": body, "form": form})


def _after_person(body: Body, person_id: int, then: str) -> HttpResponse:
    if then == THEN_MEMBERSHIP:
        return redirect(f"{reverse('decisions:membership_create', args=[body.pk])}?person={person_id}")
    return redirect(body)


@view_entry("decisions.manage_body", Body, methods=FORM_METHODS, lock=True)
def membership_create(request: HttpRequest, body: Body) -> HttpResponse:
    person = request.GET.get("person", "")
    initial = {"person": person} if is_database_id(person) else {}
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
def people_import(request: HttpRequest, body: Body) -> HttpResponse:
    """People and memberships from a CSV file: upload, a preview with every row's errors and the
    people it would reuse, and only on confirmation all rows written at once (or none)."""
    upload = PeopleImportForm()
    context = {"body": body, "columns": COLUMNS, "max_rows": MAX_ROWS}
    if request.method == "POST" and "payload" in request.POST:
        confirm = PeopleImportConfirmForm(request.POST, body=body)
        if not confirm.is_valid():
            for error in confirm.errors.get("payload", []):
                messages.error(request, error)
            return render(request, "decisions/person_import.html", {**context, "form": upload})
        name, content = confirm.content()
        plan = read_plan(content, file_name=name, body=body, may_manage=_may_manage(request))
        if plan.valid:
            try:
                result = people_services.import_people(plan, body=body)
            except ActionRefused as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _import_done(result))
                return redirect(body)
        return _preview(request, body, plan, name, content, context)
    if request.method == "POST":
        upload = PeopleImportForm(request.POST, request.FILES)
        if upload.is_valid():
            name, content = upload.content()
            plan = read_plan(content, file_name=name, body=body, may_manage=_may_manage(request))
            return _preview(request, body, plan, name, content, context)
    return render(request, "decisions/person_import.html", {**context, "form": upload})


def _may_manage(request: HttpRequest):
    return lambda other: has_permission(request.user, "decisions.manage_body", other)


def _preview(request: HttpRequest, body: Body, plan, name: str, content: bytes, context: dict) -> HttpResponse:
    confirm = PeopleImportConfirmForm(initial={"payload": sign_import(body, name, content)}, body=body)
    return render(
        request,
        "decisions/person_import_preview.html",
        {**context, "plan": plan, "confirm": confirm if plan.valid else None, "form": PeopleImportForm()},
    )


def _import_done(result: people_services.ImportResult) -> str:
    return _(
        "The file was imported. New people: %(people)s; existing people used: %(reused)s; new memberships: "
        "%(memberships)s; existing memberships skipped: %(skipped)s."
    ) % {
        "people": result.people_added,
        "reused": result.people_reused,
        "memberships": result.memberships_added,
        "skipped": result.memberships_skipped,
    }
