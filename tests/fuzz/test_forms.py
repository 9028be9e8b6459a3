"""Every form of the app, through the real views, with hypothesis-made input (issue 3, item 9).

Each example: open the form as the role that may use it (GET, read the form like a browser, with
the current version), replace some fields with drawn values (long strings, control characters,
HTML and script, SQL-ish text, negative and enormous numbers, malformed dates, valid values),
POST it with Client(raise_request_exception=False), and check:

- never a 500 (the traceback of any view exception is in the failure message);
- 200: the form again, with an error message in Finnish;
- 409: only when the example made the form stale (someone else saved meanwhile);
- 302: to this site; the values are stored as sent (text stripped the way Django strips it);
  fields not touched are unchanged; the object's page and the form show the values escaped.

Every example is rolled back (harness.rolled_back) and counted (tests/conftest.py prints the
count). Here: the item, meeting and project editors, sign-in, password change, the two-factor code
forms and the filters; the other fuzz modules take the rest, and test_every_form_of_the_app_is_fuzzed
holds the register of testing/fuzz/coverage.py against every form the apps define.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import event, given
from hypothesis import strategies as st

from conftest import PASSWORD
from decisions.models import Meeting, Membership
from hankehallinta import accounts
from testing.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory
from testing.fuzz import strategies as s
from testing.fuzz.coverage import FUZZED_FORMS, app_form_classes, fuzzed_in
from testing.fuzz.harness import (
    DB_SETTINGS,
    apply,
    assert_escaped,
    assert_finnish_errors,
    assert_local_redirect,
    client_for,
    expected_text,
    label_inputs,
    open_form,
    rolled_back,
    server_errors,
    strategy_for,
    tick,
)
from testing.seed import seed_item


def draw_filter_params(data: st.DataObject, form, *, hostile: int = 0) -> dict[str, object]:
    """Some of a GET filter form's fields with drawn values (also any text up to `hostile` long)."""
    params = {}
    for name in data.draw(st.lists(st.sampled_from(list(form.fields)), unique=True, max_size=len(form.fields))):
        strategy = strategy_for(form.fields[name])
        value = data.draw(st.one_of(strategy, s.hostile_text(hostile)) if hostile else strategy, name)
        if value is not None:
            params[name] = value
    return params


@pytest.fixture
def world(body, presenter_person, secretary, director, presenter):
    """An unchecked item with its project (secretary and director edit), and an item of a planned
    meeting (the presenter edits its proposal); voting members to choose examiners from."""
    item = seed_item(body, presenter_person, checked=False)
    for number in range(3):
        MembershipFactory(person=PersonFactory(last_name=f"Jäsen{number}"), body=body, role=Membership.Role.MEMBER)
    next_week = timezone.now() + dt.timedelta(days=7)
    planned = MeetingFactory(body=body, year=next_week.year, number=1, state=Meeting.State.PLANNED, start=next_week)
    proposal_item = AgendaItemFactory(meeting=planned, presenter=presenter_person, section=None)
    return {"item": item, "proposal_item": proposal_item, "project": item.project, "meeting": item.meeting}


# The editors (VersionedModelForm) -------------------------------------------------------------

EDITORS = {
    # target: (URL name, object in `world`, user fixture, pages that show the values)
    "item_edit": ("decisions:item_edit", "item", "secretary", ("decisions:item_detail",)),
    "item_proposal_edit": ("decisions:item_edit", "proposal_item", "presenter", ("decisions:item_detail",)),
    "meeting_edit": ("decisions:meeting_edit", "meeting", "secretary", ("decisions:meeting_detail",)),
    "project_edit": ("projects:edit", "project", "director", ("projects:detail",)),
}
VERSION_MODES = ("current", "current", "current", "current", "current", "current", "stale", "missing", "junk")


def _as_integer(text: str) -> int | None:
    try:
        return forms.IntegerField().clean(text)
    except ValidationError:
        return None


def _stored(instance: models.Model, name: str) -> object:
    return getattr(type(instance)._default_manager.get(pk=instance.pk), name)


