"""The meeting lists in pages: /meetings/ and a body's page count the items of their page's meetings
only, in a fixed number of queries whatever the number of meetings; pages never overlap."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from decisions.models import Meeting
from decisions.views.bodies import MEETINGS_PER_PAGE as BODY_MEETINGS_PER_PAGE
from decisions.views.meetings import MEETINGS_PER_PAGE
from hankehallinta.permissions import has_permission
from testing.lists import many_meetings
from testing.queries import count_queries

pytestmark = pytest.mark.django_db

URL = reverse("decisions:meeting_list")


def test_the_meeting_list_query_count_is_fixed_whatever_the_number_of_meetings(
    staff_client, body, django_assert_max_num_queries
):
    many_meetings(body, 1, items_each=2)
    staff_client.get(URL)  # the session's first request
    with_one = count_queries(staff_client, URL)
    many_meetings(body, 3 * MEETINGS_PER_PAGE, items_each=3)

    for page in ("1", "2", "3"):
        with django_assert_max_num_queries(with_one):
            response = staff_client.get(URL, {"page": page})
        assert len(response.context["meetings"]) == MEETINGS_PER_PAGE


def test_each_meeting_of_a_later_page_shows_its_own_item_count(staff_client, body):
    meetings = many_meetings(body, MEETINGS_PER_PAGE + 2, items_each=0)
    oldest = meetings[0]
    for order in (1, 2, 3):
        oldest.items.create(body=body, year=oldest.year, order=order, title=f"Asia {order}")

    last = staff_client.get(URL, {"page": 2}).context["meetings"]

    assert [(meeting.pk, meeting.item_count) for meeting in last] == [(meetings[1].pk, 0), (oldest.pk, 3)]


def test_the_pages_of_the_meeting_list_never_overlap(staff_client, body):
    many_meetings(body, 2 * MEETINGS_PER_PAGE + 1)

    pages = [list(staff_client.get(URL, {"page": n}).context["meetings"]) for n in (1, 2, 3)]

    shown = [meeting.pk for page in pages for meeting in page]
    assert len(shown) == len(set(shown)) == Meeting.objects.count()


def test_a_body_page_lists_its_meetings_in_pages(staff_client, body, django_assert_max_num_queries):
    many_meetings(body, 1)
    url = reverse("decisions:body_detail", args=[body.pk])
    staff_client.get(url)
    with_one = count_queries(staff_client, url)
    many_meetings(body, 2 * BODY_MEETINGS_PER_PAGE)

    with django_assert_max_num_queries(with_one):
        response = staff_client.get(url, {"page": 2})

    assert len(response.context["meetings"]) == BODY_MEETINGS_PER_PAGE
    assert "Sivu 2 / 3" in response.content.decode()


def test_visible_to_is_the_view_meeting_permission_as_a_queryset(staff_user, body):
    many_meetings(body, 2)
    inactive = type(staff_user).objects.create_user("poistunut", is_active=False)

    for user in (staff_user, inactive, AnonymousUser()):
        visible = set(Meeting.objects.visible_to(user).values_list("pk", flat=True))
        allowed = {m.pk for m in Meeting.objects.all() if has_permission(user, "decisions.view_meeting", m)}
        assert visible == allowed, user
