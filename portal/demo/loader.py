"""Loads the demo data; see the package docstring. Every value here is fixed, so that two runs
agree, except the upcoming meeting and the project on its agenda, which are dated from today's
year so that they stay upcoming (the same all year long).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, User
from django.db import models, transaction
from django.utils import timezone

from budgets.models import BudgetLine, FinancingLine
from decisions.legal_clock import NotificationMethod
from decisions.models import (
    AgendaItem,
    Attendance,
    Body,
    DecisionCondition,
    Delegation,
    FinalityRecord,
    Meeting,
    Membership,
    MinutesCheck,
    Notification,
    NumberingStart,
    Person,
)
from decisions.services.minutes import COUNTY_MEMBERS
from hankehallinta.permissions import GROUP_COUNTY_ADMIN, GROUP_DEVELOPMENT_DIRECTOR, GROUP_STAFF
from portal.demo import texts
from portal.demo.bilingual import load_bilingual_body
from portal.demo.feedback import load_accessibility_feedback
from projects.models import ApplicationVersion, FundingCall, Indicator, Objective, Project, StateChange
from projects.services.versions import freeze_version
from projects.versions import content_hash, snapshot

HELSINKI = ZoneInfo("Europe/Helsinki")
STM = "Sosiaali- ja terveysministeriö"
DEMO_PASSWORD = "demo"

# (username, what the user is), in the order the command prints them.
DEMO_USERS = (
    ("sihteeri", "secretary of Tulevaisuuslautakunta (Sanna Sihvonen)"),
    ("kehittamisjohtaja", "development director"),
    ("esittelija", "presenting official, Strategiajohtaja Ilkka Pirskanen"),
    ("henkilosto", "staff, reads everything public"),
    ("paakayttaja", "county administrator: creates bodies, names their secretaries, sets their numbering"),
    ("admin", "superuser, also /admin/"),
)

# What the seed does not say and the demo makes up, for the README.
ILLUSTRATIVE = (
    "the funder and its call: Sosiaali- ja terveysministeriö, with an 80 % maximum aid rate (the seed names no funder)",
    "the meeting: Tulevaisuuslautakunta 12/2023 on Tuesday 28.11.2023 in Joensuu, its members, "
    "chair, secretary, examiners and attendance",
    "§ 45 and the register number SIUN/1234/02.08.00/2023",
    "the preparer Tiina Korhonen and her contact details, the distribution list",
    "the minutes checked on 1.12.2023, published on the web on 5.12.2023 and the decision confirmed final "
    "on 28.12.2023",
    "the registry's contact details (Siun sote, kirjaamo)",
    "the budget by cost category and year: the seed gives only the totals; the demo spreads them evenly "
    "over 2024 and 2025 (189 952 € a year: 151 962 € applied, 37 990 € own contribution)",
    "the project's manager, partners, summary and state history",
    "the condition's due date 31.12.2023",
    "the upcoming meeting of next January and the project Ikäihmisten etäpalvelut on its agenda",
    "the bilingual Kansalliskielilautakunta (Nationalspråksnämnden), its people and its meeting 4/2023 of "
    "two items decided in Finnish and in Swedish",
    "an accessibility feedback message received three days ago, waiting for its reply",
)

M = TypeVar("M", bound=models.Model)
NINE = dt.time(9, 0)


def _at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


def _upsert(model: type[M], lookup: dict[str, Any], **values: Any) -> M:
    """Find by natural key, create if missing, and save only when a value differs.

    Saving nothing when nothing changed keeps a second run from writing history rows, audit events
    or new auto_now timestamps.
    """
    obj = model._default_manager.filter(**lookup).order_by("pk").first()
    if obj is None:
        return model._default_manager.create(**lookup, **values)
    changed = False
    for name, value in values.items():
        field = model._meta.get_field(name)
        wanted = value.pk if isinstance(value, models.Model) else value
        if getattr(obj, field.attname) != wanted:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.save()
    return obj


def _stamp(obj: models.Model, **values: Any) -> None:
    """Set fields the model fills in itself (auto_now_add) to the seed's past dates."""
    changed = {name: value for name, value in values.items() if getattr(obj, name) != value}
    if changed:
        type(obj)._default_manager.filter(pk=obj.pk).update(**changed)
        for name, value in changed.items():
            setattr(obj, name, value)


