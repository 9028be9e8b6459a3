"""The application editor: core data, objectives with indicators, cost estimate and financing plan on one
page, checked together and saved together.

`ApplicationEditor` bundles the forms of one submission. The view (projects.views) locks the row,
builds the editor, and either saves it (in one transaction, refused as stale when the project's
version moved on) or shows it again with every typed value and each error at its row.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django import forms
from django.db import IntegrityError, transaction
from django.forms.utils import ErrorDict, ErrorList
from django.utils.translation import gettext as _

from budgets.breakdown import FundingBreakdown
from budgets.forms import BudgetLineFormSet, FinancingLineFormSet
from budgets.validation import validate_plan
from hankehallinta.editing import conflict_rows
from hankehallinta.money import format_eur
from projects.forms import ObjectiveInlineFormSet, ProjectForm
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
            self.form.add_error("funding_call", _("Haettu rahoitus ylittää tämän haun enimmäistukiosuuden."))
        valid = self.budget.is_valid() and self.financing.is_valid() and valid
        return valid and not self.plan_errors and self.form.is_valid()

    def _dates_at_fault(self, start: Any, end: Any) -> None:
        """Rows outside the dates: the error is at each row's year and at the date that excludes them."""
        if not (start and end):
            return
        years = [
            form.cleaned_data["year"]
            for formset in (self.budget, self.financing)
            for form in formset.forms
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("year")
            and not formset._should_delete_form(form)
        ]
        before = sorted({year for year in years if year < start.year})
        after = sorted({year for year in years if year > end.year})
        if before:
            self.form.add_error(
                "start_date",
                _("Kustannus- tai rahoitusrivejä on vuodelle %(years)s, ennen hankkeen alkua.")
                % {"years": ", ".join(map(str, before))},
            )
        if after:
            self.form.add_error(
                "end_date",
                _("Kustannus- tai rahoitusrivejä on vuodelle %(years)s, hankkeen päättymisen jälkeen.")
                % {"years": ", ".join(map(str, after))},
            )

    @property
    def error_count(self) -> int:
        count = len(self.form.errors) + len(self.plan_errors)
        for formset in self.formsets:
            count += formset.total_error_count()
        count += sum(form.indicators.total_error_count() for form in self.objectives.forms)
        return count

    # Saving --------------------------------------------------------------------------------

    def save(self) -> Project:
        """Core data first (a stale version raises StaleVersionError before anything is written), then
        the rows. The caller holds the transaction; a clash of two rows' unique keys is refused here."""
        project = self.form.save()
        try:
            with transaction.atomic():
                for formset in self.formsets:
                    formset.instance = project
                    formset.save()
        except IntegrityError:
            self.budget._non_form_errors = ErrorList(
                [_("Kustannusarvion rivejä ei voitu tallentaa: kahdella rivillä on sama kustannuslaji ja vuosi.")]
            )
            raise
        return project

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
        """After "add a row" nothing was saved or checked: show the values without error messages."""
        for form in self._all_forms():
            form._errors = ErrorDict()
        for formset in self._all_formsets():
            formset._errors = [ErrorDict() for _form in formset.forms]
            formset._non_form_errors = ErrorList()
        self.plan_errors = []

    def _all_formsets(self) -> list[forms.BaseFormSet]:
        return [*self.formsets, *(form.indicators for form in self.objectives.forms)]

    def _all_forms(self) -> list[forms.BaseForm]:
        return [self.form, *(form for formset in self._all_formsets() for form in formset.forms)]

    # After a stale save --------------------------------------------------------------------

    def sent_lines(self) -> list[dict[str, Any]]:
        """What the user sent for the rows, as text, to show below the current data after a stale save."""
        sections = []
        for title, formset, fields in (
            (_("Kustannusarvio"), self.budget, ("category", "year", "amount", "justification")),
            (_("Rahoitussuunnitelma"), self.financing, ("source", "funder_name", "year", "amount", "in_kind")),
            (_("Tavoitteet"), self.objectives, ("text", "actions")),
        ):
            rows = []
            for form in formset.forms:
                if not getattr(form, "cleaned_data", None) or formset._should_delete_form(form):
                    continue
                rows.append(" · ".join(_shown(form, name) for name in fields if _shown(form, name)))
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
    if value in (None, "", False):
        return ""
    if value is True:
        return str(form.fields[name].label)
    if name == "amount":
        return format_eur(value)
    if isinstance(form.fields[name], forms.ChoiceField):
        return str(dict(form.fields[name].choices).get(value, value))
    return str(value)


def post_data(project: Project | None = None) -> dict[str, str]:
    """A complete submission of the editor as a browser sends it for the stored data, unchanged.

    For tests and tools: start from this and change what the example is about.
    """
    editor = ApplicationEditor.build(project or Project())
    data: dict[str, str] = {}

    def add(form: forms.BaseForm) -> None:
        for bound in form:
            value = bound.value()
            if isinstance(bound.field, forms.BooleanField):
                if value:
                    data[bound.html_name] = "on"
                continue
            if value is None:
                continue
            if isinstance(bound.field, forms.ChoiceField):
                data[bound.html_name] = str(value)
                continue
            data[bound.html_name] = str(bound.field.widget.format_value(value) or "")

    add(editor.form)
    for formset in editor._all_formsets():
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data
