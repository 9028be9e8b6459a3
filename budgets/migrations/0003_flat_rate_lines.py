from decimal import Decimal

import django.core.validators
from django.db import migrations, models


def rate_field() -> models.DecimalField:
    return models.DecimalField(
        blank=True,
        decimal_places=4,
        help_text="As a fraction: 0,4000 is 40 %.",
        max_digits=5,
        null=True,
        validators=[
            django.core.validators.MinValueValidator(Decimal("0.0001")),
            django.core.validators.MaxValueValidator(Decimal("1")),
        ],
        verbose_name="flat rate",
    )


def base_field() -> models.JSONField:
    return models.JSONField(blank=True, default=list, verbose_name="base of the flat rate")


class Migration(migrations.Migration):
    dependencies = [("budgets", "0002_field_history")]

    operations = [
        migrations.AddField(model_name="budgetline", name="flat_rate", field=rate_field()),
        migrations.AddField(model_name="budgetline", name="flat_rate_base", field=base_field()),
        migrations.AddField(model_name="historicalbudgetline", name="flat_rate", field=rate_field()),
        migrations.AddField(model_name="historicalbudgetline", name="flat_rate_base", field=base_field()),
        migrations.AddConstraint(
            model_name="budgetline",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("flat_rate__isnull", True),
                    models.Q(("category", "flat_rate"), ("flat_rate__gt", 0), ("flat_rate__lte", 1)),
                    _connector="OR",
                ),
                name="budgetline_flat_rate_of_flat_rate_line",
                violation_error_message="Only a flat-rate line can have a flat rate, and the rate must be more than zero and at most one hundred percent.",
            ),
        ),
    ]
