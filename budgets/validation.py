"""The plan's arithmetic as form errors: each error stands at the row or section that causes it.

- every line's year lies within the project's dates (error at that row's year);
- a category appears once a year in the cost estimate (error at the later row's year);
- costs and financing are equal in every year and in total (error at the financing section, with the
  amounts of each unbalanced year);
- the funding applied for is at most the call's cap plus under 1 € of rounding (error at the
  financing section); above the exact cap it is a warning only (FundingBreakdown.exceeds_cap);
- a flat-rate row's amount is computed from the rows of its year (budgets.flat_rate) before the sums
  are checked; a flat rate whose base has no costs that year is an error at its base.

The arithmetic itself is budgets.breakdown.FundingBreakdown's; nothing is computed twice.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from budgets.breakdown import FundingBreakdown
from budgets.flat_rate import base_total, compute_flat_rates
from budgets.models import ZERO
from hankehallinta.editing import kept_forms
from hankehallinta.money import format_eur, format_percent

if TYPE_CHECKING:
    from budgets.forms import LineFormSet


def check_years(formset: LineFormSet, start: dt.date, end: dt.date) -> list[int]:
    """Put an error at the year of each row outside the project's dates; return those years."""
    outside = []
    for form in kept_forms(formset):
        year = form.cleaned_data.get("year")
        if year is not None and not start.year <= year <= end.year:
            form.add_error(
                "year",
                _("The year %(year)s lies outside the project's dates %(start)s–%(end)s.")
                % {
                    "year": year,
                    "start": formats.date_format(start, "SHORT_DATE_FORMAT"),
                    "end": formats.date_format(end, "SHORT_DATE_FORMAT"),
                },
            )
            outside.append(year)
    return outside


def check_unique_categories(formset: LineFormSet) -> None:
    """One cost estimate line per category and year: the later row gets the error at its year."""
    seen = set()
    for form in kept_forms(formset):
        key = (form.cleaned_data.get("category"), form.cleaned_data.get("year"))
        if None in key:
            continue
        if key in seen:
            form.add_error(
                "year",
                _("The cost category already has a line for %(year)s: combine the amounts on one line.")
                % {"year": key[1]},
            )
        seen.add(key)


def apply_flat_rates(formset: LineFormSet) -> None:
    """Compute each valid flat-rate row's amount from the valid rows as they will be saved; a flat rate
    whose base categories have no costs in its year gets an error at its base."""
    lines = formset.line_instances()
    compute_flat_rates(lines)
    for line in lines:
        if line.is_flat_rate and base_total(line, lines) == ZERO:
            form = next(form for form in kept_forms(formset) if form.instance is line)
            form.add_error(
                "flat_rate_base",
                _("In %(year)s the base categories have no costs, so the flat rate would be 0,00 €.")
                % {"year": line.year},
            )


def plan_errors(breakdown: FundingBreakdown) -> list[str]:
    """The financing section's errors: unbalanced years and totals, and applied funding over the cap."""
    errors = []
    for row in breakdown.per_year:
        if not row.balanced:
            errors.append(
                _(
                    "In %(year)s the costs (%(cost)s) and the financing (%(financing)s) are not equal: "
                    "the difference is %(difference)s."
                )
                % {
                    "year": row.year,
                    "cost": format_eur(row.gross_cost),
                    "financing": format_eur(row.financing),
                    "difference": format_eur(abs(row.gross_cost - row.financing)),
                }
            )
    if breakdown.total_cost != breakdown.total_financing:
        errors.append(
            _("The cost estimate's total %(cost)s and the financing plan's total %(financing)s do not match.")
            % {"cost": format_eur(breakdown.total_cost), "financing": format_eur(breakdown.total_financing)}
        )
    if breakdown.exceeds_cap_tolerance:
        errors.append(cap_error(breakdown))
    return errors


def cap_error(breakdown: FundingBreakdown) -> str:
    return _(
        "The funding applied for, %(applied)s, exceeds the call's maximum aid rate %(rate)s (%(cap)s) by "
        "%(excess)s: a euro or more is more than rounding."
    ) % {
        "applied": format_eur(breakdown.applied),
        "rate": format_percent(breakdown.max_aid_rate),
        "cap": format_eur(breakdown.cap_amount),
        "excess": format_eur(breakdown.over_cap_by),
    }


def cap_warning(breakdown: FundingBreakdown) -> str:
    """Above the exact cap but within the rounding tolerance (the seed's 0,80 €), else "": a euro or
    more above the cap is cap_error()'s, and must not be called rounding."""
    if not breakdown.exceeds_cap or breakdown.exceeds_cap_tolerance:
        return ""
    return _(
        "The funding applied for exceeds the exact maximum aid rate %(rate)s (%(cap)s) by %(excess)s. The excess "
        "is within the rounding margin of under a euro, so the application can be saved, but check the amount "
        "before sending it."
    ) % {
        "rate": format_percent(breakdown.max_aid_rate),
        "cap": format_eur(breakdown.cap_amount),
        "excess": format_eur(breakdown.over_cap_by),
    }


def validate_plan(
    budget: LineFormSet,
    financing: LineFormSet,
    *,
    start: dt.date | None,
    end: dt.date | None,
    max_aid_rate: Decimal | None,
) -> tuple[FundingBreakdown | None, list[str]]:
    """Check the rows against each other and the dates; return the plan's figures and the section errors.

    Row errors are added to the rows' forms. The figures (None while some row is invalid) are of the
    lines as they will be saved.
    """
    budget.is_valid(), financing.is_valid()  # every row cleaned before the rows are compared
    check_unique_categories(budget)
    if start and end:
        check_years(budget, start, end)
        check_years(financing, start, end)
    apply_flat_rates(budget)
    if not (budget.is_valid() and financing.is_valid()):
        return None, []
    breakdown = FundingBreakdown(
        budget_lines=budget.line_instances(), financing_lines=financing.line_instances(), max_aid_rate=max_aid_rate
    )
    return breakdown, plan_errors(breakdown)


def as_validation_error(messages: list[str]) -> ValidationError:
    return ValidationError(messages, code="plan")
