from __future__ import annotations

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_state_change_flags")]

    operations = [
        migrations.AddField(
            model_name="fundingcall",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
    ]
