"""What the searches over decisions share: the words of a query, how the database looks for them, and
the highlighted snippets of the results.

PostgreSQL: every agenda item carries a stored, GIN-indexed `search_vector` that a trigger fills on
INSERT and UPDATE with the Finnish configuration (`SEARCH_VECTOR_SQL`; weights: title A, proposal and
decision B, description, register number and the body's name C). A query is read as a web search
(`websearch_to_tsquery`: "lainausmerkit", -pois, or) and ranked. Register numbers and project names
are also matched as fragments through pg_trgm indexes (`UPPER(column) LIKE '%...%'`).

SQLite (the embedded default) keeps a simple fallback: each word contained in one of the texts, case
insensitively, and the title's hits as the rank.

Snippets are computed for the rows of one page only, from the text as it is shown (for the public
archive the redacted text), by `ts_headline` on PostgreSQL and by plain matching elsewhere; the text
is escaped and only the <mark> tags around the words found are markup.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery
from django.db import connections, models
from django.db.models import Q
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

#: At most this many words of a query are searched for.
MAX_QUERY_WORDS = 20
#: At most this many characters of a query reach the database.
MAX_QUERY_CHARACTERS = 500
#: The text search configuration of the stored vectors and of the queries.
CONFIG = "finnish"
#: The snippet: at most this many words around the words found, in at most two fragments.
SNIPPET_WORDS = 30
SNIPPET_FRAGMENTS = 2
SNIPPET_DELIMITER = " … "

#: The PL/pgSQL that fills NEW.search_vector of an agenda item (the trigger `search_vector_filled`).
SEARCH_VECTOR_SQL = """
NEW.search_vector :=
    setweight(to_tsvector('finnish', coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector('finnish', coalesce(NEW.proposal, '') || ' ' || coalesce(NEW.decision, '')), 'B')
    || setweight(to_tsvector('finnish', coalesce(NEW.description, '') || ' ' || coalesce(NEW.register_number, '')
        || ' ' || coalesce((SELECT name FROM decisions_body WHERE id = NEW.body_id), '')), 'C');
RETURN NEW;
"""
#: A body renamed: its items' vectors are filled again (the item trigger recomputes a NULL vector).
BODY_RENAMED_SQL = "UPDATE decisions_agendaitem SET search_vector = NULL WHERE body_id = NEW.id; RETURN NULL;"

#: A register number: one token with a digit and a separator ("HYVAKS/1234/00.01.00/2021", "1234/2021").
REGISTER_NUMBER = re.compile(r"(?=[^\s]*\d)(?=[^\s]*[/:-])[\w./:-]+")


def query_words(query: str) -> list[str]:
    """The words of a search query (at most MAX_QUERY_WORDS)."""
    return [word for word in re.split(r"\s+", query.strip()) if word][:MAX_QUERY_WORDS]


def looks_like_register_number(query: str) -> bool:
    return REGISTER_NUMBER.fullmatch(query.strip()) is not None


def is_postgresql(queryset: models.QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def web_search(query: str) -> SearchQuery:
    """The query as a web search in Finnish (websearch_to_tsquery)."""
    return SearchQuery(query.strip()[:MAX_QUERY_CHARACTERS], config=CONFIG, search_type="websearch")


def any_field_contains(fields: Iterable[str], word: str) -> Q:
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": word})
    return condition


def every_word_in_some_field(fields: Iterable[str], query: str) -> Q:
    """The contains-search of SQLite: each word of `query` in one of `fields`."""
    fields = tuple(fields)
    condition = Q()
    for word in query_words(query):
        condition &= any_field_contains(fields, word)
    return condition


def contains_any_word(field: str, words: list[str]) -> Q:
    """`field` contains one of the words of at least 3 letters ("ja" is in too many names)."""
    condition = Q(pk__in=[])
    for word in words:
        if len(word) >= 3:
            condition |= Q(**{f"{field}__icontains": word})
    return condition


# Snippets -----------------------------------------------------------------------------------------

# Markers of the words found, unguessable for this process: whatever a text holds, it cannot forge one.
_START = f"hhmark{secrets.token_hex(8)}"
_STOP = f"hhendmark{secrets.token_hex(8)}"
_MARKERS = re.compile(f"({_START}|{_STOP})")
_HEADLINE_OPTIONS = (
    f"StartSel={_START}, StopSel={_STOP}, MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}, "
    f'MaxFragments={SNIPPET_FRAGMENTS}, FragmentDelimiter="{SNIPPET_DELIMITER}"'
)
_HEADLINES_SQL = f"""
SELECT ts_headline('{CONFIG}', text, websearch_to_tsquery('{CONFIG}', %s), %s)
FROM unnest(%s::text[]) WITH ORDINALITY AS page(text, position) ORDER BY position
"""


def marked(headline: str) -> SafeString:
    """The headline as HTML: its text escaped, the words between its markers in <mark> tags."""
    segments, inside = [], False
    for piece in _MARKERS.split(headline):
        if piece in (_START, _STOP):
            inside = piece == _START
        elif piece:
            segments.append(format_html("<mark>{}</mark>", piece) if inside else format_html("{}", piece))
    return format_html_join("", "{}", ((segment,) for segment in segments))


def snippets(texts: list[str], query: str, *, using: str) -> list[SafeString]:
    """One highlighted snippet of each text (the rows of one page), in one query on PostgreSQL."""
    if not texts:
        return []
    words = query_words(query)
    if not words or connections[using].vendor != "postgresql":
        return [plain_snippet(text, words) for text in texts]
    with connections[using].cursor() as cursor:
        cursor.execute(_HEADLINES_SQL, [query.strip()[:MAX_QUERY_CHARACTERS], _HEADLINE_OPTIONS, texts])
        return [marked(headline or "") for (headline,) in cursor.fetchall()]


def plain_snippet(text: str, words: list[str]) -> SafeString:
    """The words of `text` around the first word found (or its beginning), the words found marked."""
    tokens = text.split()
    wanted = [word for word in (word.strip('"-').casefold() for word in words) if word]
    hits = [i for i, token in enumerate(tokens) if any(word in token.casefold() for word in wanted)]
    first = max(0, (hits[0] if hits else 0) - SNIPPET_WORDS // 3)
    shown = " ".join(tokens[first : first + SNIPPET_WORDS])
    if not wanted:
        return marked(shown)
    pattern = re.compile("|".join(re.escape(word) for word in wanted), re.IGNORECASE)
    return marked(pattern.sub(lambda match: f"{_START}{match.group(0)}{_STOP}", shown))
