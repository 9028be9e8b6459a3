"""The payment claim's arithmetic (followup.claims, followup.money), without the database: rounding to
the cent once per figure, the flat rate on actual base costs, earlier claims deducted, the grant's
cap and the final claim's amount to return."""

from __future__ import annotations

from decimal import Decimal

from followup.claims import FlatRateRule, compute_figures, flat_rate, rule_for_year
from followup.money import cents, share

D = Decimal
FORTY_OF_STAFF = FlatRateRule(rate=D("0.4000"), base=("staff",))


def figures(period, *, through=None, rules=None, rate="0.7500", granted="100000", earlier="0", paid="0", final=False):
    return compute_figures(
        period=period,
        through_period=through if through is not None else period,
        rules=rules or {},
        aid_rate=D(rate),
        granted_amount=D(granted),
        earlier_claimed=D(earlier),
        earlier_paid=D(paid),
        is_final=final,
    )


def test_cents_rounds_half_up_away_from_zero():
    assert cents(D("10.005")) == D("10.01")
    assert cents(D("-10.005")) == D("-10.01")
    assert cents(D("10.004999")) == D("10.00")
    assert cents(D("7")) == D("7.00")


def test_the_aid_is_rounded_once_on_the_total_not_category_by_category():
    costs = {2025: {"staff": D("10.01"), "travel": D("10.01")}}
    per_category = share(D("10.01"), D("0.5")) + share(D("10.01"), D("0.5"))

    result = figures(costs, rate="0.5000")

    assert per_category == D("10.02")  # 5.005 -> 5.01 twice
    assert result.aid_on_eligible == D("10.01")  # 20.02 × 0.5 = 10.01: the documented rule wins
    assert result.amount_claimed == D("10.01")


def test_the_flat_rate_is_computed_from_the_actual_base_costs():
    costs = {2025: {"staff": D("1234.56"), "services": D("500.00"), "travel": D("65.44")}}

    result = figures(costs, rules={2025: FORTY_OF_STAFF})

    assert result.flat_rate_amount == D("493.82")  # 40 % of 1 234,56 = 493,824
    assert result.total_eligible == D("1234.56") + D("500.00") + D("65.44") + D("493.82")
    assert result.costs_by_category == {"staff": D("1234.56"), "services": D("500.00"), "travel": D("65.44")}


def test_the_flat_rate_of_years_under_one_rule_is_rounded_once():
    costs = {2025: {"staff": D("10.01")}, 2026: {"staff": D("10.01")}}
    rule = FlatRateRule(rate=D("0.2500"), base=("staff",))

    assert flat_rate(costs, {2025: rule, 2026: rule}) == D("5.01")  # 20.02 × 0.25 = 5.005, not 2.50 + 2.50


def test_a_year_without_a_flat_rate_line_takes_the_nearest_years_rule():
    other = FlatRateRule(rate=D("0.1500"), base=("staff",))
    rules = {2024: FORTY_OF_STAFF, 2026: other}

    assert rule_for_year(2024, rules) is FORTY_OF_STAFF
    assert rule_for_year(2027, rules) is other
    assert rule_for_year(2025, rules) is FORTY_OF_STAFF  # a tie goes to the earlier year
    assert rule_for_year(2025, {}) is None


def test_unmapped_costs_and_booked_flat_rate_costs_are_not_eligible():
    costs = {2025: {"staff": D("100.00"), "": D("999.00"), "flat_rate": D("50.00")}}

    result = figures(costs, rules={2025: FORTY_OF_STAFF})

    assert result.costs_by_category == {"staff": D("100.00")}
    assert result.total_eligible == D("140.00")


def test_earlier_claims_are_deducted_from_the_aid_on_the_costs_through_the_period():
    first_half = {2025: {"staff": D("10000.00")}}
    through = {2025: {"staff": D("16000.00")}}  # the first half and 6 000,00 of the second

    result = figures({2025: {"staff": D("6000.00")}}, through=through, rules={2025: FORTY_OF_STAFF}, earlier="10500.00")

    assert figures(first_half, rules={2025: FORTY_OF_STAFF}).amount_claimed == D("10500.00")  # 14 000 × 0.75
    assert result.total_eligible == D("8400.00")
    assert result.cumulative_eligible == D("22400.00")
    assert result.aid_on_eligible == D("16800.00")
    assert result.amount_claimed == D("6300.00")  # 16 800,00 − 10 500,00


def test_claims_add_up_to_the_aid_on_all_costs_to_the_cent():
    rate = "0.7333"
    first = figures({2025: {"staff": D("333.33")}}, rate=rate)
    second = figures(
        {2025: {"staff": D("333.34")}}, through={2025: {"staff": D("666.67")}}, rate=rate, earlier=first.amount_claimed
    )

    assert first.amount_claimed + second.amount_claimed == cents(D("666.67") * D(rate))


def test_a_claim_over_the_grant_is_flagged_not_cut():
    result = figures({2025: {"staff": D("10000.00")}}, granted="7000.00", earlier="1000.00")

    assert result.amount_claimed == D("6500.00")  # 7 500,00 of aid − 1 000,00 claimed earlier
    assert result.claimed_in_total == D("7500.00")
    assert result.exceeds_grant


def test_the_final_claim_claims_what_is_left_capped_by_the_grant():
    result = figures({2025: {"staff": D("10000.00")}}, granted="7000.00", earlier="1000.00", paid="1000.00", final=True)

    assert result.amount_claimed == D("6000.00")  # min(7 500, 7 000) − 1 000
    assert not result.exceeds_grant
    assert result.amount_to_return == D("0.00")


def test_the_final_claim_returns_what_was_paid_beyond_the_aid_the_costs_earn():
    # Advance-like payments of 8 000,00 were made, but the costs in the end earn 7 500,00 of aid.
    result = figures(
        {2025: {"staff": D("0.00")}},
        through={2025: {"staff": D("10000.00")}},
        earlier="8000.00",
        paid="8000.00",
        final=True,
    )

    assert result.aid_on_eligible == D("7500.00")
    assert result.amount_claimed == D("0.00")
    assert result.amount_to_return == D("500.00")


def test_the_final_claim_settles_a_payment_that_differed_from_its_claim():
    # 1 000,00 was claimed earlier but the funder paid 900,00: the final claim asks for the rest.
    result = figures({2025: {"staff": D("2000.00")}}, earlier="1000.00", paid="900.00", final=True)

    assert result.aid_on_eligible == D("1500.00")
    assert result.amount_claimed == D("600.00")
    assert result.amount_to_return == D("0.00")
