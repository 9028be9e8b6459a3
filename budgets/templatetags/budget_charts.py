"""{{ breakdown|funding_chart }}: the funding chart of budgets/chart.py as inline SVG."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template

from budgets.chart import funding_chart_svg

if TYPE_CHECKING:
    from django.utils.safestring import SafeString

    from budgets.breakdown import FundingBreakdown

register = template.Library()


@register.filter
def funding_chart(breakdown: FundingBreakdown) -> SafeString:
    return funding_chart_svg(breakdown)
