"""Records that belong to a checked § freeze with it: one mechanism for every such model.

An agenda item freezes when its minutes are checked (decisions.models.items: FROZEN_FIELDS, the
model's save/delete guards, the QuerySet update guard and the pgtrigger triggers). What belongs to
the decision (its handling, attachments, conditions as decided, delegations, the check record and
the extracts issued of it) is frozen the same way, by inheriting `FrozenWhenChecked`:

- the model: `save()` of a changed row and `delete()` (also in a cascade: a pre_delete receiver)
  raise CheckedDecisionError; so does adding a row to a checked § unless the model allows it;
- the queryset: `.update()` and `.delete()` refuse rows of a checked §, and moving rows into one;
- PostgreSQL: `checked_record_triggers()` refuse UPDATE and DELETE of such rows in the database.
  INSERT is not refused there, so a restore (loaddata into an empty database) can load them.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pgtrigger
from django.db import models
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.db.models.signals import class_prepared, pre_delete

from decisions.models.items import AgendaItem, CheckedDecisionError

#: The PL/pgSQL that refuses a change (the message names the table; "pgtrigger" as the item's triggers say).
REFUSE_SQL = "RAISE EXCEPTION 'pgtrigger: the records of a checked decision cannot change (% table)', TG_TABLE_NAME;"


def item_is_checked_sql(item_id: str) -> str:
    """SQL true when the agenda item `item_id` (a column expression such as OLD.item_id) is checked."""
    table = AgendaItem._meta.db_table
    return f"EXISTS (SELECT 1 FROM {table} WHERE id = {item_id} AND checked_at IS NOT NULL)"


def checked_record_triggers(
    checked_sql: str, frozen_columns: tuple[str, ...] | None = None, *, moved_in: bool = True
) -> list[pgtrigger.Trigger]:
    """The database's refusal to change or delete a row that belongs to a checked §.

    `checked_sql` is a SQL condition with `{row}` for OLD or NEW: true when that row belongs to a
    checked §. `frozen_columns`: the columns that freeze (None: the whole row). An UPDATE that changes
    them is refused when the row belonged to a checked § (or, with `moved_in`, would come to belong to
    one); a DELETE when it belongs to one. INSERT is left alone: a restore loads checked decisions
    into an empty database.
    """
    if frozen_columns is None:
        changed = "OLD IS DISTINCT FROM NEW"
    else:
        changed = " OR ".join(f'OLD."{column}" IS DISTINCT FROM NEW."{column}"' for column in frozen_columns)
    old = checked_sql.format(row="OLD")
    belongs = f"{old} OR {checked_sql.format(row='NEW')}" if moved_in else old
    return [
        pgtrigger.Trigger(
            name="checked_record_is_frozen",
            when=pgtrigger.Before,
            operation=pgtrigger.Update,
            func=f"IF ({changed}) AND ({belongs}) THEN {REFUSE_SQL} END IF; RETURN NEW;",
        ),
        pgtrigger.Trigger(
            name="checked_record_not_deleted",
            when=pgtrigger.Before,
            operation=pgtrigger.Delete,
            func=f"IF {old} THEN {REFUSE_SQL} END IF; RETURN OLD;",
        ),
    ]


class FrozenWhenCheckedQuerySet(models.QuerySet):
    """Bulk writes refuse rows of a checked § (the model's guards are not called by them)."""

    def of_checked_items(self) -> FrozenWhenCheckedQuerySet:
        """The rows that belong to a checked §."""
        return self.filter(self.model.checked_condition()).distinct()

    def update(self, **kwargs: Any) -> int:
        frozen = set(kwargs) - set(self.model.CHANGEABLE_AFTER_CHECK)
        if frozen and self.of_checked_items().exists():
            raise CheckedDecisionError(f"the records of a checked decision cannot change: {', '.join(sorted(frozen))}")
        parent = self.model.parent_field()
        for key in (parent.name, parent.attname):
            if key in kwargs and not self.model.ADDED_AFTER_CHECK and self.model.parent_is_checked(kwargs[key]):
                raise CheckedDecisionError("records cannot be moved to a checked decision")
        return super().update(**kwargs)

    update.queryset_only = True

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.of_checked_items().exists():
            raise CheckedDecisionError("the records of a checked decision cannot be deleted")
        return super().delete()

    delete.queryset_only = True


class FrozenWhenChecked(models.Model):
    """A record that belongs to an agenda item's decision and freezes when the § is checked."""

    #: The lookup from this model to its agenda item ("item", "vote__item").
    CHECKED_ITEM_PATH: ClassVar[str] = "item"
    #: Fields that legitimately change after the check (e.g. a condition's status).
    CHANGEABLE_AFTER_CHECK: ClassVar[tuple[str, ...]] = ()
    #: Whether a new row may be added to a checked § (an extract is issued of a checked decision).
    ADDED_AFTER_CHECK: ClassVar[bool] = False

    objects = FrozenWhenCheckedQuerySet.as_manager()

    class Meta:
        abstract = True

    # The guards ------------------------------------------------------------------------------

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding:
            if not self.ADDED_AFTER_CHECK and self.belongs_to_checked_item():
                raise CheckedDecisionError("a checked decision cannot get new records")
        else:
            self._refuse_changes_if_checked()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        refuse_deletion_if_checked(type(self), self)
        return super().delete(*args, **kwargs)

    # What "belongs to a checked §" means for the model -----------------------------------------

    @classmethod
    def checked_condition(cls) -> Q:
        """A filter for the rows of this model that belong to a checked §."""
        return Q(**{f"{cls.CHECKED_ITEM_PATH}__checked_at__isnull": False})

    @classmethod
    def parent_field(cls) -> models.ForeignKey:
        """The first step of CHECKED_ITEM_PATH: the foreign key a row would be moved by."""
        return cls._meta.get_field(cls.CHECKED_ITEM_PATH.split("__")[0])

    @classmethod
    def parent_is_checked(cls, parent: models.Model | int | None) -> bool:
        """Whether the parent (an agenda item, or e.g. the vote of a ballot) belongs to a checked §."""
        if parent is None:
            return False
        parent_pk = parent.pk if isinstance(parent, models.Model) else parent
        rest = cls.CHECKED_ITEM_PATH.partition("__")[2]
        lookup = f"{rest}__checked_at__isnull" if rest else "checked_at__isnull"
        return cls.parent_field().related_model._base_manager.filter(pk=parent_pk, **{lookup: False}).exists()

    def belongs_to_checked_item(self) -> bool:
        """The stored row belongs to a checked § (a row not yet saved: its parent does)."""
        if self._state.adding or self.pk is None:
            return self.parent_is_checked(getattr(self, self.parent_field().attname))
        return type(self)._base_manager.filter(pk=self.pk).filter(self.checked_condition()).exists()

    def _refuse_changes_if_checked(self) -> None:
        fields = [
            field
            for field in self._meta.concrete_fields
            if not field.primary_key and field.name not in self.CHANGEABLE_AFTER_CHECK
        ]
        stored = type(self)._base_manager.filter(pk=self.pk).filter(self.checked_condition())
        for row in stored.values(*(field.attname for field in fields))[:1]:
            changed = [
                field.name for field in fields if row[field.attname] != _comparable(getattr(self, field.attname))
            ]
            if changed:
                raise CheckedDecisionError(f"the records of a checked decision cannot change: {', '.join(changed)}")
        if self.ADDED_AFTER_CHECK:
            return
        parent = getattr(self, self.parent_field().attname)
        moved = type(self)._base_manager.filter(pk=self.pk).exclude(**{self.parent_field().attname: parent})
        if self.parent_is_checked(parent) and moved.exists():
            raise CheckedDecisionError("records cannot be moved to a checked decision")


def _comparable(value: object) -> object:
    """A field value as `.values()` returns it (a file by its name)."""
    return value.name if isinstance(value, FieldFile) else value


def refuse_deletion_if_checked(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """pre_delete: a row of a checked § is not deleted, also not in a cascade from its parent."""
    if isinstance(instance, FrozenWhenChecked) and instance.pk is not None and instance.belongs_to_checked_item():
        raise CheckedDecisionError(f"a record of a checked decision cannot be deleted: {sender._meta.label}")


def _guard_deletions(sender: type[models.Model], **kwargs: Any) -> None:
    """Every concrete FrozenWhenChecked model gets the pre_delete guard when it is defined."""
    if issubclass(sender, FrozenWhenChecked) and not sender._meta.abstract:
        pre_delete.connect(refuse_deletion_if_checked, sender=sender, dispatch_uid=f"frozen:{sender._meta.label}")


class_prepared.connect(_guard_deletions, dispatch_uid="decisions.frozen_when_checked")
