"""Backups: the database as Django's portable JSON and the stored files (issued PDFs, attachments),
in one tar.gz archive with a manifest of row counts and every file's SHA-256. Works on PostgreSQL
and SQLite, and with any file storage: the stored files are read and restored through Django's
storage API (the local disk under MEDIA_ROOT, or the object store of docs/deployment.md); the
archive itself and its work files are local files.

- One snapshot: the row counts and the dump are read in one transaction (on PostgreSQL REPEATABLE
  READ READ ONLY), so rows written while the backup runs are in neither or in both.
- One list of tables (``backed_up_tables``) decides what is counted and what is dumped, and the
  backup checks the dump against the counts before it writes the archive.
- The archive holds password hashes and TOTP keys: it and every temporary file are created 0600.
- A restore checks the archive, loads the rows and places the files in one transaction, and
  commits only when the counts and checksums match the manifest; otherwise nothing remains.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core import management
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.utils import timezone

from hankehallinta.permissions import ROLE_GROUPS

MANIFEST = "manifest.json"
DATA = "data.json"
MEDIA_PREFIX = "media/"
FORMAT = 2
#: Tables that ``migrate`` fills by itself (rows referenced by natural key in the dump) or that
#: hold nothing worth restoring (sessions: everyone signs in again after a restore).
REGENERATED = frozenset({"contenttypes.ContentType", "auth.Permission", "sessions.Session"})
PRIVATE_FILE = 0o600
PRIVATE_DIRECTORY = 0o700


class BackupError(Exception):
    pass


# What is backed up ----------------------------------------------------------------------------


def backed_up_models() -> list[type[models.Model]]:
    """The models whose rows the dump carries: every concrete, managed model but the regenerated."""
    return [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.label not in REGENERATED
    ]


def _inline_many_to_many(model: type[models.Model]) -> list[tuple[str, type[models.Model]]]:
    """(field name, auto-created join table) of the model's many-to-many fields: the dump writes
    their rows inside the model's objects, as lists of the related keys."""
    return [
        (field.name, field.remote_field.through)
        for field in model._meta.local_many_to_many
        if field.remote_field.through._meta.auto_created
    ]


def backed_up_tables() -> list[type[models.Model]]:
    """Every table the manifest counts: the dumped models and their many-to-many join tables."""
    tables = []
    for model in backed_up_models():
        tables.append(model)
        tables.extend(through for _name, through in _inline_many_to_many(model))
    return tables


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in backed_up_tables()}


def _made_by_migrate() -> models.QuerySet:
    """The role groups every `migrate` makes (hankehallinta.apps), still without members or permissions."""
    group = apps.get_model("auth", "Group")
    return group.objects.filter(name__in=ROLE_GROUPS, permissions=None, user=None)


def data_rows() -> dict[str, int]:
    """row_counts() less what every freshly migrated database holds: the untouched role groups."""
    counts = row_counts()
    return {**counts, "auth.Group": counts["auth.Group"] - _made_by_migrate().count()}


def dumped_counts(dump: IO[bytes]) -> dict[str, int]:
    """Rows per table in a dump, counted the way ``row_counts`` counts the database."""
    counts: Counter[str] = Counter()
    for entry in json.load(dump):
        model = apps.get_model(entry["model"])
        counts[model._meta.label] += 1
        for name, through in _inline_many_to_many(model):
            counts[through._meta.label] += len(entry["fields"].get(name, []))
    return {label: count for label, count in counts.items() if count}


# Files ----------------------------------------------------------------------------------------


def _sha256_of_stream(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1 << 16), b""):
        digest.update(chunk)
    return digest.hexdigest()


def sha256_of(path: Path) -> str:
    with path.open("rb") as stream:
        return _sha256_of_stream(stream)


def stored_sha256(name: str) -> str:
    """The SHA-256 of a stored file, read through the storage."""
    with default_storage.open(name, "rb") as stream:
        return _sha256_of_stream(stream)


