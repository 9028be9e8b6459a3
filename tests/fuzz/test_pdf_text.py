"""Whatever text an item holds, its extract PDF prints it literally and fetches nothing.

Hypothesis writes the item's title, proposal, decision and description (HTML, CSS url(), file://
and loopback URLs, SQL-ish text, Finnish letters), the extract is downloaded through the view,
and the PDF text holds each value as these very characters; the loopback listener counts no
connection. A PDF costs a few hundred milliseconds, so this test runs a quarter of the profile's
examples.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from decisions.models import AgendaItem
from hankehallinta import pdf
from testing.fuzz import strategies as s
from testing.fuzz.harness import DB_SETTINGS, rolled_back, server_errors, tick
from testing.safety import LoopbackListener, assert_nothing_leaked, printed_literally, read_pdf, squeeze
from testing.seed import seed_item

#: Characters the shipped font prints and pypdf reads back one to one.
PRINTABLE = s.VALID_ALPHABET + "<>\"'=/:;{}()[]@#&%!?*+-_.,§€"
FEWER = settings(DB_SETTINGS, max_examples=max(10, settings.default.max_examples // 4))


@pytest.fixture(scope="module")
def listener():
    server = LoopbackListener()
    yield server
    server.close()


@pytest.fixture
def item(body, presenter_person):
    return seed_item(body, presenter_person, checked=False)


def pdf_text_values(port: int) -> st.SearchStrategy[str]:
    payloads = [payload.replace("127.0.0.1:9", f"127.0.0.1:{port}") for payload in s.HTML_PAYLOADS]
    piece = st.one_of(
        st.sampled_from(payloads),
        st.sampled_from(s.SQL_PAYLOADS),
        st.sampled_from(s.FINNISH_TEXTS),
        st.text(PRINTABLE, min_size=1, max_size=30),
        st.just(f"url(http://127.0.0.1:{port}/bg) file:///etc/passwd"),
    )
    return st.lists(piece, min_size=1, max_size=6).map(" ".join)


@FEWER
@given(data=st.data())
def test_extract_prints_any_text_literally_and_fetches_nothing(request, item, staff_user, listener, data):
    values = {
        name: data.draw(pdf_text_values(listener.port), name)
        for name in ("title", "proposal", "decision", "description")
    }
    values["title"] = values["title"][:500]
    tick(request.node.name)
    with rolled_back():
        pdf._cache().clear()
        AgendaItem.objects.filter(pk=item.pk).update(**values)
        client = Client(raise_request_exception=False)
        client.force_login(staff_user)
        with server_errors() as errors:
            response = client.get(reverse("decisions:item_extract_pdf", args=[item.pk]))
        assert response.status_code == 200, "\n".join(errors)
        facts = read_pdf(response.content)
        assert_nothing_leaked(facts)
        assert facts.image_count == 0 and facts.link_uris == []
        text = squeeze(facts.text)
        for name, value in values.items():
            for part in value.split(" "):
                if part.strip():
                    assert printed_literally(part, text), f"{name}: {part!r} not printed literally"
    assert listener.settled_hits() == 0, listener.paths
