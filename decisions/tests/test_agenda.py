"""Building the agenda: new items, § numbering, order, carrying matters over, attachments, the PDF."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from decisions.models import AgendaItem, Attachment, Meeting
from decisions.services.agenda import AgendaError, carry_over, move_item, number_agenda
from decisions.services.meetings import change_state
from projects.models import ApplicationVersion
from testing.factories import HELSINKI, AgendaItemFactory, MeetingFactory, PersonFactory
from testing.pdf import response_pdf_text
from testing.seed import seed_project

pytestmark = pytest.mark.django_db


def planned(body, number: int = 1, **extra) -> Meeting:
    values = {
        "year": 2025,
        "number": number,
        "start": dt.datetime(2025, 3, number, 14, tzinfo=HELSINKI),
        "state": Meeting.State.PLANNED,
    }
    return MeetingFactory(body=body, **{**values, **extra})


def item_data(**extra) -> dict:
    data = {
        "title": "Työkyvyn tuen palvelut -hankkeen hankehakemus",
        "register_number": "SIUN/1234/02.08.00/2025",
        "proposal": "Lautakunta hyväksyy hankehakemuksen.",
        "description": "Hankkeen tavoitteena on selkeyttää yhdyspintoja.",
        "is_public": "on",
        "appeal_route": "rectification",
        "appeal_provision": "Hyvinvointialuelaki 141 §",
    }
    return {**data, **extra}


# Adding items -------------------------------------------------------------------------------------


def test_secretary_adds_an_item_with_preparer_presenter_and_the_projects_latest_version(
    secretary_client, body, presenter_person
):
    meeting = planned(body)
    preparer = PersonFactory(first_name="Vilma", last_name="Valmistelija", title="Kehittämispäällikkö", phone="040 123")
    project = seed_project()
    ApplicationVersion.objects.create(project=project, number=1, snapshot={}, content_hash="a" * 64)
    latest = ApplicationVersion.objects.create(project=project, number=2, snapshot={}, content_hash="b" * 64)

    response = secretary_client.post(
        reverse("decisions:item_create", args=[meeting.pk]),
        item_data(preparer=preparer.pk, presenter=presenter_person.pk, project=project.pk),
    )

    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting)
    assert item.section is None  # numbered when the agenda is published
    assert (item.preparer_name, item.preparer_title, item.preparer_contact) == (
        "Vilma Valmistelija",
        "Kehittämispäällikkö",
        "040 123",
    )
    assert (item.presenter_name, item.presenter_title) == ("Ilkka Pirskanen", "Strategiajohtaja")
    assert item.application_version == latest
    assert (item.body, item.year, item.order) == (body, 2025, 1)


def test_a_version_of_another_project_is_refused(secretary_client, body):
    meeting = planned(body)
    project, other = seed_project(), seed_project()
    version = ApplicationVersion.objects.create(project=other, number=1, snapshot={}, content_hash="c" * 64)

    response = secretary_client.post(
        reverse("decisions:item_create", args=[meeting.pk]),
        item_data(project=project.pk, application_version=version.pk),
    )

    assert response.status_code == 200
    assert "Valitse valitun hankkeen hakemusversio." in response.text
    assert not AgendaItem.objects.exists()


def test_a_confidential_item_needs_its_legal_ground(secretary_client, body):
    meeting = planned(body)
    data = item_data()
    del data["is_public"]

    response = secretary_client.post(reverse("decisions:item_create", args=[meeting.pk]), data)

    assert response.status_code == 200
    assert "salassapitoperuste" in response.text
    response = secretary_client.post(
        reverse("decisions:item_create", args=[meeting.pk]), {**data, "secrecy_ground": "JulkL 24.1 § 32 k"}
    )
    assert AgendaItem.objects.get().secrecy_ground == "JulkL 24.1 § 32 k"


def test_no_appeal_needs_its_ground(secretary_client, body):
    meeting = planned(body)

    response = secretary_client.post(
        reverse("decisions:item_create", args=[meeting.pk]), item_data(appeal_route="none")
    )

    assert "Kerro peruste" in response.text
    assert not AgendaItem.objects.exists()


def test_an_item_added_to_a_published_agenda_gets_the_next_section_at_once(secretary_client, body):
    meeting = planned(body)
    AgendaItemFactory(meeting=meeting, section=None)
    change_state(meeting, Meeting.State.AGENDA_PUBLISHED)

    secretary_client.post(reverse("decisions:item_create", args=[meeting.pk]), item_data(title="Lisäasia"))

    assert AgendaItem.objects.get(title="Lisäasia").section == 2


def test_item_form_has_a_finnish_label_on_every_input(secretary_client, body):
    response = secretary_client.get(reverse("decisions:item_create", args=[planned(body).pk]))

    text = " ".join(response.text.split())
    for label in ("Otsikko", "Diaarinumero", "Valmistelija", "Esittelijä", "Päätösehdotus", "Selostus", "Hanke"):
        assert re.search(rf"> {label} </label>|> {label} ?<span", text), label
    assert "Hyvinvointialuelaki 141 §" in response.text  # the prefilled provision
    assert "Lisää asia" in response.text


def test_items_are_not_added_by_others(staff_client, other_secretary_client, body):
    meeting = planned(body)
    url = reverse("decisions:item_create", args=[meeting.pk])

    assert staff_client.post(url, item_data()).status_code == 403
    assert other_secretary_client.post(url, item_data()).status_code == 403
    assert not AgendaItem.objects.exists()


# Numbering --------------------------------------------------------------------------------------


def test_sections_run_per_body_per_year_continuing_from_the_highest(body, other_body):
    AgendaItemFactory(meeting=planned(body, 1, year=2024), section=200)
    AgendaItemFactory(meeting=planned(body, 2), section=3)
    AgendaItemFactory(meeting=planned(other_body, 1), section=40)
    meeting = planned(body, 3)
    items = [AgendaItemFactory(meeting=meeting, section=None, order=n) for n in (1, 2)]

    number_agenda(meeting)

    assert [AgendaItem.objects.get(pk=item.pk).section for item in items] == [4, 5]


def test_the_first_meeting_of_a_year_starts_at_one(body):
    AgendaItemFactory(meeting=planned(body, 9, year=2024), section=150)
    meeting = planned(body, 1, year=2026, start=dt.datetime(2026, 1, 8, 9, tzinfo=HELSINKI))
    item = AgendaItemFactory(meeting=meeting, section=None)

    number_agenda(meeting)

    assert AgendaItem.objects.get(pk=item.pk).section == 1


# Order ------------------------------------------------------------------------------------------


def test_moving_an_item_up_swaps_order_and_numbers(secretary_client, body):
    meeting = planned(body)
    first = AgendaItemFactory(meeting=meeting, order=1, section=None, title="Ensimmäinen")
    second = AgendaItemFactory(meeting=meeting, order=2, section=None, title="Toinen")
    change_state(meeting, Meeting.State.AGENDA_PUBLISHED)

    response = secretary_client.post(reverse("decisions:item_move", args=[second.pk]), {"direction": "up"})

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (second.order, second.section, first.order, first.section) == (1, 1, 2, 2)
    text = secretary_client.get(meeting.get_absolute_url()).text
    assert text.index("Toinen") < text.index("Ensimmäinen")
    assert "Siirrä ylös" in text and "Siirrä alas" in text


def test_moving_the_last_item_down_changes_nothing(body):
    meeting = planned(body)
    only = AgendaItemFactory(meeting=meeting, order=1, section=None)

    assert move_item(only, "down") is False


def test_moving_is_refused_to_staff(staff_client, body):
    meeting = planned(body)
    AgendaItemFactory(meeting=meeting, order=1)
    second = AgendaItemFactory(meeting=meeting, order=2)

    assert staff_client.post(reverse("decisions:item_move", args=[second.pk]), {"direction": "up"}).status_code == 403
    assert AgendaItem.objects.get(pk=second.pk).order == 2


# Carrying over ----------------------------------------------------------------------------------


def test_a_tabled_item_is_carried_to_the_next_planned_meeting_with_its_texts(secretary_client, body):
    held = planned(body, 1, state=Meeting.State.HELD)
    tabled = AgendaItemFactory(
        meeting=held,
        section=7,
        title="Palveluverkko",
        register_number="SIUN/9/2025",
        proposal="Hyväksytään.",
        resolution=AgendaItem.Resolution.TABLED,
        decision="Asia pantiin pöydälle.",
    )
    later = planned(body, 20)
    planned(body, 25)

    text = secretary_client.get(held.get_absolute_url()).text
    assert "Siirrä seuraavaan kokoukseen" in text
    response = secretary_client.post(reverse("decisions:item_carry_over", args=[tabled.pk]))

    new = AgendaItem.objects.get(carried_from=tabled)
    assert response["Location"] == new.get_absolute_url()
    assert (new.meeting, new.title, new.register_number, new.proposal) == (
        later,
        "Palveluverkko",
        "SIUN/9/2025",
        "Hyväksytään.",
    )
    assert (new.decision, new.resolution, new.section) == ("", "", None)
    page = secretary_client.get(new.get_absolute_url()).text
    assert "Aiempi käsittely" in page
    assert "Asia pantiin pöydälle." in page
    assert tabled.get_absolute_url() in page


def test_a_passed_item_is_not_carried_over(body):
    item = AgendaItemFactory(meeting=planned(body, 1), resolution=AgendaItem.Resolution.PASSED)
    planned(body, 20)

    with pytest.raises(AgendaError):
        carry_over(item)


def test_a_matter_is_carried_over_only_once(body):
    item = AgendaItemFactory(meeting=planned(body, 1), resolution=AgendaItem.Resolution.RETURNED)
    planned(body, 20)
    carry_over(item)

    with pytest.raises(AgendaError, match="jo siirretty"):
        carry_over(item)


def test_carrying_over_without_a_later_meeting_asks_to_create_one(secretary_client, body):
    item = AgendaItemFactory(meeting=planned(body, 1), resolution=AgendaItem.Resolution.TABLED)

    response = secretary_client.post(reverse("decisions:item_carry_over", args=[item.pk]), follow=True)

    assert "Luo ensin seuraava kokous" in response.text
    assert AgendaItem.objects.count() == 1


# Attachments ------------------------------------------------------------------------------------


def test_secretary_uploads_a_secret_attachment_with_its_ground(secretary_client, body, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = AgendaItemFactory(meeting=planned(body), section=None)
    url = reverse("decisions:attachment_create", args=[item.pk])
    upload = SimpleUploadedFile("selvitys.pdf", b"%PDF-1.4 test", content_type="application/pdf")

    refused = secretary_client.post(url, {"number": "1", "title": "Terveysselvitys", "file": upload})
    assert "Salassa pidettävälle on annettava salassapitoperuste" in refused.text
    upload.seek(0)
    response = secretary_client.post(
        url, {"number": "1", "title": "Terveysselvitys", "file": upload, "secrecy_ground": "JulkL 24.1 § 25 k"}
    )

    assert response.status_code == 302
    attachment = Attachment.objects.get(item=item)
    assert (attachment.is_public, attachment.secrecy_ground) == (False, "JulkL 24.1 § 25 k")
    assert attachment.file.read() == b"%PDF-1.4 test"


def test_an_attachment_number_is_not_used_twice(secretary_client, body):
    item = AgendaItemFactory(meeting=planned(body), section=None)
    Attachment.objects.create(item=item, number=1, title="Ensimmäinen")

    response = secretary_client.post(
        reverse("decisions:attachment_create", args=[item.pk]), {"number": "1", "title": "Toinen", "is_public": "on"}
    )

    assert "Asialla on jo liite numero 1." in response.text
    assert (
        secretary_client.get(reverse("decisions:attachment_create", args=[item.pk])).context["form"]["number"].value()
        == 2
    )


# The agenda PDF -----------------------------------------------------------------------------------


def test_agenda_pdf_holds_the_items_and_a_confidential_one_only_as_a_mention(staff_client, body, presenter_person):
    meeting = planned(body, 4, place="Joensuu, Siun sote -talo")
    AgendaItemFactory(
        meeting=meeting,
        section=None,
        order=1,
        title="Hankehakemus",
        register_number="SIUN/1234/2025",
        presenter=presenter_person,
        presenter_name="Ilkka Pirskanen",
        presenter_title="Strategiajohtaja",
        proposal="Lautakunta hyväksyy hankehakemuksen.",
        description="Hankkeen selostus.",
    )
    AgendaItemFactory(
        meeting=meeting,
        section=None,
        order=2,
        title="SALAINEN-KANARIA",
        is_public=False,
        secrecy_ground="JulkL 24.1 § 25 k",
    )
    change_state(meeting, Meeting.State.AGENDA_PUBLISHED)

    response = staff_client.get(reverse("decisions:meeting_agenda_pdf", args=[meeting.pk]))

    text = response_pdf_text(response)
    assert "ESITYSLISTA" in text
    assert "Tulevaisuuslautakunta" in text
    assert "4.3.2025" in text and "Joensuu, Siun sote -talo" in text
    assert "§ 1 Hankehakemus" in text
    assert "SIUN/1234/2025" in text
    assert "Strategiajohtaja Ilkka Pirskanen" in text
    assert "Lautakunta hyväksyy hankehakemuksen." in text and "Hankkeen selostus." in text
    assert "§ 2" in text and "JulkL 24.1 § 25 k" in text
    assert "SALAINEN-KANARIA" not in text
    assert "LUONNOS" not in text


def test_agenda_pdf_is_a_draft_until_the_agenda_is_published(secretary_client, body):
    meeting = planned(body)
    AgendaItemFactory(
        meeting=meeting, section=None, title="Luonnosasia", is_public=False, secrecy_ground="JulkL 24.1 § 25 k"
    )

    text = response_pdf_text(secretary_client.get(reverse("decisions:meeting_agenda_pdf", args=[meeting.pk])))

    assert "LUONNOS" in text
    assert "Luonnosasia" in text  # the body's secretary is entitled to the confidential item
