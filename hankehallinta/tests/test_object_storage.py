"""Stored files in an S3-compatible object store (STORAGE_BACKEND=s3; docs/deployment.md, "Object
storage"), against moto's S3 server on this machine: an attachment uploaded through the page is an
object in the bucket, private, and comes back byte for byte through the permission-checked download;
the backup reads it from the bucket."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

import boto3
import environ
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from decisions.models import Attachment, Meeting
from hankehallinta.backup import stored_files
from hankehallinta.deployment_settings import s3_storage_options
from testing.factories import HELSINKI, AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

CONTENT = b"%PDF-1.4\n% Terveysselvitys, salassa pidettava\n%%EOF\n"
PUBLIC_GRANTEES = (
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
)


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch, tmp_path):
    """A fresh bucket, and the app's default storage pointed at it as the S3_* variables would."""
    name = f"hankehallinta-{uuid.uuid4().hex[:12]}"
    variables = {
        "S3_BUCKET": name,
        "S3_ENDPOINT_URL": s3_endpoint,
        "S3_REGION": "eu-north-1",
        "S3_ACCESS_KEY_ID": "testi",
        "S3_SECRET_ACCESS_KEY": "testisalaisuus",
    }
    for key, value in variables.items():
        monkeypatch.setenv(key, value)
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="eu-north-1",
        aws_access_key_id="testi",
        aws_secret_access_key="testisalaisuus",
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
    settings.MEDIA_ROOT = tmp_path / "media"  # must stay empty: nothing goes to the local disk
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_storage_options(environ.Env())},
    }
    return client, name


@pytest.fixture
def item(body):
    meeting = MeetingFactory(body=body, state=Meeting.State.PLANNED, start=dt.datetime(2030, 3, 4, 14, tzinfo=HELSINKI))
    return AgendaItemFactory(meeting=meeting, section=None)


def _upload_secret(client, item):
    return client.post(
        reverse("decisions:attachment_create", args=[item.pk]),
        {
            "number": "1",
            "title": "Terveysselvitys",
            "secrecy_ground": "JulkL 24.1 § 25 k",
            "file": SimpleUploadedFile("terveysselvitys.pdf", CONTENT),
        },
    )


def test_an_attachment_goes_to_the_bucket_and_back_through_the_permission_check(
    bucket, item, secretary_client, staff_client, settings
):
    client, name = bucket

    response = _upload_secret(secretary_client, item)

    assert response.status_code == 302, response.context["form"].errors
    attachment = Attachment.objects.get(item=item)
    stored = client.get_object(Bucket=name, Key=attachment.file.name)["Body"].read()
    assert stored == CONTENT
    assert not settings.MEDIA_ROOT.exists(), "nothing may be written to the local disk"

    download = secretary_client.get(reverse("decisions:attachment_download", args=[attachment.pk]))
    assert download.status_code == 200
    body = b"".join(download.streaming_content) if download.streaming else download.content
    assert hashlib.sha256(body).hexdigest() == hashlib.sha256(CONTENT).hexdigest() == attachment.sha256

    refused = staff_client.get(reverse("decisions:attachment_download", args=[attachment.pk]))
    assert refused.status_code == 403


def test_a_stored_object_is_private_and_its_url_is_signed(bucket, item, secretary_client):
    client, name = bucket
    assert _upload_secret(secretary_client, item).status_code == 302
    attachment = Attachment.objects.get(item=item)

    grants = client.get_object_acl(Bucket=name, Key=attachment.file.name)["Grants"]
    assert not [grant for grant in grants if grant["Grantee"].get("URI") in PUBLIC_GRANTEES], grants
    url = attachment.file.url
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url, url


def test_a_second_upload_of_the_same_name_never_replaces_the_first(bucket, item, secretary_client):
    client, name = bucket
    assert _upload_secret(secretary_client, item).status_code == 302
    other = AgendaItemFactory(meeting=item.meeting, section=None)
    assert _upload_secret(secretary_client, other).status_code == 302

    first, second = Attachment.objects.order_by("pk")
    assert first.file.name != second.file.name
    keys = {entry["Key"] for entry in client.list_objects_v2(Bucket=name)["Contents"]}
    assert keys == {first.file.name, second.file.name}


def test_the_backup_finds_and_reads_the_stored_files_in_the_bucket(bucket, item, secretary_client):
    assert _upload_secret(secretary_client, item).status_code == 302
    attachment = Attachment.objects.get(item=item)

    assert stored_files() == {attachment.file.name: hashlib.sha256(CONTENT).hexdigest()}
