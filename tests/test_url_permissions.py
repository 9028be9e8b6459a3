"""Every URL pattern answers every role as the URL map says (security.md rows 1-3, issue 3 item 1).

The map (MATRIX, testing/url_map.py) has a row for every URL pattern the project serves.
`test_every_url_pattern_has_a_row` walks the resolver (included URL confs too) and fails when a
pattern has none, the way Zulip's suite fails with "Some URLs are untested!";
`test_every_row_names_a_url_pattern` fails when a pattern goes away and leaves its row behind.
Each row is requested as each role of conftest's cast; a POST that is refused (403, 405, sign-in)
must leave the database unchanged, and no GET may change it.

The admin site is one group: every pattern under admin/ answers by ADMIN_RULE (anonymous and
non-staff users are sent to the admin sign-in, the superuser gets the page), except the few named in
ADMIN_EXCEPTIONS. Its index, sign-in, sign-out and every registered model's list are requested.

Adding a URL: add its name to MATRIX, with the objects its URL is built from (build_objects) and the
answers for each method the view accepts. For a view that changes data, POST_DATA builds a valid
submission, so that the roles allowed to save are seen to save (SAVED) and the rest to be refused.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from decisions.forms.people import sign_import
from decisions.models import AgendaItem, Body, Meeting
from followup.forms.costs import sign_ledger
from hankehallinta.models import AccessibilityFeedback
from testing.editor_data import application
from testing.editor_data import post_data as editor_post_data
from testing.url_map import (
    ADMIN,
    ADMIN_EXCEPTIONS,
    ADMIN_RULE,
    CREATED,
    GET,
    LOGIN,
    MATRIX,
    REDIRECT,
    ROLES,
    SAVED,
    build_objects,
    rule_for,
    url_patterns,
)

if TYPE_CHECKING:
    from django.db import models

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path) -> None:
    """Issued extracts are stored files: keep them out of the repository's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def objects(body, other_body, presenter_person) -> dict[str, Any]:
    """The objects the rows of MATRIX name (testing.url_map.build_objects)."""
    return build_objects(body, other_body, presenter_person)


# Valid submissions for the views that change data ------------------------------------------------------------


def _item_data(item: AgendaItem, role: str) -> dict:
    data = {
        "title": item.title,
        "proposal": f"{item.proposal} (muokannut {role})",
        "secrecy_ground": item.secrecy_ground,
        "appeal_route": item.appeal_route,
        "version": item.version,
    }
    return {**data, "is_public": "on"} if item.is_public else data


def _meeting_create_data(obj: None, role: str) -> dict:
    body = Body.objects.get(name="Aluehallitus" if role == "other_secretary" else "Tulevaisuuslautakunta")
    return {"body": body.pk, "number": str(50 + ROLES.index(role)), "start": "2.2.2026 10:00", "place": role}


def _meeting_transition_data(meeting: Meeting, role: str) -> dict:
    allowed = [to for to in meeting.allowed_transitions() if not meeting.transition_errors(to)]
    return {"to": allowed[0] if allowed else ""}


def _attendance_data(meeting: Meeting, role: str) -> dict:
    person = meeting.body.memberships.order_by("pk").first().person  # builders must not write: the table compares rows
    prefix = "attendance"
    return {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-person": str(person.pk),
        f"{prefix}-0-capacity": "expert",
        f"{prefix}-0-present": "on",
        f"{prefix}-0-note": role,
        "attendance_version": meeting.attendance_version(),
    }


def _numbering_data(body: Body, role: str) -> dict:
    start = body.numbering_starts.filter(year=2040).first()
    return {
        "year": "2040",
        "first_section": str(100 + ROLES.index(role)),
        "first_meeting_number": "1",
        "version": start.version if start else "",
    }


def _meeting_data(meeting: Meeting, role: str) -> dict:
    start = timezone.localtime(meeting.start)
    return {"start": f"{start:%d.%m.%Y %H:%M}", "place": f"Sali ({role})", "version": meeting.version}


def _project_data(project: models.Model, role: str) -> dict:
    return {
        **editor_post_data(project),  # the application editor's rows, unchanged
        "title": project.title,
        "start_date": f"{project.start_date:%d.%m.%Y}",
        "end_date": f"{project.end_date:%d.%m.%Y}",
        "summary": f"Tiivistelmä ({role})",
        "version": project.version,
    }


