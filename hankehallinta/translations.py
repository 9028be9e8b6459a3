"""Strings of Django itself that its own Finnish catalogue leaves untranslated.

Marking them here puts them in our catalogue (makemessages extracts them from this module), where
locale/fi gives their Finnish; Django looks in the project's catalogue first.
"""

from __future__ import annotations

from django.utils.translation import ngettext_lazy

DJANGO_UNTRANSLATED = [
    # django.contrib.auth.password_validation.MinimumLengthValidator
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        12,
    ),
]
