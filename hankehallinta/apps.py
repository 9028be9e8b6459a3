from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HankehallintaConfig(AppConfig):
    name = "hankehallinta"
    verbose_name = _("Hankehallinta")

    def ready(self) -> None:
        # Importing connects the audit and sign-in receivers.
        from hankehallinta import accounts, audit  # noqa: F401
