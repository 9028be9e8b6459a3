"""The portfolio's address, /portfolio/. Its URL names keep the namespace "budgets" ("budgets:portfolio"),
which the templates and the navigation's highlighting use."""

from __future__ import annotations

from django.urls import path

from projects.views import portfolio

app_name = "budgets"
urlpatterns = [
    path("", portfolio.portfolio, name="portfolio"),
]
