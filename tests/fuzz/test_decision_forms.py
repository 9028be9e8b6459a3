"""The meeting day's and the after-check forms (decisions.forms: decision, handling, votes, minutes,
records, extracts) through their views, with hypothesis-made input: the decision and its handling
(motion, vote, disqualification, dissent), the conditions and delegations it sets, the check and
publication of the minutes, a correction, a notification, finality and issuing an extract.

The same oracle as test_forms.py: never a 500; 200 is the form again with a Finnish error and
nothing changed; 302 stays on this site, the values are stored as typed, and the pages that show
them escape them. Every example is rolled back (harness.rolled_back).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from django import forms
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import event, given
from hypothesis import strategies as st

from decisions.models import (
    AgendaItem,
    DecisionCondition,
    DecisionCorrection,
    Delegation,
    Disqualification,
    Dissent,
    Extract,
    FinalityRecord,
    Meeting,
    MinutesCheck,
    Motion,
    Notification,
    Vote,
    VoteBallot,
)
from decisions.services import minutes as minutes_services
from testing.fuzz.coverage import fuzzed_in
from testing.fuzz.harness import (
    DB_SETTINGS,
    FormPage,
    _FormParser,
    apply,
    assert_escaped,
    assert_finnish_errors,
    assert_local_redirect,
    client_for,
    expected_text,
    post_drawn,
    rolled_back,
    server_errors,
    strategy_for,
)
from testing.meeting_day import meeting_day

if TYPE_CHECKING:
    from collections.abc import Callable


@dataclass(frozen=True)
class Target:
    url_name: str
    on: str  # "item" (the first § of the meeting) or "meeting"
    form_name: str
    pick: Callable[[Any], forms.BaseForm]  # the form object in the GET response's context
    stage: str  # "held", "checked" or "published": how far the meeting has gone
    record: Callable[[Any], models.Model | None]  # where a save lands (`day` -> the row)
    stored_as: dict[str, str]  # form field -> the row's field, when the names differ


def _newest(model: type[models.Model]) -> Callable[[Any], models.Model | None]:
    return lambda day: model.objects.order_by("-pk").first()


def _handling(action: str) -> Callable[[Any], forms.BaseForm]:
    return lambda context: context["forms"][action]


def _form(context: Any) -> forms.BaseForm:
    return context["form"]


def _first_item(day) -> AgendaItem:
    return AgendaItem.objects.get(pk=day.first.pk)


_ITEM = "decisions:item_decision"
TARGETS = {
    "decision": Target(_ITEM, "item", "DecisionForm", _handling("decision"), "held", _first_item, {}),
    "motion": Target(_ITEM, "item", "MotionForm", _handling("motion"), "held", _newest(Motion), {}),
    "vote": Target(_ITEM, "item", "VoteForm", _handling("vote"), "held", _newest(Vote), {}),
    "disqualification": Target(
        _ITEM, "item", "DisqualificationForm", _handling("disqualification"), "held", _newest(Disqualification), {}
    ),
    "dissent": Target(_ITEM, "item", "DissentForm", _handling("dissent"), "held", _newest(Dissent), {}),
    "condition": Target(_ITEM, "item", "ConditionForm", _handling("condition"), "held", _newest(DecisionCondition), {}),
    "delegation": Target(_ITEM, "item", "DelegationForm", _handling("delegation"), "held", _newest(Delegation), {}),
    "minutes_check": Target(
        "decisions:meeting_check", "meeting", "MinutesCheckForm", _form, "held", _newest(MinutesCheck), {}
    ),
    "publish": Target(
        "decisions:meeting_publish",
        "meeting",
        "PublishForm",
        _form,
        "checked",
        lambda day: Meeting.objects.get(pk=day.meeting.pk),
        {"published_on": "minutes_published_on"},
    ),
    "correction": Target(
        "decisions:item_correction", "item", "CorrectionForm", _form, "checked", _newest(DecisionCorrection), {}
    ),
    "notification": Target(
        "decisions:item_notification", "item", "NotificationForm", _form, "checked", _newest(Notification), {}
    ),
    "finality": Target(
        "decisions:item_finality", "item", "FinalityForm", _form, "published", _newest(FinalityRecord), {}
    ),
    # The extract form is on the item's page and posts to the extract's URL.
    "extract": Target(
        "decisions:item_detail",
        "item",
        "ExtractIssueForm",
        lambda context: context["extract_form"],
        "checked",
        _newest(Extract),
        {},
    ),
}


def valid_values(target: str, day) -> dict[str, Any]:
    """A filled-in form that saves; the examples start from it or from the form as the page gives it."""
    a, b, c = (str(member.pk) for member in day.members)
    ballots = {f"ballot_{person.pk}": "yes" for person in (day.chair, *day.members)}
    return {
        "decision": {"resolution": "passed"},
        "motion": {"proposer": a, "text": "Ehdotan asian hylkäämistä.", "seconder": b},
        "vote": {
            "question": "Päätösehdotus vastaan muutosehdotus",
            "yes_option": "päätösehdotus",
            "no_option": "ei",
            **ballots,
        },
        "disqualification": {"person": c, "ground": "relative"},
        "dissent": {"person": a},
        "condition": {"text": "Omarahoitus sisältyy talousarvioon.", "due_date": "31.12.2026"},
        "delegation": {"delegate": "kehittämisjohtaja", "scope": "Muuttamaan hakemusta."},
        "minutes_check": {"checked_on": "12.3.2026", "examiners": [a]},
        "publish": {"published_on": "13.3.2026"},
        "correction": {"kind": "clerical", "reason": "Kirjoitusvirhe.", "decided_by": "Pj", "decided_on": "20.3.2026"},
        "notification": {"method": "email", "recipient": "Hakija Oy", "sent_on": "2.4.2026"},
        "finality": {"no_request": "on"},
        "extract": {"place": "Joensuu"},
    }[target]


#: HandlingForm: the base of the handling forms, fuzzed through them.
COVERED = {target.form_name for target in TARGETS.values()} | {"HandlingForm"}


def test_this_module_fuzzes_what_the_register_says():
    """testing/fuzz/coverage.py registers with this module exactly the forms it fuzzes."""
    assert fuzzed_in(__file__) == COVERED


RECORD_MODELS = (
    Motion,
    Vote,
    VoteBallot,
    Disqualification,
    Dissent,
    DecisionCondition,
    Delegation,
    MinutesCheck,
    DecisionCorrection,
    Notification,
    FinalityRecord,
    Extract,
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # issued extracts are stored files


@pytest.fixture
def day(target, body, secretary):
    """The meeting of testing/meeting_day.py, taken as far as the target's form needs."""
    day = meeting_day(body)
    stage = TARGETS[target].stage
    if stage in ("checked", "published"):
        AgendaItem.objects.filter(pk=day.first.pk).update(
            resolution=AgendaItem.Resolution.PASSED, decision=day.first.proposal
        )
        minutes_services.check_minutes(
            day.meeting, checked_on=dt.date(2026, 3, 12), examiners=day.members[:2], method="electronic", by=secretary
        )
    if stage == "published":
        minutes_services.publish_minutes(day.meeting, published_on=dt.date(2026, 3, 13), by=secretary)
    return day