def _keep_only(queryset: models.QuerySet, kept: list[models.Model]) -> None:
    """Remove rows the demo did not write, so that the demo's totals are the seed's totals."""
    for obj in queryset.exclude(pk__in=[k.pk for k in kept]):
        obj.delete()


def _user(username: str, *, superuser: bool = False, groups: tuple[str, ...] = (), **names: str) -> User:
    user = _upsert(
        User,
        {"username": username},
        first_name=names.get("first_name", ""),
        last_name=names.get("last_name", ""),
        email=names.get("email", ""),
        is_active=True,
        is_staff=superuser,
        is_superuser=superuser,
    )
    # A new hash has a new salt: set the password only when "demo" does not already open the account.
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    user.groups.set([Group.objects.get_or_create(name=name)[0] for name in groups])
    return user


def _person(first_name: str, last_name: str, **values: Any) -> Person:
    values.setdefault("title", "")
    values.setdefault("email", "")
    values.setdefault("phone", "")
    values.setdefault("user", None)
    return _upsert(Person, {"first_name": first_name, "last_name": last_name}, **values)


@dataclass(frozen=True)
class DemoData:
    users: dict[str, User]
    body: Body
    presenter: Person
    meeting: Meeting
    item: AgendaItem
    project: Project
    version: ApplicationVersion
    planned_meeting: Meeting
    draft_item: AgendaItem
    other_project: Project


@transaction.atomic
def load(today: dt.date | None = None) -> DemoData:
    today = today or timezone.localdate()
    users = _load_users()
    body, people = _load_body(users)
    # The count of 2023 reached § 44 and meeting 11 before the register was taken into use.
    _upsert(NumberingStart, {"body": body, "year": 2023}, first_section=45, first_meeting_number=12)
    call = _upsert(
        FundingCall,
        {"funder": STM, "name": "Työkyvyn tuen ja työllisyyden yhdyspintojen kehittäminen"},
        max_aid_rate=Decimal("0.8000"),
        deadline=dt.date(2023, 12, 15),
    )
    project = _load_seed_project(call, users)
    version = _seed_version(project, users["admin"])
    meeting, item = _load_seed_meeting(body, people, project, version, users)
    planned_meeting, draft_item, other_project = _load_upcoming(body, people, today)
    load_bilingual_body(_upsert, _person)  # Kansalliskielilautakunta: /sv/arkiv/ in Swedish
    load_accessibility_feedback(_upsert, timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=3), NINE)))
    return DemoData(
        users=users,
        body=body,
        presenter=people["presenter"],
        meeting=meeting,
        item=item,
        project=project,
        version=version,
        planned_meeting=planned_meeting,
        draft_item=draft_item,
        other_project=other_project,
    )


def _load_users() -> dict[str, User]:
    return {
        "sihteeri": _user("sihteeri", first_name="Sanna", last_name="Sihvonen"),
        "kehittamisjohtaja": _user("kehittamisjohtaja", groups=(GROUP_DEVELOPMENT_DIRECTOR,)),
        "esittelija": _user("esittelija", first_name="Ilkka", last_name="Pirskanen"),
        "henkilosto": _user("henkilosto", groups=(GROUP_STAFF,)),
        "paakayttaja": _user("paakayttaja", first_name="Päivi", last_name="Pääkäyttäjä", groups=(GROUP_COUNTY_ADMIN,)),
        "admin": _user("admin", superuser=True),
    }


