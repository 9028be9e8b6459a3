from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("decisions")

    def ready(self) -> None:
        # Connects the receivers that start background work after an action (decisions/signals.py).
        from decisions import tasks  # noqa: F401
