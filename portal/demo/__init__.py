"""The demo data: the seed decision as it happened, and one user per role.

`load()` is what `manage.py load_demo` runs. It is idempotent: every record is found by its natural
key and written only when its values differ, so a second run writes nothing at all (no new
history rows, no audit events) and leaves the data exactly as the first run did.

The seed (seed.txt) gives the body, the presenter, the proposal, the decision, the description,
the two objectives and the totals. Everything else here is illustrative and listed in
ILLUSTRATIVE, for the README.
"""

from __future__ import annotations

from portal.demo.loader import DEMO_PASSWORD, DEMO_USERS, ILLUSTRATIVE, DemoData, load

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "ILLUSTRATIVE", "DemoData", "load"]
