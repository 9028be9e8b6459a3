from __future__ import annotations

from decimal import Decimal

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0006_list_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="fundingcall",
            name="variance_limit",
            field=models.DecimalField(
                blank=True,
                decimal_places=4,
                help_text="As a fraction: 0,1500 is 15 %.",
                max_digits=5,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(Decimal("0")),
                    django.core.validators.MaxValueValidator(Decimal("1")),
                ],
                verbose_name="variance limit",
            ),
        ),
        migrations.AddConstraint(
            model_name="fundingcall",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("variance_limit__gte", 0), ("variance_limit__lte", 1)),
                    ("variance_limit__isnull", True),
                    _connector="OR",
                ),
                name="fundingcall_variance_limit_between_0_and_1",
            ),
        ),
    ]
