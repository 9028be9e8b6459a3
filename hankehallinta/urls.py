from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from hankehallinta import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", include("portal.urls")),
    path("accounts/", include("hankehallinta.accounts_urls")),
    path("admin/", admin.site.urls),
    path("projects/", include("projects.urls")),
    path("portfolio/", include("projects.portfolio_urls")),
    path("followup/", include("followup.urls")),
    path("", include("decisions.urls")),
]

handler400 = "hankehallinta.views.bad_request"
handler403 = "hankehallinta.views.permission_denied"
handler404 = "hankehallinta.views.page_not_found"
handler500 = "hankehallinta.views.server_error"
