"""The director's writes on a project's actual costs besides the import: the account mapping (per
project or per call) with the re-categorising of the rows it touches, and manual costs.

Saving a mapping re-categorises the ledger rows of the project (or of every project of the call)
from the mapping as it now stands, a project's own mapping winning over its call's; an account no
longer mapped leaves its rows unmapped (category ""). Manual rows keep the category they were
entered with.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from followup.models import AccountMapping, ActualCost
from followup.money import cents
from hankehallinta.audit import record
from hankehallinta.models import AuditEvent
from hankehallinta.services import ActionRefused
from projects.models import FundingCall, Project

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def save_mappings(owner: Project | FundingCall, mapping: dict[str, str], *, user: User) -> int:
    """Set the owner's account mapping to ``mapping`` ({account: category}; a blank category removes
    the account's mapping) and re-categorise the rows it concerns. Returns the rows re-categorised."""
    owner_filter = {"project": owner} if isinstance(owner, Project) else {"funding_call": owner}
    with transaction.atomic():
        existing = {m.account: m for m in AccountMapping.objects.filter(**owner_filter)}
        changed = {}
        for account, category in mapping.items():
            account = account.strip()
            current = existing.get(account)
            if not account or (current.category if current else "") == category:
                continue
            changed[account] = category
            if not category:
                current.delete()
            elif current is None:
                AccountMapping.objects.create(account=account, category=category, **owner_filter)
            else:
                current.category = category
                current.save(update_fields=["category"])
        projects = [owner] if isinstance(owner, Project) else list(owner.projects.all())
        updated = sum(recategorise(project, accounts=set(changed)) for project in projects)
        record(
            AuditEvent.Action.UPDATE,
            user=user,
            obj=owner,
            detail={"kind": "account_mapping", "changed": changed, "rows_recategorised": updated},
        )
    return updated


def recategorise(project: Project, *, accounts: set[str] | None = None) -> int:
    """Give the project's ledger rows (of ``accounts``, or all) the category their account maps to
    now. One UPDATE per category; returns the rows changed."""
    categories = AccountMapping.objects.categories_for(project)
    rows = ActualCost.objects.for_project(project).from_ledger()
    wanted = set(rows.accounts()) if accounts is None else accounts
    by_category: dict[str, list[str]] = defaultdict(list)
    for account in wanted:
        by_category[categories.get(account, "")].append(account)
    return sum(
        rows.filter(account__in=group).exclude(category=category).update(category=category)
        for category, group in by_category.items()
    )


def add_manual_cost(
    project: Project,
    *,
    user: User,
    date: dt.date,
    category: str,
    description: str,
    amount: Decimal | None = None,
    hours: Decimal | None = None,
    hourly_rate: Decimal | None = None,
    in_kind: bool = False,
) -> ActualCost:
    """A cost outside the ledger: hours × rate (rounded to the cent), or an amount."""
    if hours is not None and hourly_rate is not None:
        amount = cents(hours * hourly_rate)
    if amount is None:
        raise ActionRefused(_("Give the amount, or the hours and the hourly rate."))
    cost = ActualCost(
        project=project,
        date=date,
        category=category,
        description=description,
        amount=cents(amount),
        hours=hours,
        hourly_rate=hourly_rate,
        in_kind=in_kind,
        created_by=user,
    )
    cost.full_clean(exclude=["project", "created_by"])
    cost.save()
    record(AuditEvent.Action.CREATE, user=user, obj=cost, detail={"kind": "manual_cost", "project": project.pk})
    return cost


def delete_manual_cost(cost: ActualCost, *, user: User) -> None:
    """Delete a manual cost; a ledger row is removed only by re-importing its period."""
    if not cost.is_manual:
        raise ActionRefused(_("A ledger row is removed by importing its period again."))
    record(
        AuditEvent.Action.DELETE,
        user=user,
        obj=cost,
        detail={"kind": "manual_cost", "project": cost.project_id, "amount": str(cost.amount)},
    )
    cost.delete()
