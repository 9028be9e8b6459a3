"""The background task of the open data: the nightly bulk files (opendata.bulk).

Enqueued every day by ``manage.py run_scheduler`` (settings.TASKS_DAILY), after the daily removal of
private persons' data, so that the night's files are made without what it removed; retried on
failure by hankehallinta.tasks.retried. Returns the file names and sizes, no data.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

from hankehallinta.tasks import retried
from opendata import bulk


@task()
def export_open_data(attempt: int = 1) -> dict[str, Any]:
    """Write the bulk files of the public archive and their manifest."""
    with retried(export_open_data, attempt=attempt):
        manifest = bulk.export()
    return {"directory": manifest.directory, "files": {data_file.name: data_file.size for data_file in manifest.files}}
