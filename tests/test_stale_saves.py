"""No lost update anywhere (issue 14, item 4): every view that changes an existing row from a form
refuses a stale save with 409, as the editors do.

The list of edit views is read from the URL resolver: every URL whose view_entry names a model and
accepts POST. Each one either has a two-sessions case below (sessions A and B open the form, A saves,
B saves: B gets 409 and A's value stays) or is in NOT_EDITS with the reason it cannot lose an update.
A new edit view without either fails test_every_edit_view_has_a_stale_save_case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from decisions.models import Attendance, Body, DecisionCondition, Meeting, Membership
from followup.models import PaymentClaim, ReportNarrative
from followup.services.claims import draft_claim, send_claim
from projects.models import FundingCall, Project
from testing.factories import (
    HELSINKI,
    FundingCallFactory,
    MeetingFactory,
    MembershipFactory,
    ObjectiveFactory,
    PersonFactory,
    ReportFactory,
    balanced_project,
)
from testing.meeting_day import meeting_day
from testing.seed import seed_item

pytestmark = pytest.mark.django_db

# POST views on an existing object that are no edit of it, so there is no update to lose:
NOT_EDITS = {
    # They create a new row under the object (a second POST makes another row, which is what was asked).
    "projects:version_create",  # a named, frozen version of the application
    "decisions:membership_create",  # a new membership of the body
    "decisions:person_create",  # a new person, from the body's page
    "decisions:people_import",  # new people and memberships from a previewed CSV file (existing ones skipped)
    "decisions:body_meeting_create",  # a new meeting of the body
    "decisions:item_create",  # a new agenda item of the meeting
    "decisions:attachment_create",  # a new attachment of the item
    "decisions:item_correction",  # a new correction of checked minutes (each one is its own record)
    "decisions:item_notification",  # a new notification record
    # One-time records and state steps, guarded by their precondition under the row lock: the second
    # session's POST is refused with its message (nothing is overwritten).
    "decisions:item_finality",  # the one finality record ("already confirmed final")
    "decisions:item_extract_pdf",  # the one extract: a repeat returns it (tests in decisions/tests)
    "decisions:meeting_check",  # checks the unchecked § only; checked ones cannot change
    "decisions:meeting_publish",  # only checked minutes can be published, once
    "decisions:meeting_transition",  # a step of the meeting's state table, allowed from the current state
    "decisions:item_move",  # moves one place up or down in the order as it now is
    "decisions:item_carry_over",  # a step allowed only from the item's current state
    "projects:transition",  # a step of the project's state table, allowed from the current state
    # Reports (followup): new rows, and the submission, which carries the page's version (a stale one
    # is 409, followup/tests/test_reports.py) and is allowed once.
    "followup:report_schedule",  # creates the reports the schedule is missing, none twice
    "followup:report_create",  # a new report of the project
    "followup:report_attachment_create",  # a new attachment of the report
    "followup:report_submit",  # drafted -> submitted, with the page's version
    # Actual costs (followup): new rows, a replaced period, a mapping set account by account.
    "followup:project_costs",  # the POST adds a new manual cost
    "followup:ledger_import",  # replaces the period's ledger rows with the previewed file's, as confirmed
    "followup:manual_cost_delete",  # deletes one manual cost; a second delete finds it gone (a message)
    "followup:project_accounts",  # sets the categories of the accounts sent; each account is its own row
    "followup:call_accounts",  # as the project's mapping, for the call
    # Payment claims (followup): a new claim, and the send, a step allowed only from "drafted" that
    # carries the page's version (a stale one is 409, followup/tests/test_claims_views.py).
    "followup:claim_create",  # a new claim of the project
    "followup:claim_send",  # drafted -> sent, with the page's version
}


def edit_views() -> set[str]:
    """Every URL name ("namespace:name") whose view_entry names a model and accepts POST."""

    def walk(patterns: list, namespace: str | None) -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                entry = getattr(pattern.callback, "view_entry", None)
                if entry and entry["model"] is not None and "POST" in entry["methods"]:
                    yield f"{namespace}:{pattern.name}"

    return set(walk(get_resolver().url_patterns, None))


# The browser's side: the values a form sends as the page shows it ---------------------------------


class _Forms(HTMLParser):
    """The controls of each <form> of a page with the values a browser would send."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, list[str]]] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_values: list[str] = []
        self._select_first: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        name = attributes.get("name", "")
        if tag == "form":
            self.forms.append({})
        elif not self.forms:
            return
        elif tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in ("submit", "button", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            self.forms[-1].setdefault(name, []).append(attributes.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.forms[-1][name] = [""]
        elif tag == "select" and name:
            self._select, self._select_values, self._select_first = name, [], None
        elif tag == "option" and self._select:
            value = attributes.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attributes:
                self._select_values.append(value)

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1][self._textarea][0] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            if self._textarea and self.forms:
                value = self.forms[-1][self._textarea][0]
                self.forms[-1][self._textarea][0] = value.removeprefix("\n")
            self._textarea = None
        elif tag == "select" and self._select and self.forms:
            values = self._select_values or ([self._select_first] if self._select_first is not None else [])
            self.forms[-1][self._select] = values
            self._select = None


def form_values(client: Client, url: str, field_name: str) -> dict[str, list[str]]:
    """What the page's form with `field_name` sends (the form opened in this session)."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    parser = _Forms()
    parser.feed(response.content.decode())
    [values] = [form for form in parser.forms if field_name in form]
    return values


# The cases ---------------------------------------------------------------------------------------


@dataclass
class World:
    """One edit view's object, who edits it, and how to read back the field the sessions change."""

    obj: models.Model
    user: Any
    read: Callable[[], str]
    field_name: str
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Case:
    world: Callable[[dict[str, Any]], World]
    value_a: str
    value_b: str


def _meeting_edit(cast: dict[str, Any]) -> World:
    meeting = MeetingFactory(body=cast["body"], year=2030, number=1, start=dt.datetime(2030, 5, 2, 14, tzinfo=HELSINKI))
    return World(meeting, cast["secretary"], lambda: Meeting.objects.get(pk=meeting.pk).place, "place")


def _body_edit(cast: dict[str, Any]) -> World:
    body = cast["body"]
    return World(body, cast["secretary"], lambda: Body.objects.get(pk=body.pk).registry_email, "registry_email")


def _body_numbering(cast: dict[str, Any]) -> World:
    """The year's start as the page opened for the current year showed it (none yet): the first
    session's save creates it, the second session's is stale."""
    body = cast["body"]

    def read() -> str:
        return str(body.numbering_starts.values_list("first_section", flat=True).first())

    return World(body, cast["secretary"], read, "first_section")


def _membership_end(cast: dict[str, Any]) -> World:
    person = PersonFactory(first_name="Ville", last_name="Varajäsen")
    membership = MembershipFactory(person=person, body=cast["body"], start_date=dt.date(2020, 1, 1))

    def read() -> str:
        return f"{Membership.objects.get(pk=membership.pk).end_date:%-d.%-m.%Y}"

    return World(membership, cast["secretary"], read, "end_date")


def _meeting_attendance(cast: dict[str, Any]) -> World:
    meeting = meeting_day(cast["body"]).meeting

    def read() -> str:
        return "".join(Attendance.objects.filter(meeting=meeting).values_list("note", flat=True))

    return World(meeting, cast["secretary"], read, "attendance-0-note")


def _unchecked_item(cast: dict[str, Any]) -> Any:
    return seed_item(cast["body"], cast["presenter_person"], checked=False)


def _item_edit(cast: dict[str, Any]) -> World:
    item = _unchecked_item(cast)
    return World(item, cast["secretary"], lambda: type(item).objects.get(pk=item.pk).title, "title")


def _item_decision(cast: dict[str, Any]) -> World:
    item = _unchecked_item(cast)
    return World(item, cast["secretary"], lambda: type(item).objects.get(pk=item.pk).decision, "decision")


def _project_conditions(cast: dict[str, Any]) -> World:
    item = seed_item(cast["body"], cast["presenter_person"])
    condition = DecisionCondition.objects.create(item=item, project=item.project, text="Omarahoitusosuus 2024.")
    prefix = f"condition-{condition.pk}"
    return World(
        item.project,
        cast["director"],
        lambda: DecisionCondition.objects.get(pk=condition.pk).evidence,
        f"{prefix}-evidence",
        extra={f"{prefix}-status": "met"},
    )


def _project_edit(cast: dict[str, Any]) -> World:
    project = balanced_project()
    return World(project, cast["director"], lambda: Project.objects.get(pk=project.pk).title, "title")


def _funding_decision(cast: dict[str, Any]) -> World:
    project = balanced_project(state=Project.State.SUBMITTED)
    return World(
        project,
        cast["director"],
        lambda: Project.objects.get(pk=project.pk).funding_decision_reference,
        "funding_decision_reference",
        extra={"granted_amount": "100", "funding_decision_date": "1.2.2025"},
    )


def _call_edit(cast: dict[str, Any]) -> World:
    call = FundingCallFactory(funder="STM", name="Kehittämishaku")
    return World(call, cast["director"], lambda: FundingCall.objects.get(pk=call.pk).name, "name")


def _report_edit(cast: dict[str, Any]) -> World:
    report = ReportFactory()
    objective = ObjectiveFactory(project=report.project, order=1)

    def read() -> str:
        return "".join(ReportNarrative.objects.filter(report=report).values_list("text", flat=True))

    return World(report, cast["director"], read, f"narrative-{objective.pk}")


def _sent_claim(user: Any) -> PaymentClaim:
    """A sent claim of 0,00 € (no costs) of a project with the funder's decision."""
    project = balanced_project(
        state=Project.State.IN_PROGRESS,
        granted_amount="800.00",
        granted_aid_rate="0.8000",
        funding_decision_date=dt.date(2024, 1, 15),
        funding_decision_reference="STM/1",
    )
    claim = draft_claim(
        project, period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 6, 30), is_final=False, by=user
    )
    return send_claim(claim, by=user)