def stored_names(folder: str = "") -> Iterator[str]:
    """The name of every stored file, in order, walking the storage's folders (``listdir``)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # the local disk before the first upload
        return
    entries = [(name, False) for name in files] + [(name, True) for name in folders]
    for name, is_folder in sorted(entries):
        path = f"{folder}/{name}" if folder else name
        if is_folder:
            yield from stored_names(path)
        elif not _is_link(path):
            yield path


def _is_link(name: str) -> bool:
    """A symbolic link on the local disk (never followed into the archive); objects are never links."""
    try:
        return Path(default_storage.path(name)).is_symlink()
    except NotImplementedError:
        return False


def stored_files() -> dict[str, str]:
    """Stored name -> SHA-256 of every stored file."""
    return {name: stored_sha256(name) for name in stored_names()}


def _open_private(path: Path, mode: str = "wb") -> IO[Any]:
    """Create a new file readable and writable by its owner only, whatever the umask."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    os.fchmod(descriptor, PRIVATE_FILE)
    return os.fdopen(descriptor, mode, encoding=None if "b" in mode else "utf-8")


@contextlib.contextmanager
def _private_directory(parent: Path | None = None) -> Iterator[Path]:
    """A temporary directory (0700), removed afterwards whatever happens."""
    path = Path(tempfile.mkdtemp(prefix=".hankehallinta-backup-", dir=parent))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


# Backup ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def _snapshot() -> Iterator[None]:
    """One read-only transaction: every query inside sees the database as it was at the first one.

    PostgreSQL: REPEATABLE READ READ ONLY, without the statement timeout (a dump may take long).
    SQLite: a read transaction keeps its snapshot (WAL) or holds off writers (rollback journal).
    """
    if connection.in_atomic_block:
        raise BackupError("a backup must run outside a transaction, to take its own snapshot")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SET LOCAL statement_timeout = 0")
        yield


def _dump(stream: IO[str]) -> None:
    labels = [model._meta.label for model in backed_up_models()]
    management.call_command(
        "dumpdata",
        *labels,
        natural_foreign=True,
        natural_primary=False,
        use_base_manager=True,
        indent=None,
        verbosity=0,
        stdout=stream,
    )


def create_backup(target: Path) -> dict:
    """Write one archive (mode 0600, replaced atomically); return its manifest."""
    target = Path(target)
    target.parent.mkdir(mode=PRIVATE_DIRECTORY, parents=True, exist_ok=True)
    with _private_directory(target.parent) as work:
        dump = work / DATA
        with _snapshot():
            counts = row_counts()
            with _open_private(dump, "w") as stream:
                _dump(stream)
        with dump.open("rb") as stream:
            in_dump = dumped_counts(stream)
        missing = {
            label: (count, in_dump.get(label, 0)) for label, count in counts.items() if in_dump.get(label, 0) != count
        }
        if missing:
            details = ", ".join(
                f"{label}: {dumped} dumped, {count} counted" for label, (count, dumped) in missing.items()
            )
            raise BackupError(f"the dump does not match the row counts: {details}")
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "row_counts": counts,
            "data_sha256": sha256_of(dump),
            "files": {},
        }
        partial = work / "archive.tar.gz"
        with _open_private(partial) as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            archive.add(dump, arcname=DATA)
            manifest["files"] = _add_media(archive, skip=work)
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
        os.replace(partial, target)
    return manifest


def _add_media(archive: tarfile.TarFile, skip: Path) -> dict[str, str]:
    """Add every stored file, hashing exactly the bytes that go into the archive (``skip``: the
    backup's own work directory, in case the archive is written under MEDIA_ROOT on the local disk)."""
    files = {}
    root = Path(settings.MEDIA_ROOT).resolve()
    skip = skip.resolve()
    skipped = skip.relative_to(root).as_posix() + "/" if skip.is_relative_to(root) else None
    for name in stored_names():
        if skipped and name.startswith(skipped):
            continue
        with default_storage.open(name, "rb") as stream:
            content = stream.read()
        files[name] = hashlib.sha256(content).hexdigest()
        _add_bytes(archive, MEDIA_PREFIX + name, content)
    return files


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mode = PRIVATE_FILE
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


# Restore --------------------------------------------------------------------------------------


