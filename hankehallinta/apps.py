from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HankehallintaConfig(AppConfig):
    name = "hankehallinta"
    verbose_name = _("Hankehallinta")

    def ready(self) -> None:
        from hankehallinta import audit  # noqa: F401 - connects the audit receivers
