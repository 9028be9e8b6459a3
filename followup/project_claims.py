"""A project's payment claims in number order, read once per page.

The project page shows the claims in two places (the claims section and the project's story); both
ask here, and the list is kept on the project object for the rest of the request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup.models import PaymentClaim

if TYPE_CHECKING:
    from projects.models import Project

_ATTRIBUTE = "_followup_claims"


def claims_in_order(project: Project) -> list[PaymentClaim]:
    claims = getattr(project, _ATTRIBUTE, None)
    if claims is None:
        claims = list(PaymentClaim.objects.for_project(project).order_by("number"))
        setattr(project, _ATTRIBUTE, claims)
    return claims