def open_page_form(client: Client, url: str, pick: Callable[[Any], forms.BaseForm]) -> tuple[FormPage, str]:
    """Like harness.open_form, for a form that is not the page's `form` (the decision page has five);
    also where the HTML form posts to."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.get("Location"))
    form = pick(response.context)
    assert form is not None, f"no form on {url}"
    parser = _FormParser()
    parser.feed(response.content.decode())
    names = {form[name].html_name for name in form.fields}

    def overlap(html_form) -> int:
        return len(names & {name for _tag, name, _attrs in html_form.controls})

    best = max(parser.forms, key=overlap)
    assert overlap(best) > 0, f"no HTML form on {url} carries the fields of {type(form).__name__}"
    values = {name: list(found) for name, found in best.values.items()}
    return FormPage(url, form, values), best.attrs.get("action") or url


def value_for(field_obj: forms.Field) -> st.SearchStrategy[Any]:
    """strategy_for, plus dates near the meeting (10.3.2026) and today, where the forms accept a day."""
    if isinstance(field_obj, forms.DateField):
        today = timezone.localdate()
        near = st.dates(dt.date(2026, 2, 1), today + dt.timedelta(days=30)).map(lambda d: f"{d.day}.{d.month}.{d.year}")
        return st.one_of(strategy_for(field_obj), near, near)
    return strategy_for(field_obj)


def snapshot(day) -> tuple:
    """Everything these forms can change."""
    item = AgendaItem.objects.get(pk=day.first.pk)
    meeting = Meeting.objects.get(pk=day.meeting.pk)
    return (
        tuple(model.objects.count() for model in RECORD_MODELS),
        (item.version, item.resolution, item.decision, item.checked_at),
        (meeting.version, meeting.state, meeting.minutes_published_on),
    )


def assert_stored(target: Target, form: forms.BaseForm, sent: dict[str, Any], row: models.Model) -> None:
    """The saved row holds what was typed (text the way Django strips it)."""
    for name, value in sent.items():
        field_obj = form.fields[name]
        attribute = target.stored_as.get(name, name)
        if name == "result" and isinstance(row, Vote) and not str(value).strip():
            continue  # an empty result is written from the positions (decisions.forms.votes)
        if name.startswith("ballot_"):
            position = VoteBallot.objects.get(vote=row, person_id=int(name.removeprefix("ballot_"))).position
            assert position == value, name
        elif not hasattr(row, attribute) or isinstance(field_obj, forms.BooleanField):
            continue  # not a column of the row; a checkbox's many spellings
        elif isinstance(field_obj, forms.ModelMultipleChoiceField):
            stored = set(getattr(row, attribute).values_list("pk", flat=True))
            chosen = {int(one) for one in value}
            # Every unchecked § chosen is the whole meeting: the check then lists no §.
            assert stored == chosen or (name == "items" and not stored), name
        elif isinstance(field_obj, forms.ModelChoiceField):
            assert getattr(row, f"{attribute}_id") == (int(value) if value else None), name
        elif isinstance(field_obj, forms.ChoiceField):
            assert getattr(row, attribute) == value, name
        elif isinstance(field_obj, forms.DateField):
            with translation.override("fi"):
                assert getattr(row, attribute) == field_obj.clean(value), name
        elif isinstance(field_obj, forms.CharField):
            assert getattr(row, attribute) == expected_text(field_obj, value), name


@pytest.mark.parametrize("target", sorted(TARGETS))
@DB_SETTINGS
@given(data=st.data())
def test_decision_form_never_fails_and_saves_or_refuses_in_finnish(request, target, day, secretary, data):
    spec = TARGETS[target]
    obj = day.first if spec.on == "item" else day.meeting
    url = reverse(spec.url_name, args=[obj.pk])
    with rolled_back():
        client = client_for(secretary)
        page, post_url = open_page_form(client, url, spec.pick)
        assert type(page.form).__name__ == spec.form_name
        post = {name: list(values) for name, values in page.data.items()}
        if data.draw(st.booleans(), "filled in"):  # else as the page gives it
            for name, value in valid_values(target, day).items():
                apply(page, name, value, post)
        names = [name for name in page.form.fields if name != "version"]  # stale versions: test_forms.py
        chosen = data.draw(st.lists(st.sampled_from(names), unique=True, min_size=1, max_size=len(names)), "fields")
        sent = {}
        for name in chosen:
            sent[name] = data.draw(value_for(page.form.fields[name]), name)
            apply(page, name, sent[name], post)
        before = snapshot(day)

        response = post_drawn(request, client, post_url, post, sent)
        if response.status_code == 302:
            event("saved")
            location = assert_local_redirect(response)
            assert snapshot(day) != before, "redirected as saved, but nothing changed"
            row = spec.record(day)
            assert row is not None
            assert_stored(spec, page.form, sent, row)
            for shown_url in {location.partition("#")[0], day.first.get_absolute_url()}:
                shown = client.get(shown_url)
                assert shown.status_code == 200, shown_url
                assert_escaped(shown.content.decode())
        else:
            assert response.status_code == 200, (response.status_code, response.get("Location"))
            event("refused: errors")
            form = response.context["forms"][target] if "forms" in response.context else response.context["form"]
            assert_finnish_errors(form)
            assert snapshot(day) == before, "a refused form changed something"
            assert_escaped(response.content.decode())


@pytest.mark.parametrize("target", ["minutes_check"])
def test_minutes_check_refuses_an_enormous_section_id(target, day, secretary):
    """Found by the suite: a § id beyond 64 bits crashed the check of the minutes (Django's
    ModelMultipleChoiceField queries `pk__in` before checking the range; SQLite raises
    OverflowError). It must be an ordinary form error in Finnish, and nothing is checked."""
    url = reverse("decisions:meeting_check", args=[day.meeting.pk])
    client = client_for(secretary)
    page, post_url = open_page_form(client, url, _form)
    post = {name: list(values) for name, values in page.data.items()}
    for name, value in valid_values(target, day).items():
        apply(page, name, value, post)
    post[page.form["items"].html_name] = ["9" * 30]
    with server_errors() as errors:
        response = client.post(post_url, post)
    assert response.status_code == 200, "\n".join(errors)
    assert "items" in response.context["form"].errors
    assert_finnish_errors(response.context["form"])
    assert not MinutesCheck.objects.exists()
