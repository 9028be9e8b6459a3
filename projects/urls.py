from __future__ import annotations

from django.urls import path

from projects.views import calls, lifecycle
from projects.views import projects as views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/funding.pdf", views.project_funding_pdf, name="funding_pdf"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/transition/", lifecycle.project_transition, name="transition"),
    path("<int:pk>/funding-decision/", lifecycle.project_funding_decision, name="funding_decision"),
    path("<int:pk>/versions/", lifecycle.project_version_create, name="version_create"),
    path("<int:pk>/diff/", lifecycle.project_diff, name="diff"),
    path("calls/", calls.call_list, name="call_list"),
    path("calls/new/", calls.call_create, name="call_create"),
    path("calls/<int:pk>/edit/", calls.call_edit, name="call_edit"),
    # The conditions of the decisions about the project (/projects/<pk>/conditions/) are the decisions
    # app's page: decisions.views.conditions.project_conditions, "decisions:project_conditions".
]
