# The decision page records conditions with who is responsible for them; the column freezes with the
# condition's other decided parts when the § is checked.

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("decisions", "0012_resolution_facts")]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name="decisioncondition",
            name="checked_record_is_frozen",
        ),
        migrations.AddField(
            model_name="decisioncondition",
            name="responsible",
            field=models.CharField(
                blank=True,
                help_text="A person or a role, e.g. talousjohtaja.",
                max_length=200,
                verbose_name="responsible",
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="decisioncondition",
            trigger=pgtrigger.compiler.Trigger(
                name="checked_record_is_frozen",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='IF (OLD."item_id" IS DISTINCT FROM NEW."item_id" OR OLD."project_id" IS DISTINCT FROM NEW."project_id" OR OLD."text" IS DISTINCT FROM NEW."text" OR OLD."due_date" IS DISTINCT FROM NEW."due_date" OR OLD."responsible" IS DISTINCT FROM NEW."responsible") AND (EXISTS (SELECT 1 FROM decisions_agendaitem WHERE id = OLD.item_id AND checked_at IS NOT NULL)) THEN RAISE EXCEPTION \'pgtrigger: the records of a checked decision cannot change (% table)\', TG_TABLE_NAME; END IF; RETURN NEW;',
                    hash="485488d6675b6b2f928c4d787a69ed6e027d9214",
                    operation="UPDATE",
                    pgid="pgtrigger_checked_record_is_frozen_74913",
                    table="decisions_decisioncondition",
                    when="BEFORE",
                ),
            ),
        ),
    ]
