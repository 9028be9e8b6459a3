"""Driving a form through the real views as a browser would, one hypothesis example at a time.

- `rolled_back()`: every example runs inside a savepoint that is rolled back at its end. Hypothesis
  runs many examples inside ONE call of the test function, so function-scoped fixtures (the
  database of pytest-django, the cast of users, the seeded item) are set up once for all of them;
  without the rollback one example's save would be the next example's starting point (a new
  version number, a changed title). That is also why the tests suppress
  HealthCheck.function_scoped_fixture (DB_SETTINGS): the fixtures are shared on purpose and every
  example puts the database back as it found it.
- `open_form()`: GET the page, read the form the way a browser would (inputs, ticked boxes,
  selected options, textareas) and the Django form object behind it (to know each field's type).
- `strategy_for()`: what to type into a field of that type (testing.fuzz.strategies).
- the oracle: `server_errors()` (the traceback behind a 500), `assert_finnish_errors()` (a form
  shown again has an error in Finnish), `assert_local_redirect()` (a redirect stays on this site),
  `assert_escaped()` (a payload in a page stayed text), `expected_text()` (what Django stores).
- `tick()` counts the inputs sent; `label_inputs()` names their kinds as hypothesis events.
- `client_for()` signs a user in; `post_drawn()` posts the drawn values and asserts no server error.
"""

from __future__ import annotations

import re
import sys
import traceback
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django import forms
from django.core.signals import got_request_exception
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st

from testing.fuzz import strategies as s
from testing.safety import URL_ATTRIBUTES, HtmlFacts

if TYPE_CHECKING:
    from collections.abc import Iterator

    from django.http import HttpResponse

#: Inputs tried per test: each tick is one input actually sent (a POST or GET through a view, or
#: a call of the function under test). tests/conftest.py prints them at the end of the run.
INPUTS: Counter[str] = Counter()

#: Shared fixtures are deliberate, see the module docstring; `too_slow`: a request per example is
#: slower than hypothesis expects of a pure function, and that is the point of the suite.
DB_SETTINGS = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def tick(name: str) -> None:
    INPUTS[name] += 1


def label_inputs(values: dict[str, Any]) -> None:
    """Hypothesis events (shown by --hypothesis-show-statistics): what kinds of input were sent."""
    texts = [str(part) for value in values.values() for part in (value if isinstance(value, list) else [value])]
    kinds = {
        "NUL": any("\x00" in text for text in texts),
        "other control characters": any(char in text for text in texts for char in s.CONTROL_CHARACTERS[1:]),
        "HTML or script": any(s.TOKEN in text for text in texts),
        "SQL-ish": any(payload in text for text in texts for payload in s.SQL_PAYLOADS[:5]),
        "over 1000 characters": any(len(text) > 1000 for text in texts),
        "number or date junk": any(text in s.NUMBER_JUNK or text in s.DATE_JUNK for text in texts),
    }
    for kind, present in kinds.items():
        if present:
            event(f"input: {kind}")


class _Rollback(Exception):
    pass


@contextmanager
def rolled_back() -> Iterator[None]:
    """Run the block in a savepoint and roll it back, whatever happens inside."""
    try:
        with transaction.atomic():
            yield
            raise _Rollback
    except _Rollback:
        pass


@contextmanager
def server_errors() -> Iterator[list[str]]:
    """The tracebacks of exceptions the views raised (Client(raise_request_exception=False) turns
    them into the 500 page; this keeps the detail for the failure message)."""
    caught: list[str] = []

    def receiver(sender: object, request: object = None, **kwargs: object) -> None:
        caught.append("".join(traceback.format_exception(*sys.exc_info())))

    got_request_exception.connect(receiver, weak=False, dispatch_uid="fuzz-server-errors")
    try:
        yield caught
    finally:
        got_request_exception.disconnect(dispatch_uid="fuzz-server-errors")


# Reading a form the way a browser does ---------------------------------------------------------


