from __future__ import annotations

from django.urls import path

from projects import lifecycle_views, views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/funding.pdf", views.project_funding_pdf, name="funding_pdf"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/transition/", lifecycle_views.project_transition, name="transition"),
    path("<int:pk>/funding-decision/", lifecycle_views.project_funding_decision, name="funding_decision"),
    path("<int:pk>/versions/", lifecycle_views.project_version_create, name="version_create"),
    path("<int:pk>/diff/", lifecycle_views.project_diff, name="diff"),
    path("<int:pk>/conditions/", lifecycle_views.project_conditions, name="conditions"),
]
