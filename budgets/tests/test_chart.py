"""The funding chart: server-drawn inline SVG, a stacked bar per budget year, on the project page and
in the funding PDF."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.breakdown import FundingBreakdown
from budgets.chart import funding_chart_svg, nice_step
from budgets.models import BudgetLine, FinancingLine
from hankehallinta.money import NBSP
from testing.pdf import response_pdf_text
from testing.seed import seed_project

SVG = "{http://www.w3.org/2000/svg}"


def seed_breakdown() -> FundingBreakdown:
    """The seed test project's figures, unsaved: 2024 229 904 = 160 000 + 69 904; 2025 150 000 =
    143 924 + 6 076 in kind."""
    return FundingBreakdown(
        budget_lines=[
            BudgetLine(category=BudgetLine.Category.STAFF, year=2024, amount=Decimal("200000")),
            BudgetLine(category=BudgetLine.Category.SERVICES, year=2024, amount=Decimal("29904")),
            BudgetLine(category=BudgetLine.Category.STAFF, year=2025, amount=Decimal("150000")),
        ],
        financing_lines=[
            FinancingLine(source=FinancingLine.Source.APPLIED, year=2024, amount=Decimal("160000")),
            FinancingLine(source=FinancingLine.Source.APPLIED, year=2025, amount=Decimal("143924")),
            FinancingLine(source=FinancingLine.Source.OWN, year=2024, amount=Decimal("69904")),
            FinancingLine(source=FinancingLine.Source.OWN, year=2025, amount=Decimal("6076"), in_kind=True),
        ],
        max_aid_rate=Decimal("0.8"),
    )


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def texts(svg: ET.Element) -> list[str]:
    return [element.text for element in svg.iter(f"{SVG}text")]


def test_the_chart_is_well_formed_accessible_svg():
    svg = parse(funding_chart_svg(seed_breakdown()))

    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "funding-chart-title funding-chart-desc"
    title = svg.find(f"{SVG}title")
    assert title.get("id") == "funding-chart-title"
    assert title.text == "Bruttokustannukset talousarviovuosittain: avustustulot ja omarahoitusosuus"
    description = svg.find(f"{SVG}desc").text
    assert description == (
        f"2024: bruttokustannukset 229{NBSP}904,00{NBSP}€, avustustulot 160{NBSP}000,00{NBSP}€, "
        f"omarahoitusosuus 69{NBSP}904,00{NBSP}€. "
        f"2025: bruttokustannukset 150{NBSP}000,00{NBSP}€, avustustulot 143{NBSP}924,00{NBSP}€, "
        f"omarahoitusosuus 6{NBSP}076,00{NBSP}€, josta 6{NBSP}076,00{NBSP}€ luontoissuorituksena."
    )


def test_a_stacked_bar_per_year_labelled_with_year_and_gross_cost():
    svg = parse(funding_chart_svg(seed_breakdown()))

    bars = [group for group in svg.iter(f"{SVG}g") if group.get("class") == "chart-bar"]
    assert len(bars) == 2
    assert [[rect.get("class") for rect in bar.iter(f"{SVG}rect")] for bar in bars] == [
        ["chart-grant", "chart-own"],
        ["chart-grant", "chart-in-kind"],
    ]
    assert [text.text for text in bars[0].iter(f"{SVG}text")] == [f"229{NBSP}904,00{NBSP}€", "2024"]
    assert [text.text for text in bars[1].iter(f"{SVG}text")] == [f"150{NBSP}000,00{NBSP}€", "2025"]
    grant, own = bars[0].iter(f"{SVG}rect")
    assert grant.find(f"{SVG}title").text == f"2024 Avustustulot: 160{NBSP}000,00{NBSP}€"
    assert own.find(f"{SVG}title").text == f"2024 Omarahoitusosuus rahana: 69{NBSP}904,00{NBSP}€"


def test_bar_heights_are_proportional_and_stack_to_the_gross_cost():
    svg = parse(funding_chart_svg(seed_breakdown()))

    bars = [group for group in svg.iter(f"{SVG}g") if group.get("class") == "chart-bar"]
    # The axis runs to 300 000 € over 180 units: 1 unit is 1 666,67 €.
    heights = [[Decimal(rect.get("height")) for rect in bar.iter(f"{SVG}rect")] for bar in bars]
    assert heights == [[Decimal("96.0"), Decimal("41.9")], [Decimal("86.4"), Decimal("3.6")]]
    grant, own = bars[0].iter(f"{SVG}rect")
    assert Decimal(own.get("y")) + Decimal(own.get("height")) == Decimal(grant.get("y"))


def test_the_amount_axis_is_labelled_in_finnish_whole_euros():
    labels = texts(parse(funding_chart_svg(seed_breakdown())))

    for label in ("0 €", "100 000 €", "200 000 €", "300 000 €"):
        assert label.replace(" ", NBSP) in labels, label


def test_the_legend_names_in_kind_only_when_there_is_some():
    with_in_kind = texts(parse(funding_chart_svg(seed_breakdown())))
    money_only = FundingBreakdown(
        budget_lines=[BudgetLine(category=BudgetLine.Category.STAFF, year=2024, amount=Decimal("1000"))],
        financing_lines=[
            FinancingLine(source=FinancingLine.Source.APPLIED, year=2024, amount=Decimal("800")),
            FinancingLine(source=FinancingLine.Source.OWN, year=2024, amount=Decimal("200")),
        ],
    )

    assert {"Avustustulot", "Omarahoitusosuus rahana", "Omarahoitusosuus luontoissuorituksena"} <= set(with_in_kind)
    legend = texts(parse(funding_chart_svg(money_only)))[-2:]
    assert legend == ["Avustustulot", "Omarahoitusosuus"]


def test_the_markup_carries_no_styles_scripts_or_references():
    markup = str(funding_chart_svg(seed_breakdown()))
    svg = parse(markup)

    for element in svg.iter():
        assert element.tag.removeprefix(SVG) not in {"style", "script", "image", "a", "use", "foreignObject"}
        assert "style" not in element.attrib
        assert not any(name.endswith("href") or name.startswith("on") for name in element.attrib)
    assert "url(" not in markup


def test_nothing_to_draw_is_no_chart():
    assert funding_chart_svg(FundingBreakdown(budget_lines=[], financing_lines=[])) == ""
    zero = BudgetLine(category=BudgetLine.Category.STAFF, year=2024, amount=Decimal("0"))
    assert funding_chart_svg(FundingBreakdown(budget_lines=[zero], financing_lines=[])) == ""


@pytest.mark.parametrize(
    ("largest", "step"),
    [
        ("229904", "100000"),
        ("379904", "100000"),
        ("1000", "250"),
        ("80", "20"),
        ("0.5", "0.2"),
        ("12000000", "5000000"),
    ],
)
def test_axis_steps_are_round(largest, step):
    assert nice_step(Decimal(largest)) == Decimal(step)


def test_an_unbalanced_year_still_draws_within_the_axis():
    breakdown = FundingBreakdown(
        budget_lines=[BudgetLine(category=BudgetLine.Category.STAFF, year=2024, amount=Decimal("1000"))],
        financing_lines=[FinancingLine(source=FinancingLine.Source.APPLIED, year=2024, amount=Decimal("1500"))],
    )

    svg = parse(funding_chart_svg(breakdown))

    rects = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "chart-grant" and r.find(f"{SVG}title") is not None]
    assert len(rects) == 1
    assert Decimal(rects[0].get("y")) >= 0


# On the page and in the PDF -----------------------------------------------------------------


@pytest.mark.django_db
def test_the_project_page_shows_the_chart(director_client):
    project = seed_project()

    text = director_client.get(reverse("projects:detail", args=[project.pk])).content.decode()

    assert text.count('<svg xmlns="http://www.w3.org/2000/svg" class="funding-chart-svg"') == 1
    assert '<figure class="funding-chart">' in text
    assert f"229{NBSP}904,00{NBSP}€</text>" in text


@pytest.mark.django_db
def test_the_funding_pdf_draws_the_chart_and_keeps_its_figures(director_client):
    project = seed_project()

    text = response_pdf_text(director_client.get(reverse("projects:funding_pdf", args=[project.pk])))

    for expected in (
        "379 904,00 €",
        "303 924,00 €",
        "75 980,00 €",
        "80,00 %",
        # The chart's own text: the axis, the bars' totals, the legend.
        "300 000 €",
        "229 904,00 € 2024",
        "150 000,00 € 2025",
        "Omarahoitusosuus rahana",
        "Omarahoitusosuus luontoissuorituksena",
    ):
        assert expected in text, expected
