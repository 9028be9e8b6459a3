"""Lists in pages whose count stops at a cap (hankehallinta.pagination)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory

from hankehallinta.pagination import CappedPaginator, paginate, query_without_page


@pytest.fixture
def seven_users(db):
    User.objects.bulk_create([User(username=f"user{number}") for number in range(7)])
    return User.objects.order_by("pk")


def test_a_count_below_the_cap_is_exact(seven_users):
    paginator = CappedPaginator(seven_users, 3, max_count=10)

    assert paginator.count == 7
    assert paginator.num_pages == 3
    assert not paginator.is_capped


def test_a_count_past_the_cap_stops_at_it_and_says_so(seven_users):
    paginator = CappedPaginator(seven_users, 2, max_count=5)

    assert paginator.count == 5
    assert paginator.num_pages == 3
    assert paginator.is_capped


def test_exactly_the_cap_is_not_capped(seven_users):
    assert not CappedPaginator(seven_users, 2, max_count=7).is_capped


def test_a_page_costs_one_count_and_one_select(seven_users, django_assert_num_queries):
    request = RequestFactory().get("/", {"page": "2"})

    with django_assert_num_queries(2):
        page = paginate(request, seven_users, per_page=3, max_count=100)
        names = [user.username for user in page]

    assert names == ["user3", "user4", "user5"]


def test_a_page_number_past_the_end_or_not_a_number_gives_a_page(seven_users):
    past_the_end = paginate(RequestFactory().get("/", {"page": "99"}), seven_users, per_page=3)
    not_a_number = paginate(RequestFactory().get("/", {"page": "x"}), seven_users, per_page=3)

    assert past_the_end.number == 3
    assert not_a_number.number == 1


def test_the_links_keep_the_filters_but_not_the_page():
    request = RequestFactory().get("/", {"q": "työkyky", "year": "2024", "page": "4"})

    assert query_without_page(request) == "q=ty%C3%B6kyky&year=2024"
