"""The back office reads the Finnish decimal comma in every decimal field: "0,7500", "1 234,50".

Every ModelAdmin of admin.site and every inline of theirs is asked for its real form, each decimal
field of the form is sent a number written with a comma (and a thousands space where it fits), and
the field must read it exactly.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from hankehallinta.formfields import FinnishDecimalField, parse_decimal
from hankehallinta.money import NARROW_NBSP, NBSP
from projects.models import FundingCall
from testing.factories import FundingCallFactory

pytestmark = pytest.mark.django_db


def sample(field: models.DecimalField) -> tuple[str, Decimal]:
    """A number the column holds, as a Finn types it, and its value: "1 234,50" or "0,7500"."""
    places = field.decimal_places
    whole_digits = field.max_digits - places
    fraction = "75".ljust(places, "0")[:places]
    whole = "1 234" if whole_digits >= 4 else "0"
    text = f"{whole},{fraction}" if places else whole
    return text, Decimal(text.replace(" ", "").replace(",", "."))


def admin_forms(request) -> list[tuple[str, type]]:
    """(who, form class) for every registered ModelAdmin and each of its inlines."""
    found = []
    for model, model_admin in admin.site._registry.items():
        if model_admin.has_add_permission(request) or model_admin.has_change_permission(request):
            found.append((type(model_admin).__name__, model_admin.get_form(request)))
        for inline in model_admin.get_inline_instances(request):
            found.append((f"{type(inline).__name__} in {model.__name__}", inline.get_formset(request).form))
    return found


@pytest.fixture
def admin_request(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    return request


def test_every_decimal_field_of_every_admin_form_reads_the_decimal_comma(admin_request):
    checked, problems = [], []
    for who, form_class in admin_forms(admin_request):
        model = form_class._meta.model
        for name, form_field in form_class.base_fields.items():
            model_field = next((f for f in model._meta.concrete_fields if f.name == name), None)
            if not isinstance(model_field, models.DecimalField):
                continue
            text, expected = sample(model_field)
            form = form_class(data={name: text})
            form.is_valid()  # other required fields are missing: only this field's answer counts
            checked.append(f"{who}.{name}")
            if not isinstance(form_field, FinnishDecimalField):
                problems.append(f"{who}.{name}: {type(form_field).__name__}")
            elif name in form.errors or form.cleaned_data.get(name) != expected:
                problems.append(f"{who}.{name}: {text!r} -> {form.errors.get(name) or form.cleaned_data.get(name)}")

    assert not problems, problems
    assert "FundingCallAdmin.max_aid_rate" in checked
    assert any(name.endswith(".amount") for name in checked)  # the budget and financing lines


def test_the_admin_saves_a_funding_call_with_the_aid_rate_0_7500(admin_client):
    response = admin_client.post(
        reverse("admin:projects_fundingcall_add"),
        {"funder": "STM", "name": "Kehittämishaku", "max_aid_rate": "0,7500", "deadline": ""},
    )

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert FundingCall.objects.get().max_aid_rate == Decimal("0.7500")


def test_the_admin_shows_a_decimal_with_the_comma_in_a_text_box(admin_client):
    call = FundingCallFactory(max_aid_rate=Decimal("0.8000"))

    response = admin_client.get(reverse("admin:projects_fundingcall_change", args=[call.pk]))

    assert 'name="max_aid_rate" value="0,8000"' in response.text
    assert 'type="number"' not in response.text


def test_the_admin_refuses_a_rate_beyond_the_column_with_a_message(admin_client):
    response = admin_client.post(
        reverse("admin:projects_fundingcall_add"), {"funder": "STM", "name": "Haku", "max_aid_rate": "1,5"}
    )

    assert response.status_code == 200
    assert "max_aid_rate" in response.context["adminform"].form.errors
    assert not FundingCall.objects.exists()


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("0,7500", "0.7500"),
        ("1 234,50", "1234.50"),
        (f"1{NBSP}234,50", "1234.50"),
        (f"1{NARROW_NBSP}234{NARROW_NBSP}567,5", "1234567.5"),
        ("1.234,50", "1234.50"),
        ("1.234.567", "1234567"),
        ("  -12,5 ", "-12.5"),
        ("\u22123", "-3"),
        ("0.7500", "0.7500"),  # a decimal point, as Django's own forms read it
        ("1 234.5", "1234.5"),
        ("379904", "379904"),
    ],
)
def test_parse_decimal_reads_finnish_numbers(typed, value):
    result = parse_decimal(typed)

    assert result == Decimal(value)
    assert str(result) == value


@pytest.mark.parametrize("typed", ["", "abc", "1,234.50", "12 34,5", "1 234 56", "1,2,3", "1e5", "NaN", "--1", "1.2.3"])
def test_parse_decimal_refuses_what_cannot_be_read_one_way(typed):
    with pytest.raises(ValidationError) as refused:
        parse_decimal(typed)

    assert refused.value.code == "invalid"