@pytest.mark.parametrize("target", sorted(EDITORS))
@DB_SETTINGS
@given(data=st.data())
def test_editor_never_fails_and_stores_or_refuses_cleanly(request, target, world, data):
    url_name, key, user_fixture, show_names = EDITORS[target]
    obj = world[key]
    url = reverse(url_name, args=[obj.pk])
    user = request.getfixturevalue(user_fixture)
    with rolled_back():
        client = client_for(user)
        page = open_form(client, url)
        form = page.form
        before = type(obj)._default_manager.get(pk=obj.pk)
        post = {name: list(values) for name, values in page.data.items()}
        editable = [name for name in form.fields if name != "version"]
        chosen = data.draw(
            st.lists(st.sampled_from(editable), unique=True, min_size=1, max_size=len(editable)), "fields"
        )
        sent = {}
        for name in chosen:
            sent[name] = data.draw(strategy_for(form.fields[name]), name)
            apply(page, name, sent[name], post)
        version_mode = data.draw(st.sampled_from(VERSION_MODES), "version")
        version_name = form["version"].html_name
        stale_by_someone = version_mode == "stale"
        if stale_by_someone:  # someone else saves after this form was opened
            type(obj)._default_manager.filter(pk=obj.pk).update(version=F("version") + 1)
        elif version_mode == "missing":
            post.pop(version_name, None)
        elif version_mode == "junk":
            junk = data.draw(st.sampled_from(s.NUMBER_JUNK), "version value")
            post[version_name] = [junk]
            if _as_integer(junk) == before.version:  # "+1", "١" and " 1 " are 1: the current version
                version_mode = "current"
            elif _as_integer(junk) is not None:  # a number, but not the current version
                version_mode = "stale"

        tick(request.node.name)
        label_inputs(sent)
        with server_errors() as errors:
            response = client.post(url, post)

        assert response.status_code != 500, "\n".join(errors)
        assert not errors, "\n".join(errors)
        html = response.content.decode() if response.status_code != 302 else ""
        if response.status_code == 302:
            event("saved")
            assert version_mode == "current", f"saved with a {version_mode} version"
            assert_local_redirect(response)
            after = type(obj)._default_manager.get(pk=obj.pk)
            assert after.version == before.version + 1
            for name, field_obj in form.fields.items():
                if name == "version" or not hasattr(after, name):
                    continue
                is_text = type(field_obj) in (forms.CharField, forms.EmailField)
                if name in sent and is_text:
                    assert getattr(after, name) == expected_text(field_obj, sent[name]), name
                elif name not in sent and is_text:
                    assert getattr(after, name) == getattr(before, name), f"{name} changed without being edited"
            for show_name in show_names:
                shown = client.get(reverse(show_name, args=[obj.pk]))
                assert shown.status_code == 200
                assert_escaped(shown.content.decode())
            again = client.get(url)
            assert again.status_code == 200
            assert_escaped(again.content.decode())
        elif response.status_code == 409:
            event("refused: stale")
            assert version_mode == "stale"
            assert _stored(obj, "version") == before.version + (1 if stale_by_someone else 0)
            assert_escaped(html)
        else:
            assert response.status_code == 200, (response.status_code, response.get("Location"))
            event("refused: errors")
            assert_finnish_errors(response.context["form"])
            assert_escaped(html)
            assert _stored(obj, "version") == before.version + (1 if stale_by_someone else 0)


# Sign-in ----------------------------------------------------------------------------------------

NEXT_VALUES = (
    "",
    "/projects/",
    "//evil.example/",
    "https://evil.example/",
    "javascript:alert(1)",
    "/\\evil.example",
    "\\\\evil.example",
)


@DB_SETTINGS
@given(
    right_username=st.booleans(),
    right_password=st.booleans(),
    username=s.text_value(150),
    password=s.hostile_text(200),
    next_url=st.one_of(st.sampled_from(NEXT_VALUES), s.hostile_text(100)),
)
def test_sign_in_never_fails_and_never_redirects_off_the_site(
    request, secretary, right_username, right_password, username, password, next_url
):
    tick(request.node.name)
    username = "sihteeri" if right_username else username
    password = PASSWORD if right_password else password
    with rolled_back():
        client = Client(raise_request_exception=False)
        url = reverse("login")
        client.get(url)
        with server_errors() as errors:
            response = client.post(url, {"username": username, "password": password, "next": next_url})
        assert response.status_code != 500, "\n".join(errors)
        assert not errors, "\n".join(errors)
        if response.status_code == 302:
            event("signed in")
            assert username == "sihteeri" and password == PASSWORD
            assert_local_redirect(response)
        elif response.status_code in (403, 429):
            event("locked out")
        else:
            assert response.status_code == 200
            event("refused")
            assert not (right_username and right_password), "the right password was refused"
            assert_finnish_errors(response.context["form"])
            assert_escaped(response.content.decode())


