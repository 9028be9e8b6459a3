"""The demo's bilingual body: a national languages board (Hyvinvointialuelaki 32 §) deciding in
Finnish and in Swedish, with its secretary and one checked, published meeting of two items recorded
in both languages, so that /sv/arkiv/ shows Swedish decisions. Made up for the demo, not from the seed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from decisions.models import AgendaItem, Attendance, Body, Meeting, Membership, MinutesCheck, Person

HELSINKI = ZoneInfo("Europe/Helsinki")
CHECKED_AT = dt.datetime(2023, 10, 20, 12, tzinfo=HELSINKI)

#: (section, original language, {field: (Finnish, Swedish)}).
ITEMS = (
    (
        31,
        "sv",
        {
            "title": (
                "Kansalliskielilautakunnan lausunto ruotsinkielisten palvelujen järjestämisestä",
                "Nationalspråksnämndens utlåtande om ordnandet av tjänster på svenska",
            ),
            "proposal": (
                "Kansalliskielilautakunta antaa aluehallitukselle lausunnon, jossa se edellyttää, että "
                "ruotsinkieliset sosiaali- ja terveyspalvelut järjestetään yhtä laadukkaina kuin suomenkieliset ja "
                "että asiakkaalle kerrotaan hänen oikeudestaan käyttää omaa kieltään.",
                "Nationalspråksnämnden ger områdesstyrelsen ett utlåtande där nämnden förutsätter att social- och "
                "hälsovårdstjänsterna på svenska ordnas med samma kvalitet som tjänsterna på finska och att "
                "klienten informeras om sin rätt att använda sitt eget språk.",
            ),
            "description": (
                "Aluehallitus on pyytänyt kansalliskielilautakunnalta lausuntoa palvelustrategian luonnoksesta. "
                "Lautakunta arvioi, miten ruotsinkielisen väestön kielelliset oikeudet toteutuvat palveluissa.",
                "Områdesstyrelsen har begärt nationalspråksnämndens utlåtande om utkastet till servicestrategi. "
                "Nämnden bedömer hur den svenskspråkiga befolkningens språkliga rättigheter tillgodoses i tjänsterna.",
            ),
            "decision": ("Hyväksyttiin.", "Godkändes."),
        },
    ),
    (
        32,
        "fi",
        {
            "title": (
                "Ruotsinkielisen asiakaspalautteen seuranta vuonna 2023",
                "Uppföljning av kundresponsen på svenska år 2023",
            ),
            "proposal": (
                "Kansalliskielilautakunta merkitsee tiedoksi ruotsinkielisen asiakaspalautteen seurannan "
                "tammi–syyskuulta 2023.",
                "Nationalspråksnämnden antecknar för kännedom uppföljningen av kundresponsen på svenska för "
                "januari–september 2023.",
            ),
            "description": ("", ""),
            "decision": ("Merkittiin tiedoksi.", "Antecknades för kännedom."),
        },
    ),
)


def load_bilingual_body(upsert: Callable[..., Any], person: Callable[..., Person]) -> tuple[Body, Meeting]:
    """The bilingual body, its people and its published meeting. `upsert(model, lookup, **values)` and
    `person(first, last, **values)` are the demo's find-or-create (portal.demo.loader)."""
    body = upsert(
        Body,
        {"name": "Kansalliskielilautakunta"},
        name_sv="Nationalspråksnämnden",
        language=Body.Language.BILINGUAL,
        abbreviation="KKL",
        kind=Body.Kind.COMMITTEE,
        organisation="Pohjois-Karjalan hyvinvointialue (Siun sote)",
        rectification_authority="",
        appeal_court="Itä-Suomen hallinto-oikeus",
        registry_postal_address="Siun sote, kirjaamo\nTikkamäentie 16\n80210 Joensuu",
        registry_email="kirjaamo@siunsote.fi",
        registry_visiting_address="Tikkamäentie 16, 80210 Joensuu",
        registry_closing_time=dt.time(15, 0),
        active_from=dt.date(2023, 1, 1),
        active_until=None,
    )
    secretary = person("Sofia", "Lindqvist", title="Hallintosihteeri")
    chair = person("Karl", "Sundström")
    members = [person("Eeva", "Nyberg"), person("Johan", "Holmberg"), person("Liisa", "Söderlund")]
    roles = [
        (chair, Membership.Role.CHAIR),
        *[(member, Membership.Role.MEMBER) for member in members],
        (secretary, Membership.Role.SECRETARY),
    ]
    for someone, role in roles:
        upsert(
            Membership,
            {"person": someone, "body": body, "role": role},
            deputy_of=None,
            start_date=dt.date(2023, 1, 1),
            end_date=None,
        )
    meeting = upsert(
        Meeting,
        {"body": body, "year": 2023, "number": 4},
        start=dt.datetime(2023, 10, 17, 16, tzinfo=HELSINKI),
        end=dt.datetime(2023, 10, 17, 17, 30, tzinfo=HELSINKI),
        place="Siun soten hallintorakennus, Tikkamäentie 16, Joensuu",
        state=Meeting.State.PUBLISHED,
        minutes_published_on=dt.date(2023, 10, 24),
    )
    meeting.examiners.set(members[:2])
    attendance = [(chair, Attendance.Capacity.CHAIR), *[(m, Attendance.Capacity.MEMBER) for m in members]]
    for someone, capacity in [*attendance, (secretary, Attendance.Capacity.SECRETARY)]:
        upsert(Attendance, {"meeting": meeting, "person": someone}, capacity=capacity, present=True)
    items = [_item(upsert, meeting, order, *entry) for order, entry in enumerate(ITEMS, start=1)]
    check = upsert(
        MinutesCheck, {"meeting": meeting, "checked_on": dt.date(2023, 10, 20)}, method=MinutesCheck.Method.ELECTRONIC
    )
    check.items.set([])  # the whole meeting
    check.examiners.set(members[:2])
    # Checked last: from then on the texts in both languages are frozen.
    for item in items:
        upsert(AgendaItem, {"pk": item.pk}, checked_at=CHECKED_AT)
    return body, meeting


def _item(
    upsert: Callable[..., Any],
    meeting: Meeting,
    order: int,
    section: int,
    original: str,
    texts: dict[str, tuple[str, str]],
) -> AgendaItem:
    values: dict[str, Any] = {}
    for field, (finnish, swedish) in texts.items():
        values[field], values[f"{field}_sv"] = finnish, swedish
    return upsert(
        AgendaItem,
        {"meeting": meeting, "section": section},
        order=order,
        original_language=original,
        resolution=AgendaItem.Resolution.PASSED,
        is_public=True,
        appeal_route=AgendaItem.AppealRoute.RECTIFICATION,
        appeal_provision="Hyvinvointialuelaki 141 §",
        **values,
    )