def _transition_data(project: models.Model, role: str) -> dict:
    allowed = [to for to in project.allowed_transitions() if not project.transition_errors(to, reason=role)]
    return {"to": allowed[0] if allowed else "", "reason": f"Siirto ({role})"}


def _funding_decision_data(project: models.Model, role: str) -> dict:
    return {
        "version": project.version,
        "granted_amount": "303 924,00",
        "granted_aid_rate": "80 %",
        "funding_decision_date": "31.12.2025",
        "funding_decision_reference": f"STM/{role}",
    }


def _condition_data(project: models.Model, role: str) -> dict:
    condition = project.conditions.first()
    prefix = f"condition-{condition.pk}"
    return {
        "condition": condition.pk,
        f"{prefix}-status": "met",
        f"{prefix}-evidence": f"Aluevaltuusto § 98 ({role})",
        f"{prefix}-version": condition.version,
    }


def _check_data(meeting: Meeting, role: str) -> dict:
    first_unchecked = meeting.items.filter(checked_at__isnull=True).order_by("order", "pk").first()
    examiner = meeting.attendances.first().person_id
    return {
        "checked_on": f"{meeting.date:%d.%m.%Y}",
        "method": "in_meeting",
        "examiners": [examiner],
        "items": [first_unchecked.pk] if first_unchecked else [],
    }


