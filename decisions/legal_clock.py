"""The legal clock of a decision: notification, the rectification period and finality.

Pure date arithmetic, no database. The rules (see DESIGN.md, "Legal clock (per §)"):

- Hyvinvointialuelaki 145 § (as Kuntalaki 140 §): the county's members are notified 7 days after
  the minutes are published on the web.
- Hallintolaki 59 §: a party notified by letter is notified on the 7th day after sending.
- Laki sähköisestä asioinnista viranomaistoiminnassa 19 §: ordinary electronic notice, 3rd day after sending.
- Each of those is a presumption; a recorded actual receipt date overrides it. The notification
  day itself never moves.
- Rectification period: 14 days from notification; the day of notification is not counted (day 1
  is the next day). The provision quoted in the instructions is stored per item, not here.
- Laki säädettyjen määräaikain laskemisesta 150/1930 5 §: a last day on a Saturday, Sunday or holiday
  moves to the next working day.

The request must reach the registry before it closes on the last day; the closing time belongs to
the body and is not computed here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

RECTIFICATION_DAYS = 14

# The period of each appeal route, in days from notification (its day not counted). A route that is
# not here has no period: a decision with no appeal.
APPEAL_PERIOD_DAYS = {
    "rectification": RECTIFICATION_DAYS,  # Hyvinvointialuelaki 141 §, Hallintolaki 49 c §
    "county_appeal": 30,  # Hallintolaki 49 b §: aluevalitus to the administrative court
    "administrative_appeal": 30,  # Laki oikeudenkäynnistä hallintoasioissa 13 §
    "procurement": 14,  # Hankintalaki 133 § (hankintaoikaisu) and 147 § (markkinaoikeus)
}


def easter_sunday(year: int) -> dt.date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher")."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _first_weekday_from(start: dt.date, weekday: int) -> dt.date:
    """The first date on or after `start` that falls on `weekday` (Monday = 0)."""
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


@cache
def _holidays(year: int) -> dict[dt.date, str]:
    easter = easter_sunday(year)
    holidays: dict[dt.date, str] = {}
    for day, name in [
        (dt.date(year, 1, 1), _("New Year's Day")),
        (dt.date(year, 1, 6), _("Epiphany")),
        (easter - dt.timedelta(days=2), _("Good Friday")),
        (easter, _("Easter Sunday")),
        (easter + dt.timedelta(days=1), _("Easter Monday")),
        (dt.date(year, 5, 1), _("May Day")),
        (easter + dt.timedelta(days=39), _("Ascension Day")),
        (easter + dt.timedelta(days=49), _("Pentecost")),
        (_first_weekday_from(dt.date(year, 6, 19), 4), _("Midsummer Eve")),
        (_first_weekday_from(dt.date(year, 6, 20), 5), _("Midsummer Day")),
        (_first_weekday_from(dt.date(year, 10, 31), 5), _("All Saints' Day")),
        (dt.date(year, 12, 6), _("Independence Day")),
        (dt.date(year, 12, 24), _("Christmas Eve")),
        (dt.date(year, 12, 25), _("Christmas Day")),
        (dt.date(year, 12, 26), _("Boxing Day")),
    ]:
        # Ascension Day falls on May Day when Easter is on 23.3 (2008, 2160): keep both names.
        holidays[day] = format_lazy("{}, {}", holidays[day], name) if day in holidays else name
    return holidays


def finnish_holidays(year: int) -> dict[dt.date, str]:
    """The holidays on which a period's last day moves (150/1930 5 §), with their names.

    Saturdays and Sundays move a last day on their own and are not listed, except where a named
    holiday falls on them. New Year's Eve (31.12) is not a holiday and does not move a last day.
    """
    return dict(_holidays(year))


def non_working_reason(day: dt.date) -> str | None:
    """Why `day` is not a working day (the holiday's name, or Saturday / Sunday), or None."""
    if name := _holidays(day.year).get(day):
        return name
    if day.weekday() == 5:
        return _("Saturday")
    if day.weekday() == 6:
        return _("Sunday")
    return None


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a holiday of 150/1930 5 §."""
    return non_working_reason(day) is None


def next_working_day(day: dt.date) -> dt.date:
    """`day` itself if it is a working day, otherwise the first working day after it (150/1930 5 §).

    At most 5 days later: a Wednesday 24.12 moves to Monday 29.12.
    """
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


class NotificationMethod(models.TextChoices):
    """How a decision reaches its addressee; each carries its own presumed notification day."""

    WEB_PUBLICATION = "web_publication", _("Publication on the web")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("Electronic notice (e-mail)")


PRESUMED_DAYS_AFTER_SENDING = {
    NotificationMethod.WEB_PUBLICATION: 7,  # Hyvinvointialuelaki 145 § / Kuntalaki 140 §
    NotificationMethod.LETTER: 7,  # Hallintolaki 59 §
    NotificationMethod.EMAIL: 3,  # Laki sähköisestä asioinnista viranomaistoiminnassa 19 §
}


def notification_date(
    method: NotificationMethod | str, sent_on: dt.date, actual_receipt_on: dt.date | None = None
) -> dt.date:
    """The day of notification: the presumption for `method`, unless an actual receipt is recorded.

    `sent_on` is the day of publication on the web for WEB_PUBLICATION. The result never moves to a
    working day: only a period's last day does.
    """
    if actual_receipt_on is not None:
        if actual_receipt_on < sent_on:
            raise ValueError(f"received on {actual_receipt_on} before it was sent on {sent_on}")
        return actual_receipt_on
    return sent_on + dt.timedelta(days=PRESUMED_DAYS_AFTER_SENDING[NotificationMethod(method)])


def rectification_last_day(notified_on: dt.date) -> dt.date:
    """The last day to request rectification: 14 days, the notification day not counted, then 150/1930 5 §."""
    return next_working_day(notified_on + dt.timedelta(days=RECTIFICATION_DAYS))


@dataclass(frozen=True)
class Deadline:
    """The rectification period of one notification route (names in moved_reason are lazy translations)."""

    method: NotificationMethod
    sent_on: dt.date
    notified_on: dt.date
    raw_last_day: dt.date  # notified_on + 14 days
    last_day: dt.date  # raw_last_day moved to the next working day if needed
    moved_reason: str | None  # why raw_last_day moved (a holiday's name, Saturday, Sunday), or None


def deadline(
    method: NotificationMethod | str,
    sent_on: dt.date,
    actual_receipt_on: dt.date | None = None,
    *,
    days: int = RECTIFICATION_DAYS,
) -> Deadline:
    """The period (14 days for rectification, `days` for another route) of a decision sent on `sent_on`."""
    method = NotificationMethod(method)
    notified_on = notification_date(method, sent_on, actual_receipt_on)
    raw_last_day = notified_on + dt.timedelta(days=days)
    return Deadline(
        method=method,
        sent_on=sent_on,
        notified_on=notified_on,
        raw_last_day=raw_last_day,
        last_day=next_working_day(raw_last_day),
        moved_reason=non_working_reason(raw_last_day),
    )


def final_after(deadlines: Iterable[Deadline]) -> dt.date | None:
    """The first day the decision can be confirmed final (lainvoimainen), or None without routes.

    That is the day after the latest last day of all the notification routes. It is only the
    earliest possible day: finality is confirmed by a person who records that no rectification
    request arrived in time (a record, never computed from the date alone).
    """
    last_days = [d.last_day for d in deadlines]
    return max(last_days) + dt.timedelta(days=1) if last_days else None
