"""The content key of a document: found from the rows it prints, without rendering its HTML.

A PDF's cache key is normally the SHA-256 of its rendered HTML (:func:`hankehallinta.pdf.html_to_pdf`),
which costs the whole template render. A view that knows which rows its document prints gives
instead a *content key* (``render_pdf(..., key=document_key(...))``): the digest of every column of
those rows, read with ``values_list`` (no model instances, no template). Since every column of every
row is hashed, any change that could show in the document (a text, a vote, a name, an attendance,
a budget line, a version or ``checked_at``) gives another key: the document is rendered anew, never
served stale. Rows without a timestamp or version are covered the same way, by their values.

Which rows: the querysets in ``expand``, every row that points at them (each reverse foreign key and
many-to-many of their model), and then, transitively, every row any collected row points at (its
forward foreign keys and many-to-many: persons, bodies, projects, application versions, users). The
querysets in ``include`` are taken with their forward closure only (e.g. a body's memberships, for
the quorum). What depends on the reader rather than on rows (which § a user may read, which secret
attachment titles) goes into ``parts``, as do the draft mark and anything else the view decides.
:func:`hankehallinta.pdf.render_pdf` adds the template, the language, the day printed, the
organisation and the assets' version.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet

#: Columns that change without changing any document (a user's sign-in), left out of the digest.
IGNORED_COLUMNS = frozenset({"last_login"})


class _Rows:
    """The rows collected so far, by model: {model: {pk: values}}."""

    def __init__(self) -> None:
        self.by_model: dict[type[Model], dict[Any, tuple]] = defaultdict(dict)

    def add(self, model: type[Model], rows: Iterable[tuple]) -> list[Any]:
        """Store `rows` (pk first); answer the pks that were new."""
        known = self.by_model[model]
        new = []
        for row in rows:
            if row[0] not in known:
                known[row[0]] = row
                new.append(row[0])
        return new

    def digest(self) -> str:
        hasher = hashlib.sha256()
        for model in sorted(self.by_model, key=lambda m: m._meta.label):
            hasher.update(f"\n{model._meta.label}\n".encode())
            for pk in sorted(self.by_model[model], key=repr):
                hasher.update(repr(self.by_model[model][pk]).encode())
        return hasher.hexdigest()


def _columns(model: type[Model]) -> list[str]:
    """Every concrete column, the primary key first."""
    pk = model._meta.pk.attname
    return [pk] + [f.attname for f in model._meta.concrete_fields if f.attname != pk and f.name not in IGNORED_COLUMNS]


def _read(model: type[Model], queryset: QuerySet) -> list[tuple]:
    return list(queryset.order_by().values_list(*_columns(model)))


def _pointing_at(rows: _Rows, model: type[Model], pks: list[Any]) -> list[tuple[type[Model], list[Any]]]:
    """Collect every row whose foreign key or many-to-many points at `pks` of `model`."""
    found = []
    for relation in model._meta.related_objects:
        related = relation.related_model
        if relation.many_to_many:
            through = relation.through
            source = next(f for f in through._meta.concrete_fields if f.related_model is model)
            found.append(
                (through, rows.add(through, _read(through, through.objects.filter(**{f"{source.name}__in": pks}))))
            )
            continue
        lookup = f"{relation.field.name}__in"
        found.append((related, rows.add(related, _read(related, related._base_manager.filter(**{lookup: pks})))))
    return found


def _pointed_at(rows: _Rows, pending: list[tuple[type[Model], list[Any]]]) -> None:
    """Collect, transitively, every row the `pending` rows point at (foreign keys, many-to-many): in
    rounds, one query per target model and round."""
    frontier: dict[type[Model], set[Any]] = defaultdict(set)
    for model, pks in pending:
        frontier[model].update(pks)
    frontier = {model: pks for model, pks in frontier.items() if pks}
    while frontier:
        wanted: dict[type[Model], set[Any]] = defaultdict(set)
        following: dict[type[Model], set[Any]] = defaultdict(set)
        for model, pks in frontier.items():
            stored = rows.by_model[model]
            columns = _columns(model)
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model is not None:
                    index = columns.index(field.attname)
                    wanted[field.related_model].update(stored[pk][index] for pk in pks)
            for field in model._meta.many_to_many:
                through = field.remote_field.through
                source = next(f for f in through._meta.concrete_fields if f.related_model is model)
                following[through].update(
                    rows.add(through, _read(through, through.objects.filter(**{f"{source.name}__in": pks})))
                )
        for target, pks in wanted.items():
            missing = pks - {None} - set(rows.by_model[target])
            if missing:
                following[target].update(rows.add(target, _read(target, target._base_manager.filter(pk__in=missing))))
        frontier = {model: pks for model, pks in following.items() if pks}


def document_key(
    *, expand: Iterable[QuerySet] = (), include: Iterable[QuerySet] = (), parts: Iterable[Any] = ()
) -> str:
    """The content key of a document: the rows of `expand` and all that points at them, the rows of
    `include`, everything those point at, and the view's `parts` (reader-dependent choices)."""
    rows = _Rows()
    pending: list[tuple[type[Model], list[Any]]] = []
    for queryset in expand:
        model = queryset.model
        read = _read(model, queryset)
        pending.append((model, rows.add(model, read)))
        pks = [row[0] for row in read]
        if pks:
            pending.extend(_pointing_at(rows, model, pks))
    for queryset in include:
        pending.append((queryset.model, rows.add(queryset.model, _read(queryset.model, queryset))))
    _pointed_at(rows, pending)
    hasher = hashlib.sha256(rows.digest().encode())
    hasher.update(repr(list(parts)).encode())
    return hasher.hexdigest()