POST_DATA = {
    "decisions:item_decision": lambda item, role: {
        "action": "decision",
        "resolution": "passed",
        "amended": "on",
        "decision": f"Hyväksyttiin ({role})",
        "version": item.version,
    },
    "decisions:item_correction": lambda item, role: {
        "kind": "clerical",
        "reason": f"Kirjoitusvirhe ({role})",
        "decided_by": "Puheenjohtaja",
        "decided_on": "4.12.2023",
    },
    "decisions:item_notification": lambda item, role: {
        "method": "letter",
        "recipient": f"Hakija ({role})",
        "sent_on": "4.12.2023",
    },
    "decisions:item_finality": lambda item, role: {"no_request": "on"},
    "decisions:item_extract_pdf": lambda item, role: {
        "certifier_name": f"Todistaja ({role})",
        "certifier_title": "Hallintosihteeri",
        "place": "Joensuu",
    },
    "decisions:meeting_check": _check_data,
    "decisions:meeting_publish": lambda meeting, role: {"published_on": "5.12.2023"},
    "projects:transition": _transition_data,
    "projects:funding_decision": _funding_decision_data,
    "projects:version_create": lambda project, role: {"label": f"Versio ({role})"},
    "projects:call_create": lambda _none, role: {"funder": "STM", "name": f"Haku ({role})", "max_aid_rate": "75 %"},
    "projects:call_edit": lambda call, role: {
        "funder": call.funder,
        "name": call.name,
        "max_aid_rate": f"{50 + ROLES.index(role)},50 %",
        "version": call.version,
    },
    "decisions:project_conditions": _condition_data,
    "decisions:item_edit": _item_data,
    "decisions:meeting_edit": _meeting_data,
    "decisions:body_edit": lambda body, role: {
        "version": body.version,
        "name": body.name,  # the county administrator's form (BodyForm) also holds name, kind and organisation
        "kind": body.kind,
        "organisation": body.organisation,
        "appeal_court": f"Hallinto-oikeus ({role})",
        "registry_closing_time": "15.00",
        "presenter_edits_until": "meeting_start",
    },
    "decisions:membership_create": lambda body, role: {
        "person": body.memberships.order_by("pk").first().person_id,
        "role": "member",
        "start_date": "1.6.2025",
    },
    "decisions:person_create": lambda body, role: {"first_name": "Uusi", "last_name": f"Henkilö ({role})"},
    "decisions:people_import": lambda body, role: {
        "payload": sign_import(body, "jasenet.csv", f"nimi;rooli\nTuotu Tuonti{ROLES.index(role)};jäsen\n".encode())
    },
    "decisions:membership_end": lambda membership, role: {
        "end_date": f"{20 + ROLES.index(role)}.5.2025",
        "version": membership.version,
    },
    "decisions:meeting_create": _meeting_create_data,
    "decisions:body_create": lambda _none, role: {
        "name": f"Uusi toimielin ({role})",
        "kind": "committee",
        "organisation": "Pohjois-Karjalan hyvinvointialue",
        "registry_closing_time": "15.00",
        "presenter_edits_until": "meeting_start",
    },
    "decisions:body_numbering": _numbering_data,
    "decisions:meeting_transition": _meeting_transition_data,
    "decisions:meeting_attendance": _attendance_data,
    "decisions:item_create": lambda meeting, role: {
        "title": f"Asia ({role})",
        "is_public": "on",
        "appeal_route": "rectification",
    },
    "decisions:item_move": lambda item, role: {"direction": "sideways"},
    "decisions:attachment_create": lambda item, role: {
        "number": str(ROLES.index(role) + 1),
        "title": f"Liite ({role})",
        "is_public": "on",
    },
    "projects:edit": _project_data,
    "followup:report_create": lambda _project, role: {
        "kind": "annual",
        "period_start": "1.1.2024",
        "period_end": f"{ROLES.index(role) + 1}.12.2024",
        "due_date": "28.2.2025",
    },
    "followup:report_edit": lambda report, role: {
        "version": report.version,
        "period_start": f"{report.period_start:%d.%m.%Y}",
        "period_end": f"{report.period_end:%d.%m.%Y}",
        "due_date": f"{report.due_date:%d.%m.%Y}",
        **{f"narrative-{pk}": f"Kerronta ({role})" for pk in report.project.objectives.values_list("pk", flat=True)},
    },
    "followup:report_submit": lambda report, role: {"version": report.version},
    "followup:report_attachment_create": lambda report, role: {
        "title": f"Liite ({role})",
        "file": SimpleUploadedFile("liite.pdf", b"%PDF-1.4\n%%EOF\n"),
    },
    "projects:create": lambda _none, role: application(title=f"Uusi hanke ({role})"),
    "followup:claim_create": lambda _project, role: {
        "period_start": f"{ROLES.index(role) + 1}.1.2026",
        "period_end": f"{ROLES.index(role) + 1}.1.2026",
    },
    "followup:claim_send": lambda claim, role: {"version": claim.version},
    "followup:claim_payment": lambda claim, role: {
        "version": claim.version,
        "paid_amount": f"{claim.amount_claimed}".replace(".", ","),
        "paid_on": "15.9.2025",
    },
    "followup:claim_return": lambda claim, role: {"version": claim.version, "returned_reason": f"Palautettu ({role})"},
    "followup:project_costs": lambda _project, role: {
        "date": "1.2.2025",
        "category": "staff",
        "description": f"Talkootyö ({role})",
        "hours": "2",
        "hourly_rate": "30,00",
    },
    "followup:ledger_import": lambda project, role: {
        "payload": sign_ledger(
            project.pk,
            "paakirja.csv",
            f"pvm;tili;selite;summa\n15.1.2025;4000;Palkat ({role});1 234,56\n".encode(),
            dt.date(2025, 1, 1),
            dt.date(2025, 1, 31),
            "",
        )
    },
    "followup:project_accounts": lambda _project, role: {
        "mapping-TOTAL_FORMS": "1",
        "mapping-INITIAL_FORMS": "0",
        "mapping-0-account": f"40{ROLES.index(role)}",
        "mapping-0-category": "staff",
    },
    "followup:call_accounts": lambda _call, role: {
        "mapping-TOTAL_FORMS": "1",
        "mapping-INITIAL_FORMS": "0",
        "mapping-0-account": f"41{ROLES.index(role)}",
        "mapping-0-category": "services",
    },
    "accessibility_statement": lambda _none, role: {"message": f"Palaute ({role})", "email": "", "page": "/"},
    "followup:manual_cost_delete": lambda project, role: {
        "cost": project.actual_costs.filter(ledger_import__isnull=True).order_by("pk").first().pk,
    },
}


def test_every_url_pattern_has_a_row():
    missing = [f"{name or '(no name)'}  {route}" for name, route in url_patterns() if rule_for(name, route) is None]
    assert not missing, "URL patterns without a row in MATRIX (testing/url_map.py):\n" + "\n".join(missing)