# Password change --------------------------------------------------------------------------------


@DB_SETTINGS
@given(
    right_old=st.booleans(),
    old=s.hostile_text(200),
    strong_new=st.booleans(),
    new1=s.text_value(200),
    same=st.booleans(),
    new2=s.hostile_text(200),
)
def test_password_change_never_fails(request, secretary, right_old, old, strong_new, new1, same, new2):
    url = reverse("password_change")
    tick(request.node.name)
    old = PASSWORD if right_old else old
    new1 = "Uusi-pitkä-salasana-2025" if strong_new else new1
    with rolled_back():
        client = client_for(secretary)
        page = open_form(client, url)
        post = {**{name: list(values) for name, values in page.data.items()}}
        post.update({"old_password": [old], "new_password1": [new1], "new_password2": [new1 if same else new2]})
        with server_errors() as errors:
            response = client.post(url, post)
        assert response.status_code != 500, "\n".join(errors)
        assert not errors, "\n".join(errors)
        if response.status_code == 302:
            event("changed")
            assert_local_redirect(response)
            user = User.objects.get(pk=secretary.pk)
            assert user.check_password(new1)
        else:
            assert response.status_code == 200
            event("refused")
            assert_finnish_errors(response.context["form"])
            assert_escaped(response.content.decode())


# Two-factor codes -------------------------------------------------------------------------------

CODES = st.one_of(
    st.integers(0, 999_999).map(lambda n: f"{n:06d}"),
    st.sampled_from(("", "12345", "1234567", "12 34 56", "123-456", "١٢٣٤٥٦", "000000\x00", "-12345", "1e5")),
    s.hostile_text(50),
)


@DB_SETTINGS
@given(code=CODES, use_valid=st.booleans())
def test_two_factor_verify_never_fails(request, secretary, code, use_valid):
    url = reverse("two_factor_verify")
    tick(request.node.name)
    with rolled_back():
        device = TOTPDevice.objects.create(user=secretary, name="puhelin", confirmed=True)
        client = client_for(secretary)
        page = open_form(client, url)
        post = {name: list(values) for name, values in page.data.items()}
        post["otp_token"] = [accounts.totp_token(device) if use_valid else code]
        with server_errors() as errors:
            response = client.post(url, post)
        assert response.status_code != 500, "\n".join(errors)
        assert not errors, "\n".join(errors)
        if response.status_code == 302:
            event("verified")
            assert_local_redirect(response)
        else:
            assert response.status_code in (200, 429), response.status_code
            event("refused")
            if response.status_code == 200:
                assert_finnish_errors(response.context["form"])
            assert_escaped(response.content.decode())


@DB_SETTINGS
@given(code=CODES)
def test_two_factor_setup_never_fails(request, director, code):
    url = reverse("two_factor_setup")
    tick(request.node.name)
    with rolled_back():
        client = client_for(director)
        page = open_form(client, url)
        post = {name: list(values) for name, values in page.data.items()}
        post["otp_token"] = [code]
        with server_errors() as errors:
            response = client.post(url, post)
        assert response.status_code != 500, "\n".join(errors)
        assert not errors, "\n".join(errors)
        if response.status_code == 302:
            event("set up")  # a guessed code can be right, once in a million
            assert_local_redirect(response)
        else:
            assert response.status_code in (200, 429), response.status_code
            event("refused")
            if response.status_code == 200:
                assert_finnish_errors(response.context["form"])
            assert_escaped(response.content.decode())


# The portfolio filters (a GET form) ---------------------------------------------------------------


