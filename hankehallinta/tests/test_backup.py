"""The restore drill: a backup, an emptied database, a restore; nothing may be lost on the way.

The drill uses the admin first (its change log, admin.LogEntry, must travel too) and, on
PostgreSQL, writes while the backup runs (the archive must be one snapshot). A tampered archive is
refused before anything is committed, and the archive is readable by its owner only.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import stat
import tarfile
import threading
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.utils import timezone

from decisions.models import Extract
from hankehallinta import backup
from hankehallinta.backup import backed_up_models, backed_up_tables, data_rows, row_counts, stored_files
from hankehallinta.models import AuditEvent
from testing.factories import AgendaItemFactory, ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _issue_extract(item, user, content: bytes) -> Extract:
    extract = Extract(
        item=item, issued_by=user, certifier_name="Sanna Sihteeri", certifier_title="Hallintosihteeri", place="Joensuu"
    )
    extract.sha256 = hashlib.sha256(content).hexdigest()
    extract.pdf.save(f"{item.pk}.pdf", ContentFile(content), save=False)
    extract.save()
    return extract


def _use_the_admin(admin_user) -> None:
    """Add a group and rename it through /admin/, as an administrator would: two LogEntry rows."""
    client = Client()
    client.force_login(admin_user)
    response = client.post("/admin/auth/group/add/", {"name": "Varmuuskopion testaajat"})
    assert response.status_code == 302, response.content[:500]
    group = Group.objects.get(name="Varmuuskopion testaajat")
    response = client.post(f"/admin/auth/group/{group.pk}/change/", {"name": "Varmuuskopion tarkastajat"})
    assert response.status_code == 302, response.content[:500]
    assert LogEntry.objects.count() == 2


def _site_with_data(admin_user) -> None:
    ProjectFactory.create_batch(3)
    for n in range(2):
        item = AgendaItemFactory(checked_at=timezone.now(), decision="Hyväksyttiin.")
        _issue_extract(item, admin_user, b"%PDF-1.7 drill " + bytes([n]) * 1000)
    _use_the_admin(admin_user)


def _empty_the_site(media: Path) -> None:
    call_command("flush", interactive=False)
    shutil.rmtree(media, ignore_errors=True)
    assert not any(data_rows().values())


def _manifest(archive: Path) -> dict:
    with tarfile.open(archive, "r:gz") as opened:
        return json.loads(opened.extractfile(backup.MANIFEST).read())


def _dumped_rows(archive: Path) -> dict[str, int]:
    with tarfile.open(archive, "r:gz") as opened:
        return backup.dumped_counts(opened.extractfile(backup.DATA))


def test_every_counted_table_is_dumped():
    """One list decides both: the admin's log is in it, migrate's own tables are not."""
    labels = {model._meta.label for model in backed_up_tables()}
    assert {"admin.LogEntry", "hankehallinta.AuditEvent", "otp_totp.TOTPDevice", "auth.User_groups"} <= labels
    assert not labels & backup.REGENERATED
    assert set(row_counts()) == labels
    assert {model._meta.label for model in backed_up_models()} <= labels


def test_restore_drill_after_using_the_admin(media, tmp_path, admin_user):
    _site_with_data(admin_user)
    counts_before = row_counts()
    files_before = stored_files()
    assert len(files_before) == 2
    assert counts_before["admin.LogEntry"] == 2

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive)
    manifest = _manifest(archive)
    assert manifest["row_counts"] == counts_before
    assert {label: count for label, count in manifest["row_counts"].items() if count} == _dumped_rows(archive)
    _empty_the_site(media)

    call_command("restore", archive)

    assert row_counts() == counts_before
    assert stored_files() == files_before
    assert sorted(LogEntry.objects.values_list("object_repr", flat=True)) == [
        "Varmuuskopion tarkastajat",
        "Varmuuskopion testaajat",
    ]
    for extract in Extract.objects.all():
        assert hashlib.sha256(extract.pdf.read()).hexdigest() == extract.sha256


def _write_audit_events(count: int, username: str) -> None:
    """Insert audit events on this thread's own connection, each committed at once."""
    try:
        for _ in range(count):
            AuditEvent.objects.create(action=AuditEvent.Action.EXPORT, username=username)
    finally:
        connection.close()


