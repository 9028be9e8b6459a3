"""What the searches over decisions share: the words of a query, and how a word is looked for.

On PostgreSQL the searches use full-text search with the Finnish configuration; elsewhere (SQLite)
a contains-search of each word stands in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import connections, models
from django.db.models import Q

#: At most this many words of a query are searched for.
MAX_QUERY_WORDS = 20


def query_words(query: str) -> list[str]:
    """The words of a search query (at most MAX_QUERY_WORDS)."""
    return [word for word in re.split(r"\s+", query.strip()) if word][:MAX_QUERY_WORDS]


def is_postgresql(queryset: models.QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def any_field_contains(fields: Iterable[str], word: str) -> Q:
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": word})
    return condition


def contains_any_word(field: str, words: list[str]) -> Q:
    """`field` contains one of the words of at least 3 letters ("ja" is in too many names)."""
    condition = Q(pk__in=[])
    for word in words:
        if len(word) >= 3:
            condition |= Q(**{f"{field}__icontains": word})
    return condition
