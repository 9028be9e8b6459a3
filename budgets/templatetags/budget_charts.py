"""The funding chart of budgets/chart.py as inline SVG: {{ breakdown|funding_chart }}, or in a template
shared with a PDF {% funding_chart_of breakdown as chart %}."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template

from budgets.chart import funding_chart_svg

if TYPE_CHECKING:
    from django.template import Context
    from django.utils.safestring import SafeString

    from budgets.breakdown import FundingBreakdown

register = template.Library()


@register.filter
def funding_chart(breakdown: FundingBreakdown) -> SafeString:
    return funding_chart_svg(breakdown)


@register.simple_tag(takes_context=True)
def funding_chart_of(context: Context, breakdown: FundingBreakdown) -> SafeString:
    """``{% funding_chart_of breakdown as chart %}``: in a PDF (``pdf`` in the context) the chart's
    title carries its figures too: a PDF's Figure takes its alternative text from the title only."""
    return funding_chart_svg(breakdown, figures_in_title=bool(context.get("pdf")))
