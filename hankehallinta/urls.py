from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from hankehallinta import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("accounts/", include("hankehallinta.accounts_urls")),
    path("admin/", admin.site.urls),
    path("projects/", include("projects.urls")),
    path("portfolio/", include("budgets.urls")),
    path("", include("decisions.urls")),
]

handler403 = "hankehallinta.views.permission_denied"
handler404 = "hankehallinta.views.page_not_found"
handler500 = "hankehallinta.views.server_error"
