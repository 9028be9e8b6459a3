"""Flat rates (flat rate -kustannukset): a cost line that is a percentage of named base categories.

The ESR+ simplified cost option "40 % of direct staff costs" is the common case (research/funding.md,
V7). Per year, the flat-rate line's amount is the sum of that year's lines in its base categories times
the rate, rounded half up to the cent; the rate is a fraction like the call's aid rate (0,4000 is 40 %).
The amount is derived but stored like every amount: budgets.services.flat_rates keeps it in step when
lines are written, and the editor computes the same figures (compute_flat_rates) before it checks the
plan. Nothing here reads the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from budgets.models import ZERO, BudgetLine

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
NBSP = "\u00a0"
Category = BudgetLine.Category

#: The categories a flat rate may be a percentage of, named as the base in "40 % of staff costs"
#: (Finnish inflects them: "40 % henkilöstökustannuksista").
BASE_NAMES = {
    Category.STAFF: pgettext_lazy("flat-rate base", "staff costs"),
    Category.SERVICES: pgettext_lazy("flat-rate base", "purchased services"),
    Category.TRAVEL: pgettext_lazy("flat-rate base", "travel costs"),
    Category.EQUIPMENT: pgettext_lazy("flat-rate base", "machinery and equipment"),
    Category.RENTS: pgettext_lazy("flat-rate base", "rents"),
    Category.OTHER: pgettext_lazy("flat-rate base", "other costs"),
}
BASE_CHOICES = [(key, label) for key, label in Category.choices if key in BASE_NAMES]


def flat_rate_amount(rate: Decimal, base_total: Decimal) -> Decimal:
    """`rate` (a fraction) of `base_total`, rounded half up to the cent: 40 % of 57 437,00 is 22 974,80."""
    return (base_total * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def base_total(line: BudgetLine, lines: Iterable[BudgetLine]) -> Decimal:
    """The sum of the lines of `line`'s year in its base categories (never a flat-rate line)."""
    base = set(line.base_categories)
    return sum(
        (other.amount or ZERO for other in lines if other.year == line.year and other.category in base),
        ZERO,
    )


def compute_flat_rates(lines: Sequence[BudgetLine]) -> list[BudgetLine]:
    """Set each flat-rate line's amount from the other lines of its year; return those whose amount changed."""
    changed = []
    for line in lines:
        if not line.is_flat_rate:
            continue
        amount = flat_rate_amount(line.flat_rate, base_total(line, lines))
        if line.amount != amount:
            line.amount = amount
            changed.append(line)
    return changed


def format_rate(rate: Decimal) -> str:
    """A rate as a percentage the way people write it: 0.4 -> "40 %", 0.125 -> "12,5 %" (no-break space)."""
    text = f"{Decimal(rate) * HUNDRED:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text.replace('.', ',')}{NBSP}%"


def join_names(names: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(names) < 2:
        return "".join(names)
    return _("%(items)s and %(last)s") % {"items": ", ".join(names[:-1]), "last": names[-1]}


def describe(rate: Decimal, base: Iterable[str]) -> str:
    """ "40 % of staff costs", "15 % of staff costs and travel costs"."""
    chosen = set(base)
    names = [str(BASE_NAMES[key]) for key, _label in BASE_CHOICES if key in chosen]
    if not names:
        return format_rate(rate)
    return _("%(percent)s of %(base)s") % {"percent": format_rate(rate), "base": join_names(names)}


def label(line: BudgetLine) -> str:
    """The line's category as the tables show it: "Flat-rate costs (40 % of staff costs)"."""
    category = str(line.get_category_display())
    if not line.is_flat_rate:
        return category
    return f"{category} ({describe(line.flat_rate, line.base_categories)})"


def labelled_groups(lines: list[BudgetLine]) -> list[tuple[str, list[BudgetLine]]]:
    """The lines of one category grouped by their label, in the order of their first year: a project
    whose flat rate differs between years gets a row for each rate."""
    groups: dict[str, list[BudgetLine]] = {}
    for line in sorted(lines, key=lambda one: one.year):
        groups.setdefault(label(line), []).append(line)
    return list(groups.items())
