"""The arithmetic of a payment claim (maksatushakemus), and the one query that feeds it.

A claim covers a period, and its aid is computed cumulatively, the way the funder settles the account:

1. **Eligible costs of the period, by category**: the project's actual costs (ledger rows and manual
   entries, in kind included) dated in the period and mapped to a cost category. Unmapped rows
   (category "") are not eligible yet; rows mapped to the flat-rate category are left out, because
   the flat rate is computed, never booked.
2. **Flat rate**: the project's budget has a flat-rate line per year (rate × base categories,
   budgets.flat_rate). The flat rate of a claim is that rate × the *actual* costs of the base
   categories, year by year (a year without a flat-rate line takes the line of the nearest year).
   Years with the same rate and base are added up first and rounded once.
3. **Eligible costs through the period**: the same, over every cost dated up to the period's end.
4. **Aid** = the funder's aid rate (Project.granted_aid_rate) × the eligible costs through the
   period, rounded once, on the total (never category by category).
5. **Claimed now** = aid − what the claims sent earlier claimed (sent or paid; a returned claim
   does not count). Because the aid is always computed on the whole total, the claims of a project
   add up exactly to the aid on all its eligible costs: no cent is lost or gained across claims.
6. **The grant is a hard limit**: a claim that would take the claims above Project.granted_amount
   is refused when sent (followup.services.claims), never quietly cut.
7. **The final claim closes the account** against money, not claims: the aid the costs earn
   (capped by the grant) minus what the funder has paid on the earlier claims (a sent claim not paid
   yet counts with its claimed amount). What is left is claimed; what was paid beyond it is the
   amount to return. (Interim claims deduct claimed amounts; a payment that differed from its claim
   is settled here.)

Rounding (documented once, here): amounts are summed exactly and each figure of the claim is
rounded to the cent once, half up (followup.money.cents), at the end of its own computation: the
flat rate on its summed base, the aid on the total. Rounding each category's aid and adding the
results can differ by a cent or more; the total wins.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Sum
from django.db.models.functions import Coalesce, ExtractYear

from budgets.flat_rate import describe
from budgets.models import BudgetLine
from followup.models import ActualCost, PaymentClaim
from followup.money import ZERO, cents, decimal_strings, decimals, positive_part, share, total

if TYPE_CHECKING:
    import datetime as dt

    from projects.models import Project

Category = BudgetLine.Category
#: Costs per year and category: {2025: {"staff": Decimal("1000.00"), ...}, ...}.
YearlyCosts = Mapping[int, Mapping[str, Decimal]]


@dataclass(frozen=True)
class FlatRateRule:
    """A flat-rate line's rule: `rate` (a fraction) of the costs in the `base` categories."""

    rate: Decimal
    base: tuple[str, ...]


@dataclass(frozen=True)
class ClaimFigures:
    """Every figure of a claim, as the claim page and the claim PDF show it."""

    costs_by_category: dict[str, Decimal]
    flat_rate_amount: Decimal
    total_eligible: Decimal
    cumulative_eligible: Decimal
    aid_rate: Decimal
    aid_on_eligible: Decimal
    earlier_claimed: Decimal
    earlier_paid: Decimal
    amount_claimed: Decimal
    amount_to_return: Decimal
    granted_amount: Decimal
    is_final: bool = False
    flat_rates: tuple[FlatRateRule, ...] = field(default=())

    @property
    def claimed_in_total(self) -> Decimal:
        """What the funder would pay in all with this claim: earlier claims (the final claim: what was
        paid on them) + this one."""
        return (self.earlier_paid if self.is_final else self.earlier_claimed) + self.amount_claimed

    @property
    def exceeds_grant(self) -> bool:
        """Whether sending this claim would take the funder's payments over the grant (a claim of
        nothing never does: a final claim that only returns money can always be sent)."""
        return self.amount_claimed > 0 and self.claimed_in_total > self.granted_amount

    @property
    def flat_rate_description(self) -> str:
        """The flat rate's rule as people write it: "40 % of staff costs" ("" without a flat rate)."""
        return "; ".join(describe(rule.rate, rule.base) for rule in self.flat_rates)

    @property
    def category_rows(self) -> list[tuple[str, Decimal]]:
        """(category label, amount) in the budget's order of categories."""
        labels = dict(Category.choices)
        return [(str(labels.get(key, key)), amount) for key, amount in self.costs_by_category.items()]


