from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("decisions", "0010_numbering_start")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="unit",
            field=models.CharField(
                blank=True,
                help_text=(
                    "What tells namesakes apart, e.g. the unit of an official or the municipality of a trustee."
                ),
                max_length=200,
                verbose_name="unit or organisation",
            ),
        ),
    ]
