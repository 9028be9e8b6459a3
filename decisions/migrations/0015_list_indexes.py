from __future__ import annotations

from django.db import migrations, models


class Migration(migrations.Migration):
    """The indexes of the meeting lists (newest first) and of the dashboard's recent decisions."""

    dependencies = [
        ("decisions", "0014_search_vectors"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="agendaitem",
            index=models.Index(
                condition=models.Q(("checked_at__isnull", False)),
                fields=["-checked_at", "-section"],
                name="item_recently_checked",
            ),
        ),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["-start", "-id"], name="meeting_newest_first"),
        ),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["body", "-start", "-id"], name="meeting_body_newest_first"),
        ),
    ]
