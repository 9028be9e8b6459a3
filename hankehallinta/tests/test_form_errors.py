"""Forms that speak (issue 16, WCAG 3.3.1-3.3.3, 4.1.2): after a refused save every invalid input says so
(aria-invalid) and names its error message (aria-describedby to an element that exists); an error summary
at the top of the form lists the errors with links to the fields; required fields say so in words."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import ngettext, pgettext

from testing.editor_data import application
from testing.factories import FundingCallFactory
from testing.meeting_day import meeting_day

pytestmark = pytest.mark.django_db


def refused_meeting(body) -> dict[str, str]:
    """A new meeting without a number and with a start that is no date."""
    return {"body": str(body.pk), "number": "", "start": "huomenna", "end": "", "place": ""}


class Page(HTMLParser):
    """The elements of a page that matter here: ids, invalid controls, the summary and its links."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.invalid: list[dict[str, str]] = []
        self.summaries: list[dict[str, str]] = []
        self.summary_links: list[str] = []
        self.summary_text: list[str] = []
        self._in_summary = 0
        self._depth = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if attributes.get("aria-invalid") == "true":
            self.invalid.append(attributes)
        if "data-error-summary" in attributes:
            self.summaries.append(attributes)
            self._in_summary = self._depth + 1
        if self._in_summary and tag == "a":
            self.summary_links.append(attributes.get("href", ""))
        if tag not in ("input", "br", "img", "meta", "link", "hr"):
            self._depth += 1

    def handle_endtag(self, tag):
        if tag in ("input", "br", "img", "meta", "link", "hr"):
            return
        self._depth -= 1
        if self._in_summary and self._depth < self._in_summary:
            self._in_summary = 0

    def handle_data(self, data):
        if self._in_summary:
            self.summary_text.append(data)

    @property
    def summary(self) -> str:
        return " ".join(" ".join(self.summary_text).split())


def assert_errors_speak(html: str, expected_errors: int | None = None) -> Page:
    """Every invalid control names existing error elements; one summary, focusable, linking to existing ids."""
    page = Page(html)
    assert page.invalid, "no control is marked aria-invalid"
    for control in page.invalid:
        described = control.get("aria-describedby", "").split()
        assert described, f"{control.get('id')} is invalid but names no error message"
        missing = [ref for ref in described if ref not in page.ids]
        assert not missing, f"{control.get('id')} names missing elements {missing}"
    assert len(page.summaries) == 1
    summary = page.summaries[0]
    assert summary["tabindex"] == "-1"
    assert f"{summary['id']}-heading" in page.ids
    assert page.summary_links, "the summary links to no field"
    for href in page.summary_links:
        assert href.startswith("#") and href[1:] in page.ids, f"the summary links to a missing field {href}"
    linked = {href[1:] for href in page.summary_links}
    for control in page.invalid:  # every invalid field is reachable from the summary (a group by its first box)
        if control.get("type") != "radio" or control.get("id", "").endswith("_0"):
            assert control.get("id") in linked, f"{control.get('id')} is not in the summary"
    if expected_errors is not None:
        with translation.override(re.search(r'<html lang="([^"]+)"', html)[1]):
            heading = ngettext("The form has %(counter)s error", "The form has %(counter)s errors", expected_errors)
        assert heading % {"counter": expected_errors} in page.summary
    return page


def test_a_refused_application_ties_each_error_to_its_field_and_sums_them_up_with_links(director_client):
    call = FundingCallFactory()
    data = application(call=call, title="")
    data["budget-0-amount"] = "paljon"

    with translation.override("en"):
        response = director_client.post(reverse("projects:create"), data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    page = assert_errors_speak(response.text)
    assert "#id_title" in page.summary_links
    assert "#id_budget-0-amount" in page.summary_links
    assert 'src="/static/js/error-summary.js"' in response.text or "error-summary" in response.text


def test_a_refused_meeting_form_has_the_summary_at_the_top_of_the_form(secretary_client, body):
    response = secretary_client.post(reverse("decisions:body_meeting_create", args=[body.pk]), refused_meeting(body))

    assert response.status_code == 200
    page = assert_errors_speak(response.text)
    form_start = response.text.index('<form method="post" class="edit-form">')
    assert form_start < response.text.index("data-error-summary") < response.text.index('aria-invalid="true"')
    assert len(page.summary_links) == len(response.context["form"].errors)


def test_a_vote_without_positions_links_each_members_row_from_the_summary(secretary_client, body):
    day = meeting_day(body)
    data = {
        "action": "vote",
        "vote-question": "Päätösehdotus JAA, muutosehdotus EI",
        "vote-yes_option": "päätösehdotus",
        "vote-no_option": "muutosehdotus",
        "vote-result": "",
    }

    response = secretary_client.post(reverse("decisions:item_decision", args=[day.first.pk]), data)

    assert response.status_code == 200
    form = response.context["forms"]["vote"]
    ballots = [name for name in form.errors if name.startswith("ballot_")]
    assert ballots
    page = assert_errors_speak(response.text)
    for name in ballots:
        assert f"#{form[name].auto_id}_0" in page.summary_links


def test_a_refused_sign_in_lists_the_forms_own_error_without_a_link(client, secretary):
    response = client.post(reverse("login"), {"username": secretary.username, "password": "wrong"})

    assert response.status_code == 200
    page = Page(response.text)
    assert len(page.summaries) == 1
    assert page.summary_links == []
    error = str(response.context["form"].non_field_errors()[0])
    assert error in page.summary
    assert response.text.count(escape(error)) == 1  # in the summary only, not again above the fields


def test_an_unsaved_form_has_no_summary(secretary_client, body):
    response = secretary_client.get(reverse("decisions:body_meeting_create", args=[body.pk]))

    assert "data-error-summary" not in response.text
    assert 'aria-invalid="true"' not in response.text


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_required_field_says_so_in_its_label_in_words(secretary_client, body, language):
    with translation.override(language):
        response = secretary_client.get(
            reverse("decisions:body_meeting_create", args=[body.pk]), HTTP_ACCEPT_LANGUAGE=language
        )
        word = pgettext("form field", "required")

    form = response.context["form"]
    required = [field for field in form.visible_fields() if field.field.required]
    assert required
    assert f'<span class="required-marker">({word})</span>' in response.text
    assert response.text.count('class="required-marker"') == len(required)
    assert 'class="asteriskField"' not in response.text


def test_the_summary_heading_counts_the_errors(secretary_client, body):
    with translation.override("en"):
        response = secretary_client.post(
            reverse("decisions:body_meeting_create", args=[body.pk]), refused_meeting(body)
        )
        count = len(response.context["form"].errors)
        assert count > 1
    assert_errors_speak(response.text, expected_errors=count)
