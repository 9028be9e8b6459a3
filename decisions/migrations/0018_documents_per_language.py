"""Extracts per language: Extract.language, and one extract per item *and language*.

Every extract issued before this migration is Finnish: bodies had no other language before 0016,
so the default "fi" is each existing row's body's main language (no data migration, and none could
update a frozen extract of a checked decision anyway).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("decisions", "0017_swedish_search")]

    operations = [
        migrations.RemoveConstraint(
            model_name="extract",
            name="one_extract_per_item",
        ),
        migrations.AddField(
            model_name="extract",
            name="language",
            field=models.CharField(
                choices=[("fi", "Finnish"), ("sv", "Swedish")],
                default="fi",
                help_text="The language the extract is issued in: one of its body's document languages.",
                max_length=2,
                verbose_name="language",
            ),
        ),
        migrations.AddConstraint(
            model_name="extract",
            constraint=models.UniqueConstraint(fields=("item", "language"), name="one_extract_per_item_and_language"),
        ),
    ]
