# The accessibility feedback sent with the form of the accessibility statement (issue 16 item 5).

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("hankehallinta", "0002_user_language")]

    operations = [
        migrations.CreateModel(
            name="AccessibilityFeedback",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "received_at",
                    models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="received"),
                ),
                ("reply_due", models.DateField(verbose_name="reply due")),
                ("message", models.TextField(max_length=5000, verbose_name="feedback")),
                ("page", models.CharField(blank=True, max_length=500, verbose_name="page concerned")),
                ("name", models.CharField(blank=True, max_length=200, verbose_name="name")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail address")),
                ("wants_reply", models.BooleanField(default=False, verbose_name="reply wanted")),
                (
                    "language",
                    models.CharField(
                        blank=True,
                        choices=[("fi", "suomi"), ("sv", "svenska"), ("en", "English")],
                        max_length=10,
                        verbose_name="language",
                    ),
                ),
                ("handled", models.BooleanField(db_index=True, default=False, verbose_name="handled")),
                ("handled_at", models.DateTimeField(blank=True, null=True, verbose_name="handled at")),
            ],
            options={
                "verbose_name": "accessibility feedback",
                "verbose_name_plural": "accessibility feedback",
                "ordering": ["handled", "reply_due", "pk"],
            },
        ),
    ]