@dataclass
class HtmlForm:
    attrs: dict[str, str]
    controls: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)  # (tag, name, attrs)
    values: dict[str, list[str]] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._select: str | None = None
        self._select_multiple = False
        self._select_options: list[tuple[str, bool]] = []
        self._option_value: str | None = None
        self._option_selected = False
        self._option_text: list[str] = []
        self._textarea: str | None = None
        self._textarea_text: list[str] = []

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {name: value or "" for name, value in attrs_list}
        if tag == "form":
            self._form = HtmlForm(attrs)
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text").lower()
            self._form.controls.append((tag, name, attrs))
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._form.values.setdefault(name, []).append(attrs.get("value", "on"))
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self._form.values.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "select" and name:
            self._form.controls.append((tag, name, attrs))
            self._select, self._select_multiple, self._select_options = name, "multiple" in attrs, []
        elif tag == "option" and self._select:
            self._option_value = attrs.get("value")
            self._option_selected = "selected" in attrs
            self._option_text = []
        elif tag == "textarea" and name:
            self._form.controls.append((tag, name, attrs))
            self._textarea, self._textarea_text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea_text.append(data)
        elif self._option_value is None and self._select and self._option_text is not None:
            self._option_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "option" and self._select:
            value = self._option_value if self._option_value is not None else "".join(self._option_text).strip()
            self._select_options.append((value, self._option_selected))
            self._option_value = None
        elif tag == "select" and self._select and self._form is not None:
            chosen = [value for value, selected in self._select_options if selected]
            if not chosen and not self._select_multiple and self._select_options:
                chosen = [self._select_options[0][0]]
            if chosen:
                self._form.values[self._select] = chosen
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            text = "".join(self._textarea_text)
            # A browser drops one newline right after <textarea>.
            if text.startswith("\r\n"):
                text = text[2:]
            elif text.startswith("\n"):
                text = text[1:]
            self._form.values[self._textarea] = [text]
            self._textarea = None
        elif tag == "form":
            self._form = None


@dataclass
class FormPage:
    url: str
    form: forms.BaseForm
    data: dict[str, list[str]]

    def post_names(self, name: str) -> list[str]:
        """The names the browser sends for a form field (a MultiWidget sends name_0, name_1...)."""
        bound = self.form[name]
        widget = bound.field.widget
        if isinstance(widget, forms.MultiWidget):
            return [f"{bound.html_name}{suffix}" for suffix in widget.widgets_names]
        return [bound.html_name]


def open_form(client: Client, url: str, *, context_name: str = "form") -> FormPage:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.get("Location"))
    form = response.context[context_name]
    parser = _FormParser()
    parser.feed(response.content.decode())
    names = {form[name].html_name for name in form.fields}

    def overlap(html_form: HtmlForm) -> int:
        return len(names & {name for _tag, name, _attrs in html_form.controls})

    best = max(parser.forms, key=overlap)
    assert overlap(best) > 0, f"no HTML form on {url} carries the fields of {type(form).__name__}"
    return FormPage(url, form, {name: list(values) for name, values in best.values.items()})


# What to type into a field ---------------------------------------------------------------------


def _valid_choices(field_obj: forms.Field) -> list[str]:
    choices = []
    for value, label in getattr(field_obj, "choices", []):
        if isinstance(label, (list, tuple)):  # option groups
            choices += [str(inner) for inner, _label in label]
        elif value not in ("", None):
            choices.append(str(getattr(value, "value", value)))
        if len(choices) >= 30:
            break
    return choices


def strategy_for(field_obj: forms.Field) -> st.SearchStrategy[Any]:
    """Values for one form field, by its type; a MultiWidget field gets a list, one per sub-widget."""
    if isinstance(field_obj, forms.SplitDateTimeField):
        return st.tuples(s.date_value(), s.time_value()).map(list)
    if isinstance(field_obj, forms.FileField):
        return st.just(None)
    if isinstance(field_obj, (forms.ModelMultipleChoiceField, forms.MultipleChoiceField)):
        return s.multiple_choice_value(_valid_choices(field_obj))
    if isinstance(field_obj, (forms.ModelChoiceField, forms.ChoiceField)):
        return s.choice_value(_valid_choices(field_obj))
    if isinstance(field_obj, (forms.BooleanField, forms.NullBooleanField)):
        return s.boolean_value()
    if isinstance(field_obj, forms.DateTimeField):
        return s.datetime_value()
    if isinstance(field_obj, forms.DateField):
        return s.date_value()
    if isinstance(field_obj, forms.TimeField):
        return s.time_value()
    if isinstance(field_obj, (forms.DecimalField, forms.FloatField)):
        return s.amount_value()
    if isinstance(field_obj, forms.IntegerField):
        return s.integer_value(getattr(field_obj, "min_value", None), getattr(field_obj, "max_value", None))
    if isinstance(field_obj, forms.EmailField):
        return s.email_value()
    if isinstance(field_obj, forms.CharField):
        textarea = isinstance(field_obj.widget, forms.Textarea)
        text = s.text_value(field_obj.max_length if not textarea else (field_obj.max_length or 4000))
        if re.search(r"amount|summa|euro|rate", field_obj.label and str(field_obj.label) or "", re.IGNORECASE):
            return st.one_of(text, s.amount_value())
        return text
    return s.text_value(None)


def apply(page: FormPage, name: str, value: Any, data: dict[str, list[str]]) -> None:
    """Put a drawn value into the POST data the way a browser would send it."""
    post_names = page.post_names(name)
    if len(post_names) > 1:
        for post_name, part in zip(post_names, value, strict=False):
            data[post_name] = [part]
        return
    [post_name] = post_names
    if value is None:
        data.pop(post_name, None)
    elif isinstance(value, list):
        data[post_name] = [str(one) for one in value]
        if not value:
            data.pop(post_name, None)
    else:
        data[post_name] = [value]