def _claim_payment(cast: dict[str, Any]) -> World:
    claim = _sent_claim(cast["director"])

    def read() -> str:
        return PaymentClaim.objects.get(pk=claim.pk).difference_explanation

    extra = {"paid_amount": "1,00", "paid_on": "1.9.2024"}  # differs from the 0,00 € claimed: explained
    return World(claim, cast["director"], read, "difference_explanation", extra=extra)


def _claim_return(cast: dict[str, Any]) -> World:
    claim = _sent_claim(cast["director"])
    return World(
        claim, cast["director"], lambda: PaymentClaim.objects.get(pk=claim.pk).returned_reason, "returned_reason"
    )


CASES: dict[str, Case] = {
    "decisions:meeting_edit": Case(_meeting_edit, "Sali A", "Sali B"),
    "decisions:body_edit": Case(_body_edit, "a@example.fi", "b@example.fi"),
    "decisions:body_numbering": Case(_body_numbering, "101", "201"),
    "decisions:membership_end": Case(_membership_end, "31.12.2030", "30.6.2030"),
    "decisions:meeting_attendance": Case(_meeting_attendance, "Saapui A", "Saapui B"),
    "decisions:item_edit": Case(_item_edit, "Otsikko A", "Otsikko B"),
    "decisions:item_decision": Case(_item_decision, "Päätös A", "Päätös B"),
    "decisions:project_conditions": Case(_project_conditions, "Talousarvio A § 1", "Talousarvio B § 2"),
    "projects:edit": Case(_project_edit, "Hanke A", "Hanke B"),
    "projects:funding_decision": Case(_funding_decision, "STM/A", "STM/B"),
    "projects:call_edit": Case(_call_edit, "Haku A", "Haku B"),
    "followup:report_edit": Case(_report_edit, "Kerronta A", "Kerronta B"),
    "followup:claim_payment": Case(_claim_payment, "Selitys A", "Selitys B"),
    "followup:claim_return": Case(_claim_return, "Palautettu A", "Palautettu B"),
}