def _load_body(users: dict[str, User]) -> tuple[Body, dict[str, Any]]:
    body = _upsert(
        Body,
        {"name": "Tulevaisuuslautakunta"},
        abbreviation="TULA",
        kind=Body.Kind.COMMITTEE,
        organisation="Pohjois-Karjalan hyvinvointialue (Siun sote)",
        rectification_authority="",  # the body itself
        appeal_court="Itä-Suomen hallinto-oikeus",
        registry_postal_address="Siun sote, kirjaamo\nTikkamäentie 16\n80210 Joensuu",
        registry_email="kirjaamo@siunsote.fi",
        registry_visiting_address="Tikkamäentie 16, 80210 Joensuu",
        registry_closing_time=dt.time(15, 0),
        active_from=dt.date(2023, 1, 1),
        active_until=None,
    )
    presenter = _person("Ilkka", "Pirskanen", title="Strategiajohtaja", user=users["esittelija"])
    secretary = _person("Sanna", "Sihvonen", title="Hallintosihteeri", user=users["sihteeri"])
    preparer = _person("Tiina", "Korhonen", title="Kehittämispäällikkö", email="tiina.korhonen@example.fi")
    chair = _person("Anneli", "Heikkinen")
    vice_chair = _person("Jari", "Karppinen")
    members = [
        _person("Minna", "Hirvonen"),
        _person("Pekka", "Turunen"),
        _person("Sari", "Kettunen"),
        _person("Mikko", "Ruotsalainen"),
        _person("Hanna", "Ikonen"),
    ]
    term_start = dt.date(2023, 1, 1)
    roles = [
        (chair, Membership.Role.CHAIR),
        (vice_chair, Membership.Role.VICE_CHAIR),
        *[(member, Membership.Role.MEMBER) for member in members],
        (presenter, Membership.Role.PRESENTER),
        (secretary, Membership.Role.SECRETARY),
    ]
    for person, role in roles:
        _upsert(
            Membership,
            {"person": person, "body": body, "role": role},
            deputy_of=None,
            start_date=term_start,
            end_date=None,
        )
    people = {
        "presenter": presenter,
        "secretary": secretary,
        "preparer": preparer,
        "chair": chair,
        "vice_chair": vice_chair,
        "members": members,
        "examiners": members[:2],
    }
    return body, people


# The seed's totals, spread evenly over the two years of the project's dates (funding.md (c), reading A).
SEED_BUDGET = {
    2024: [
        (BudgetLine.Category.STAFF, 150_000, "Hankepäällikkö ja kaksi hankeasiantuntijaa, palkat sivukuluineen"),
        (BudgetLine.Category.SERVICES, 20_000, "Työpajojen fasilitointi ja ulkoinen arviointi"),
        (BudgetLine.Category.TRAVEL, 8_000, "Matkat maakunnan kuntiin ja työllisyysalueelle"),
        (BudgetLine.Category.EQUIPMENT, 4_000, "Työasemat ja etäyhteysvälineet"),
        (BudgetLine.Category.RENTS, 5_000, "Hanketyöntekijöiden työtilat"),
        (BudgetLine.Category.OTHER, 2_952, "Viestintä ja tilaisuuksien kulut"),
    ],
    2025: [
        (BudgetLine.Category.STAFF, 154_500, "Hankepäällikkö ja kaksi hankeasiantuntijaa, palkat sivukuluineen"),
        (BudgetLine.Category.SERVICES, 18_000, "Työpajojen fasilitointi ja ulkoinen arviointi"),
        (BudgetLine.Category.TRAVEL, 8_000, "Matkat maakunnan kuntiin ja työllisyysalueelle"),
        (BudgetLine.Category.RENTS, 5_000, "Hanketyöntekijöiden työtilat"),
        (BudgetLine.Category.OTHER, 4_452, "Viestintä, tilaisuuksien kulut ja loppuseminaari"),
    ],
}
SEED_APPLIED_PER_YEAR = 151_962
SEED_OWN_PER_YEAR = 37_990
COUNTY = "Pohjois-Karjalan hyvinvointialue"


def _budget(project: Project, budget: dict[int, list[tuple[str, int, str]]]) -> None:
    kept = [
        _upsert(
            BudgetLine,
            {"project": project, "category": category, "year": year},
            amount=Decimal(amount),
            justification=justification,
        )
        for year, lines in budget.items()
        for category, amount, justification in lines
    ]
    _keep_only(BudgetLine.objects.filter(project=project), kept)


def _financing(project: Project, financing: list[tuple[str, str, int, int]]) -> None:
    kept = [
        _upsert(
            FinancingLine,
            {"project": project, "source": source, "year": year},
            funder_name=funder,
            amount=Decimal(amount),
            in_kind=False,
        )
        for source, funder, year, amount in financing
    ]
    _keep_only(FinancingLine.objects.filter(project=project), kept)