# Pure arithmetic ----------------------------------------------------------------------------------


def eligible_by_category(costs: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """The eligible categories of `costs` in the budget's order: no unmapped "" and no flat rate."""
    return {
        key: costs[key] for key in Category.values if key in costs and key != Category.FLAT_RATE and costs[key] != 0
    }


def add_years(yearly: YearlyCosts) -> dict[str, Decimal]:
    """{year: {category: amount}} -> {category: amount over the years}."""
    summed: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for costs in yearly.values():
        for key, amount in costs.items():
            summed[key] += amount
    return dict(summed)


def rule_for_year(year: int, rules: Mapping[int, FlatRateRule]) -> FlatRateRule | None:
    """The flat-rate rule of `year`, else of the nearest year that has one (the earlier on a tie)."""
    if year in rules:
        return rules[year]
    if not rules:
        return None
    nearest = min(rules, key=lambda other: (abs(other - year), other))
    return rules[nearest]


def flat_rate(yearly: YearlyCosts, rules: Mapping[int, FlatRateRule]) -> Decimal:
    """The flat rate on actual base costs: the years under the same rule are added up, then each rule's
    rate × its base total is rounded to the cent once."""
    bases: dict[FlatRateRule, Decimal] = defaultdict(lambda: ZERO)
    for year, costs in yearly.items():
        rule = rule_for_year(year, rules)
        if rule is not None:
            bases[rule] += total(costs.get(key, ZERO) for key in rule.base)
    return total(share(base, rule.rate) for rule, base in bases.items())


def eligible_total(yearly: YearlyCosts, rules: Mapping[int, FlatRateRule]) -> Decimal:
    """The eligible actual costs plus their flat rate."""
    return total(eligible_by_category(add_years(yearly)).values()) + flat_rate(yearly, rules)


def compute_figures(
    *,
    period: YearlyCosts,
    through_period: YearlyCosts,
    rules: Mapping[int, FlatRateRule],
    aid_rate: Decimal,
    granted_amount: Decimal,
    earlier_claimed: Decimal,
    earlier_paid: Decimal,
    is_final: bool,
) -> ClaimFigures:
    """The claim's figures from its costs (see the module for each step)."""
    by_category = eligible_by_category(add_years(period))
    flat = flat_rate(period, rules)
    cumulative = eligible_total(through_period, rules)
    aid = share(cumulative, aid_rate)
    if is_final:
        earned = min(aid, granted_amount)
        claimed = positive_part(earned - earlier_paid)
        to_return = positive_part(earlier_paid - earned)
    else:
        claimed = positive_part(aid - earlier_claimed)
        to_return = ZERO
    return ClaimFigures(
        costs_by_category={key: cents(amount) for key, amount in by_category.items()},
        flat_rate_amount=flat,
        total_eligible=cents(total(by_category.values()) + flat),
        cumulative_eligible=cents(cumulative),
        aid_rate=aid_rate,
        aid_on_eligible=aid,
        earlier_claimed=cents(earlier_claimed),
        earlier_paid=cents(earlier_paid),
        amount_claimed=claimed,
        amount_to_return=to_return,
        granted_amount=cents(granted_amount),
        is_final=is_final,
        flat_rates=tuple(dict.fromkeys(rules.values())) if flat else (),
    )


# Reading and writing the figures of a claim -------------------------------------------------------


def frozen_figures(claim: PaymentClaim, rules: Mapping[int, FlatRateRule] | None = None) -> ClaimFigures:
    """The figures stored on the claim (the ones sent to the funder, once sent)."""
    return ClaimFigures(
        costs_by_category=decimals(claim.costs_by_category),
        flat_rate_amount=claim.flat_rate_amount,
        total_eligible=claim.total_eligible,
        cumulative_eligible=claim.cumulative_eligible,
        aid_rate=claim.aid_rate if claim.aid_rate is not None else ZERO,
        aid_on_eligible=claim.aid_on_eligible,
        earlier_claimed=claim.earlier_claimed,
        earlier_paid=claim.earlier_paid,
        amount_claimed=claim.amount_claimed,
        amount_to_return=claim.amount_to_return,
        granted_amount=claim.project.granted_amount or ZERO,
        is_final=claim.is_final,
        flat_rates=tuple(dict.fromkeys((rules or {}).values())) if claim.flat_rate_amount else (),
    )


def store_figures(claim: PaymentClaim, figures: ClaimFigures) -> list[str]:
    """Copy `figures` onto the claim (not saved); returns the field names set, for update_fields."""
    values = {
        "costs_by_category": decimal_strings(figures.costs_by_category),
        "flat_rate_amount": figures.flat_rate_amount,
        "total_eligible": figures.total_eligible,
        "cumulative_eligible": figures.cumulative_eligible,
        "aid_rate": figures.aid_rate,
        "aid_on_eligible": figures.aid_on_eligible,
        "earlier_claimed": figures.earlier_claimed,
        "earlier_paid": figures.earlier_paid,
        "amount_claimed": figures.amount_claimed,
        "amount_to_return": figures.amount_to_return,
    }
    for name, value in values.items():
        setattr(claim, name, value)
    return list(values)


# The query --------------------------------------------------------------------------------------


def yearly_costs(project: Project, *, start: dt.date | None, end: dt.date) -> dict[int, dict[str, Decimal]]:
    """The project's actual costs dated start..end (from the first when `start` is None), summed per
    year and category in one query."""
    costs = ActualCost.objects.for_project(project).filter(date__lte=end)
    if start is not None:
        costs = costs.filter(date__gte=start)
    rows = costs.order_by().values("category", year=ExtractYear("date")).annotate(amount=Sum("amount"))
    yearly: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for row in rows:
        yearly[row["year"]][row["category"]] = row["amount"]
    return dict(yearly)


def flat_rate_rules(lines: Iterable[BudgetLine]) -> dict[int, FlatRateRule]:
    """{year: rule} of the project's flat-rate budget lines (a line typed without a rate has none)."""
    return {
        line.year: FlatRateRule(rate=line.flat_rate, base=tuple(line.base_categories))
        for line in lines
        if line.is_flat_rate
    }


def project_rules(project: Project) -> dict[int, FlatRateRule]:
    return flat_rate_rules(BudgetLine.objects.filter(project=project, category=Category.FLAT_RATE))


def earlier_claims(claim: PaymentClaim):
    """The project's other claims the funder holds (sent or paid): what this claim deducts."""
    return PaymentClaim.objects.for_project(claim.project_id).counted().other_than(claim)


def current_figures(claim: PaymentClaim) -> ClaimFigures:
    """The claim's figures computed from the ledger as it is now (a draft's preview, and what a send
    freezes). The project must have the funder's decision (aid rate and granted amount)."""
    project = claim.project
    earlier = earlier_claims(claim).aggregate(
        claimed=Sum("amount_claimed", default=ZERO),
        # Paid, or due on a sent claim not paid yet.
        paid=Sum(Coalesce("paid_amount", "amount_claimed"), default=ZERO),
    )
    return compute_figures(
        period=yearly_costs(project, start=claim.period_start, end=claim.period_end),
        through_period=yearly_costs(project, start=None, end=claim.period_end),
        rules=project_rules(project),
        aid_rate=project.granted_aid_rate,
        granted_amount=project.granted_amount,
        earlier_claimed=earlier["claimed"],
        earlier_paid=earlier["paid"],
        is_final=claim.is_final,
    )


def figures_of(claim: PaymentClaim) -> ClaimFigures | None:
    """What the claim page shows: a draft's figures as they are now, a sent claim's as they were sent;
    None for a draft whose project has no funder's decision any more."""
    if not claim.is_drafted:
        return frozen_figures(claim, project_rules(claim.project))
    if claim.project.granted_aid_rate is None or claim.project.granted_amount is None:
        return None
    return current_figures(claim)
