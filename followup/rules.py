"""Who may do what in the follow-up of funded projects: named django-rules permissions "followup.<action>".

Whoever may view a project reads its follow-up (actual costs, imports, mappings); whoever may edit
the project (projects.rules' "projects.edit_project": the development director, and superusers)
imports the ledger, maps the accounts and enters manual costs. A call's account mapping is kept by
the same people for all of the call's projects.
"""

from __future__ import annotations

import rules

from hankehallinta.permissions import is_development_director, is_signed_in

#: The project-edit rule of projects/rules.py, for the follow-up's writes.
may_edit_project = is_signed_in & is_development_director

# Actual costs: the costs page, the ledger import, the account mapping, manual costs.
rules.add_perm("followup.view_costs", is_signed_in)
rules.add_perm("followup.import_ledger", may_edit_project)
rules.add_perm("followup.map_accounts", may_edit_project)
rules.add_perm("followup.edit_costs", may_edit_project)

# Actual against plan: read by everyone who reads projects and the portfolio.
rules.add_perm("followup.view_actuals", is_signed_in)
rules.add_perm("followup.view_actuals_portfolio", is_signed_in)

# Payment claims: everyone who reads projects reads the claims and their PDFs; whoever
# may edit the project drafts, sends and settles them (payment received, returned by the funder).
rules.add_perm("followup.view_claims", is_signed_in)
rules.add_perm("followup.manage_claims", may_edit_project)


# Reports: everyone who reads projects reads their reports; the development
# director and the project's manager (Project.manager_account) write them.
@rules.predicate
def manages_project(user, obj) -> bool:
    """The user is the manager of the project (or of the report's project) by account."""
    project = getattr(obj, "project", obj)
    manager_id = getattr(project, "manager_account_id", None)
    return bool(user.is_authenticated and manager_id is not None and manager_id == user.pk)


rules.add_perm("followup.view_reports", is_signed_in)
rules.add_perm("followup.write_reports", is_signed_in & (is_development_director | manages_project))
