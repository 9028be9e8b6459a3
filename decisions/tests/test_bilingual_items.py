"""A bilingual (Finnish and Swedish) body's items: the forms, the check, the freezing and the pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from decisions.forms.body_admin import BodyForm
from decisions.forms.decision import DecisionForm
from decisions.models import AgendaItem, Body, CheckedDecisionError, Meeting, MinutesCheck
from decisions.services import items as item_services
from testing.factories import HELSINKI, AgendaItemFactory, MeetingFactory
from testing.meeting_day import meeting_day

pytestmark = pytest.mark.django_db

CHECKED = dt.datetime(2023, 12, 1, 12, tzinfo=HELSINKI)


def make_bilingual(body: Body) -> Body:
    Body.objects.filter(pk=body.pk).update(language=Body.Language.BILINGUAL, name_sv="Framtidsnämnden")
    body.refresh_from_db()
    return body


def upcoming_item(body: Body, **extra) -> AgendaItem:
    meeting = MeetingFactory(body=body, start=dt.datetime(2099, 1, 10, 14, tzinfo=HELSINKI))
    return AgendaItemFactory(meeting=meeting, section=None, **extra)


def edit_data(item: AgendaItem, **changes) -> dict:
    data = {
        "title": item.title,
        "proposal": item.proposal,
        "description": item.description,
        "appeal_route": item.appeal_route,
        "is_public": "on",
        "version": item.version,
        **changes,
    }
    return data


def published_bilingual_item(body: Body) -> AgendaItem:
    meeting = MeetingFactory(
        body=body, state=Meeting.State.PUBLISHED, minutes_published_on=dt.date(2023, 12, 5), year=2023
    )
    return AgendaItemFactory(
        meeting=meeting,
        checked_at=CHECKED,
        title="Kielipalvelut",
        title_sv="Språktjänster",
        proposal="Hyväksytään.",
        proposal_sv="Godkänns.",
        decision="Jaosto hyväksyi kielipalvelujen ohjelman.",
        decision_sv="Sektionen godkände programmet för språktjänster.",
    )


# Forms -------------------------------------------------------------------------------------------


def test_item_form_of_a_bilingual_body_edits_the_swedish_texts_beside_the_finnish(secretary_client, body):
    make_bilingual(body)
    item = upcoming_item(body, title="Kielipalvelut")
    url = reverse("decisions:item_edit", args=[item.pk])

    page = secretary_client.get(url).content.decode()
    assert re.search(r'<input[^>]*name="title_sv"[^>]*lang="sv"|<input[^>]*lang="sv"[^>]*name="title_sv"', page)
    assert re.search(r'<textarea[^>]*name="proposal"[^>]*lang="fi"|<textarea[^>]*lang="fi"[^>]*name="proposal"', page)
    with translation.override("fi"):
        assert gettext("Title (in Swedish)") in page

    data = edit_data(item, title_sv="Språktjänster", proposal_sv="Godkänns.", original_language="sv")
    response = secretary_client.post(url, data)

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title_sv, item.proposal_sv, item.original_language) == ("Språktjänster", "Godkänns.", "sv")


def test_item_form_of_a_finnish_body_has_no_swedish_fields(secretary_client, body):
    item = upcoming_item(body)
    url = reverse("decisions:item_edit", args=[item.pk])

    page = secretary_client.get(url).content.decode()
    assert "title_sv" not in page and "original_language" not in page

    response = secretary_client.post(url, edit_data(item, title="Uusi", title_sv="Ny titel"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.title_sv) == ("Uusi", "")


def test_stale_save_of_a_bilingual_item_is_refused_and_the_first_save_stays(secretary_client, body):
    make_bilingual(body)
    item = upcoming_item(body)
    url = reverse("decisions:item_edit", args=[item.pk])
    assert secretary_client.post(url, edit_data(item, title_sv="Först")).status_code == 302

    stale = secretary_client.post(url, edit_data(item, title_sv="Sen"))

    assert stale.status_code == 409
    assert AgendaItem.objects.get(pk=item.pk).title_sv == "Först"


def test_decision_form_records_the_swedish_decision_starting_from_the_swedish_proposal(body):
    make_bilingual(body)
    item = upcoming_item(body, proposal="Hyväksytään.", proposal_sv="Godkänns.")
    item = AgendaItem.objects.select_related("body").get(pk=item.pk)
    assert DecisionForm(instance=item).initial["decision_sv"] == "Godkänns."

    data = {"resolution": "passed", "decision": "Hyväksyttiin.", "decision_sv": "Godkändes.", "version": item.version}
    form = DecisionForm(data, instance=item)
    assert form.is_valid(), form.errors
    item_services.record_decision(form.save(commit=False), expected_version=data["version"])

    assert AgendaItem.objects.get(pk=item.pk).decision_sv == "Godkändes."


def test_decision_form_of_a_finnish_body_has_no_swedish_decision(body):
    assert "decision_sv" not in DecisionForm(instance=upcoming_item(body)).fields


def test_a_bilingual_body_needs_its_swedish_name_at_that_field(body):
    data = {"name": "Kansalliskielinen jaosto", "language": "fi-sv", "name_sv": "", "kind": "division"}
    data |= {"organisation": "Alue", "registry_closing_time": "15.00", "presenter_edits_until": "meeting_start"}

    form = BodyForm(data)

    assert not form.is_valid()
    assert list(form.errors) == ["name_sv"]
    assert BodyForm({**data, "name_sv": "Nationalspråkiga sektionen"}).is_valid()


# The check and after it --------------------------------------------------------------------------


def test_check_is_refused_while_a_translation_is_missing_naming_it(secretary_client, body):
    make_bilingual(body)
    day = meeting_day(body)
    AgendaItem.objects.filter(pk=day.first.pk).update(decision="Hyväksyttiin.", title_sv="Projektansökan")
    AgendaItem.objects.filter(pk=day.second.pk).update(
        title_sv="Anmälningsärenden", proposal_sv="Antecknas.", decision="Merkittiin.", decision_sv="Antecknades."
    )
    url = reverse("decisions:meeting_check", args=[day.meeting.pk])

    page = secretary_client.get(url).content.decode()
    assert "missing-translations" in page and "§ 21" in page

    response = secretary_client.post(url, {"checked_on": "12.3.2026", "method": "electronic", "examiners": []})

    assert response.status_code == 200
    text = response.content.decode()
    with translation.override("fi"):
        assert gettext("in Swedish") in text
    assert "§ 21" in text
    assert not MinutesCheck.objects.filter(meeting=day.meeting).exists()
    assert not AgendaItem.objects.filter(meeting=day.meeting, checked_at__isnull=False).exists()


def test_swedish_texts_cannot_change_after_the_check(body):
    item = published_bilingual_item(make_bilingual(body))
    item.decision_sv = "Ändrat."
    with pytest.raises(CheckedDecisionError):
        item.save()
    item.refresh_from_db()
    item.original_language = "sv"
    with pytest.raises(CheckedDecisionError):
        item.save()
    assert AgendaItem.objects.get(pk=item.pk).decision_sv == "Sektionen godkände programmet för språktjänster."


@pytest.mark.postgres
@pytest.mark.parametrize("column", ["title_sv", "decision_sv", "proposal_sv", "description_sv"])
def test_database_refuses_a_raw_change_of_a_checked_swedish_text(body, column):
    item = published_bilingual_item(make_bilingual(body))
    sql = f'UPDATE decisions_agendaitem SET "{column}" = %s WHERE id = %s'
    with pytest.raises(DatabaseError, match="pgtrigger"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, ["Ändrat", item.pk])
    assert getattr(AgendaItem.objects.get(pk=item.pk), column) != "Ändrat"


def test_a_copy_in_another_language_cannot_be_saved(body):
    item = upcoming_item(make_bilingual(body), title="Asia", title_sv="Ärende")
    swedish = AgendaItem.objects.select_related("body").get(pk=item.pk).in_language("sv")
    assert swedish.title == "Ärende"
    with pytest.raises(TypeError):
        swedish.save()
    assert AgendaItem.objects.get(pk=item.pk).title == "Asia"


def test_a_copy_put_into_another_language_reads_from_the_item_itself(body):
    item = upcoming_item(make_bilingual(body), title="Asia", title_sv="Ärende", decision="Hyväksyttiin.")
    item.decision_sv = "Godkändes."
    swedish = item.in_language("sv")

    assert swedish.in_language("fi") is item
    assert swedish.in_language("sv").title == "Ärende"
    assert (swedish.in_language("sv").decision, item.in_language("fi").decision) == ("Godkändes.", "Hyväksyttiin.")


# Pages -------------------------------------------------------------------------------------------


def test_staff_item_page_shows_the_reader_language_the_translation_note_and_what_is_missing(secretary_client, body):
    make_bilingual(body)
    item = upcoming_item(body, title="Kielipalvelut", title_sv="Språktjänster", original_language="sv")
    url = reverse("decisions:item_detail", args=[item.pk])

    finnish = secretary_client.get(url).content.decode()
    swedish = secretary_client.get(url, {"language": "sv"}).content.decode()

    assert "Kielipalvelut" in finnish and "translation-note" in finnish
    assert 'href="?language=sv"' in finnish or f'href="{url}?language=sv"' in finnish
    assert "missing-translations" in finnish  # the Swedish proposal
    assert re.search(r'<span lang="sv">Språktjänster</span>', swedish)
    assert "translation-note" not in swedish


def test_public_item_under_sv_shows_the_swedish_decision_with_lang_attributes(body):
    item = published_bilingual_item(make_bilingual(body))
    client = Client()

    with translation.override("sv"):
        swedish_url = reverse("archive:item", args=[item.pk])
    with translation.override("fi"):
        finnish_url = reverse("archive:item", args=[item.pk])
    swedish = client.get(swedish_url).content.decode()
    finnish = client.get(finnish_url).content.decode()

    assert swedish_url.startswith("/sv/")
    assert "Sektionen godkände programmet för språktjänster." in swedish
    assert "Jaosto hyväksyi" not in swedish
    assert "Framtidsnämnden" in swedish
    assert '<html lang="sv">' in swedish
    assert 'class="translation-note"' in swedish or "translation-note" in swedish  # Finnish is the original
    assert f'href="{finnish_url}"' in swedish
    assert "Jaosto hyväksyi kielipalvelujen ohjelman." in finnish
    assert f'href="{swedish_url}" hreflang="sv" lang="sv"' in finnish

    with translation.override("en"):
        english = client.get(reverse("archive:item", args=[item.pk])).content.decode()
    assert re.search(r'<div class="item-text" lang="fi">\s*<p>Jaosto hyväksyi', english)


def test_public_meeting_and_index_name_a_bilingual_body_in_swedish_under_sv(body):
    item = published_bilingual_item(make_bilingual(body))
    client = Client()
    with translation.override("sv"):
        meeting = client.get(reverse("archive:meeting", args=[item.meeting.pk])).content.decode()
        index = client.get(reverse("archive:index")).content.decode()

    assert "Framtidsnämnden" in meeting and "Språktjänster" in meeting
    assert "Framtidsnämnden" in index


def test_swedish_texts_are_redacted_on_the_public_page_too(body):
    item = published_bilingual_item(make_bilingual(body))
    item.private_person_data.create(text="programmet", removed_on=dt.date(2024, 1, 1))
    with translation.override("sv"):
        page = Client().get(reverse("archive:item", args=[item.pk])).content.decode()
    assert "programmet" not in page


def test_archive_item_page_of_a_bilingual_item_runs_as_many_queries_as_a_finnish_one(body, other_body):
    bilingual = published_bilingual_item(make_bilingual(body))
    finnish = published_bilingual_item(other_body)
    client = Client()

    def count(item: AgendaItem, language: str) -> int:
        with translation.override(language):
            url = reverse("archive:item", args=[item.pk])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert count(bilingual, "sv") == count(finnish, "fi") == count(bilingual, "fi")
