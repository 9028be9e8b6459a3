from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hankehallinta.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an empty, migrated database and verify it: nothing is committed "
        "unless every row count and file checksum equals the archive's manifest."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive: Path, **options) -> None:
        try:
            manifest = restore_backup(archive)
        except BackupError as error:
            raise CommandError(f"Restore refused, nothing was restored: {error}") from error
        self.stdout.write(
            f"Restored and verified {sum(manifest['row_counts'].values())} rows, {len(manifest['files'])} files"
        )