def test_every_edit_view_has_a_stale_save_case():
    views = edit_views()

    assert views - CASES.keys() - NOT_EDITS == set(), "an edit view without a stale-save case (or a reason)"
    assert (CASES.keys() | NOT_EDITS) - views == set(), "a case or a reason for a view that is gone"
    assert CASES.keys() & NOT_EDITS == set()


def _session(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("url_name", sorted(CASES))
def test_a_stale_save_is_refused_with_409_and_the_first_save_stays(
    url_name, body, secretary, director, presenter_person
):
    case = CASES[url_name]
    world = case.world(
        {"body": body, "secretary": secretary, "director": director, "presenter_person": presenter_person}
    )
    url = reverse(url_name, args=[world.obj.pk])
    session_a, session_b = _session(world.user), _session(world.user)
    form_a = form_values(session_a, url, world.field_name)
    form_b = form_values(session_b, url, world.field_name)

    saved = session_a.post(url, {**form_a, **world.extra, world.field_name: case.value_a})
    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert world.read() == case.value_a

    stale = session_b.post(url, {**form_b, **world.extra, world.field_name: case.value_b})

    assert stale.status_code == 409, stale.content.decode()[:3000]
    assert world.read() == case.value_a
    assert case.value_b in stale.content.decode()  # the user's own value is shown, not lost
