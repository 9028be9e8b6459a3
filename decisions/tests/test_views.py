from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from decisions.models import AgendaItem, Attendance, DecisionCondition, Delegation, Meeting, MinutesCheck
from decisions.views import extracts as views
from hankehallinta.pdf import PdfTooLarge
from testing.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    AttendanceFactory,
    MeetingFactory,
    PersonFactory,
)
from testing.queries import count_queries
from testing.seed import seed_item

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def confidential_item(body, **extra) -> AgendaItem:
    return AgendaItemFactory(
        meeting=MeetingFactory(body=body),
        title="Virkasuhteen päättäminen",
        is_public=False,
        secrecy_ground="JulkL 24.1 § 25 k",
        **extra,
    )


# Meeting list ----------------------------------------------------------------------------------


def test_meeting_list_shows_meetings_with_body_number_and_state(staff_client, body):
    MeetingFactory(body=body, year=2023, number=12, place="Joensuu", state=Meeting.State.PUBLISHED)

    response = staff_client.get(reverse("decisions:meeting_list"))

    assert response.status_code == 200
    assert "Tulevaisuuslautakunta 12/2023" in response.text
    assert "Joensuu" in response.text
    assert "Julkaistu" in response.text


def test_meeting_list_runs_the_same_queries_for_1_and_30_meetings(staff_client, body):
    url = reverse("decisions:meeting_list")
    AgendaItemFactory(meeting=MeetingFactory(body=body))
    with_one = count_queries(staff_client, url)
    for _ in range(29):
        AgendaItemFactory(meeting=MeetingFactory(body=body))

    assert count_queries(staff_client, url) == with_one


# Meeting page ----------------------------------------------------------------------------------


def test_meeting_page_lists_the_agenda_in_order_with_links(staff_client, body):
    meeting = MeetingFactory(body=body)
    second = AgendaItemFactory(meeting=meeting, order=2, section=46, title="Toinen asia")
    first = AgendaItemFactory(meeting=meeting, order=1, section=45, title="Ensimmäinen asia")

    response = staff_client.get(meeting.get_absolute_url())

    text = response.text
    assert text.index("Ensimmäinen asia") < text.index("Toinen asia")
    assert first.get_absolute_url() in text
    assert second.get_absolute_url() in text


def test_meeting_page_shows_attendance_examiners_and_the_minutes_check(staff_client, body):
    meeting = MeetingFactory(body=body)
    chair = PersonFactory(first_name="Pekka", last_name="Puheenjohtaja")
    absentee = PersonFactory(first_name="Aino", last_name="Poissa")
    AttendanceFactory(meeting=meeting, person=chair, capacity=Attendance.Capacity.CHAIR)
    AttendanceFactory(meeting=meeting, person=absentee, present=False)
    examiner = PersonFactory(first_name="Tarja", last_name="Tarkastaja")
    meeting.examiners.add(examiner)
    check = MinutesCheck.objects.create(meeting=meeting, checked_on=dt.date(2023, 12, 1))
    check.examiners.add(examiner)

    text = staff_client.get(meeting.get_absolute_url()).text

    assert "Pekka Puheenjohtaja, puheenjohtaja" in text
    assert "Poissa" in text.split("Aino Poissa")[0]  # the absent heading comes before the name
    assert "Tarja Tarkastaja" in text
    assert "1.12.2023" in text


def test_meeting_page_hides_a_confidential_title_from_staff_and_gives_the_ground(staff_client, body):
    item = confidential_item(body)

    text = staff_client.get(item.meeting.get_absolute_url()).text

    assert "Virkasuhteen päättäminen" not in text
    assert "JulkL 24.1 § 25 k" in text
    assert item.get_absolute_url() not in text


def test_meeting_page_shows_a_confidential_title_to_the_bodys_secretary(secretary_client, body):
    item = confidential_item(body)

    text = secretary_client.get(item.meeting.get_absolute_url()).text

    assert "Virkasuhteen päättäminen" in text
    assert item.get_absolute_url() in text


def test_meeting_page_runs_the_same_queries_for_1_and_10_items(staff_client, body):
    meeting = MeetingFactory(body=body)
    AgendaItemFactory(meeting=meeting, presenter=PersonFactory())
    AttendanceFactory(meeting=meeting)
    with_one = count_queries(staff_client, meeting.get_absolute_url())
    for _ in range(9):
        AgendaItemFactory(meeting=meeting, presenter=PersonFactory())
        AttendanceFactory(meeting=meeting)

    assert count_queries(staff_client, meeting.get_absolute_url()) == with_one


# Item page -------------------------------------------------------------------------------------


def test_item_page_reads_like_the_minutes(staff_client, body, presenter_person):
    item = seed_item(body, presenter_person)

    response = staff_client.get(item.get_absolute_url())

    assert response.status_code == 200
    text = response.text
    assert "Tulevaisuuslautakunta" in text
    assert "28.11.2023" in text
    assert "§ 45" in text
    assert "SIUN/1234/02.08.00/2023" in text
    assert "Päätösehdotus" in text
    assert "Strategiajohtaja Ilkka Pirskanen" in text
    assert text.index("Päätösehdotus") < text.index("Hyväksyttiin.") < text.index("Selostus")


def test_item_page_keeps_paragraphs_and_line_breaks(staff_client, body, presenter_person):
    item = seed_item(body, presenter_person)

    text = staff_client.get(item.get_absolute_url()).text

    assert "<p>Hankkeen tavoitteet ovat:</p>" in text
    assert "yhdyspintoja ja rakenteita<br>2. Hanke selkeyttää" in text
    assert "<p>Hyväksyttiin.</p>" in text