def test_every_row_names_a_url_pattern():
    names = {name for name, _route in url_patterns()}
    stale = sorted((set(MATRIX) | set(ADMIN_EXCEPTIONS)) - names)
    assert not stale, f"rows for URL patterns that no longer exist: {stale}"


def test_every_row_answers_for_every_role_and_checks_get():
    for name, rows in {**MATRIX, **ADMIN_EXCEPTIONS, "ADMIN_RULE": ADMIN_RULE}.items():
        for answers in rows.values() if name in MATRIX else [rows]:
            assert GET in answers, f"{name}: no GET row"
            assert all(len(row) == len(ROLES) for row in answers.values()), f"{name}: not one answer per role"


# Requesting them ------------------------------------------------------------------------------------------------


def fingerprint() -> dict[str, list]:
    """Every row of the domain apps, of the user accounts and of the accessibility feedback (field history
    follows the rows)."""
    state: dict[str, list] = {}
    for label in ("projects", "budgets", "followup", "decisions"):
        for model in apps.get_app_config(label).get_models():
            if not model.__name__.startswith("Historical"):
                state[model._meta.label] = list(model._base_manager.order_by("pk").values())
    state["auth.User"] = list(User.objects.order_by("pk").values())
    state["hankehallinta.AccessibilityFeedback"] = list(AccessibilityFeedback.objects.order_by("pk").values())
    return state


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def mismatch(response, answer: Any, url: str, obj: models.Model | None) -> str | None:
    """Why the response is not the expected answer; None when it is."""
    status, location = response.status_code, response.get("Location", "")
    expected_location = {
        LOGIN: f"{reverse('login')}?next=",
        ADMIN: f"{reverse('admin:login')}?next=",
        SAVED: obj.get_absolute_url() if answer == SAVED and obj is not None else "",
    }
    if answer in expected_location:
        if status == 302 and location.startswith(expected_location[answer]):
            return None
    elif answer in (REDIRECT, CREATED):
        if status == 302 and not location.startswith((reverse("login") + "?", reverse("admin:login") + "?")):
            return None
    elif status == answer:
        return None
    return f"expected {answer}, got {status} {location}".strip()


def check_row(cast: dict, objects: dict, name: str, key: str | None, answers: dict[str, tuple]) -> list[str]:
    """Request the URL as every role with every method of the row; return what differs from the table."""
    obj = objects.get(key) if key else None
    problems = []
    for method, row in answers.items():
        for role, answer in zip(ROLES, row, strict=True):
            client = client_for(cast[role])
            if obj is not None:
                obj.refresh_from_db()
            url = reverse(name, kwargs={"pk": obj.pk} if obj is not None else None)
            before = fingerprint()
            if method == GET:
                response = client.get(url)
            else:
                build = POST_DATA.get(name)
                response = client.post(url, build(obj, role) if build else {})
            problem = mismatch(response, answer, url, obj)
            changed = fingerprint() != before
            if problem is None and answer in (SAVED, CREATED) and not changed:
                problem = "saved, but nothing changed"
            if problem is None and answer not in (SAVED, CREATED) and changed:
                problem = f"answered {answer}, but the database changed"
            if problem:
                problems.append(f"{role:16} {method:4} {url}: {problem}")
    return problems


ROWS = [(name, key) for name, objects_ in MATRIX.items() for key in objects_]


@pytest.mark.parametrize(("name", "key"), ROWS, ids=[f"{name}[{key or '-'}]" for name, key in ROWS])
def test_url_answers_every_role_as_the_table_says(cast, objects, name, key):
    problems = check_row(cast, objects, name, key, MATRIX[name][key])
    assert not problems, "\n" + "\n".join(problems)


def admin_sample() -> list[str]:
    """The admin URLs requested: the index, sign-in and sign-out, and every registered model's list."""
    models_ = sorted(admin.site._registry, key=lambda model: model._meta.label)
    return ["admin:index", *ADMIN_EXCEPTIONS] + [
        f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist" for model in models_
    ]


@pytest.mark.parametrize("name", admin_sample())
def test_admin_url_answers_every_role_by_the_admin_rule(cast, name):
    problems = check_row(cast, {}, name, None, ADMIN_EXCEPTIONS.get(name, ADMIN_RULE))
    assert not problems, "\n" + "\n".join(problems)