@DB_SETTINGS
@given(data=st.data())
def test_portfolio_filters_never_fail(request, world, director, data):
    url = reverse("budgets:portfolio")
    with rolled_back():
        client = client_for(director)
        response = client.get(url)
        assert response.status_code == 200
        params = draw_filter_params(data, response.context["filter"].form)
        if data.draw(st.booleans(), "export"):
            params["format"] = data.draw(st.one_of(st.sampled_from(("csv", "xlsx", "pdf", "")), s.hostile_text(20)))
        tick(request.node.name)
        with server_errors() as errors:
            response = client.get(url, params)
        assert response.status_code != 500, "\n".join(errors)
        assert not errors, "\n".join(errors)
        # 404: an export format that does not exist.
        assert response.status_code in (200, 400, 404), response.status_code
        if response.get("Content-Type", "").startswith("text/html"):
            assert_escaped(response.content.decode())


# The staff search filters and the public archive's search (GET forms) ----------------------------------


@DB_SETTINGS
@given(data=st.data())
def test_staff_search_filters_never_fail(request, world, secretary, data):
    url = reverse("decisions:search")
    with rolled_back():
        client = client_for(secretary)
        response = client.get(url)
        assert response.status_code == 200
        params = draw_filter_params(data, response.context["filter"].form, hostile=30)
        params["page"] = data.draw(st.one_of(st.just("1"), s.hostile_text(10)), "page")
        tick(request.node.name)
        with server_errors() as errors:
            response = client.get(url, params)
        assert response.status_code == 200, "\n".join(errors)
        assert not errors, "\n".join(errors)
        if response.context["filter"].form.errors:
            assert_finnish_errors(response.context["filter"].form)
        assert_escaped(response.content.decode())


@DB_SETTINGS
@given(query=s.hostile_text(300), page=s.hostile_text(10))
def test_public_archive_search_never_fails(request, world, query, page):
    url = reverse("archive:index")
    with rolled_back():
        tick(request.node.name)
        with server_errors() as errors:
            response = Client(raise_request_exception=False).get(url, {"q": query, "page": page})
        assert response.status_code == 200, "\n".join(errors)
        assert_escaped(response.content.decode())


#: The forms fuzzed here (testing/fuzz/coverage.py registers them with this module).
COVERED = {
    "VersionedModelForm",  # the base of the four editors below, fuzzed through them
    "AgendaItemForm",  # item_edit
    "ProposalForm",  # item_proposal_edit
    "MeetingForm",  # meeting_edit
    "ProjectForm",  # project_edit
    "TokenForm",  # test_two_factor_verify_never_fails, test_two_factor_setup_never_fails
    "PortfolioFilter",  # test_portfolio_filters_never_fail
    "ItemSearchFilter",  # test_staff_search_filters_never_fail
}


def test_every_form_of_the_app_is_fuzzed():
    """Every form and filter set the apps define is in the fuzz register, and the register names no
    form the apps no longer define. A new form must get a fuzz test (and its register entry); a
    module of the apps that fails to import fails this test instead of being skipped."""
    defined = app_form_classes()
    unfuzzed = {name: module for name, module in defined.items() if name not in FUZZED_FORMS}
    assert unfuzzed == {}, "fuzz these forms and register them in testing/fuzz/coverage.py"
    stale = {name: module for name, module in FUZZED_FORMS.items() if name not in defined}
    assert stale == {}, "these registered forms no longer exist: remove them from testing/fuzz/coverage.py"


def test_this_module_fuzzes_what_the_register_says():
    assert fuzzed_in(__file__) == COVERED


def test_meeting_form_refuses_an_enormous_examiner_id(world, secretary):
    """Found by the suite: an examiner id beyond 64 bits crashed the meeting editor on SQLite
    (Django's ModelMultipleChoiceField queries `pk__in` before checking the range; SQLite raises
    OverflowError). It must be an ordinary form error, as it is on PostgreSQL."""
    meeting = world["meeting"]
    url = reverse("decisions:meeting_edit", args=[meeting.pk])
    client = client_for(secretary)
    page = open_form(client, url)
    post = {name: list(values) for name, values in page.data.items()}
    post[page.form["examiners"].html_name] = ["9" * 30]
    with server_errors() as errors:
        response = client.post(url, post)
    assert response.status_code == 200, "\n".join(errors)
    assert_finnish_errors(response.context["form"])
    assert "examiners" in response.context["form"].errors
