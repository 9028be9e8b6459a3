"""The legal clock: DESIGN.md's worked examples, the holiday calendar and the moving last day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from decisions.legal_clock import (
    Deadline,
    NotificationMethod,
    deadline,
    easter_sunday,
    final_after,
    finnish_holidays,
    is_working_day,
    next_working_day,
    notification_date,
    rectification_last_day,
)

D = dt.date
WEB, LETTER, EMAIL = NotificationMethod.WEB_PUBLICATION, NotificationMethod.LETTER, NotificationMethod.EMAIL


def english(text) -> str | None:
    """Holiday names are translatable; compare them by their English msgid."""
    with translation.override("en"):
        return None if text is None else str(text)


# DESIGN.md, "Legal clock (per §)": (method, sent, notified, raw last day, last day, why it moved)
WORKED_EXAMPLES = [
    (WEB, D(2025, 12, 3), D(2025, 12, 10), D(2025, 12, 24), D(2025, 12, 29), "Christmas Eve"),
    (WEB, D(2025, 12, 10), D(2025, 12, 17), D(2025, 12, 31), D(2025, 12, 31), None),
    (EMAIL, D(2026, 3, 17), D(2026, 3, 20), D(2026, 4, 3), D(2026, 4, 7), "Good Friday"),
    (LETTER, D(2026, 5, 29), D(2026, 6, 5), D(2026, 6, 19), D(2026, 6, 22), "Midsummer Eve"),
    (EMAIL, D(2026, 6, 11), D(2026, 6, 14), D(2026, 6, 28), D(2026, 6, 29), "Sunday"),
]


@pytest.mark.parametrize(("method", "sent", "notified", "raw", "last", "reason"), WORKED_EXAMPLES)
def test_design_worked_examples_give_the_documented_last_day(method, sent, notified, raw, last, reason):
    result = deadline(method, sent)

    assert result == Deadline(method, sent, notified, raw, last, result.moved_reason)
    assert english(result.moved_reason) == reason
    assert rectification_last_day(notified) == last


def test_new_years_eve_does_not_move_the_last_day():
    assert D(2025, 12, 31) not in finnish_holidays(2025)
    assert rectification_last_day(D(2025, 12, 17)) == D(2025, 12, 31)


def test_notification_day_never_moves_even_on_a_sunday():
    assert notification_date(EMAIL, D(2026, 6, 11)) == D(2026, 6, 14)
    assert D(2026, 6, 14).weekday() == 6


def test_presumptions_are_seven_days_for_web_and_letter_and_three_for_email():
    sent = D(2026, 2, 2)
    assert notification_date(WEB, sent) == D(2026, 2, 9)
    assert notification_date(LETTER, sent) == D(2026, 2, 9)
    assert notification_date(EMAIL, sent) == D(2026, 2, 5)


def test_method_may_be_given_as_its_stored_value():
    assert deadline("email", D(2026, 3, 17)) == deadline(EMAIL, D(2026, 3, 17))
    assert deadline("email", D(2026, 3, 17)).method is EMAIL
    assert {value for value, _label in NotificationMethod.choices} == {"web_publication", "letter", "email"}


def test_recorded_actual_receipt_overrides_the_presumption():
    presumed = deadline(LETTER, D(2026, 5, 29))
    actual = deadline(LETTER, D(2026, 5, 29), actual_receipt_on=D(2026, 6, 2))

    assert presumed.notified_on == D(2026, 6, 5)
    assert actual.notified_on == D(2026, 6, 2)
    assert actual.raw_last_day == actual.last_day == D(2026, 6, 16)
    assert actual.moved_reason is None


def test_actual_receipt_on_a_later_day_than_presumed_also_overrides():
    assert notification_date(EMAIL, D(2026, 3, 17), actual_receipt_on=D(2026, 3, 25)) == D(2026, 3, 25)


def test_actual_receipt_before_sending_is_rejected():
    with pytest.raises(ValueError):
        notification_date(LETTER, D(2026, 5, 29), actual_receipt_on=D(2026, 5, 28))


def test_holidays_of_2025():
    assert english_holidays(2025) == {
        D(2025, 1, 1): "New Year's Day",
        D(2025, 1, 6): "Epiphany",
        D(2025, 4, 18): "Good Friday",
        D(2025, 4, 20): "Easter Sunday",
        D(2025, 4, 21): "Easter Monday",
        D(2025, 5, 1): "May Day",
        D(2025, 5, 29): "Ascension Day",
        D(2025, 6, 8): "Pentecost",
        D(2025, 6, 20): "Midsummer Eve",
        D(2025, 6, 21): "Midsummer Day",
        D(2025, 11, 1): "All Saints' Day",
        D(2025, 12, 6): "Independence Day",
        D(2025, 12, 24): "Christmas Eve",
        D(2025, 12, 25): "Christmas Day",
        D(2025, 12, 26): "Boxing Day",
    }


def test_holidays_of_2026():
    assert english_holidays(2026) == {
        D(2026, 1, 1): "New Year's Day",
        D(2026, 1, 6): "Epiphany",
        D(2026, 4, 3): "Good Friday",
        D(2026, 4, 5): "Easter Sunday",
        D(2026, 4, 6): "Easter Monday",
        D(2026, 5, 1): "May Day",
        D(2026, 5, 14): "Ascension Day",
        D(2026, 5, 24): "Pentecost",
        D(2026, 6, 19): "Midsummer Eve",
        D(2026, 6, 20): "Midsummer Day",
        D(2026, 10, 31): "All Saints' Day",
        D(2026, 12, 6): "Independence Day",
        D(2026, 12, 24): "Christmas Eve",
        D(2026, 12, 25): "Christmas Day",
        D(2026, 12, 26): "Boxing Day",
    }


def english_holidays(year: int) -> dict[dt.date, str | None]:
    return {day: english(name) for day, name in finnish_holidays(year).items()}


def test_ascension_day_on_may_day_keeps_both_names():
    assert easter_sunday(2008) == D(2008, 3, 23)
    assert english_holidays(2008)[D(2008, 5, 1)] == "May Day, Ascension Day"
    assert len(finnish_holidays(2008)) == 14


def test_changing_the_returned_calendar_does_not_change_the_next_call():
    finnish_holidays(2026).clear()
    assert len(finnish_holidays(2026)) == 15


def test_next_working_day_is_the_day_itself_on_a_working_day():
    assert next_working_day(D(2026, 4, 2)) == D(2026, 4, 2)  # Maundy Thursday is a working day
    assert next_working_day(D(2026, 5, 15)) == D(2026, 5, 15)  # the Friday after Ascension Day too


def test_christmas_eve_on_a_friday_moves_past_christmas_and_the_weekend():
    assert D(2027, 12, 24).weekday() == 4
    result = deadline(WEB, D(2027, 12, 3))

    assert result.raw_last_day == D(2027, 12, 24)
    assert result.last_day == D(2027, 12, 27)
    assert english(result.moved_reason) == "Christmas Eve"


def test_christmas_eve_on_a_thursday_moves_past_christmas_and_the_weekend():
    assert rectification_last_day(D(2026, 12, 10)) == D(2026, 12, 28)


def test_easter_chain_moves_good_friday_to_tuesday():
    assert next_working_day(D(2025, 4, 18)) == D(2025, 4, 22)


def test_final_after_is_the_day_after_the_latest_route():
    web = deadline(WEB, D(2025, 12, 3))  # last day Mon 29.12.2025
    letter = deadline(LETTER, D(2025, 12, 17))  # notified Wed 24.12, last day Wed 7.1.2026
    email = deadline(EMAIL, D(2025, 12, 19))  # notified Mon 22.12, last day Mon 5.1.2026

    assert letter.last_day == D(2026, 1, 7)
    assert email.last_day == D(2026, 1, 5)
    assert final_after([web, letter, email]) == D(2026, 1, 8)
    assert final_after(iter([email, letter, web])) == D(2026, 1, 8)
    assert final_after([web]) == D(2025, 12, 30)


def test_final_after_without_routes_is_none():
    assert final_after([]) is None


@given(st.integers(min_value=1583, max_value=4099))
def test_easter_matches_dateutil(year):
    dateutil_easter = pytest.importorskip("dateutil.easter")
    assert easter_sunday(year) == dateutil_easter.easter(year)


@given(st.integers(min_value=1900, max_value=2200))
def test_movable_holidays_fall_on_their_weekday_and_window(year):
    names = english_holidays(year)
    by_name = {name: day for day, name in names.items()}

    assert len(names) == (14 if by_name.get("May Day, Ascension Day") else 15)
    assert by_name["Easter Sunday"].weekday() == 6
    assert by_name["Good Friday"].weekday() == 4
    ascension = by_name.get("Ascension Day") or by_name["May Day, Ascension Day"]
    assert ascension == by_name["Easter Sunday"] + dt.timedelta(days=39)
    assert ascension.weekday() == 3
    assert by_name["Pentecost"].weekday() == 6
    assert by_name["Midsummer Eve"].weekday() == 4
    assert D(year, 6, 19) <= by_name["Midsummer Eve"] <= D(year, 6, 25)
    assert by_name["Midsummer Day"] == by_name["Midsummer Eve"] + dt.timedelta(days=1)
    assert by_name["All Saints' Day"].weekday() == 5
    assert D(year, 10, 31) <= by_name["All Saints' Day"] <= D(year, 11, 6)


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)))
def test_last_day_is_the_first_working_day_on_or_after_the_raw_last_day(notified_on):
    raw = notified_on + dt.timedelta(days=14)
    last = rectification_last_day(notified_on)

    assert is_working_day(last)
    assert last.weekday() < 5
    assert last not in finnish_holidays(last.year)
    assert raw <= last <= raw + dt.timedelta(days=5)
    skipped = [raw + dt.timedelta(days=n) for n in range((last - raw).days)]
    assert not any(is_working_day(day) for day in skipped)
