"""System checks of the deployment.

- hankehallinta.E001: a demo account (load_demo's users) still opens with the password "demo"
  while DEBUG is off. The demo belongs on a developer's machine only.

  It reads the database, so, like Django's own database checks, it runs only when asked to with
  `--database`: `manage.py check --deploy --database default` against the production database.
  A plain `check --deploy` (settings only, as `make deploy-check` runs it) skips it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.checks import Error, Tags, register
from django.db import DatabaseError

from portal.demo import DEMO_PASSWORD, DEMO_USERS


@register(Tags.security, Tags.database, deploy=True)
def no_demo_accounts(app_configs=None, databases=None, **kwargs) -> list[Error]:
    if settings.DEBUG or not databases or "default" not in databases:
        return []
    usernames = [username for username, _role in DEMO_USERS]
    try:
        # At most the demo users; the stored hash is only compared, never upgraded or saved.
        accounts = list(get_user_model().objects.filter(username__in=usernames).values_list("username", "password"))
    except (DatabaseError, RuntimeError):
        # No database yet (or none reachable, or a test without database access): nothing to check.
        return []
    open_with_demo = sorted(username for username, hashed in accounts if check_password(DEMO_PASSWORD, hashed))
    if not open_with_demo:
        return []
    return [
        Error(
            f"Demo accounts open with the password {DEMO_PASSWORD!r}: {', '.join(open_with_demo)}.",
            hint="The demo (load_demo) is for local use only. Delete these accounts or give them strong "
            "passwords (manage.py changepassword USERNAME) before running with DEBUG off.",
            id="hankehallinta.E001",
        )
    ]
