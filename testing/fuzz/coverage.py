"""Which fuzz test covers which form: the register that the every-form test holds against the app.

`FUZZED_FORMS` names every form and filter set class the apps define, with the fuzz test module that
drives it through its view. Two tests keep it honest from both sides:

- tests/fuzz/test_forms.py::test_every_form_of_the_app_is_fuzzed compares it with the classes the
  apps really define (`app_form_classes()`, which imports every module of the apps, so a module
  that no longer imports fails the test instead of being skipped);
- each fuzz module asserts that its own entries are exactly the forms it fuzzes (`fuzzed_in()`),
  so no entry names a module that does not drive that form.

The register lives here, not in the test modules, so that no test module imports another.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from django import forms
from django_filters import FilterSet

#: The packages of the app whose forms must be fuzzed (bottom layer first).
APP_PACKAGES = ("hankehallinta", "budgets", "projects", "followup", "decisions", "portal")

#: Modules not imported by the walk: tests, migrations and the server entry points.
SKIPPED_PARTS = frozenset({"tests", "migrations", "wsgi", "asgi"})

#: form or filter set class name -> the fuzz test module (tests/fuzz/<name>.py) that drives it.
FUZZED_FORMS: dict[str, str] = {
    # The editors (and VersionedModelForm, their base), the two-factor forms, the filters.
    "VersionedModelForm": "test_forms",
    "AgendaItemForm": "test_forms",
    "ProposalForm": "test_forms",
    "MeetingForm": "test_forms",
    "ProjectForm": "test_forms",
    "TokenForm": "test_forms",
    "PortfolioFilter": "test_forms",
    "ItemSearchFilter": "test_forms",
    # The secretary's create forms and the attendance rows.
    "BodyRegistryForm": "test_meeting_forms",
    "PersonForm": "test_meeting_forms",
    "MembershipForm": "test_meeting_forms",
    "MembershipEndForm": "test_meeting_forms",
    "MeetingCreateForm": "test_meeting_forms",
    "ItemCreateForm": "test_meeting_forms",
    "AttachmentForm": "test_meeting_forms",
    "AttendanceRowForm": "test_meeting_forms",
    # The CSV import of people (its upload and its confirmation).
    "PeopleImportForm": "test_people_forms",
    "PeopleImportConfirmForm": "test_people_forms",
    # The county administrator's body form and a body's numbering start.
    "BodyForm": "test_body_admin_forms",
    "NumberingStartForm": "test_body_admin_forms",
    # The application editor's rows.
    "ObjectiveForm": "test_application_editor",
    "IndicatorForm": "test_application_editor",
    "BudgetLineForm": "test_application_editor",
    "FinancingLineForm": "test_application_editor",
    # The project lifecycle.
    "TransitionForm": "test_lifecycle_forms",
    "FundingDecisionForm": "test_lifecycle_forms",
    "NamedVersionForm": "test_lifecycle_forms",
    "ConditionStatusForm": "test_lifecycle_forms",
    # The funding calls.
    "FundingCallForm": "test_call_forms",
    # The decision, its handling, the minutes and what follows them; HandlingForm is the base
    # of the four handling forms, fuzzed through them.
    "DecisionForm": "test_decision_forms",
    "MotionForm": "test_decision_forms",
    "VoteForm": "test_decision_forms",
    "DisqualificationForm": "test_decision_forms",
    "DissentForm": "test_decision_forms",
    "ConditionForm": "test_decision_forms",
    "DelegationForm": "test_decision_forms",
    "HandlingForm": "test_decision_forms",
    "MinutesCheckForm": "test_decision_forms",
    "PublishForm": "test_decision_forms",
    "CorrectionForm": "test_decision_forms",
    "NotificationForm": "test_decision_forms",
    "FinalityForm": "test_decision_forms",
    "ExtractIssueForm": "test_decision_forms",
    # Reports to the funder (followup).
    "ReportCreateForm": "test_report_forms",
    "ReportForm": "test_report_forms",
    "ReportAttachmentForm": "test_report_forms",
    "ReportSubmitForm": "test_report_forms",
    # Actual costs (followup): the ledger upload and its confirmation, the account mapping, manual costs.
    "LedgerUploadForm": "test_ledger_forms",
    "LedgerConfirmForm": "test_ledger_forms",
    "AccountMappingForm": "test_ledger_forms",
    "ManualCostForm": "test_ledger_forms",
    # Payment claims (followup): a new claim's period, the actions (send's version, payment, return).
    "ClaimCreateForm": "test_claim_forms",
    "ClaimActionForm": "test_claim_forms",
    "ClaimPaymentForm": "test_claim_forms",
    "ClaimReturnForm": "test_claim_forms",
    # The accessibility statement's feedback form (hankehallinta.accessibility), public.
    "AccessibilityFeedbackForm": "test_accessibility_feedback_form",
}


def fuzzed_in(module_file: str) -> set[str]:
    """The forms the register gives to the fuzz module at `module_file` (pass `__file__`)."""
    module = Path(module_file).stem
    return {name for name, owner in FUZZED_FORMS.items() if owner == module}


def app_modules() -> list[str]:
    """The dotted names of every module of the app packages, tests and migrations aside."""
    names = []
    for package_name in APP_PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            if SKIPPED_PARTS.isdisjoint(info.name.split(".")):
                names.append(info.name)
    return names


def is_form_class(obj: object) -> bool:
    """A Django form or a django-filter filter set (the two kinds of input the app takes)."""
    return inspect.isclass(obj) and issubclass(obj, (forms.BaseForm, FilterSet))


def app_form_classes() -> dict[str, str]:
    """Every form and filter set class the apps define: class name -> the module defining it.

    Every module is imported; one that fails to import fails the caller (no silent skip)."""
    found = {}
    for module_name in app_modules():
        module = importlib.import_module(module_name)
        for name, obj in vars(module).items():
            if is_form_class(obj) and obj.__module__ == module_name:
                found[name] = module_name
    return found
