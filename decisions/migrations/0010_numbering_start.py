from __future__ import annotations

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("decisions", "0009_body_presenter_edits_until"),
    ]

    operations = [
        migrations.CreateModel(
            name="NumberingStart",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                ("first_section", models.PositiveIntegerField(default=1, verbose_name="first § of the year")),
                (
                    "first_meeting_number",
                    models.PositiveSmallIntegerField(default=1, verbose_name="first meeting number of the year"),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False, verbose_name="version")),
                (
                    "body",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="numbering_starts",
                        to="decisions.body",
                        verbose_name="body",
                    ),
                ),
            ],
            options={
                "verbose_name": "numbering start",
                "verbose_name_plural": "numbering starts",
                "ordering": ["body", "-year"],
                "constraints": [
                    models.UniqueConstraint(fields=("body", "year"), name="one_numbering_start_per_body_and_year"),
                    models.CheckConstraint(
                        condition=models.Q(("first_section__gte", 1), ("first_meeting_number__gte", 1)),
                        name="numbering_starts_from_one_or_more",
                    ),
                ],
            },
        ),
    ]
