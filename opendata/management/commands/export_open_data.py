"""Write the bulk files of the public archive (opendata.bulk): `manage.py export_open_data`.

The same as the nightly task opendata.tasks.export_open_data. Prints each file's name, records,
size and SHA-256; never any data.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opendata import bulk


class Command(BaseCommand):
    help = gettext_lazy("Writes the public archive's open data files (JSON Lines, CSV) and their SHA-256 sums.")

    def handle(self, *args, **options) -> None:
        manifest = bulk.export()
        for data_file in manifest.files:
            self.stdout.write(f"{data_file.sha256}  {data_file.name}  {data_file.size} B  {data_file.records or ''}")
        self.stdout.write(_("Open data written to %(directory)s.") % {"directory": manifest.directory})