def _objectives(project: Project, objectives: list[tuple[str, list[tuple[str, dict[str, str]]]]]) -> None:
    kept = []
    for order, (text, indicators) in enumerate(objectives, start=1):
        objective = _upsert(Objective, {"project": project, "order": order}, text=text, actions="")
        kept.append(objective)
        kept_indicators = [
            _upsert(Indicator, {"objective": objective, "name": name}, **values) for name, values in indicators
        ]
        _keep_only(objective.indicators.all(), kept_indicators)
    _keep_only(project.objectives.all(), kept)


def _load_seed_project(call: FundingCall, users: dict[str, User]) -> Project:
    project = _upsert(
        Project,
        {"title": "Työkyvyn tuen palvelut"},
        owning_unit="Kehittämisyksikkö",
        manager="Tiina Korhonen",
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2025, 12, 31),
        funding_call=call,
        partners="Joensuun kaupunki\nKela\nPohjois-Karjalan kuntien työllisyysalue",
        summary=(
            "TE-palvelut 24 -uudistus muuttaa hyvinvointialueen ja kuntien työllisyyspalvelujen yhdyspintoja. "
            "Hanke selkeyttää yhdyspintoja, rakenteita ja osatyökykyisten palvelujen vastuunjakoa "
            "TE-uudistuksen ylimenokauden ajan."
        ),
        state=Project.State.SUBMITTED,
    )
    _objectives(project, [(text, []) for text in texts.OBJECTIVES])
    _budget(project, SEED_BUDGET)
    _financing(
        project,
        [(FinancingLine.Source.APPLIED, STM, year, SEED_APPLIED_PER_YEAR) for year in SEED_BUDGET]
        + [(FinancingLine.Source.OWN, COUNTY, year, SEED_OWN_PER_YEAR) for year in SEED_BUDGET],
    )
    history = [
        (Project.State.IDEA, Project.State.PREPARATION, _at(2023, 9, 4, 9), "kehittamisjohtaja", ""),
        (
            Project.State.PREPARATION,
            Project.State.BOARD_REVIEW,
            _at(2023, 11, 14, 10),
            "esittelija",
            "Tulevaisuuslautakunnan esityslistalle 28.11.2023.",
        ),
        (
            Project.State.BOARD_REVIEW,
            Project.State.SUBMITTED,
            _at(2023, 12, 8, 10),
            "kehittamisjohtaja",
            "Lautakunta hyväksyi hakemuksen 28.11.2023 § 45; jätetty rahoittajalle.",
        ),
    ]
    for from_state, to_state, at, username, reason in history:
        change = _upsert(
            StateChange,
            {"project": project, "from_state": from_state, "to_state": to_state},
            changed_by=users[username],
            reason=reason,
        )
        _stamp(change, changed_at=at)
    return project


def _seed_version(project: Project, admin: User) -> ApplicationVersion:
    """The version the board decided on: the one with the seed's content, frozen once."""
    digest = content_hash(snapshot(project))
    version = project.versions.filter(content_hash=digest).order_by("number").first()
    if version is None:
        version = freeze_version(project, by=admin, label="Lautakunnan käsittelemä hakemus")
    _stamp(version, created_at=_at(2023, 11, 14, 10))
    return version


