from __future__ import annotations

from django.db import migrations, models


class Migration(migrations.Migration):
    """The indexes of the project lists: their order (newest first) and their filters."""

    dependencies = [
        ("projects", "0005_search_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="project",
            index=models.Index(fields=["-start_date", "title", "id"], name="project_newest_first"),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(fields=["state", "-start_date", "title", "id"], name="project_state_newest_first"),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(fields=["end_date"], name="project_end_date"),
        ),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(fields=["owning_unit"], name="project_owning_unit"),
        ),
    ]
