"""The application editor: core data, objectives with indicators, cost estimate and financing plan on one
page, checked together and saved together.

`ApplicationEditor` bundles the forms of one submission. The view (projects.views.projects) locks the row,
builds the editor, and either has projects.services.applications save it (in one transaction, refused
as stale when the project's version moved on) or shows it again with every typed value and each error
at its row. Only Django's public form API is used.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext as _

from budgets.breakdown import FundingBreakdown
from budgets.flat_rate import compute_flat_rates, format_rate
from budgets.validation import validate_plan
from hankehallinta.editing import conflict_rows, kept_forms
from hankehallinta.money import format_eur
from projects.forms.projects import BudgetLineFormSet, FinancingLineFormSet, ObjectiveInlineFormSet, ProjectForm
from projects.models import Objective, Project

if TYPE_CHECKING:
    from django.http import QueryDict

# Which "add a row" buttons exist: a top-level section, or the indicators of objective N.
ADD_ROW = re.compile(r"^(objectives|budget|financing|objectives-\d{1,4}-ind)$")
MAX_ROWS = 200


def _objectives_queryset() -> Any:
    return Objective.objects.prefetch_related("indicators")


@dataclass
class ApplicationEditor:
    project: Project
    form: ProjectForm
    objectives: ObjectiveInlineFormSet
    budget: BudgetLineFormSet
    financing: FinancingLineFormSet
    plan_errors: list[str] = field(default_factory=list)
    breakdown: FundingBreakdown | None = None

    @classmethod
    def build(cls, project: Project, data: QueryDict | None = None) -> ApplicationEditor:
        """The forms of `project` (a copy is edited: the page around shows what is stored)."""
        edited = copy.copy(project)
        return cls(
            project=edited,
            form=ProjectForm(data, instance=edited),
            objectives=ObjectiveInlineFormSet(
                data, instance=edited, prefix="objectives", queryset=_objectives_queryset()
            ),
            budget=BudgetLineFormSet(data, instance=edited, prefix="budget"),
            financing=FinancingLineFormSet(data, instance=edited, prefix="financing"),
        )

    @property
    def formsets(self) -> list[forms.BaseFormSet]:
        return [self.objectives, self.budget, self.financing]

    # Checking ------------------------------------------------------------------------------

    def is_valid(self) -> bool:
        """Every form and row on its own, then the plan as a whole (errors at the rows that cause them)."""
        valid = self.form.is_valid()
        valid = self.objectives.is_valid() and valid
        data = self.form.cleaned_data if hasattr(self.form, "cleaned_data") else {}
        start, end = data.get("start_date"), data.get("end_date")
        if self.form.errors.get("start_date") or self.form.errors.get("end_date"):
            start = end = None
        call = data.get("funding_call") if "funding_call" not in self.form.errors else self.project.funding_call
        rate = call.max_aid_rate if call else None
        self.budget.is_valid(), self.financing.is_valid()  # clean the rows before they are compared
        self._dates_at_fault(start, end)
        self.breakdown, self.plan_errors = validate_plan(
            self.budget, self.financing, start=start, end=end, max_aid_rate=rate
        )
        if (
            self.breakdown is not None
            and self.breakdown.exceeds_cap_tolerance
            and "funding_call" in self.form.changed_data
        ):
            # A new call whose cap the plan exceeds: the error is at the call too.
            self.form.add_error("funding_call", _("The funding applied for exceeds this call's maximum aid rate."))
        valid = self.budget.is_valid() and self.financing.is_valid() and valid
        return valid and not self.plan_errors and self.form.is_valid()

    def _dates_at_fault(self, start: Any, end: Any) -> None:
        """Rows outside the dates: the error is at each row's year and at the date that excludes them."""
        if not (start and end):
            return
        years = [
            form.cleaned_data["year"]
            for formset in (self.budget, self.financing)
            for form in kept_forms(formset)
            if form.cleaned_data.get("year")
        ]
        before = sorted({year for year in years if year < start.year})
        after = sorted({year for year in years if year > end.year})
        if before:
            self.form.add_error(
                "start_date",
                _("There are cost or financing lines for %(years)s, before the project starts.")
                % {"years": ", ".join(map(str, before))},
            )
        if after:
            self.form.add_error(
                "end_date",
                _("There are cost or financing lines for %(years)s, after the project ends.")
                % {"years": ", ".join(map(str, after))},
            )

    @property
    def error_count(self) -> int:
        count = len(self.form.errors) + len(self.plan_errors)
        for formset in self.formsets:
            count += formset.total_error_count()
        count += sum(form.indicators.total_error_count() for form in self.objectives.forms)
        return count

    # A refused save -----------------------------------------------------------------------

    def refuse_rows(self, message: str) -> None:
        """The rows could not be stored (two lines with the same category and year): the message
        stands at the cost estimate, like its other errors."""
        self.budget.non_form_errors().append(message)

    # Adding rows without the script --------------------------------------------------------

    @staticmethod
    def with_added_row(data: QueryDict, section: str) -> QueryDict | None:
        """The submission with one more blank row in `section`; None if there is no such section."""
        if not ADD_ROW.match(section):
            return None
        key = f"{section}-TOTAL_FORMS"
        try:
            total = int(data.get(key, ""))
        except ValueError:
            return None
        if not 0 <= total < MAX_ROWS:
            return None
        added = data.copy()
        added[key] = str(total + 1)
        return added

    def hide_errors(self) -> None:
        """After "add a row" nothing was saved or checked: show the values without error messages.

        Everything is cleaned first (a formset's clean may add errors to its
        rows), then the error containers are emptied in place: a formset's `errors` holds its rows'
        own error dicts, and `non_form_errors()` returns the formset's own list."""
        formsets = self.all_formsets()
        for formset in formsets:
            formset.is_valid()  # cleans the rows and runs the formset's clean(); the answer is not needed
        compute_flat_rates(self.budget.line_instances())  # the flat-rate rows show their amounts as typed
        for form in self.all_forms():
            form.errors.clear()
        for formset in formsets:
            formset.non_form_errors().clear()
        self.plan_errors = []

    def all_formsets(self) -> list[forms.BaseFormSet]:
        """The three sections' formsets and each objective's indicators."""
        return [*self.formsets, *(form.indicators for form in self.objectives.forms)]

    def all_forms(self) -> list[forms.BaseForm]:
        return [self.form, *(form for formset in self.all_formsets() for form in formset.forms)]

    # After a stale save --------------------------------------------------------------------

    def sent_lines(self) -> list[dict[str, Any]]:
        """What the user sent for the rows, as text, to show below the current data after a stale save."""
        sections = []
        for title, formset, fields in (
            (
                _("Cost estimate"),
                self.budget,
                ("category", "year", "amount", "flat_rate", "flat_rate_base", "justification"),
            ),
            (_("Financing plan"), self.financing, ("source", "funder_name", "year", "amount", "in_kind")),
            (_("Objectives"), self.objectives, ("text", "actions")),
        ):
            rows = [
                " · ".join(_shown(form, name) for name in fields if _shown(form, name)) for form in kept_forms(formset)
            ]
            sections.append({"title": title, "rows": rows})
        return sections

    def conflict(self, current: ApplicationEditor) -> dict[str, Any]:
        return {
            "message": self.form.stale_message,
            "rows": conflict_rows(self.form, current.form),
            "sections": self.sent_lines(),
        }


def _shown(form: forms.BaseForm, name: str) -> str:
    value = form.cleaned_data.get(name)
    if value in (None, "", False, []):
        return ""
    if value is True:
        return str(form.fields[name].label)
    if name == "amount":
        return "" if getattr(form, "is_flat_rate", False) else format_eur(value)  # a flat rate's is computed
    if name == "flat_rate":
        return format_rate(value)
    if isinstance(value, list):
        labels = dict(form.fields[name].choices)
        return ", ".join(str(labels.get(key, key)) for key in value)
    if isinstance(form.fields[name], forms.ChoiceField):
        return str(dict(form.fields[name].choices).get(value, value))
    return str(value)
