"""What the searches over decisions share: the words of a query, how the database looks for them, and
the highlighted snippets of the results.

PostgreSQL: every agenda item carries a stored, GIN-indexed `search_vector` that a trigger fills on
INSERT and UPDATE (`SEARCH_VECTOR_SQL`; weights: title A, proposal and decision B, description,
register number and the body's name C). The main texts are read with the configuration of the body's
main language (Finnish for Finnish and bilingual bodies, Swedish for a Swedish one); a bilingual body's
Swedish texts (`title_sv`, ...) and Swedish name with the Swedish configuration, at the same weights.
A query is read as a web search (`websearch_to_tsquery`: "lainausmerkit", -pois, or) in Finnish and
in Swedish, and an item matching either is found; it is ranked by the better of the two. Register
numbers and project names are also matched as fragments through pg_trgm indexes
(`UPPER(column) LIKE '%...%'`).

SQLite (the embedded default) keeps a simple fallback: each word contained in one of the texts (the
Swedish ones too), case insensitively, and the title's hits as the rank.

Snippets are computed for the rows of one page only, from the text as it is shown (for the public
archive the redacted text, of a bilingual item the reader's language), by `ts_headline` with the
configuration of the text's language on PostgreSQL and by plain matching elsewhere; the text is
escaped and only the <mark> tags around the words found are markup.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections, models
from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

#: At most this many words of a query are searched for.
MAX_QUERY_WORDS = 20
#: At most this many characters of a query reach the database.
MAX_QUERY_CHARACTERS = 500
#: The text search configuration of a text in each language (the stored vectors, queries, snippets).
CONFIGS = {"fi": "finnish", "sv": "swedish"}
#: The snippet: at most this many words around the words found, in at most two fragments.
SNIPPET_WORDS = 30
SNIPPET_FRAGMENTS = 2
SNIPPET_DELIMITER = " … "

#: The variables of the trigger function below.
SEARCH_VECTOR_DECLARE = [
    ("item_config", "regconfig"),
    ("item_body_name", "text"),
    ("item_bilingual", "boolean"),
    ("item_body_name_sv", "text"),
]
#: The PL/pgSQL that fills NEW.search_vector of an agenda item (the trigger `search_vector_filled`):
#: the main texts in the body's main language; a bilingual body's Swedish texts and name in Swedish
#: (the Swedish texts of a one-language body are printed nowhere, so not searched either).
SEARCH_VECTOR_SQL = """
SELECT CASE WHEN body.language = 'sv' THEN 'swedish' ELSE 'finnish' END::regconfig, body.name,
        body.language = 'fi-sv', body.name_sv
    INTO item_config, item_body_name, item_bilingual, item_body_name_sv
    FROM decisions_body body WHERE body.id = NEW.body_id;
item_config := coalesce(item_config, 'finnish'::regconfig);
NEW.search_vector :=
    setweight(to_tsvector(item_config, coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector(item_config, coalesce(NEW.proposal, '') || ' ' || coalesce(NEW.decision, '')), 'B')
    || setweight(to_tsvector(item_config, coalesce(NEW.description, '') || ' ' || coalesce(NEW.register_number, '')
        || ' ' || coalesce(item_body_name, '')), 'C');
IF item_bilingual THEN
    NEW.search_vector := NEW.search_vector
        || setweight(to_tsvector('swedish', coalesce(NEW.title_sv, '')), 'A')
        || setweight(to_tsvector('swedish', coalesce(NEW.proposal_sv, '') || ' ' || coalesce(NEW.decision_sv, '')), 'B')
        || setweight(to_tsvector('swedish', coalesce(NEW.description_sv, '') || ' '
            || coalesce(item_body_name_sv, '')), 'C');
END IF;
RETURN NEW;
"""
#: A body renamed or its language changed: its items' vectors are filled again (the item trigger
#: recomputes a NULL vector).
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


def _search_query(query: str, language: str) -> SearchQuery:
    return SearchQuery(query.strip()[:MAX_QUERY_CHARACTERS], config=CONFIGS[language], search_type="websearch")


def web_search(query: str) -> SearchQuery:
    """The query as a web search in Finnish or in Swedish (websearch_to_tsquery of each, joined by
    `||`: a text matching the query read in either language matches)."""
    return _search_query(query, "fi") | _search_query(query, "sv")


def web_search_rank(query: str) -> Greatest:
    """The rank of a match: the better of the query's ranks read in Finnish and in Swedish. (One
    `ts_rank` of the joined query would average over the words of both readings and lose the nearness
    of the words of an AND query, which the ranking of one language keeps.)"""
    return Greatest(*(SearchRank(F("search_vector"), _search_query(query, language)) for language in CONFIGS))


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
#: The words are marked as they are found: the query read in Finnish and in Swedish, matched against
#: the text read in its own language (as the stored vector holds it).
_HEADLINES_SQL = """
SELECT ts_headline(
    config::regconfig, text, websearch_to_tsquery('finnish', %(query)s) || websearch_to_tsquery('swedish', %(query)s),
    %(options)s
)
FROM unnest(%(texts)s::text[], %(configs)s::text[]) WITH ORDINALITY AS page(text, config, position) ORDER BY position
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


def snippets(texts: list[str], query: str, *, using: str, languages: list[str] | None = None) -> list[SafeString]:
    """One highlighted snippet of each text (the rows of one page), in one query on PostgreSQL; each
    text read in its language (`languages`, one per text: "fi" or "sv"; Finnish without them)."""
    if not texts:
        return []
    words = query_words(query)
    if not words or connections[using].vendor != "postgresql":
        return [plain_snippet(text, words) for text in texts]
    with connections[using].cursor() as cursor:
        configs = [CONFIGS.get(language, CONFIGS["fi"]) for language in languages or ["fi"] * len(texts)]
        query = query.strip()[:MAX_QUERY_CHARACTERS]
        cursor.execute(
            _HEADLINES_SQL, {"query": query, "options": _HEADLINE_OPTIONS, "texts": texts, "configs": configs}
        )
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
