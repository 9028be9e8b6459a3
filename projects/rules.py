"""Who may do what with projects (hankkeet): named django-rules permissions "projects.<action>".

Everyone signed in reads projects, the portfolio and the funding calls; the development director (and
superusers) writes applications and moves projects through their lifecycle. The funding calls are
managed by the development director and the county's administrator (GROUP_COUNTY_ADMIN).
"""

from __future__ import annotations

import rules

from hankehallinta.permissions import is_county_admin, is_development_director, is_signed_in

rules.add_perm("projects.view_project", is_signed_in)
rules.add_perm("projects.download_funding_breakdown", is_signed_in)
rules.add_perm("projects.view_portfolio", is_signed_in)
rules.add_perm("projects.create_project", is_signed_in & is_development_director)
rules.add_perm("projects.edit_project", is_signed_in & is_development_director)
rules.add_perm("projects.move_project", is_signed_in & is_development_director)
rules.add_perm("projects.view_funding_calls", is_signed_in)
rules.add_perm("projects.manage_funding_call", is_signed_in & (is_development_director | is_county_admin))
