"""English as a Finnish county writes it: "31.12.2025" and "31 December 2025", "379,904.00".

Dates keep the day-month-year order with dots that the Finnish state's English pages use: it cannot
be misread (unlike 12/31 or 31/12), and it is what the forms read in every language
(DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS in the settings), so a date shown in a form is a date
the form accepts. Numbers take the English separators; euros are "€379,904.00" (hankehallinta/money.py).
"""

from __future__ import annotations

from django.conf import settings

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = settings.DATE_INPUT_FORMATS
DATETIME_INPUT_FORMATS = settings.DATETIME_INPUT_FORMATS

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