@pytest.mark.postgres
def test_restore_drill_with_writes_during_the_backup(media, tmp_path, admin_user, monkeypatch):
    """People keep working while the backup runs: the manifest and the dump are one snapshot.

    A writer thread inserts audit events all through the backup, and between the counting and the
    dump another connection commits five more: in neither of them, because the dump reads the
    same snapshot as the counts. (SQLite's shared in-memory test database locks the table instead.)
    """
    _site_with_data(admin_user)
    real_row_counts = backup.row_counts
    calls = []

    def counts_then_more_writes() -> dict[str, int]:
        counts = real_row_counts()
        if not calls:
            writer = threading.Thread(target=_write_audit_events, args=(5, "between"))
            writer.start()
            writer.join()
        calls.append(counts)
        return counts

    monkeypatch.setattr(backup, "row_counts", counts_then_more_writes)
    stop = threading.Event()

    def keep_writing() -> None:
        try:
            while not stop.is_set():
                AuditEvent.objects.create(action=AuditEvent.Action.EXPORT, username="meanwhile")
        finally:
            connection.close()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        archive = tmp_path / "backup.tar.gz"
        call_command("backup", output=archive)
    finally:
        stop.set()
        writer.join()
    monkeypatch.undo()

    manifest = _manifest(archive)
    events_now = AuditEvent.objects.count()
    assert AuditEvent.objects.filter(username="between").count() == 5
    assert manifest["row_counts"]["hankehallinta.AuditEvent"] <= events_now - 5
    assert _dumped_rows(archive)["hankehallinta.AuditEvent"] == manifest["row_counts"]["hankehallinta.AuditEvent"]

    _empty_the_site(media)
    call_command("restore", archive)

    assert row_counts() == manifest["row_counts"]
    assert not AuditEvent.objects.filter(username="between").exists()
    assert LogEntry.objects.count() == 2


def test_the_archive_is_readable_by_its_owner_only(media, tmp_path, admin_user):
    _site_with_data(admin_user)
    target = tmp_path / "backups" / "backup.tar.gz"
    target.parent.mkdir()
    target.write_bytes(b"an old archive, world-readable")
    target.chmod(0o644)
    previous = os.umask(0o022)
    try:
        call_command("backup", output=target)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [path.name for path in target.parent.iterdir()] == ["backup.tar.gz"]  # no temporary files left
    with tarfile.open(target, "r:gz") as archive:
        assert {stat.S_IMODE(member.mode) for member in archive.getmembers()} == {0o600}


def _rewrite(archive: Path, change: str) -> None:
    """Tamper with one thing in the archive, keeping everything else as it was."""
    with tarfile.open(archive, "r:gz") as opened:
        members = [(member, opened.extractfile(member).read()) for member in opened.getmembers()]
    manifest = json.loads(next(content for member, content in members if member.name == backup.MANIFEST))
    if change == "count":
        manifest["row_counts"]["projects.Project"] += 1
    elif change == "checksum":
        first = sorted(manifest["files"])[0]
        manifest["files"][first] = hashlib.sha256(b"something else").hexdigest()
    rewritten = []
    for member, content in members:
        if member.name == backup.MANIFEST:
            content = json.dumps(manifest).encode()
        elif change == "file" and member.name.startswith(backup.MEDIA_PREFIX):
            content = content.replace(b"drill", b"DRILL")
        elif change == "data" and member.name == backup.DATA:
            content = content.replace(b'"Hyv\\u00e4ksyttiin."', b'"Hyl\\u00e4ttiin."').replace(
                "Hyväksyttiin.".encode(), "Hylättiin.".encode()
            )
        rewritten.append((member, content))
    with tarfile.open(archive, "w:gz") as opened:
        for member, content in rewritten:
            member.size = len(content)
            opened.addfile(member, io.BytesIO(content))


@pytest.mark.parametrize("change", ["count", "checksum", "file", "data"])
def test_a_tampered_archive_is_refused_and_leaves_the_database_empty(media, tmp_path, admin_user, change):
    _site_with_data(admin_user)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive)
    _rewrite(archive, change)
    _empty_the_site(media)

    with pytest.raises(CommandError, match="nothing was restored") as refused:
        call_command("restore", archive)

    expected = {
        "count": "projects.Project: 3 rows, expected 4",
        "checksum": "SHA-256 differs",
        "file": "SHA-256 differs",
        "data": "data.json: SHA-256 differs",
    }[change]
    assert expected in str(refused.value)
    assert not any(data_rows().values())
    assert stored_files() == {}


def test_restore_refuses_a_database_that_is_not_empty(media, tmp_path):
    ProjectFactory()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive)
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", archive)
