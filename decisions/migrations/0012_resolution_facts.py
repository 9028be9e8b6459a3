"""The resolution becomes an outcome plus independent facts: "after a vote" and "as amended".

The old exclusive choices are rewritten: passed_unchanged -> passed; passed_voted -> passed and
after_vote; passed_amended -> passed and amended (`split_resolution`). Checked decisions are frozen by
the trigger checked_decision_is_frozen; this rewrite says the same thing in the new words, so the
data migration runs with that trigger ignored (pgtrigger.ignore: a session setting the trigger's
function honours, for this transaction only) before the trigger is rebuilt with the new columns.
The history rows are rewritten too, so the item's history shows the new keys.
"""

from __future__ import annotations

import pgtrigger
import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models

#: The old resolution keys -> (outcome, after a vote, as amended).
LEGACY_RESOLUTIONS = {
    "passed_unchanged": ("passed", False, False),
    "passed_voted": ("passed", True, False),
    "passed_amended": ("passed", False, True),
}
TRIGGER = "decisions.AgendaItem:checked_decision_is_frozen"


def split_resolution(resolution: str) -> tuple[str, bool, bool]:
    """(outcome, after a vote, as amended) for a stored resolution key, old or new."""
    return LEGACY_RESOLUTIONS.get(resolution, (resolution, False, False))


def merge_resolution(resolution: str, *, after_vote: bool, amended: bool) -> str:
    """The old single key for the outcome and its facts (backwards: amended wins over after a vote)."""
    if resolution != "passed":
        return resolution
    if amended:
        return "passed_amended"
    return "passed_voted" if after_vote else "passed_unchanged"


def _models(apps):
    return apps.get_model("decisions", "AgendaItem"), apps.get_model("decisions", "HistoricalAgendaItem")


def forwards(apps, schema_editor):
    alias = schema_editor.connection.alias
    with pgtrigger.ignore(TRIGGER, databases=[alias]):
        for model in _models(apps):
            rows = model._base_manager.using(alias)
            for old in LEGACY_RESOLUTIONS:
                outcome, after_vote, amended = split_resolution(old)
                rows.filter(resolution=old).update(resolution=outcome, after_vote=after_vote, amended=amended)


def backwards(apps, schema_editor):
    alias = schema_editor.connection.alias
    with pgtrigger.ignore(TRIGGER, databases=[alias]):
        for model in _models(apps):
            rows = model._base_manager.using(alias).filter(resolution="passed")
            for after_vote in (False, True):
                for amended in (False, True):
                    old = merge_resolution("passed", after_vote=after_vote, amended=amended)
                    rows.filter(after_vote=after_vote, amended=amended).update(resolution=old)


RESOLUTION_CHOICES = [
    ("passed", "Passed"),
    ("passed_revised", "Passed on the presenter's revised proposal"),
    ("rejected", "Rejected"),
    ("noted", "Noted"),
    ("returned", "Returned for preparation"),
    ("tabled", "Tabled"),
    ("removed", "Removed from the agenda"),
    ("election", "Election"),
]


class Migration(migrations.Migration):
    dependencies = [("decisions", "0011_people")]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="after_vote",
            field=models.BooleanField(default=False, verbose_name="after a vote"),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="amended",
            field=models.BooleanField(default=False, verbose_name="as amended"),
        ),
        migrations.AddField(
            model_name="historicalagendaitem",
            name="after_vote",
            field=models.BooleanField(default=False, verbose_name="after a vote"),
        ),
        migrations.AddField(
            model_name="historicalagendaitem",
            name="amended",
            field=models.BooleanField(default=False, verbose_name="as amended"),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name="agendaitem",
            name="resolution",
            field=models.CharField(blank=True, choices=RESOLUTION_CHOICES, max_length=20, verbose_name="resolution"),
        ),
        migrations.AlterField(
            model_name="historicalagendaitem",
            name="resolution",
            field=models.CharField(blank=True, choices=RESOLUTION_CHOICES, max_length=20, verbose_name="resolution"),
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="agendaitem",
            name="checked_decision_is_frozen",
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="agendaitem",
            trigger=pgtrigger.compiler.Trigger(
                name="checked_decision_is_frozen",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition='WHEN (OLD."checked_at" IS NOT NULL AND (NEW."checked_at" IS NULL OR OLD."decision" IS DISTINCT FROM (NEW."decision") OR OLD."resolution" IS DISTINCT FROM (NEW."resolution") OR OLD."after_vote" IS DISTINCT FROM (NEW."after_vote") OR OLD."amended" IS DISTINCT FROM (NEW."amended") OR OLD."proposal" IS DISTINCT FROM (NEW."proposal") OR OLD."description" IS DISTINCT FROM (NEW."description") OR OLD."handling" IS DISTINCT FROM (NEW."handling") OR OLD."title" IS DISTINCT FROM (NEW."title") OR OLD."section" IS DISTINCT FROM (NEW."section") OR OLD."meeting_id" IS DISTINCT FROM (NEW."meeting_id")))',  # noqa: E501
                    func="RAISE EXCEPTION 'pgtrigger: Cannot update rows from % table', TG_TABLE_NAME;",
                    hash="e09fcf4808ca2ad8ae66a211ee24bcaf4662b04d",
                    operation="UPDATE",
                    pgid="pgtrigger_checked_decision_is_frozen_e7e41",
                    table="decisions_agendaitem",
                    when="BEFORE",
                ),
            ),
        ),
    ]
