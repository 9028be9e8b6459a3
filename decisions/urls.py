from __future__ import annotations

from django.urls import path

from decisions.views import items, meetings

app_name = "decisions"
urlpatterns = [
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("items/<int:pk>/", items.item_detail, name="item_detail"),
    path("items/<int:pk>/edit/", items.item_edit, name="item_edit"),
    path("items/<int:pk>/extract.pdf", items.item_extract_pdf, name="item_extract_pdf"),
]
