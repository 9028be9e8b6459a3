"""Swedish as it is written in Finland: "31.12.2025", "31.12.2025 14.00", "379 904,00".

Django's Swedish module follows Sweden ("2025-12-31"); Finland's Swedish-language administration
writes dates with dots like Finnish does, and the forms read the same input as in Finnish
(DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS in the settings), whatever the page's language.
"""

from __future__ import annotations

from django.conf import settings

DATE_FORMAT = "j F Y"
TIME_FORMAT = "G.i"
DATETIME_FORMAT = "j F Y \\k\\l. G.i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y G.i"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = settings.DATE_INPUT_FORMATS
DATETIME_INPUT_FORMATS = settings.DATETIME_INPUT_FORMATS

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # no-break space
NUMBER_GROUPING = 3
