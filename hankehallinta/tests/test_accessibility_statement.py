"""The accessibility statement at /accessibility/ and its feedback form (issue 16 item 5,
hankehallinta/accessibility.py): the page in every language with the parts the law asks for, the link
to it in the footer of every page, and the form tested like any other."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from hankehallinta.accessibility import KNOWN_GAPS, REPLY_DAYS
from hankehallinta.models import AccessibilityFeedback, AuditEvent
from testing.url_map import GET, MATRIX, ROLES, build_objects

pytestmark = pytest.mark.django_db

URL = "/accessibility/"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """The feedback counter per address lives in the cache: every test starts and ends without one."""
    cache.clear()
    yield
    cache.clear()


def client_in(language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def send(client: Client, **data) -> object:
    return client.post(URL, {"message": "", "page": "", "name": "", "email": "", **data})


def rows() -> list[dict]:
    return list(AccessibilityFeedback.objects.values())


# The statement ------------------------------------------------------------------------------------------------


def test_the_statement_has_a_stable_public_address():
    assert reverse("accessibility_statement") == URL
    assert Client().get(URL).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_statement_answers_in_each_language_with_its_required_parts(language, settings):
    settings.ACCESSIBILITY_ASSESSED_ON = dt.date(2026, 12, 8)
    settings.ACCESSIBILITY_UPDATED_ON = dt.date(2026, 12, 9)
    page = client_in(language).get(URL).content.decode()

    assert f'<html lang="{language}">' in page
    with translation.override(language):
        for heading in (
            "Accessibility statement",
            "Compliance status",
            "Content that is not accessible",
            "How accessibility was assessed",
            "Give feedback on accessibility",
            "Supervisory authority",
            "Finnish Transport and Communications Agency Traficom",
        ):
            assert escape(gettext(heading)) in page, heading
        for gap in KNOWN_GAPS:
            assert escape(str(gap.text)) in page
        assessed = formats.date_format(settings.ACCESSIBILITY_ASSESSED_ON, "SHORT_DATE_FORMAT")
        updated = formats.date_format(settings.ACCESSIBILITY_UPDATED_ON, "SHORT_DATE_FORMAT")
    for section in ("status", "gaps", "assessment", "feedback", "supervision"):
        assert f'id="accessibility-{section}"' in page
    assert "WCAG" in page and "2.1" in page and "306/2019" in page
    assert assessed in page and updated in page
    assert f" {REPLY_DAYS} " in page
    assert 'name="message"' in page and 'name="email"' in page and 'name="wants_reply"' in page
    assert f'href="mailto:{settings.ACCESSIBILITY_SUPERVISOR_EMAIL}"' in page
    assert settings.ACCESSIBILITY_SUPERVISOR_PHONE in page
    assert f'href="{settings.ACCESSIBILITY_SUPERVISOR_URL}"' in page


def test_the_assessment_date_comes_from_the_setting(settings):
    settings.ACCESSIBILITY_ASSESSED_ON = dt.date(2027, 3, 1)
    assert "1.3.2027" in client_in("fi").get(URL).content.decode()


def test_the_footer_of_every_page_links_the_statement(body, other_body, presenter_person, cast):
    """Every HTML page of the URL map, opened by the first role it answers 200 to."""
    objects = build_objects(body, other_body, presenter_person)
    clients: dict[str, Client] = {}
    problems = []
    for name, keyed in MATRIX.items():
        for key, answers in keyed.items():
            role = next((role for role, answer in zip(ROLES, answers[GET], strict=True) if answer == 200), None)
            if role is None:
                continue
            if role not in clients:
                clients[role] = Client()
                if cast[role] is not None:
                    clients[role].force_login(cast[role])
            obj = objects[key] if key else None
            response = clients[role].get(reverse(name, kwargs={"pk": obj.pk} if obj is not None else None))
            if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
                continue
            footer = re.search(r"<footer\b.*?</footer>", response.content.decode(), re.DOTALL)
            if footer is None or f'href="{URL}"' not in footer[0]:
                problems.append(f"{name} [{key}] as {role}")
    assert not problems, "pages without the statement's link in their footer:\n" + "\n".join(problems)


# The feedback form --------------------------------------------------------------------------------------------


def test_sent_feedback_is_saved_once_with_its_reply_date_and_audited():
    client = client_in("fi")
    response = send(
        client,
        message="Hakulomakkeen virheilmoitus ei näy ruudunlukijalle.",
        page="/fi/archive/",
        name="Maija Meikäläinen",
        email="maija@example.fi",
        wants_reply="on",
    )

    assert response.status_code == 302
    assert response["Location"] == URL
    [feedback] = AccessibilityFeedback.objects.all()
    assert feedback.message == "Hakulomakkeen virheilmoitus ei näy ruudunlukijalle."
    assert (feedback.page, feedback.email, feedback.wants_reply) == ("/fi/archive/", "maija@example.fi", True)
    assert feedback.reply_due == timezone.localdate(feedback.received_at) + dt.timedelta(days=REPLY_DAYS)
    assert feedback.language == "fi"
    assert not feedback.handled
    event = AuditEvent.objects.get(object_type="hankehallinta.accessibilityfeedback", object_id=str(feedback.pk))
    assert event.action == AuditEvent.Action.CREATE
    assert event.authority == "hankehallinta.public"
    assert "maija" not in event.object_repr.lower()  # no personal data in the log

    [thanks] = list(get_messages(response.wsgi_request))
    due = formats.date_format(feedback.reply_due, "SHORT_DATE_FORMAT")
    with translation.override("fi"):
        assert str(thanks) == gettext("Thank you for your feedback. We will reply to you by %(date)s.") % {"date": due}
    assert due in client.get(URL).content.decode()


def test_anonymous_feedback_without_a_reply_is_saved_too():
    response = send(client_in("en"), message="The chart is hard to read.")
    assert response.status_code == 302
    [feedback] = AccessibilityFeedback.objects.all()
    assert (feedback.name, feedback.email, feedback.wants_reply, feedback.language) == ("", "", False, "en")


def field_errors(response, field: str) -> list[str]:
    """The errors shown next to `field`: the form's, and in the page after the field's input."""
    assert response.status_code == 200
    errors = response.context["form"].errors.get(field, [])
    page = response.content.decode()
    field_at = page.index(f'id="id_{field}"')
    for error in errors:
        assert page.find(escape(str(error)), field_at) > field_at, error
    return errors


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"message": ""}, "message"),
        ({"message": "   "}, "message"),
        ({"message": "x" * 5001}, "message"),
        ({"message": "Palaute", "email": "ei-osoite"}, "email"),
        ({"message": "Palaute", "wants_reply": "on"}, "email"),
        ({"message": "Palaute", "page": "/" * 501}, "page"),
        ({"message": "Palaute", "name": "n" * 201}, "name"),
    ],
    ids=["empty", "blank", "too-long", "bad-email", "reply-without-email", "page-too-long", "name-too-long"],
)
def test_bad_feedback_is_refused_next_to_its_field_and_changes_nothing(data, field):
    events = AuditEvent.objects.count()
    response = send(client_in("fi"), **data)
    assert field_errors(response, field)
    assert rows() == []
    assert AuditEvent.objects.count() == events


def test_feedback_from_one_address_is_limited_per_hour(settings):
    settings.ACCESSIBILITY_FEEDBACK_PER_HOUR = 2
    client = client_in("fi")
    for number in (1, 2):
        assert send(client, message=f"Palaute {number}").status_code == 302
    refused = send(client, message="Palaute 3")
    assert refused.status_code == 200
    with translation.override("fi"):
        expected = gettext("Too many feedback messages have been sent from your address. Try again in an hour.")
    assert refused.context["form"].non_field_errors() == [expected]
    assert AccessibilityFeedback.objects.count() == 2
    assert client.post(URL, {"message": "Palaute 4"}, REMOTE_ADDR="192.0.2.7").status_code == 302  # another address
    cache.clear()  # the hour has passed
    assert send(client, message="Palaute 5").status_code == 302


# The administrator's view of the open feedback -----------------------------------------------------------------


def make_feedback(received: dt.datetime, **extra) -> AccessibilityFeedback:
    return AccessibilityFeedback.objects.create(
        received_at=received, reply_due=timezone.localdate(received) + dt.timedelta(days=REPLY_DAYS), **extra
    )


def test_the_administrators_home_page_lists_open_feedback_with_its_reply_date(admin_client, secretary_client):
    now = timezone.now()
    late = make_feedback(now - dt.timedelta(days=20), message="Vanha")
    make_feedback(now, message="Uusi")
    make_feedback(now - dt.timedelta(days=30), message="Käsitelty", handled=True)

    page = admin_client.get(reverse("dashboard")).content.decode()
    assert 'id="accessibility-feedback-open"' in page
    assert formats.date_format(late.reply_due, "SHORT_DATE_FORMAT") in page
    assert "?handled__exact=0" in page
    with translation.override("fi"):
        assert gettext("See the open feedback") in page
    assert 'id="accessibility-feedback-open"' not in secretary_client.get(reverse("dashboard")).content.decode()


def test_the_admin_lists_the_overdue_first_and_marks_feedback_handled(admin_client):
    now = timezone.now()
    fresh = make_feedback(now, message="Uusi")
    late = make_feedback(now - dt.timedelta(days=20), message="Vanha")
    changelist = reverse("admin:hankehallinta_accessibilityfeedback_changelist")

    response = admin_client.get(changelist)
    assert [row.pk for row in response.context["cl"].result_list] == [late.pk, fresh.pk]
    assert late.is_overdue and not fresh.is_overdue

    admin_client.post(changelist, {"action": "mark_as_handled", "_selected_action": [late.pk]})
    late.refresh_from_db()
    assert late.handled and late.handled_at is not None
    assert AuditEvent.objects.filter(object_id=str(late.pk), action=AuditEvent.Action.STATE_CHANGE).exists()
    assert [row.pk for row in admin_client.get(changelist).context["cl"].result_list] == [fresh.pk, late.pk]