def restore_backup(source: Path) -> dict:
    """Load an archive into an empty, migrated database and the file storage.

    Nothing is committed unless every row count and every file's SHA-256 equals the manifest:
    the rows are loaded and the files placed inside one transaction, which a mismatch rolls back
    (and the files placed so far are removed).
    """
    with _private_directory() as work, tarfile.open(source, "r:gz") as archive:
        manifest = _read_manifest(archive)
        fixture = work / DATA
        staged = work / "media"
        _extract_checked(archive, manifest, fixture, staged)
        placed: list[str] = []
        try:
            with transaction.atomic():
                _refuse_data_present()
                _made_by_migrate().delete()  # the archive holds the groups as they were, members and all
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SET LOCAL statement_timeout = 0")
                management.call_command("loaddata", str(fixture), verbosity=0)
                placed = _place_files(staged, manifest["files"])
                shutil.rmtree(staged, ignore_errors=True)
                problems = verify(manifest)
                if problems:
                    raise BackupError("; ".join(problems))
        except BaseException:
            for name in placed:
                default_storage.delete(name)
            raise
    return manifest


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.loads(archive.extractfile(MANIFEST).read())
    except (KeyError, AttributeError, ValueError) as error:
        raise BackupError(f"no readable {MANIFEST} in the archive") from error
    if not isinstance(manifest.get("row_counts"), dict) or not isinstance(manifest.get("files"), dict):
        raise BackupError(f"{MANIFEST} lacks row counts or files")
    for relative in manifest["files"]:
        _safe_relative(relative)
    return manifest


def _safe_relative(name: str) -> PurePosixPath:
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts or name != relative.as_posix():
        raise BackupError(f"unsafe path in archive: {name}")
    return relative


def _extract_checked(archive: tarfile.TarFile, manifest: dict, fixture: Path, staged: Path) -> None:
    """Extract the dump and the files into the private work directory, refusing any byte that
    differs from the manifest before the database is touched."""
    expected = dict(manifest["files"])
    seen_data = False
    for member in archive.getmembers():
        if member.name == MANIFEST:
            continue
        if member.name == DATA and member.isfile():
            digest = _copy_member(archive, member, fixture)
            if "data_sha256" in manifest and digest != manifest["data_sha256"]:
                raise BackupError(f"{DATA}: SHA-256 differs from the manifest")
            seen_data = True
            continue
        if not member.name.startswith(MEDIA_PREFIX) or not member.isfile():
            raise BackupError(f"unexpected member in archive: {member.name}")
        relative = member.name.removeprefix(MEDIA_PREFIX)
        target = staged.joinpath(*_safe_relative(relative).parts)
        target.parent.mkdir(mode=PRIVATE_DIRECTORY, parents=True, exist_ok=True)
        digest = _copy_member(archive, member, target)
        if relative not in expected:
            raise BackupError(f"{relative}: in the archive but not in the manifest")
        if expected.pop(relative) != digest:
            raise BackupError(f"{relative}: SHA-256 differs from the manifest")
    if not seen_data:
        raise BackupError(f"no {DATA} in the archive")
    if expected:
        raise BackupError(f"files in the manifest but not in the archive: {', '.join(sorted(expected))}")


def _copy_member(archive: tarfile.TarFile, member: tarfile.TarInfo, target: Path) -> str:
    digest = hashlib.sha256()
    source = archive.extractfile(member)
    with _open_private(target) as output:
        for chunk in iter(lambda: source.read(1 << 16), b""):
            digest.update(chunk)
            output.write(chunk)
    return digest.hexdigest()


def _refuse_data_present() -> None:
    present = [label for label, count in data_rows().items() if count]
    if present:
        raise BackupError(f"the database is not empty ({', '.join(present)}): restore into a freshly migrated database")


def _place_files(staged: Path, files: dict[str, str]) -> list[str]:
    """Save the checked files into the storage under their names; return those placed (deleted
    again on rollback). A file already there with the same content stays; other content is refused."""
    placed = []
    for relative, digest in files.items():
        if default_storage.exists(relative):
            if stored_sha256(relative) != digest:
                raise BackupError(f"{relative}: a different file is already in the storage")
            continue
        with staged.joinpath(*PurePosixPath(relative).parts).open("rb") as stream:
            saved = default_storage.save(relative, File(stream, name=relative))
        placed.append(saved)
        if saved != relative:
            raise BackupError(f"{relative}: the storage saved it as {saved}")
    return placed


def verify(manifest: dict) -> list[str]:
    """What differs between the manifest and the database and the file storage now."""
    problems = []
    counts = row_counts()
    for label in sorted(set(counts) | set(manifest["row_counts"])):
        expected, actual = manifest["row_counts"].get(label, 0), counts.get(label)
        if actual != expected:
            problems.append(f"{label}: {actual} rows, expected {expected}")
    for relative, digest in manifest["files"].items():
        if not default_storage.exists(relative) or stored_sha256(relative) != digest:
            problems.append(f"{relative}: SHA-256 differs or file missing")
    return problems
