from __future__ import annotations

from django.urls import path

from decisions import views

app_name = "decisions"
urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/extract.pdf", views.item_extract_pdf, name="item_extract_pdf"),
]
