from __future__ import annotations

from django.urls import path

from projects import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/funding.pdf", views.project_funding_pdf, name="funding_pdf"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
]
