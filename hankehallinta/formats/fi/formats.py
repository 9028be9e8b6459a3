"""Finnish input formats from the settings (DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS).

A locale's format module wins over the settings, so without this module Django's Finnish formats
would refuse "31.12.2025 14:00". Every other format comes from Django's Finnish module.
"""

from __future__ import annotations

from django.conf import settings

DATE_INPUT_FORMATS = settings.DATE_INPUT_FORMATS
DATETIME_INPUT_FORMATS = settings.DATETIME_INPUT_FORMATS
