"""A project's actual against plan as a PDF (toteuma), /followup/projects/<pk>/actuals.pdf.

The project page shows the same table through followup.templatetags.actuals; the funding breakdown
PDF is the projects app's and cannot import the follow-up, so this is its own document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.text import slugify

from followup.actual_vs_plan import actual_vs_plan
from hankehallinta.entry import view_entry
from hankehallinta.pdf import pdf_download, render_pdf
from projects.models import Project

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse


@view_entry("followup.view_actuals", Project, queryset=lambda: Project.objects.with_application())
def actuals_pdf(request: HttpRequest, project: Project) -> HttpResponse:
    context = {"project": project, "report": actual_vs_plan(project), "pdf": True}
    return pdf_download(
        request,
        project,
        render=lambda: render_pdf("followup/actuals_pdf.html", context),
        filename=f"toteuma-{slugify(project.title) or project.pk}.pdf",
        kind="toteuma",
        project=project.pk,
    )
