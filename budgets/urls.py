from __future__ import annotations

from django.urls import path

from budgets import views

app_name = "budgets"
urlpatterns = [
    path("", views.portfolio, name="portfolio"),
]