def _load_seed_meeting(
    body: Body, people: dict[str, Any], project: Project, version: ApplicationVersion, users: dict[str, User]
) -> tuple[Meeting, AgendaItem]:
    meeting = _upsert(
        Meeting,
        {"body": body, "year": 2023, "number": 12},
        start=_at(2023, 11, 28, 14),
        end=_at(2023, 11, 28, 15, 45),
        place="Siun soten hallintorakennus, Tikkamäentie 16, Joensuu",
        state=Meeting.State.PUBLISHED,
        minutes_published_on=dt.date(2023, 12, 5),
    )
    meeting.examiners.set(people["examiners"])
    presenter, preparer = people["presenter"], people["preparer"]
    checked_at = _at(2023, 12, 1, 12)
    item = _upsert(
        AgendaItem,
        {"meeting": meeting, "section": 45},
        order=1,
        register_number="SIUN/1234/02.08.00/2023",
        title="Työkyvyn tuen palvelut -hankkeen hankehakemuksen hyväksyminen",
        preparer=preparer,
        preparer_name=preparer.full_name,
        preparer_title=preparer.title,
        preparer_contact=preparer.email,
        presenter=presenter,
        presenter_name="Ilkka Pirskanen",
        presenter_title="Strategiajohtaja",
        proposal=texts.PROPOSAL,
        description=texts.DESCRIPTION,
        handling="",
        decision=texts.DECISION,
        resolution=AgendaItem.Resolution.PASSED,
        distribution="Kehittämisjohtaja\nKuntoutuksen toimialue\nTyöikäisten palvelut\nTalouspalvelut",
        is_public=True,
        secrecy_ground="",
        appeal_route=AgendaItem.AppealRoute.RECTIFICATION,
        appeal_provision="Hyvinvointialuelaki 141 §",
        no_appeal_ground="",
        project=project,
        application_version=version,
    )
    attendance = [
        (people["chair"], Attendance.Capacity.CHAIR, True, None),
        (people["vice_chair"], Attendance.Capacity.VICE_CHAIR, True, None),
        *[(member, Attendance.Capacity.MEMBER, True, None) for member in people["members"][:-1]],
        (people["members"][-1], Attendance.Capacity.MEMBER, False, None),
        (presenter, Attendance.Capacity.PRESENTER, True, None),
        (people["secretary"], Attendance.Capacity.SECRETARY, True, None),
        (preparer, Attendance.Capacity.EXPERT, True, item),
    ]
    for person, capacity, present, only_item in attendance:
        _upsert(
            Attendance,
            {"meeting": meeting, "person": person},
            capacity=capacity,
            present=present,
            arrived_at_item=only_item,
            left_at_item=only_item,
            note="Asiantuntijana § 45" if only_item else "",
        )
    check = _upsert(
        MinutesCheck,
        {"meeting": meeting, "checked_on": dt.date(2023, 12, 1)},
        method=MinutesCheck.Method.ELECTRONIC,
        recorded_by=users["sihteeri"],
    )
    check.items.set([])  # the whole meeting
    check.examiners.set(people["examiners"])
    _stamp(check, recorded_at=checked_at)
    # Checked last: from then on the check record and the handling are frozen (decisions.models.checked).
    item = _upsert(AgendaItem, {"pk": item.pk}, checked_at=checked_at)
    # Published on the web on 5.12.2023: the county's members are notified 7 days later.
    published = _upsert(
        Notification,
        {"item": item, "method": NotificationMethod.WEB_PUBLICATION, "recipient": COUNTY_MEMBERS},
        sent_on=dt.date(2023, 12, 5),
        received_on=None,
        recorded_by=users["sihteeri"],
    )
    _stamp(published, recorded_at=_at(2023, 12, 5, 9))
    # The last day was Wed 27.12.2023 (Boxing Day moved it); no request arrived, so it is final.
    finality = _upsert(
        FinalityRecord,
        {"item": item},
        final_on=dt.date(2023, 12, 28),
        note="Oikaisuvaatimuksia ei saapunut kirjaamoon määräajassa.",
        confirmed_by=users["sihteeri"],
    )
    _stamp(finality, confirmed_at=_at(2023, 12, 28, 10))
    _upsert(
        DecisionCondition,
        {"item": item, "text": "Hankkeen omarahoitusosuus sisällytetään hyvinvointialueen vuoden 2024 talousarvioon"},
        project=project,
        due_date=dt.date(2023, 12, 31),
        status=DecisionCondition.Status.OPEN,
        evidence="",
        status_set_by=None,
        status_set_at=None,
    )
    _upsert(
        Delegation,
        {"item": item, "delegate": "Kehittämisjohtaja"},
        project=project,
        scope="tehdä hankehakemukseen tarvittavat muutokset rahoittajan mahdollisen ohjauksen puitteissa",
    )
    return meeting, item


