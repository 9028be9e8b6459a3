"""Writing people and memberships from a CSV file, all rows or none (decisions.people_import reads
the file into the plan that is previewed and confirmed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from decisions.models import Body, Membership, Person
from hankehallinta.audit import record
from hankehallinta.models import AuditEvent
from hankehallinta.services import ActionRefused

if TYPE_CHECKING:
    from decisions.people_import import ImportPlan, PlanRow

KIND = "people_import"


@dataclass(frozen=True)
class ImportResult:
    people_added: int
    people_reused: int
    memberships_added: int
    memberships_skipped: int


def import_people(plan: ImportPlan, *, body: Body) -> ImportResult:
    """Write the plan's new people and memberships in one transaction and audit the import with the
    file's SHA-256. A plan with errors is refused and nothing is written."""
    if not plan.valid:
        raise ActionRefused(_("The file has errors: correct them and upload it again."))
    with transaction.atomic():
        people: dict[int, Person] = {}  # row number -> its person
        memberships: dict[int, Membership] = {}  # row number -> its new membership
        added = 0
        # Voting members first, so that the personal deputies' members exist when the deputies are added.
        for row in sorted(plan.rows, key=lambda row: row.role == Membership.Role.DEPUTY):
            person = row.person or people.get(row.same_as_row or 0)
            if person is None:
                person = _new_person(row)
                added += 1
            people[row.number] = person
            if row.membership_exists:
                continue
            deputy_of = row.deputy_of or memberships.get(row.deputy_of_row or 0)
            membership = Membership(
                person=person,
                body=row.body,
                role=row.role,
                deputy_of=deputy_of,
                start_date=row.start,
                end_date=row.end,
            )
            membership.full_clean(exclude=["person", "body", "deputy_of"])
            membership.save()
            memberships[row.number] = membership
        result = ImportResult(
            people_added=added,
            people_reused=len({row.person.pk for row in plan.rows if row.person is not None}),
            memberships_added=len(memberships),
            memberships_skipped=sum(1 for row in plan.rows if row.membership_exists),
        )
        record(
            AuditEvent.Action.CREATE,
            obj=body,
            detail={
                "kind": KIND,
                "file": plan.file_name[:200],
                "sha256": plan.sha256,
                "rows": len(plan.rows),
                "people_added": result.people_added,
                "people_reused": result.people_reused,
                "memberships_added": result.memberships_added,
                "memberships_skipped": result.memberships_skipped,
                "bodies": sorted({row.body.pk for row in plan.rows}),
            },
        )
    return result


def _new_person(row: PlanRow) -> Person:
    person = Person(
        first_name=row.first_name,
        last_name=row.last_name,
        title=row.title,
        unit=row.unit,
        email=row.email,
        phone=row.phone,
    )
    person.full_clean(exclude=["user"])
    person.save()
    return person
