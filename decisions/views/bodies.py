"""Bodies: the list, a body's page and its registry data (its people: decisions/views/people.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from decisions.forms.bodies import BodyRegistryForm
from decisions.forms.body_admin import BodyForm
from decisions.models import Body, Meeting, Membership
from decisions.numbering import body_numbering
from hankehallinta.editing import edit_with_version
from hankehallinta.entry import view_entry
from hankehallinta.pagination import paginate
from hankehallinta.permissions import has_permission

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

FORM_METHODS = ("GET", "POST")
MEETINGS_PER_PAGE = 20


@view_entry("hankehallinta.signed_in")
def body_list(request: HttpRequest) -> HttpResponse:
    bodies = Body.objects.order_by("name")
    mine = set(Body.objects.where_secretary(request.user).values_list("pk", flat=True))
    can_create = has_permission(request.user, "decisions.create_body")
    return render(request, "decisions/body_list.html", {"bodies": bodies, "mine": mine, "can_create": can_create})


@view_entry("decisions.view_body", Body, queryset=Body.objects.with_memberships)
def body_detail(request: HttpRequest, body: Body) -> HttpResponse:
    today = timezone.localdate()
    memberships = list(body.memberships.all())
    current = [m for m in memberships if m.is_active_on(today)]
    meetings = paginate(
        request, Meeting.objects.visible_to(request.user).of_body(body).newest_first(), per_page=MEETINGS_PER_PAGE
    )
    return render(
        request,
        "decisions/body_detail.html",
        {
            "body": body,
            "members": [m for m in current if m.is_member],
            "officials": [m for m in current if not m.is_member],
            "past": [m for m in memberships if not m.is_active_on(today)],
            "meetings": meetings.object_list,
            "page": meetings,
            "can_manage": has_permission(request.user, "decisions.manage_body", body),
            "can_create_meeting": has_permission(request.user, "decisions.create_meeting", body),
            "has_secretary": any(m.role == Membership.Role.SECRETARY for m in current),
            "numbering": body_numbering(body, today),
            "can_set_numbering": has_permission(request.user, "decisions.set_numbering", body),
        },
    )


@view_entry("decisions.manage_body", Body, methods=FORM_METHODS, lock=True)
def body_edit(request: HttpRequest, body: Body) -> HttpResponse:
    """The registry and appeal data printed in the body's appeal instructions; the county
    administrator edits the body's name, kind and organisation on the same form (BodyForm)."""
    administers = has_permission(request.user, "decisions.administer_body", body)
    return edit_with_version(
        request,
        body,
        form_class=BodyForm if administers else BodyRegistryForm,
        template="decisions/body_form.html",
        object_name="body",
        success_message=_("The body's data were saved.") if administers else _("The body's registry data were saved."),
        extra_context={"administers": administers},
    )