# The oracle ------------------------------------------------------------------------------------

#: Django's English defaults: seeing one means a message was not translated.
ENGLISH = re.compile(
    r"^(This field|Enter a|Ensure this|Select a valid|Null characters|Invalid|The two|Your old|"
    r"Please enter|This password|The password)"
)


def expected_text(field_obj: forms.CharField, sent: str) -> str:
    """What Django stores for a text a CharField accepted: stripped unless strip=False."""
    return sent.strip() if getattr(field_obj, "strip", True) else sent


def assert_finnish_errors(form: forms.BaseForm) -> None:
    messages = [str(message) for errors in form.errors.values() for message in errors]
    assert messages, "the form was shown again without an error message"
    english = [message for message in messages if ENGLISH.match(message)]
    assert not english, f"untranslated error messages: {english}"


def assert_local_redirect(response) -> str:
    location = response["Location"]
    parts = urlsplit(location)
    assert not parts.scheme and not parts.netloc, f"redirect off the site: {location!r}"
    assert not location.startswith(("//", "/\\", "\\")), f"redirect off the site: {location!r}"
    return location


def assert_escaped(html: str) -> None:
    """Every TOKEN-carrying payload that made it into the page stayed text: element content, an
    input's value, or URL-encoded in a link's query string (the portfolio's export links)."""
    assert not re.search(rf"<script[^>]*>[^<]*{s.TOKEN}", html, re.IGNORECASE)
    if s.TOKEN not in html:
        return
    facts = HtmlFacts(html)
    for tag, attrs in facts.elements:
        assert s.TOKEN not in tag, f"the payload became an element <{tag}>"
        for name, value in attrs:
            assert s.TOKEN not in name, f"the payload became an attribute {name} of <{tag}>"
            if s.TOKEN not in value:
                continue
            if name in URL_ATTRIBUTES:
                query = value.partition("?")[2]
                assert s.TOKEN in query and not re.search(r"[<>\"' ]", query), f"<{tag} {name}={value!r}>"
                assert not value.strip().lower().startswith(("javascript:", "data:")), f"<{tag} {name}={value!r}>"
            else:
                assert name in ("value", "title", "aria-label", "content", "placeholder"), f"<{tag} {name}={value!r}>"
    for css in facts.style_contexts():
        assert s.TOKEN not in css, f"the payload reached CSS: {css[:200]!r}"
    for script in facts.script_texts:
        assert s.TOKEN not in script, f"the payload reached a script: {script[:200]!r}"


def client_for(user) -> Client:
    """A signed-in client that answers a server error with a 500 instead of raising it."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def post_drawn(request, client: Client, url: str, post: dict[str, list[str]], sent: dict[str, Any]) -> HttpResponse:
    """POST the form with the drawn values `sent` (counted and labelled): never a 500, no logged error."""
    tick(request.node.name)
    label_inputs(sent)
    with server_errors() as errors:
        response = client.post(url, post)
    assert response.status_code != 500, "\n".join(errors)
    assert not errors, "\n".join(errors)
    return response


def draw_and_post(
    request, data: st.DataObject, client: Client, url: str, *, strategies: dict[str, st.SearchStrategy] | None = None
) -> tuple[FormPage, HttpResponse]:
    """Open the form at `url`, draw values for some of its fields (all but `version`: stale saves
    have their own test, tests/test_stale_saves.py) and POST them with the rest as the page filled
    them. `strategies` adds, per field, values people type beside the field's own strategy."""
    page = open_form(client, url)
    post = {name: list(values) for name, values in page.data.items()}
    names = [name for name in page.form.fields if name != "version"]
    chosen = data.draw(st.lists(st.sampled_from(names), unique=True, min_size=1, max_size=len(names)), "fields")
    sent = {}
    for name in chosen:
        strategy = strategy_for(page.form.fields[name])
        if strategies and name in strategies:
            strategy = st.one_of(strategies[name], strategy)
        sent[name] = data.draw(strategy, name)
        apply(page, name, sent[name], post)
    return page, post_drawn(request, client, url, post, sent)


def assert_saved_or_refused_in_finnish(client: Client, response: HttpResponse) -> str | None:
    """A drawn POST either saved and redirected to a page that shows escaped text, or answered the
    form again with its errors in Finnish. Returns where a save redirected (None when refused)."""
    if response.status_code == 302:
        event("saved")
        location = assert_local_redirect(response)
        shown = client.get(location)
        assert shown.status_code == 200
        assert_escaped(shown.content.decode())
        return location
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    event("refused: errors")
    assert_finnish_errors(response.context["form"])
    assert_escaped(response.content.decode())
    return None
