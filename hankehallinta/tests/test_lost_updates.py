"""No lost updates: two people open the same form, the first save wins, the second is refused with 409,
sees the current data and keeps what they typed. On PostgreSQL, threads prove the row lock."""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from decisions.forms.items import AgendaItemForm
from decisions.models import AgendaItem, Meeting
from hankehallinta.models import AuditEvent
from hankehallinta.versioning import StaleVersionError, save_if_unchanged
from projects.models import Project
from testing.editor_data import post_data
from testing.factories import AgendaItemFactory, MeetingFactory, ProjectFactory

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import User
    from django.db import models

THREADS = 8


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def version_in(page: str) -> int:
    match = re.search(r'<input type="hidden" name="version" value="(\d+)"', page)
    assert match, "the form carries no version"
    return int(match.group(1))


def item_data(item: AgendaItem, version: int, proposal: str) -> dict:
    return {
        "title": item.title,
        "proposal": proposal,
        "appeal_route": item.appeal_route,
        "is_public": "on",
        "version": version,
    }


@dataclass
class Edit:
    """One edit page, and how to send a change of one text field through it."""

    url: str
    field: str
    data: Callable[[int, str], dict]
    stored: Callable[[], tuple[str, int]]


def two_people_edit(first: Client, second: Client, edit: Edit) -> None:
    """Both open the form; the first saves, then the second: the second is refused and loses nothing."""
    opened_first = version_in(first.get(edit.url).text)
    opened_second = version_in(second.get(edit.url).text)
    assert opened_first == opened_second == 1

    saved = first.post(edit.url, edit.data(opened_first, "Ensimmäisen tallentajan teksti"))
    stale = second.post(edit.url, edit.data(opened_second, "Toisen kirjoittama & <tärkeä> teksti"))

    assert saved.status_code == 302
    assert stale.status_code == 409
    assert edit.stored() == ("Ensimmäisen tallentajan teksti", 2)
    page = stale.text
    assert "Joku muu tallensi tämän tiedon" in page
    form_part, own_part = page.split('id="conflict-heading"')
    assert "Ensimmäisen tallentajan teksti" in form_part  # the form now holds the current data...
    assert version_in(form_part) == 2  # ...with the current version
    assert "Toisen kirjoittama &amp; &lt;tärkeä&gt; teksti" in own_part  # and what the second typed, escaped
    # With the fresh version the second person can save their text on top of the current data.
    again = second.post(edit.url, edit.data(version_in(form_part), "Toisen kirjoittama teksti"))
    assert again.status_code == 302
    assert edit.stored() == ("Toisen kirjoittama teksti", 3)


def stored(obj: models.Model, field: str) -> Callable[[], tuple[str, int]]:
    def read() -> tuple[str, int]:
        row = type(obj)._base_manager.values(field, "version").get(pk=obj.pk)
        return row[field], row["version"]

    return read


# Two clients ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_item_second_save_of_the_same_version_is_refused_and_keeps_both_texts(secretary, body):
    item = AgendaItemFactory(meeting=MeetingFactory(body=body), section=None)
    edit = Edit(
        url=reverse("decisions:item_edit", args=[item.pk]),
        field="proposal",
        data=lambda version, text: item_data(item, version, text),
        stored=stored(item, "proposal"),
    )
    two_people_edit(signed_in(secretary), signed_in(secretary), edit)


@pytest.mark.django_db
def test_item_presenter_and_secretary_cannot_overwrite_each_other(secretary, presenter, presenter_person, body):
    upcoming = MeetingFactory(body=body, start=timezone.now() + dt.timedelta(days=7))
    item = AgendaItemFactory(meeting=upcoming, section=None, presenter=presenter_person)
    edit = Edit(
        url=reverse("decisions:item_edit", args=[item.pk]),
        field="proposal",
        data=lambda version, text: item_data(item, version, text),
        stored=stored(item, "proposal"),
    )
    two_people_edit(signed_in(secretary), signed_in(presenter), edit)


@pytest.mark.django_db
def test_meeting_second_save_of_the_same_version_is_refused_and_keeps_both_texts(secretary, body):
    meeting = MeetingFactory(body=body, place="Joensuu")
    edit = Edit(
        url=reverse("decisions:meeting_edit", args=[meeting.pk]),
        field="place",
        data=lambda version, text: {"start": "28.11.2023 14:00", "place": text, "version": version},
        stored=stored(meeting, "place"),
    )
    two_people_edit(signed_in(secretary), signed_in(secretary), edit)


@pytest.mark.django_db
def test_project_second_save_of_the_same_version_is_refused_and_keeps_both_texts(director, admin_user):
    project = ProjectFactory()
    edit = Edit(
        url=reverse("projects:edit", args=[project.pk]),
        field="summary",
        data=lambda version, text: {
            **post_data(project),  # the application editor's rows, unchanged
            "title": project.title,
            "start_date": "1.1.2024",
            "end_date": "31.12.2025",
            "summary": text,
            "version": version,
        },
        stored=stored(project, "summary"),
    )
    two_people_edit(signed_in(director), signed_in(admin_user), edit)


