"""Payment claims (maksatushakemus): what the county asks the funder to pay, period by period.

A claim is numbered per project (1, 2, 3 ...) and goes drafted → sent → paid, or sent → returned
when the funder sends it back. Its figures (eligible costs by category, the flat rate, the aid rate
of the funder's decision, the aid, what earlier claims took, the amount claimed and, for the final
claim, the amount to return) are computed by followup.claims and frozen on the row when the claim is
sent: what the funder received never changes afterwards, whatever the ledger says later. A drafted
claim shows the figures as they are now. Every write goes through followup.services.claims.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

ZERO = Decimal("0.00")


def _money(verbose_name) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, default=ZERO)


class PaymentClaimQuerySet(models.QuerySet["PaymentClaim"]):
    def for_project(self, project) -> PaymentClaimQuerySet:
        return self.filter(project=project)

    def counted(self) -> PaymentClaimQuerySet:
        """The claims the funder holds: sent or paid (a draft is not sent yet, a returned one was sent back)."""
        return self.filter(state__in=PaymentClaim.COUNTED)

    def not_returned(self) -> PaymentClaimQuerySet:
        return self.exclude(state=PaymentClaim.State.RETURNED)

    def overlapping(self, start, end) -> PaymentClaimQuerySet:
        """The claims whose period shares a day with start..end."""
        return self.filter(period_start__lte=end, period_end__gte=start)

    def other_than(self, claim: PaymentClaim) -> PaymentClaimQuerySet:
        return self.exclude(pk=claim.pk) if claim.pk else self

    def for_list(self) -> PaymentClaimQuerySet:
        return self.select_related("sent_by", "created_by").order_by("number")


class PaymentClaim(models.Model):
    """One payment claim of a project for one period; the final claim closes the account."""

    class State(models.TextChoices):
        DRAFTED = "drafted", _("Drafted")
        SENT = "sent", _("Sent to the funder")
        PAID = "paid", _("Paid")
        RETURNED = "returned", _("Returned by the funder")

    #: The states whose claimed amounts count against the grant and are deducted from later claims.
    COUNTED = (State.SENT, State.PAID)

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.PROTECT, related_name="payment_claims"
    )
    number = models.PositiveIntegerField(_("number"))
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    is_final = models.BooleanField(_("final claim"), default=False)
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.DRAFTED)

    # The figures, computed when drafted and frozen when sent (followup.claims.ClaimFigures).
    #: {category key: eligible actual costs of the period, as a Decimal string}; the flat rate apart.
    costs_by_category = models.JSONField(_("eligible costs by category"), default=dict, blank=True)
    flat_rate_amount = _money(_("flat-rate costs"))
    total_eligible = _money(_("eligible costs of the period"))
    cumulative_eligible = _money(_("eligible costs through the period"))
    aid_rate = models.DecimalField(_("aid rate"), max_digits=5, decimal_places=4, null=True, blank=True)
    aid_on_eligible = _money(_("aid on the eligible costs"))
    earlier_claimed = _money(_("claimed earlier"))
    earlier_paid = _money(_("paid or due on earlier claims"))
    amount_claimed = _money(_("amount claimed"))
    amount_to_return = _money(_("amount to return"))

    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    paid_amount = models.DecimalField(_("amount paid"), max_digits=14, decimal_places=2, null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    difference_explanation = models.TextField(_("explanation of the difference"), blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    returned_reason = models.TextField(_("reason for the return"), blank=True)

    # Bumped by every write: an action taken on a page opened before another one is refused (409).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = PaymentClaimQuerySet.as_manager()

    class Meta:
        verbose_name = _("payment claim")
        verbose_name_plural = _("payment claims")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="paymentclaim_number_once_per_project"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="paymentclaim_period_in_order"),
        ]

    def __str__(self) -> str:
        return str(_("Payment claim %(number)s (%(start)s–%(end)s)")) % {
            "number": self.number,
            "start": f"{self.period_start:%-d.%-m.%Y}",
            "end": f"{self.period_end:%-d.%-m.%Y}",
        }

    def get_absolute_url(self) -> str:
        return reverse("followup:claim_detail", args=[self.pk])

    @property
    def is_drafted(self) -> bool:
        return self.state == self.State.DRAFTED

    @property
    def is_sent(self) -> bool:
        return self.state == self.State.SENT

    @property
    def is_paid(self) -> bool:
        return self.state == self.State.PAID

    @property
    def payment_difference(self) -> Decimal | None:
        """What the funder paid minus what was claimed (negative when less was paid), once paid."""
        if self.paid_amount is None:
            return None
        return self.paid_amount - self.amount_claimed
