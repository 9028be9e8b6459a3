"""Where a body's numbering of a year starts: its § count and its meeting numbers.

Both run per body per calendar year and normally start at 1. A body taken into use in the middle of
a year continues the count it kept elsewhere: with a start of § 101, the first § the system gives in
that year is 101, the next 102. The start is set by the body's secretary or the county's
administrator (decisions.services.numbering, which refuses a start that collides with a number
already given).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from decisions.models.bodies import Body


class NumberingStartQuerySet(models.QuerySet["NumberingStart"]):
    def of(self, body: Body | int, year: int) -> NumberingStartQuerySet:
        body_id = body if isinstance(body, int) else body.pk
        return self.filter(body_id=body_id, year=year)


class NumberingStart(models.Model):
    """The first § number and the first meeting number of a body's year (without one: 1 and 1)."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="numbering_starts")
    year = models.PositiveSmallIntegerField(_("year"))
    first_section = models.PositiveIntegerField(_("first § of the year"), default=1)
    first_meeting_number = models.PositiveSmallIntegerField(_("first meeting number of the year"), default=1)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = NumberingStartQuerySet.as_manager()

    class Meta:
        verbose_name = _("numbering start")
        verbose_name_plural = _("numbering starts")
        ordering = ["body", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="one_numbering_start_per_body_and_year"),
            models.CheckConstraint(
                condition=Q(first_section__gte=1) & Q(first_meeting_number__gte=1),
                name="numbering_starts_from_one_or_more",
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("%(body)s %(year)s: § from %(section)s, meetings from %(meeting)s")
            % {
                "body": self.body,
                "year": self.year,
                "section": self.first_section,
                "meeting": self.first_meeting_number,
            }
        )

    def get_absolute_url(self) -> str:
        return self.body.get_absolute_url()

    @classmethod
    def first_numbers(cls, body: Body | int, year: int) -> tuple[int, int]:
        """The year's first § and first meeting number: the start's, or 1 and 1 without one."""
        found = cls.objects.of(body, year).values_list("first_section", "first_meeting_number").first()
        return found or (1, 1)