def _load_upcoming(body: Body, people: dict[str, Any], today: dt.date) -> tuple[Meeting, AgendaItem, Project]:
    """Next January's first meeting, planned, with one draft item: a project still in preparation."""
    year = today.year + 1
    january_first = dt.date(year, 1, 1)
    second_wednesday = january_first + dt.timedelta(days=(2 - january_first.weekday()) % 7 + 7)
    call = _upsert(
        FundingCall,
        {"funder": STM, "name": "Ikääntyneiden palvelujen kehittäminen"},
        max_aid_rate=Decimal("0.7500"),
        deadline=None,
    )
    project = _upsert(
        Project,
        {"title": "Ikäihmisten etäpalvelut"},
        owning_unit="Kehittämisyksikkö",
        manager="",
        start_date=dt.date(year, 3, 1),
        end_date=dt.date(year + 1, 12, 31),
        funding_call=call,
        partners="Pohjois-Karjalan kunnat",
        summary="Etävastaanotot ja etäkotihoito osaksi ikäihmisten palveluja koko maakunnassa.",
        state=Project.State.PREPARATION,
    )
    _objectives(
        project,
        [
            (
                "Etävastaanotot ja etäkotihoito vakiintuvat osaksi ikäihmisten palveluja kaikissa "
                "Pohjois-Karjalan kunnissa.",
                [("Etäkotihoidon asiakkaat", {"baseline": "120", "target": "400", "unit": "asiakasta"})],
            )
        ],
    )
    _budget(
        project,
        {
            year: [
                (BudgetLine.Category.STAFF, 80_000, "Hankepäällikkö ja hankeasiantuntija"),
                (BudgetLine.Category.SERVICES, 15_000, "Etäpalvelualustan käyttöönottokoulutus"),
                (BudgetLine.Category.TRAVEL, 5_000, "Matkat kuntiin"),
            ],
            year + 1: [
                (BudgetLine.Category.STAFF, 96_000, "Hankepäällikkö ja hankeasiantuntija"),
                (BudgetLine.Category.SERVICES, 12_000, "Ulkoinen arviointi"),
                (BudgetLine.Category.TRAVEL, 4_000, "Matkat kuntiin"),
            ],
        },
    )
    _financing(
        project,
        [
            (FinancingLine.Source.APPLIED, STM, year, 75_000),
            (FinancingLine.Source.APPLIED, STM, year + 1, 84_000),
            (FinancingLine.Source.OWN, COUNTY, year, 25_000),
            (FinancingLine.Source.OWN, COUNTY, year + 1, 28_000),
        ],
    )
    meeting = _upsert(
        Meeting,
        {"body": body, "year": year, "number": 1},
        start=dt.datetime.combine(second_wednesday, dt.time(14, 0), tzinfo=HELSINKI),
        end=None,
        place="Siun soten hallintorakennus, Tikkamäentie 16, Joensuu",
        state=Meeting.State.PLANNED,
        minutes_published_on=None,
    )
    presenter, preparer = people["presenter"], people["preparer"]
    item = _upsert(
        AgendaItem,
        {"meeting": meeting, "title": "Ikäihmisten etäpalvelut -hankkeen hankehakemuksen hyväksyminen"},
        order=1,
        section=None,
        register_number=f"SIUN/2345/02.08.00/{today.year}",
        preparer=preparer,
        preparer_name=preparer.full_name,
        preparer_title=preparer.title,
        preparer_contact=preparer.email,
        presenter=presenter,
        presenter_name="Ilkka Pirskanen",
        presenter_title="Strategiajohtaja",
        proposal=(
            "Tulevaisuuslautakunta päättää hyväksyä Ikäihmisten etäpalvelut -hankkeen hankehakemuksen ja "
            "valtuuttaa kehittämisjohtajan tekemään siihen tarvittavat muutokset rahoittajan mahdollisen ohjauksen "
            "puitteissa."
        ),
        description=(
            "Hanke vakiinnuttaa etävastaanotot ja etäkotihoidon osaksi ikäihmisten palveluja.\n\n"
            "Hankkeen budjetti on koko hankeajalle 212 000 €. Haettava rahoitus on 159 000 € ja "
            "omarahoitusosuus 53 000 €."
        ),
        appeal_route=AgendaItem.AppealRoute.RECTIFICATION,
        appeal_provision="Hyvinvointialuelaki 141 §",
        project=project,
    )
    return meeting, item, project
