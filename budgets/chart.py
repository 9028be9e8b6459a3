"""The funding chart: one bar per budget year, drawn on the server as inline SVG.

Each bar is the year's gross cost, stacked from the grant income and the own contribution (money,
and in kind as staff time where there is any). This module computes the chart as data (coordinates,
colours and labels: FundingChart); the template budgets/_funding_chart_svg.html draws it. The same
markup goes to the page and, through WeasyPrint, to the funding PDF: no scripts, no external
references, no style attributes or <style> (the content security policy forbids inline styles); only
presentation attributes with computed numbers and fixed colours, fixed class names, and text that is
either a number we formatted or a fixed translated label, escaped by the template.

Coordinates are computed in Decimal like every amount, and written with one decimal.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from budgets.models import ZERO
from hankehallinta.money import NBSP, format_eur

if TYPE_CHECKING:
    from collections.abc import Callable

    from budgets.breakdown import FundingBreakdown, YearFigures

TEMPLATE = "budgets/_funding_chart_svg.html"

# Geometry, in SVG user units (px).
LEFT = Decimal(92)  # room for the amount axis labels
RIGHT = Decimal(16)
TOP = Decimal(26)  # room for the total above the tallest bar
PLOT_HEIGHT = Decimal(180)
BAR = Decimal(64)
GAP = Decimal(48)
AXIS_LABEL_ROOM = Decimal(24)  # the year labels under the bars
LEGEND_ROW = Decimal(20)
MIN_WIDTH = Decimal(380)
TICKS = 4
ONE_PLACE = Decimal("0.1")
STEP_MULTIPLIERS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))

# Fixed colours with a dark outline, so that the light segment stands out from the page (WCAG 1.4.11).
COLOURS = {
    "grant": "#1f5f8b",
    "own": "#c96a12",
    "in-kind": "#f2c894",
}
OUTLINE = "#3b3b3b"
TEXT = "#1a1a1a"
GRID = "#c8c8c8"
FONT = "'Hankehallinta DejaVu Sans', 'DejaVu Sans', Arial, sans-serif"


def _n(value: Decimal) -> str:
    """A coordinate with one decimal, "12.5"."""
    return str(value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP))


def _axis_amount(amount: Decimal) -> str:
    """Whole euros for the axis: "250 000 €"."""
    text = format_eur(amount, symbol=False)
    if text.endswith(",00"):
        text = text[:-3]
    return f"{text}{NBSP}€"


def nice_step(largest: Decimal, ticks: int = TICKS) -> Decimal:
    """A round step (1, 2, 2,5 or 5 times a power of ten) that covers `largest` in about `ticks` steps."""
    raw = largest / ticks
    base = Decimal(10) ** raw.adjusted()
    for multiplier in STEP_MULTIPLIERS:
        step = multiplier * base
        if step >= raw:
            return step
    return STEP_MULTIPLIERS[-1] * base  # pragma: no cover - 10 x base always covers raw


@dataclass(frozen=True)
class Segment:
    """One stacked part of a bar: its rectangle and the tooltip naming year, part and amount."""

    kind: str
    x: str
    y: str
    width: str
    height: str
    fill: str
    title: str


@dataclass(frozen=True)
class Bar:
    """One budget year: its segments from the bottom, the gross cost above and the year below."""

    segments: list[Segment]
    centre: str
    value_y: str
    value: str
    year_y: str
    year: int


@dataclass(frozen=True)
class GridLine:
    """A step of the amount axis: the line across the plot and its label at the left."""

    y: str
    label_x: str
    label_y: str
    label: str


@dataclass(frozen=True)
class LegendEntry:
    kind: str
    x: str
    y: str
    fill: str
    text_x: str
    text_y: str
    label: str


@dataclass(frozen=True)
class FundingChart:
    """Everything the template draws, as formatted numbers and texts."""

    id_prefix: str
    width: str
    height: str
    plot_left: str
    plot_right: str
    baseline: str
    grid: list[GridLine]
    bars: list[Bar]
    legend: list[LegendEntry]
    title: str
    description: str
    font: str = FONT
    text_colour: str = TEXT
    grid_colour: str = GRID
    outline: str = OUTLINE


def _segments(row: YearFigures) -> list[tuple[str, str, Decimal]]:
    """(kind, label, amount): grant income at the bottom, then the own contribution in money, then in kind."""
    own = max(row.own_contribution, ZERO)
    in_kind = min(row.own_in_kind, own)
    return [
        ("grant", _("Grant income"), max(row.grant_income, ZERO)),
        ("own", _("Own contribution in money"), own - in_kind),
        ("in-kind", _("Own contribution in kind"), in_kind),
    ]


def _description(rows: list[YearFigures]) -> str:
    parts = []
    for row in rows:
        text = _("%(year)s: gross cost %(cost)s, grant income %(grants)s, own contribution %(own)s") % {
            "year": row.year,
            "cost": format_eur(row.gross_cost),
            "grants": format_eur(row.grant_income),
            "own": format_eur(row.own_contribution),
        }
        if row.own_in_kind:
            text += _(", of which %(amount)s in kind") % {"amount": format_eur(row.own_in_kind)}
        parts.append(text + ".")
    return " ".join(parts)


def _bar(row: YearFigures, index: int, y: Callable[[Decimal], Decimal], scale: Decimal, baseline: Decimal) -> Bar:
    """The bar of the `index`th year: segments stacked from the baseline, `scale` units per euro."""
    x = LEFT + GAP + (BAR + GAP) * index
    centre = x + BAR / 2
    stacked = ZERO
    segments = []
    for kind, label, amount in _segments(row):
        if amount <= 0:
            continue
        segments.append(
            Segment(
                kind=kind,
                x=_n(x),
                y=_n(y(stacked + amount)),
                width=_n(BAR),
                height=_n(amount * scale),
                fill=COLOURS[kind],
                title=f"{row.year} {label}: {format_eur(amount)}",
            )
        )
        stacked += amount
    return Bar(
        segments=segments,
        centre=_n(centre),
        value_y=_n(y(max(stacked, row.gross_cost)) - Decimal(6)),
        value=format_eur(row.gross_cost),
        year_y=_n(baseline + Decimal(16)),
        year=row.year,
    )


def funding_chart(breakdown: FundingBreakdown, *, id_prefix: str = "funding-chart") -> FundingChart | None:
    """The chart of the breakdown's years, or None when there is nothing to draw."""
    rows = breakdown.per_year
    largest = max((max(row.gross_cost, row.grant_income) for row in rows), default=ZERO)
    if largest <= 0:
        return None
    step = nice_step(largest)
    ticks = int((largest / step).to_integral_value(rounding=ROUND_CEILING))
    top = step * ticks
    has_in_kind = any(row.own_in_kind for row in rows)

    plot_width = (BAR + GAP) * len(rows) + GAP
    width = max(LEFT + plot_width + RIGHT, MIN_WIDTH)
    baseline = TOP + PLOT_HEIGHT
    legend_top = baseline + AXIS_LABEL_ROOM + Decimal(8)
    legend_items = [
        ("grant", _("Grant income")),
        ("own", _("Own contribution in money") if has_in_kind else _("Own contribution")),
    ]
    if has_in_kind:
        legend_items.append(("in-kind", _("Own contribution in kind")))

    def y(amount: Decimal) -> Decimal:
        return baseline - amount / top * PLOT_HEIGHT

    grid = [
        GridLine(
            y=_n(y(step * index)),
            label_x=_n(LEFT - Decimal(6)),
            label_y=_n(y(step * index) + Decimal(4)),
            label=_axis_amount(step * index),
        )
        for index in range(ticks + 1)
    ]
    legend = [
        LegendEntry(
            kind=kind,
            x=_n(LEFT),
            y=_n(legend_top + LEGEND_ROW * index),
            fill=COLOURS[kind],
            text_x=_n(LEFT + Decimal(18)),
            text_y=_n(legend_top + LEGEND_ROW * index + Decimal(10)),
            label=label,
        )
        for index, (kind, label) in enumerate(legend_items)
    ]
    return FundingChart(
        id_prefix=id_prefix,
        width=_n(width),
        height=_n(legend_top + LEGEND_ROW * len(legend_items)),
        plot_left=_n(LEFT),
        plot_right=_n(LEFT + plot_width),
        baseline=_n(baseline),
        grid=grid,
        bars=[_bar(row, index, y, PLOT_HEIGHT / top, baseline) for index, row in enumerate(rows)],
        legend=legend,
        title=_("Gross cost per budget year: grant income and own contribution"),
        description=_description(rows),
    )


def funding_chart_svg(
    breakdown: FundingBreakdown, *, id_prefix: str = "funding-chart", figures_in_title: bool = False
) -> SafeString:
    """The chart as inline SVG markup (drawn by the template), or "" when there is nothing to draw.

    ``figures_in_title``: the <title> carries the description's figures too (the PDF, whose Figure
    takes its alternative text from the SVG's <title> only; a page names the chart by title and desc).
    """
    chart = funding_chart(breakdown, id_prefix=id_prefix)
    if chart is None:
        return SafeString("")
    if figures_in_title:
        chart = replace(chart, title=f"{chart.title}. {chart.description}")
    return render_to_string(TEMPLATE, {"chart": chart})
