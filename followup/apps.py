from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("project follow-up")

    def ready(self) -> None:
        """Closing a project requires the final claim and the final report (followup.closure)."""
        from followup.closure import closing_errors  # the models are ready only now
        from projects.lifecycle import register_closing_check

        register_closing_check(closing_errors)
