from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hankehallinta.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database (one consistent snapshot) and the stored files (issued PDFs, attachments) "
        "into one .tar.gz archive readable by its owner only (0600)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", type=Path, help="Archive path (default: backups/hankehallinta-<time>.tar.gz)")

    def handle(self, *args, output: Path | None = None, **options) -> None:
        target = output or Path("backups") / f"hankehallinta-{timezone.now():%Y%m%dT%H%M%S}.tar.gz"
        try:
            manifest = create_backup(target)
        except BackupError as error:
            raise CommandError(f"Backup failed, no archive was written: {error}") from error
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(f"{target}: {rows} rows, {len(manifest['files'])} files")
