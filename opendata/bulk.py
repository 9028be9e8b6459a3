"""The nightly bulk files of the public archive: JSON Lines of every object type and a CSV of decisions.

`export()` (``manage.py export_open_data``, the daily task opendata.tasks.export_open_data) writes
into the default storage, under opendata/<time of the run>/:

- bodies.jsonl, meetings.jsonl, agendaitems.jsonl, files.jsonl: one JSON object a line, UTF-8
  (the records: opendata.bulk_records);
- decisions.csv: one row a § (RFC 4180, comma-separated, UTF-8, a header row);
- SHA256SUMS: the SHA-256 of each, in the format `sha256sum --check` reads;

and then opendata/manifest.json naming that directory, each file's size, SHA-256 and number of
records. A new run leaves the previous directory for a download under way and deletes older ones.
The archive page /fi/archive/data/ lists the files of the manifest and hands them out through a
view (opendata.archive_views), never as media.

Personal data: the files are made of the redacted public copies, so a private person's data removed
from the web is not in a later export. An export made before the latest removal could still hold
it: the manifest records how many removals it saw, and `is_current` is False (the files are not
handed out) until the next export once another removal has been made.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from decisions.models import PrivatePersonData
from opendata import bulk_records

DIRECTORY = "opendata"
MANIFEST = f"{DIRECTORY}/manifest.json"
SUMS = "SHA256SUMS"
#: Directories of earlier runs kept besides the newest (a download under way finishes).
KEEP_PREVIOUS = 1
#: A file larger than this is written through a temporary file on disk.
SPOOL_BYTES = 8 * 1024 * 1024
JSONL = {
    "bodies.jsonl": bulk_records.bodies,
    "meetings.jsonl": bulk_records.meetings,
    "agendaitems.jsonl": bulk_records.items,
    "files.jsonl": bulk_records.files,
}
CSV = {"decisions.csv": bulk_records.decisions}
CONTENT_TYPES = {".jsonl": "application/jsonl; charset=utf-8", ".csv": "text/csv; charset=utf-8"}
TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class DataFile:
    name: str
    size: int
    sha256: str
    records: int | None

    @property
    def content_type(self) -> str:
        return next((kind for suffix, kind in CONTENT_TYPES.items() if self.name.endswith(suffix)), TEXT)


@dataclass(frozen=True)
class Manifest:
    generated_at: dt.datetime
    directory: str
    removed_personal_data: int
    files: list[DataFile] = field(default_factory=list)

    def file(self, name: str) -> DataFile | None:
        return next((data_file for data_file in self.files if data_file.name == name), None)

    def to_json(self) -> bytes:
        data = asdict(self) | {"generated_at": self.generated_at.isoformat()}
        return json.dumps(data, ensure_ascii=False, indent=2).encode()

    @classmethod
    def from_json(cls, content: bytes) -> Manifest:
        data = json.loads(content)
        return cls(
            generated_at=dt.datetime.fromisoformat(data["generated_at"]),
            directory=data["directory"],
            removed_personal_data=data["removed_personal_data"],
            files=[DataFile(**row) for row in data["files"]],
        )


def _removals() -> int:
    return PrivatePersonData.objects.removed().count()


def read_manifest() -> Manifest | None:
    """The latest export's manifest, or None before the first."""
    try:
        with default_storage.open(MANIFEST, "rb") as stored:
            return Manifest.from_json(stored.read())
    except (FileNotFoundError, OSError, ValueError, KeyError):
        return None


def is_current(manifest: Manifest) -> bool:
    """No private person's data has been removed from the web since the export was made."""
    return _removals() == manifest.removed_personal_data


def open_file(manifest: Manifest, data_file: DataFile) -> IO[bytes]:
    return default_storage.open(f"{manifest.directory}/{data_file.name}", "rb")


# Writing -------------------------------------------------------------------------------------------


class _HashingWriter(io.RawIOBase):
    """A binary sink that hashes and counts what passes to a spooled temporary file."""

    def __init__(self) -> None:
        self.file = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (closed by _store)
        self.hash = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:
        self.file.write(data)
        self.hash.update(data)
        self.size += len(data)
        return len(data)


def _jsonl(rows: Iterable[dict[str, Any]], sink: _HashingWriter) -> int:
    count = 0
    for row in rows:
        sink.write(json.dumps(row, ensure_ascii=False, sort_keys=True).encode() + b"\n")
        count += 1
    return count


def _csv(rows: Iterable[dict[str, Any]], sink: _HashingWriter) -> int:
    text = io.TextIOWrapper(sink, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=bulk_records.DECISION_COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
        count += 1
    text.detach()
    return count


def _store(directory: str, name: str, sink: _HashingWriter, records: int | None) -> DataFile:
    sink.file.seek(0)
    saved = default_storage.save(f"{directory}/{name}", File(sink.file, name=name))
    sink.file.close()
    if saved != f"{directory}/{name}":
        raise RuntimeError(f"the storage renamed {name} to {saved}")
    return DataFile(name=name, size=sink.size, sha256=sink.hash.hexdigest(), records=records)


def _write(directory: str, name: str, rows: Callable[[], Iterator[dict[str, Any]]], form: Callable) -> DataFile:
    sink = _HashingWriter()
    return _store(directory, name, sink, form(rows(), sink))


def export(now: dt.datetime | None = None) -> Manifest:
    """Write every bulk file and the manifest; return the manifest."""
    now = now or timezone.now()
    removals = _removals()  # before reading: a removal during the run makes the export stale, not leaky
    directory = f"{DIRECTORY}/{now.astimezone(dt.UTC):%Y%m%dT%H%M%S%fZ}"
    files = [_write(directory, name, rows, _jsonl) for name, rows in JSONL.items()]
    files += [_write(directory, name, rows, _csv) for name, rows in CSV.items()]
    sums = _HashingWriter()
    sums.write("".join(f"{data_file.sha256}  {data_file.name}\n" for data_file in files).encode())
    files.append(_store(directory, SUMS, sums, None))
    manifest = Manifest(generated_at=now, directory=directory, removed_personal_data=removals, files=files)
    if default_storage.exists(MANIFEST):
        default_storage.delete(MANIFEST)
    default_storage.save(MANIFEST, File(io.BytesIO(manifest.to_json()), name="manifest.json"))
    _delete_older(directory)
    return manifest


def _delete_older(current: str) -> None:
    """Delete the directories of earlier runs but the KEEP_PREVIOUS newest."""
    directories, _files = default_storage.listdir(DIRECTORY)
    older = sorted(name for name in directories if f"{DIRECTORY}/{name}" < current)
    for name in older[: max(len(older) - KEEP_PREVIOUS, 0)]:
        _subdirectories, names = default_storage.listdir(f"{DIRECTORY}/{name}")
        for file_name in names:
            default_storage.delete(f"{DIRECTORY}/{name}/{file_name}")
        # FileSystemStorage leaves the empty directory; an object store has none (no path()).
        with contextlib.suppress(NotImplementedError, OSError):
            os.rmdir(default_storage.path(f"{DIRECTORY}/{name}"))