@pytest.mark.django_db
def test_stale_save_shows_only_the_fields_that_differ(director_client):
    project = ProjectFactory(title="Nimi", manager="Hanna")
    url = reverse("projects:edit", args=[project.pk])
    common = {**post_data(project), "title": "Nimi", "start_date": "1.1.2024", "end_date": "31.12.2025", "version": 1}
    director_client.post(url, {**common, "manager": "Ensimmäinen"})

    response = director_client.post(url, {**common, "manager": "Toinen"})

    assert response.status_code == 409
    rows = response.context["conflict"]["rows"]
    labels = {row["label"] for row in rows}
    assert "projektipäällikkö" in {label.lower() for label in labels}
    assert {"Toinen"} == {row["theirs"] for row in rows if row["current"] == "Ensimmäinen"}
    assert not any(row["theirs"] == "Nimi" for row in rows)


@pytest.mark.django_db
def test_stale_save_writes_no_row_history_or_audit_update(director_client):
    project = ProjectFactory(title="Ennallaan")
    url = reverse("projects:edit", args=[project.pk])
    project.summary = "Muualla tallennettu"
    project.version = 2
    project.save()
    history_before = project.history.count()
    updates_before = AuditEvent.objects.for_object(project).filter(action=AuditEvent.Action.UPDATE).count()

    response = director_client.post(
        url,
        {
            **post_data(project),
            "title": "Vanhentunut",
            "start_date": "1.1.2024",
            "end_date": "31.12.2025",
            "version": 1,
        },
    )

    assert response.status_code == 409
    project.refresh_from_db()
    assert (project.title, project.summary, project.version) == ("Ennallaan", "Muualla tallennettu", 2)
    assert project.history.count() == history_before
    assert AuditEvent.objects.for_object(project).filter(action=AuditEvent.Action.UPDATE).count() == updates_before


# Threads on PostgreSQL ----------------------------------------------------------------------------------


def run_at_once(work: Callable[[int], str]) -> list[str]:
    """Run work(0..THREADS-1) in threads released together; each closes its own connection."""
    barrier = threading.Barrier(THREADS)
    results: list[str] = []
    lock = threading.Lock()

    def runner(index: int) -> None:
        try:
            barrier.wait()
            outcome = work(index)
        except StaleVersionError:
            outcome = "stale"
        except Exception as error:  # noqa: BLE001 - reported in the assertion below
            outcome = f"error: {error!r}"
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=runner, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(results)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_threads_saving_the_same_version_let_exactly_one_win(body):
    item = AgendaItemFactory(meeting=MeetingFactory(body=body), section=None)

    def save(index: int) -> str:
        mine = AgendaItem.objects.get(pk=item.pk)
        mine.proposal = f"Säie {index}"
        save_if_unchanged(mine, expected_version=1)
        return "saved"

    results = run_at_once(save)

    assert results == ["saved"] + ["stale"] * (THREADS - 1)
    stored_item = AgendaItem.objects.get(pk=item.pk)
    assert stored_item.version == 2
    assert stored_item.proposal.startswith("Säie ")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_threads_submitting_the_same_form_let_exactly_one_win(body):
    item = AgendaItemFactory(meeting=MeetingFactory(body=body), section=None, title="Asia")

    def submit(index: int) -> str:
        form = AgendaItemForm(
            {
                "title": "Asia",
                "proposal": f"Lomake {index}",
                "is_public": "on",
                "appeal_route": "rectification",
                "version": 1,
            },
            instance=AgendaItem.objects.get(pk=item.pk),
        )
        assert form.is_valid(), form.errors
        form.save()
        return "saved"

    results = run_at_once(submit)

    assert results == ["saved"] + ["stale"] * (THREADS - 1)
    assert AgendaItem.objects.get(pk=item.pk).version == 2
    assert AgendaItem.history.filter(id=item.pk).count() == 2  # created, and saved once


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_posts_of_the_same_version_get_one_redirect_and_the_rest_409(secretary, director):
    meeting = MeetingFactory(body=secretary.person.memberships.get().body, state=Meeting.State.PLANNED)
    project = ProjectFactory()
    cases = [
        (
            secretary,
            reverse("decisions:meeting_edit", args=[meeting.pk]),
            lambda i: {"start": "28.11.2023 14:00", "place": f"Sali {i}", "version": 1},
        ),
        (
            director,
            reverse("projects:edit", args=[project.pk]),
            lambda i: {**post_data(project), "title": f"Hanke {i}", "version": 1},
        ),
    ]
    for user, url, data in cases:
        clients = [signed_in(user) for _ in range(THREADS)]

        def post(index: int, url=url, data=data, clients=clients) -> str:
            return str(clients[index].post(url, data(index)).status_code)

        assert run_at_once(post) == ["302"] + ["409"] * (THREADS - 1)
    assert Meeting.objects.get(pk=meeting.pk).version == 2
    assert Project.objects.get(pk=project.pk).version == 2
