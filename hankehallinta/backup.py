"""Backups: the database as Django's portable JSON and the stored files (issued PDFs, attachments),
in one tar.gz archive with a manifest of every file's SHA-256. Works on PostgreSQL and SQLite.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import management
from django.db import transaction
from django.utils import timezone

MANIFEST = "manifest.json"
DATA = "data.json"
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class BackupError(Exception):
    pass


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in ("contenttypes", "sessions") and model._meta.label != "auth.Permission"
    }


def stored_files() -> dict[str, str]:
    """Relative path -> SHA-256 of every file under MEDIA_ROOT."""
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {str(path.relative_to(root)): sha256_of(path) for path in sorted(root.rglob("*")) if path.is_file()}


def create_backup(target: Path) -> dict:
    """Write one archive; return its manifest."""
    data = io.StringIO()
    with transaction.atomic():  # one consistent snapshot of the database
        management.call_command(
            "dumpdata", exclude=EXCLUDED, natural_foreign=True, natural_primary=False, indent=None, stdout=data
        )
        counts = row_counts()
    files = stored_files()
    manifest = {"created_at": timezone.now().isoformat(), "row_counts": counts, "files": files}
    target.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(target, "w:gz") as archive:
        _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
        _add_bytes(archive, DATA, data.getvalue().encode())
        for relative in files:
            archive.add(Path(settings.MEDIA_ROOT) / relative, arcname=f"media/{relative}")
    return manifest


def restore_backup(source: Path) -> dict:
    """Load an archive into an empty database and MEDIA_ROOT; verify counts and file hashes."""
    with tarfile.open(source, "r:gz") as archive:
        manifest = json.loads(archive.extractfile(MANIFEST).read())
        data = archive.extractfile(DATA).read()
        media_root = Path(settings.MEDIA_ROOT)
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith("media/"):
                relative = Path(member.name).relative_to("media")
                target = (media_root / relative).resolve()
                if not target.is_relative_to(media_root.resolve()):
                    raise BackupError(f"unsafe path in archive: {member.name}")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.extractfile(member).read())
    fixture = Path(settings.MEDIA_ROOT).parent / f".restore-{timezone.now():%Y%m%d%H%M%S%f}.json"
    fixture.write_bytes(data)
    try:
        with transaction.atomic():
            management.call_command("loaddata", str(fixture), verbosity=0)
    finally:
        fixture.unlink()
    problems = verify(manifest)
    if problems:
        raise BackupError("; ".join(problems))
    return manifest


def verify(manifest: dict) -> list[str]:
    problems = []
    counts = row_counts()
    for label, expected in manifest["row_counts"].items():
        if counts.get(label) != expected:
            problems.append(f"{label}: {counts.get(label)} rows, expected {expected}")
    files = stored_files()
    for relative, digest in manifest["files"].items():
        if files.get(relative) != digest:
            problems.append(f"{relative}: SHA-256 differs or file missing")
    return problems


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))
