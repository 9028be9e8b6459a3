"""The restore drill: a backup, an emptied database, a restore; nothing may be lost on the way."""

from __future__ import annotations

import hashlib
import shutil

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from decisions.models import Extract
from decisions.tests.factories import AgendaItemFactory
from hankehallinta.backup import row_counts, stored_files
from projects.tests.factories import ProjectFactory

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


def test_restore_drill_keeps_row_counts_and_every_stored_pdf(media, tmp_path, admin_user):
    ProjectFactory.create_batch(3)
    for n in range(2):
        item = AgendaItemFactory(checked_at=timezone.now(), decision="Hyväksyttiin.")
        _issue_extract(item, admin_user, b"%PDF-1.7 drill " + bytes([n]) * 1000)
    counts_before = row_counts()
    files_before = stored_files()
    assert len(files_before) == 2

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive)
    call_command("flush", interactive=False)
    shutil.rmtree(media)
    assert row_counts()["decisions.Extract"] == 0

    call_command("restore", archive)

    assert row_counts() == counts_before
    assert stored_files() == files_before
    for extract in Extract.objects.all():
        assert hashlib.sha256(extract.pdf.read()).hexdigest() == extract.sha256


def test_restore_refuses_a_database_that_is_not_empty(media, tmp_path):
    ProjectFactory()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive)
    with pytest.raises(Exception, match="not empty"):
        call_command("restore", archive)
