from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from hankehallinta.permissions import ROLE_GROUPS

if TYPE_CHECKING:
    from django.apps.registry import Apps


class HankehallintaConfig(AppConfig):
    name = "hankehallinta"
    verbose_name = _("Hankehallinta")

    def ready(self) -> None:
        # Importing connects the audit and sign-in receivers, and the one that brings back the user's language.
        from hankehallinta import accounts, audit, languages  # noqa: F401

        post_migrate.connect(create_role_groups, sender=self)


def create_role_groups(apps: Apps = global_apps, using: str = "default", **kwargs: Any) -> None:
    """The role groups exist after every `migrate`, and after every flush that emits post_migrate
    (as the tests' transactional flushes do), as Django's own permissions do. A flush sends no
    `apps`: then the installed models are used, as django.contrib.auth does."""
    Group = apps.get_model("auth", "Group")  # noqa: N806 (a model class)
    for name in ROLE_GROUPS:
        Group.objects.using(using).get_or_create(name=name)
