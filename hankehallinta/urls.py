from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import pgettext_lazy

from hankehallinta import accessibility_views, health, languages

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", include("portal.urls")),
    path("accounts/", include("hankehallinta.accounts_urls")),
    # The language switch on every page (hankehallinta/languages.py).
    path("language/", languages.set_language, name="set_language"),
    # The accessibility statement and its feedback form (hankehallinta/accessibility.py), public.
    path("accessibility/", accessibility_views.accessibility_statement, name="accessibility_statement"),
    path("admin/", admin.site.urls),
    path("projects/", include("projects.urls")),
    path("portfolio/", include("projects.portfolio_urls")),
    path("followup/", include("followup.urls")),
    path("", include("decisions.urls")),
    # Open decision data (issue 15): the OParl-shaped API, feeds and bulk dumps.
    path("api/", include("opendata.urls")),
]
# The public archive in the reader's language: /fi/archive/, /sv/arkiv/, /en/archive/ (README.md,
# "Languages"). Only the archive has a language prefix; every other page takes the language chosen
# with the switch (hankehallinta/languages.py).
urlpatterns += i18n_patterns(
    # The archive's feeds, calendars and open data (opendata/archive_urls.py): before the archive's own
    # URLs, whose last pattern takes any one segment as a body's slug.
    path(pgettext_lazy("URL", "archive/"), include("opendata.archive_urls")),
    path(pgettext_lazy("URL", "archive/"), include("decisions.archive_urls")),
)

handler400 = "hankehallinta.views.bad_request"
handler403 = "hankehallinta.views.permission_denied"
handler404 = "hankehallinta.views.page_not_found"
handler500 = "hankehallinta.views.server_error"
