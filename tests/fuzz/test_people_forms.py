"""The CSV import of people (decisions.forms.people: the upload and the confirmation) through the
real view, with hypothesis input: files of drawn headers, cells, delimiters and encodings, and
drawn confirmation payloads.

The oracle: never a 500; an upload is previewed (200) and writes nothing; a preview without
errors offers the confirmation, and confirming it writes exactly the planned rows; a payload that
is not one the page signed is refused in Finnish and writes nothing. Every example is rolled back.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st

from decisions.models import Membership, Person
from testing.fuzz import strategies as s
from testing.fuzz.coverage import fuzzed_in
from testing.fuzz.harness import DB_SETTINGS, assert_escaped, client_for, rolled_back, server_errors, tick

FUZZED = {"PeopleImportForm", "PeopleImportConfirmForm"}

HEADERS = (
    "nimi",
    "name",
    "Etunimi",
    "sukunimi",
    "rooli",
    "role",
    "sähköposti",
    "e-mail",
    "nimike",
    "toimielin",
    "alkaa",
    "start",
    "päättyy",
    "end",
    "kenen varajäsen",
    "yksikkö",
    "Nimi",
    "tuntematon",
    "",
)
ROLES = ("jäsen", "puheenjohtaja", "member", "chair", "henkilökohtainen varajäsen", "deputy", "sihteeri", "pomo", "")


def cell() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(ROLES),
        st.sampled_from(("Pekka Turunen", "Turunen, Pekka", "Sanna Sihteeri", "Aluehallitus", "Tulevaisuuslautakunta")),
        s.date_value(),
        s.email_value(),
        s.text_value(120),
    )


@st.composite
def csv_files(draw) -> bytes:
    delimiter = draw(st.sampled_from((";", ",", "\t")))
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8))
    rows = draw(st.lists(st.lists(cell(), max_size=len(header) + 1), max_size=6))
    quote = lambda text: '"' + text.replace('"', '""') + '"' if any(c in text for c in f'"{delimiter}\r\n') else text  # noqa: E731
    text = "\r\n".join(delimiter.join(quote(value) for value in line) for line in [header, *rows])
    encoding = draw(st.sampled_from(("utf-8", "utf-8-sig", "cp1252", "utf-16")))
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=200))
    return text.encode(encoding, errors="replace")


@st.composite
def clean_files(draw) -> bytes:
    """Files a secretary would write: known columns, real names and roles, valid or empty dates."""
    names = st.sampled_from(("Pekka Turunen", "Turunen, Pekka", "Anna Virtanen", "Äijä Ölli", "Sanna Sihteeri"))
    roles = st.sampled_from(("jäsen", "puheenjohtaja", "member", "Varapuheenjohtaja", "esittelijä", "sihteeri"))
    dates = st.one_of(st.just(""), st.dates().map(lambda day: f"{day.day}.{day.month}.{day.year}"))
    rows = draw(
        st.lists(
            st.tuples(names, roles, dates, st.sampled_from(("", "a@example.fi", "b@example.fi"))),
            min_size=1,
            max_size=5,
        )
    )
    text = "nimi;rooli;alkaa;sähköposti\n" + "".join(f"{n};{r};{d};{e}\n" for n, r, d, e in rows)
    return draw(st.sampled_from((b"", b"\xef\xbb\xbf"))) + text.encode(draw(st.sampled_from(("utf-8", "cp1252"))))


def counts() -> tuple[int, int]:
    return Person.objects.count(), Membership.objects.count()


def test_this_module_fuzzes_what_the_register_says():
    """testing/fuzz/coverage.py registers with this module exactly the forms it fuzzes."""
    assert fuzzed_in(__file__) == FUZZED


@pytest.mark.django_db
@DB_SETTINGS
@given(content=st.one_of(csv_files(), clean_files()))
def test_an_uploaded_file_is_previewed_and_only_a_clean_one_is_confirmed(request, body, other_body, secretary, content):
    url = reverse("decisions:people_import", args=[body.pk])
    with rolled_back():
        client = client_for(secretary)
        before = counts()
        tick(request.node.name)
        with server_errors() as errors:
            response = client.post(url, {"file": SimpleUploadedFile("tiedosto.csv", content, content_type="text/csv")})
        assert response.status_code == 200, "\n".join(errors)
        assert not errors, "\n".join(errors)
        assert counts() == before
        assert_escaped(response.content.decode())
        plan = response.context.get("plan")
        if plan is None or not plan.valid:
            event("refused: errors" if plan is not None else "refused: the upload form")
            assert response.context.get("confirm") is None
            return
        event("previewed clean")
        payload = response.context["confirm"]["payload"].value()
        with server_errors() as errors:
            done = client.post(url, {"payload": payload})
        assert done.status_code == 302, "\n".join(errors)
        people, memberships = counts()
        assert memberships - before[1] == plan.new_memberships
        assert people - before[0] == plan.new_people


@pytest.mark.django_db
@DB_SETTINGS
@given(payload=s.hostile_text(3000))
def test_a_payload_the_page_did_not_sign_writes_nothing(request, body, secretary, payload):
    url = reverse("decisions:people_import", args=[body.pk])
    with rolled_back():
        client = client_for(secretary)
        before = counts()
        tick(request.node.name)
        with server_errors() as errors:
            response = client.post(url, {"payload": payload})
        assert response.status_code == 200, "\n".join(errors)
        assert counts() == before
        messages = [str(message) for message in response.context["messages"]]
        assert messages and not any(message.startswith(("This field", "Enter a")) for message in messages)