def test_item_page_escapes_the_texts(staff_client, body):
    item = AgendaItemFactory(
        meeting=MeetingFactory(body=body), title="<script>alert(1)</script>", proposal="<b>lihavoitu</b>"
    )

    text = staff_client.get(item.get_absolute_url()).text

    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;b&gt;lihavoitu&lt;/b&gt;" in text


def test_item_page_shows_the_funding_figures_in_finnish_format(staff_client, body, presenter_person):
    item = seed_item(body, presenter_person)

    text = staff_client.get(item.get_absolute_url()).text

    assert f"379{NBSP}904,00{NBSP}€" in text
    assert f"303{NBSP}924,00{NBSP}€" in text
    assert f"75{NBSP}980,00{NBSP}€" in text
    assert f"80,00{NBSP}%" in text
    assert "ylittää enimmäistukiosuuden" in text


def test_item_page_shows_conditions_delegations_and_attachments(staff_client, body):
    item = seed_item(body)
    DecisionCondition.objects.create(item=item, project=item.project, text="Omarahoitus talousarvioon 2024")
    Delegation.objects.create(item=item, project=item.project, delegate="kehittämisjohtaja", scope="muutokset")
    AttachmentFactory(item=item, number=1, title="Hankehakemus")
    AttachmentFactory(item=item, number=2, title="Henkilöliite", is_public=False, secrecy_ground="JulkL 24.1 § 32 k")

    text = staff_client.get(item.get_absolute_url()).text

    assert "Omarahoitus talousarvioon 2024" in text
    assert "kehittämisjohtaja" in text
    assert "Liite 1: Hankehakemus" in text
    assert "julkinen" in text
    assert "salassa pidettävä, JulkL 24.1 § 32 k" in text


def test_item_page_marks_an_unchecked_decision_as_draft(staff_client, body):
    item = seed_item(body, checked=False)

    text = staff_client.get(item.get_absolute_url()).text

    assert "LUONNOS" in text


def test_item_page_of_a_checked_decision_is_not_a_draft(staff_client, body):
    item = seed_item(body)

    text = staff_client.get(item.get_absolute_url()).text

    assert "LUONNOS" not in text
    assert "Tarkastettu" in text


def test_item_page_links_the_minutes_extract(staff_client, body):
    item = seed_item(body)

    text = staff_client.get(item.get_absolute_url()).text

    assert reverse("decisions:item_extract_pdf", args=[item.pk]) in text
    assert "Pöytäkirjanote (PDF)" in text


def test_confidential_item_is_refused_to_staff(staff_client, body):
    item = confidential_item(body)

    assert staff_client.get(item.get_absolute_url()).status_code == 403
    assert staff_client.get(reverse("decisions:item_extract_pdf", args=[item.pk])).status_code == 403


def test_confidential_item_is_refused_to_another_bodys_secretary(other_secretary_client, body):
    item = confidential_item(body)

    assert other_secretary_client.get(item.get_absolute_url()).status_code == 403


def test_confidential_item_is_shown_to_the_bodys_secretary_and_its_presenter(
    secretary_client, presenter_client, presenter_person, body
):
    item = confidential_item(body, presenter=presenter_person)

    assert secretary_client.get(item.get_absolute_url()).status_code == 200
    assert presenter_client.get(item.get_absolute_url()).status_code == 200


def test_missing_item_is_not_found(staff_client):
    assert staff_client.get(reverse("decisions:item_detail", args=[999999])).status_code == 404


def test_item_page_runs_the_same_queries_for_1_and_10_related_rows(staff_client, body, presenter_person):
    item = seed_item(body, presenter_person)
    url = item.get_absolute_url()
    AttachmentFactory(item=item)
    DecisionCondition.objects.create(item=item, text="Ehto")
    Delegation.objects.create(item=item, delegate="kehittämisjohtaja", scope="muutokset")
    with_one = count_queries(staff_client, url)
    for year in range(2026, 2035):
        AttachmentFactory(item=item)
        DecisionCondition.objects.create(item=item, text=f"Ehto {year}")
        Delegation.objects.create(item=item, delegate="kehittämisjohtaja", scope=f"muutokset {year}")
        item.project.budget_lines.create(category="staff", year=year, amount=1)
        item.project.financing_lines.create(source="applied", year=year, amount=1)

    assert count_queries(staff_client, url) == with_one


# Extract PDF -----------------------------------------------------------------------------------


def test_extract_pdf_is_a_download_with_a_meaningful_name(staff_client, body, presenter_person):
    item = seed_item(body, presenter_person)

    response = staff_client.get(reverse("decisions:item_extract_pdf", args=[item.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="poytakirjanote-tulevaisuuslautakunta-2023-45.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


def test_meeting_list_pages_long_lists(staff_client, body):
    for _ in range(51):
        MeetingFactory(body=body)

    first = staff_client.get(reverse("decisions:meeting_list")).text
    second = staff_client.get(reverse("decisions:meeting_list") + "?page=2").text

    assert "Sivu 1 / 2" in first
    assert 'rel="next" href="?page=2"' in first
    assert "Sivu 2 / 2" in second
    assert 'rel="prev" href="?page=1"' in second


def test_extract_pdf_that_cannot_be_made_returns_to_the_item_with_a_message(staff_client, body, monkeypatch):
    def too_large(*args, **kwargs):
        raise PdfTooLarge("Asiakirja on liian suuri tulostettavaksi.")

    monkeypatch.setattr(views, "render_pdf", too_large)
    item = seed_item(body)

    response = staff_client.get(reverse("decisions:item_extract_pdf", args=[item.pk]), follow=True)

    assert response.redirect_chain[-1][0] == item.get_absolute_url()
    assert "Asiakirja on liian suuri tulostettavaksi." in response.text
