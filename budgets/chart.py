"""The funding chart: one bar per budget year, drawn on the server as inline SVG.

Each bar is the year's gross cost, stacked from the grant income and the own contribution (money,
and in kind as staff time where there is any). The same markup goes to the page and, through
WeasyPrint, to the funding PDF: no scripts, no external references, no style attributes or <style>
(the content security policy forbids inline styles); only presentation attributes with computed
numbers and fixed colours, fixed class names, and text that is either a number we formatted or a
fixed translated label, all escaped through format_html.

Coordinates are computed in Decimal like every amount, and written with one decimal.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from budgets.models import ZERO
from hankehallinta.money import NBSP, format_eur

if TYPE_CHECKING:
    from budgets.breakdown import FundingBreakdown, YearFigures

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
class _Segment:
    kind: str
    label: str
    amount: Decimal


def _segments(row: YearFigures) -> list[_Segment]:
    """Grant income at the bottom, then the own contribution in money, then in kind."""
    own = max(row.own_contribution, ZERO)
    in_kind = min(row.own_in_kind, own)
    return [
        _Segment("grant", _("Grant income"), max(row.grant_income, ZERO)),
        _Segment("own", _("Own contribution in money"), own - in_kind),
        _Segment("in-kind", _("Own contribution in kind"), in_kind),
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


def funding_chart_svg(breakdown: FundingBreakdown, *, id_prefix: str = "funding-chart") -> SafeString:
    """The chart as inline SVG markup, or "" when there is nothing to draw."""
    rows = breakdown.per_year
    largest = max((max(row.gross_cost, row.grant_income) for row in rows), default=ZERO)
    if largest <= 0:
        return mark_safe("")
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
    height = legend_top + LEGEND_ROW * len(legend_items)

    def y(amount: Decimal) -> Decimal:
        return baseline - amount / top * PLOT_HEIGHT

    parts: list[SafeString] = []
    # The amount axis: a grid line and a label per step.
    for index in range(ticks + 1):
        amount = step * index
        parts.append(
            format_html(
                '<line class="chart-grid" x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>'
                '<text class="chart-axis-label" x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
                _n(LEFT),
                _n(LEFT + plot_width),
                _n(y(amount)),
                _n(y(amount)),
                GRID,
                _n(LEFT - Decimal(6)),
                _n(y(amount) + Decimal(4)),
                TEXT,
                _axis_amount(amount),
            )
        )
    # The bars, one per year, stacked from the bottom.
    for index, row in enumerate(rows):
        x = LEFT + GAP + (BAR + GAP) * index
        centre = x + BAR / 2
        stacked = ZERO
        bar_parts = []
        for segment in _segments(row):
            if segment.amount <= 0:
                continue
            bar_parts.append(
                format_html(
                    '<rect class="chart-{}" x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" '
                    'stroke-width="1"><title>{} {}: {}</title></rect>',
                    segment.kind,
                    _n(x),
                    _n(y(stacked + segment.amount)),
                    _n(BAR),
                    _n(segment.amount / top * PLOT_HEIGHT),
                    COLOURS[segment.kind],
                    OUTLINE,
                    row.year,
                    segment.label,
                    format_eur(segment.amount),
                )
            )
            stacked += segment.amount
        parts.append(
            format_html(
                '<g class="chart-bar">{}'
                '<text class="chart-value" x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>'
                '<text class="chart-year" x="{}" y="{}" text-anchor="middle" fill="{}" font-weight="bold">{}</text>'
                "</g>",
                format_html_join("", "{}", ((part,) for part in bar_parts)),
                _n(centre),
                _n(y(max(stacked, row.gross_cost)) - Decimal(6)),
                TEXT,
                format_eur(row.gross_cost),
                _n(centre),
                _n(baseline + Decimal(16)),
                TEXT,
                row.year,
            )
        )
    parts.append(
        format_html(
            '<line class="chart-baseline" x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>',
            _n(LEFT),
            _n(LEFT + plot_width),
            _n(baseline),
            _n(baseline),
            OUTLINE,
        )
    )
    for index, (kind, label) in enumerate(legend_items):
        row_top = legend_top + LEGEND_ROW * index
        parts.append(
            format_html(
                '<rect class="chart-{}" x="{}" y="{}" width="12" height="12" fill="{}" stroke="{}" stroke-width="1"/>'
                '<text class="chart-legend" x="{}" y="{}" fill="{}">{}</text>',
                kind,
                _n(LEFT),
                _n(row_top),
                COLOURS[kind],
                OUTLINE,
                _n(LEFT + Decimal(18)),
                _n(row_top + Decimal(10)),
                TEXT,
                label,
            )
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="funding-chart-svg" role="img" '
        'aria-labelledby="{}-title {}-desc" width="{}" height="{}" viewBox="0 0 {} {}" '
        'font-family="{}" font-size="11">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        id_prefix,
        id_prefix,
        _n(width),
        _n(height),
        _n(width),
        _n(height),
        FONT,
        id_prefix,
        _("Gross cost per budget year: grant income and own contribution"),
        id_prefix,
        _description(rows),
        format_html_join("", "{}", ((part,) for part in parts)),
    )
