import django.db.models.deletion
import hankehallinta.uploads
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0002_payment_claims"),
        ("projects", "0008_project_manager_account"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Report",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("interim", "Interim report"),
                            ("annual", "Annual report"),
                            ("final", "Final report"),
                            ("use_of_funds", "Use-of-funds report"),
                        ],
                        max_length=20,
                        verbose_name="kind of report",
                    ),
                ),
                ("period_start", models.DateField(verbose_name="period start")),
                ("period_end", models.DateField(verbose_name="period end")),
                ("due_date", models.DateField(verbose_name="due date")),
                (
                    "state",
                    models.CharField(
                        choices=[("drafted", "Drafted"), ("submitted", "Submitted")],
                        default="drafted",
                        max_length=20,
                        verbose_name="state",
                    ),
                ),
                ("submitted_at", models.DateTimeField(blank=True, null=True, verbose_name="submitted at")),
                ("version", models.PositiveIntegerField(default=1, editable=False, verbose_name="version")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reports",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
                (
                    "submitted_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="submitted by",
                    ),
                ),
            ],
            options={
                "verbose_name": "report",
                "verbose_name_plural": "reports",
                "ordering": ["project", "due_date", "pk"],
            },
        ),
        migrations.CreateModel(
            name="IndicatorValue",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "number",
                    models.DecimalField(blank=True, decimal_places=4, max_digits=16, null=True, verbose_name="value"),
                ),
                ("text", models.CharField(blank=True, max_length=300, verbose_name="value")),
                ("note", models.CharField(blank=True, max_length=500, verbose_name="note")),
                (
                    "indicator",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="projects.indicator",
                        verbose_name="indicator",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="indicator_values",
                        to="followup.report",
                        verbose_name="report",
                    ),
                ),
            ],
            options={
                "verbose_name": "indicator value",
                "verbose_name_plural": "indicator values",
                "ordering": ["report", "indicator__objective__order", "indicator", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ReportAttachment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "file",
                    models.FileField(
                        upload_to="reports/%Y/", validators=[hankehallinta.uploads.validate_upload], verbose_name="file"
                    ),
                ),
                ("sha256", models.CharField(editable=False, max_length=64, verbose_name="SHA-256 of the file")),
                ("uploaded_at", models.DateTimeField(auto_now_add=True, verbose_name="uploaded at")),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attachments",
                        to="followup.report",
                        verbose_name="report",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="uploaded by",
                    ),
                ),
            ],
            options={
                "verbose_name": "report attachment",
                "verbose_name_plural": "report attachments",
                "ordering": ["report", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ReportNarrative",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("text", models.TextField(blank=True, verbose_name="narrative")),
                (
                    "objective",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="projects.objective",
                        verbose_name="objective",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="narratives",
                        to="followup.report",
                        verbose_name="report",
                    ),
                ),
            ],
            options={
                "verbose_name": "report narrative",
                "verbose_name_plural": "report narratives",
                "ordering": ["report", "objective__order", "pk"],
            },
        ),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(fields=["state", "due_date"], name="report_state_due"),
        ),
        migrations.AddConstraint(
            model_name="report",
            constraint=models.CheckConstraint(
                condition=models.Q(("period_end__gte", models.F("period_start"))), name="report_period_in_order"
            ),
        ),
        migrations.AddConstraint(
            model_name="report",
            constraint=models.CheckConstraint(
                condition=models.Q(("state", "drafted"), ("submitted_at__isnull", False), _connector="OR"),
                name="report_submitted_has_time",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicatorvalue",
            constraint=models.UniqueConstraint(fields=("report", "indicator"), name="indicator_value_once_per_report"),
        ),
        migrations.AddConstraint(
            model_name="reportnarrative",
            constraint=models.UniqueConstraint(
                fields=("report", "objective"), name="report_narrative_once_per_objective"
            ),
        ),
    ]
