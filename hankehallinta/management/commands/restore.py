from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hankehallinta.backup import BackupError, restore_backup, row_counts


class Command(BaseCommand):
    help = "Restore a backup archive into an empty, migrated database and verify it."

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive: Path, **options) -> None:
        from hankehallinta.models import AuditEvent  # noqa: PLC0415

        if any(count for label, count in row_counts().items() if label != AuditEvent._meta.label):
            raise CommandError("The database is not empty: restore into a freshly migrated database.")
        try:
            manifest = restore_backup(archive)
        except BackupError as error:
            raise CommandError(f"Restore failed verification: {error}") from error
        self.stdout.write(
            f"Restored and verified {sum(manifest['row_counts'].values())} rows, {len(manifest['files'])} files"
        )
