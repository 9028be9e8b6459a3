"""Canaries: distinct strings planted wherever the public must never read them, and the detector.

`plant` builds published minutes with a public item and a confidential one, and plants a canary in
every text field of the confidential items (theirs, their attachments', conditions', motions' and
corrections'), in the title of a public item's secret attachment, in minutes not yet published, in
an upcoming meeting whose agenda is not out, and in another body's confidential item. The public item also names a
private person (PERSON), who may be read until the rectification period ends (LAST_DAY) and not after
the daily removal (`remove_personal_data`). The archive's pages and PDFs (decisions/tests/test_canary.py)
and the open data (opendata/tests/test_canary.py) are searched with `leaks`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

from django.core.management import call_command
from django.db import models

from decisions.legal_clock import NotificationMethod
from decisions.models import (
    AgendaItem,
    Attachment,
    Body,
    DecisionCondition,
    DecisionCorrection,
    Meeting,
    Motion,
    Notification,
    Person,
    PrivatePersonData,
)
from testing.factories import HELSINKI, AgendaItemFactory, AttachmentFactory, MeetingFactory, PersonFactory
from testing.seed import seed_item

CHECKED = dt.datetime(2023, 12, 1, 12, tzinfo=HELSINKI)
PERSON = "Kanarialintu Yksityishenkilö"
# Minutes published Tue 5.12.2023: the web route ends Wed 27.12.2023 (Boxing Day moves it); the
# letter to the party sent Fri 8.12 is presumed received Fri 15.12, its period ends Fri 29.12.2023.
LAST_DAY = dt.date(2023, 12, 29)


@dataclass
class Planted:
    confidential: list[str]  # none may ever be public
    public_item: AgendaItem  # names PERSON until the removal
    secret_item: AgendaItem  # the confidential § of the same minutes


def canary(label: str) -> str:
    return f"Kanaria{label.replace('_', '')}Salainen"


def plant_text_fields(model: type[models.Model], label: str, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """A distinct canary for every free text field of `model` (but `skip`)."""
    values = {}
    for field in model._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)) and not field.choices and field.name not in skip:
            text = canary(f"{label}{field.name}")
            values[field.name] = text[: field.max_length] if field.max_length else text
    return values


def plant(body: Body, presenter: Person) -> Planted:
    """Published minutes of `body` with a public and a confidential §, and canaries everywhere they must not show."""
    confidential: list[str] = []
    seed = seed_item(body, presenter)
    meeting = seed.meeting
    Meeting.objects.filter(pk=meeting.pk).update(minutes_published_on=dt.date(2023, 12, 5))

    # A confidential item: every text field, and its attachment, condition and motion.
    fields = plant_text_fields(AgendaItem, "item", skip=("secrecy_ground",))
    secret = AgendaItemFactory(
        meeting=meeting,
        section=46,
        checked_at=None,
        is_public=False,
        secrecy_ground="JulkL 24 § 1 mom. 25 k.",
        **fields,
    )
    attachment = plant_text_fields(Attachment, "secretitemattachment", skip=("secrecy_ground",))
    AttachmentFactory(item=secret, number=1, **attachment)
    DecisionCondition.objects.create(item=secret, project=seed.project, text=canary("condition"))
    Motion.objects.create(item=secret, proposer=presenter, text=canary("motion"))
    AgendaItem.objects.filter(pk=secret.pk).update(checked_at=CHECKED)  # checked once its handling is recorded
    correction = plant_text_fields(DecisionCorrection, "correction")
    DecisionCorrection.objects.create(
        item=secret, kind=DecisionCorrection.Kind.CLERICAL, decided_on=dt.date(2023, 12, 4), **correction
    )
    confidential += [*fields.values(), *attachment.values(), canary("condition"), canary("motion")]
    confidential += correction.values()

    # A public item with a secret attachment and a private person's data.
    public = AgendaItemFactory(
        meeting=meeting,
        section=47,
        checked_at=CHECKED,
        title="Oikaisuvaatimus kuljetuspalvelusta",
        decision=f"Hyväksyttiin. {PERSON} saa päätöksen kirjeellä.",
        description=f"Asianosainen {PERSON} vaati oikaisua.",
    )
    secret_title = canary("secretattachmenttitle")
    AttachmentFactory(item=public, number=1, title=secret_title, is_public=False, secrecy_ground="JulkL 24 § 32 k.")
    AttachmentFactory(item=public, number=2, title="Julkinen liite")
    PrivatePersonData.objects.create(item=public, text=PERSON)
    Notification.objects.create(
        item=public, method=NotificationMethod.LETTER, recipient=PERSON, sent_on=dt.date(2023, 12, 8)
    )
    confidential.append(secret_title)

    # Minutes not yet published, and an upcoming meeting whose agenda is not out: nothing of either.
    unpublished = MeetingFactory(body=body, state=Meeting.State.CHECKED, number=13, place=canary("checkedplace"))
    AgendaItemFactory(meeting=unpublished, checked_at=CHECKED, title=canary("unpublished"), decision=canary("text"))
    planned = MeetingFactory(body=body, state=Meeting.State.PLANNED, number=14, place=canary("plannedplace"))
    Meeting.objects.filter(pk=planned.pk).update(start=dt.datetime.now(tz=HELSINKI) + dt.timedelta(days=30))
    confidential += [canary(label) for label in ("checkedplace", "unpublished", "text", "plannedplace")]

    # A confidential item of another body's published minutes, with a presenter who is a person.
    other = MeetingFactory(state=Meeting.State.PUBLISHED, number=15, minutes_published_on=dt.date(2023, 12, 5))
    other_fields = plant_text_fields(AgendaItem, "otheritem", skip=("secrecy_ground",))
    AgendaItemFactory(
        meeting=other,
        checked_at=CHECKED,
        is_public=False,
        secrecy_ground="JulkL 24 § 1 mom. 29 k.",
        presenter=PersonFactory(),
        **other_fields,
    )
    confidential += other_fields.values()
    return Planted(confidential=confidential, public_item=public, secret_item=secret)


def remove_personal_data(on: dt.date) -> None:
    """The daily removal as run on `on` (LAST_DAY keeps the data; the day after removes it)."""
    call_command("remove_personal_data", f"--date={on}", stdout=io.StringIO())


def squeezed(text: str) -> str:
    """Lower case without white space: a canary broken over lines (a PDF) is still found."""
    return re.sub(r"\s+", "", text).lower()


def leaks(texts: dict[str, str], canaries: list[str]) -> list[str]:
    """Which canary is in which text ({where: text})."""
    found = []
    for where, text in texts.items():
        flat = squeezed(text)
        found += [f"{planted} in {where}" for planted in canaries if squeezed(planted) in flat]
    return found
