"""The follow-up's pages under /projects/<pk>/... and /followup/ (namespace "followup")."""

from __future__ import annotations

from django.urls import path

from followup.views import actuals as actual_views
from followup.views import claims as claim_views
from followup.views import costs as cost_views
from followup.views import imports as import_views
from followup.views import portfolio as portfolio_views
from followup.views import reports as report_views

app_name = "followup"
urlpatterns = [
    # Actual costs
    path("projects/<int:pk>/costs/", cost_views.project_costs, name="project_costs"),
    path("projects/<int:pk>/costs/import/", import_views.ledger_import, name="ledger_import"),
    path("projects/<int:pk>/costs/accounts/", cost_views.project_accounts, name="project_accounts"),
    path("calls/<int:pk>/accounts/", cost_views.call_accounts, name="call_accounts"),
    path("projects/<int:pk>/costs/delete/", cost_views.manual_cost_delete, name="manual_cost_delete"),
    # Actual against plan
    path("projects/<int:pk>/actuals.pdf", actual_views.actuals_pdf, name="actuals_pdf"),
    path("portfolio/", portfolio_views.actuals_portfolio, name="portfolio"),
    # Payment claims
    path("projects/<int:pk>/claims/", claim_views.claim_list, name="claim_list"),
    path("projects/<int:pk>/claims/new/", claim_views.claim_create, name="claim_create"),
    path("claims/<int:pk>/", claim_views.claim_detail, name="claim_detail"),
    path("claims/<int:pk>/send/", claim_views.claim_send, name="claim_send"),
    path("claims/<int:pk>/payment/", claim_views.claim_payment, name="claim_payment"),
    path("claims/<int:pk>/return/", claim_views.claim_return, name="claim_return"),
    path("claims/<int:pk>/claim.pdf", claim_views.claim_pdf, name="claim_pdf"),
    # Reports and indicators
    path("projects/<int:pk>/reports/", report_views.report_list, name="report_list"),
    path("projects/<int:pk>/reports/schedule/", report_views.report_schedule, name="report_schedule"),
    path("projects/<int:pk>/reports/new/", report_views.report_create, name="report_create"),
    path("reports/<int:pk>/", report_views.report_edit, name="report_edit"),
    path("reports/<int:pk>/submit/", report_views.report_submit, name="report_submit"),
    path("reports/<int:pk>/attachments/", report_views.report_attachment_create, name="report_attachment_create"),
    path("reports/<int:pk>/report.pdf", report_views.report_pdf, name="report_pdf"),
    path("report-attachments/<int:pk>/", report_views.report_attachment, name="report_attachment"),
]
