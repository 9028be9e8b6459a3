"""Django's makemessages, with the options that keep the catalogue a stable, reviewable file.

- no fuzzy matching: a new msgid never inherits a near neighbour's translation (a fuzzy guess is
  worse than a missing one, and the catalogue check fails on either);
- the catalogue is written without source locations and without obsolete entries, so it changes
  only when a translatable string does;
- the virtualenv, collected static files, uploads and the tests are never scanned: test data is not
  user-facing text.
"""

from __future__ import annotations

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]

    #: Folders that hold no user-facing text of ours.
    # static/ holds no msgids; and makemessages writes a "<name>.txt.py" next to each .txt it reads,
    # which whitenoise, scanning static/ in a parallel test worker, would list and then miss.
    ignored = [".venv/*", "static/*", "staticfiles/*", "media/*", "backups/*", "testing/*", "tests/*", "*/tests/*"]

    def handle(self, *args, **options):
        options["no_location"] = True
        options["no_obsolete"] = True
        options["ignore_patterns"] = [*options.get("ignore_patterns", []), *self.ignored]
        return super().handle(*args, **options)
