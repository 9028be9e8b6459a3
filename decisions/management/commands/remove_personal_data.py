"""Remove private persons' personal data from the public archive once the rectification period ends.

Hyvinvointialuelaki 145 § 3 mom.: personal data published with the minutes must be removed from
the web when the period for requesting rectification has ended. Meant to run once a day (cron or a
systemd timer): `manage.py remove_personal_data`. For every PrivatePersonData still on the web whose
item's last day of the rectification period (the latest over its notification routes, the minutes'
web publication included) is before today, it sets `removed_on` to today. The text itself stays in
the minutes for the staff; the public pages and PDFs print a placeholder instead. Running it twice
changes nothing the second time. Officials' and members' names are not PrivatePersonData and are
never touched.

The output names items and counts, never the removed data itself.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from decisions.archive import personal_data_due
from decisions.models import AgendaItem, PrivatePersonData


class Command(BaseCommand):
    help = "Poistaa yksityishenkilöiden henkilötiedot julkisesta arkistosta oikaisuvaatimusajan päätyttyä."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            help="Ajopäivä muodossa VVVV-KK-PP (oletus: tänään). Poistaa tiedot, joiden määräaika päättyi ennen sitä.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Näytä, mitä poistettaisiin, muuttamatta mitään.")

    def handle(self, *args, **options) -> None:
        today = self._today(options.get("date"))
        with transaction.atomic():
            due = personal_data_due(today)
            per_item: Counter[int] = Counter(row.item_id for row in due)
            items = {row.item_id: row.item for row in due}
            if due and not options["dry_run"]:
                for row in due:
                    row.removed_on = today
                    row.save(update_fields=["removed_on"])  # one by one: the audit receivers log each
        verb = "Poistettaisiin" if options["dry_run"] else "Poistettiin"
        for item_id, count in per_item.items():
            self.stdout.write(f"{verb} {count} henkilötieto(a): {_describe(items[item_id])} (id {item_id})")
        self.stdout.write(
            f"{verb} yhteensä {len(due)} henkilötieto(a) {len(per_item)} pykälästä; "
            f"verkossa vielä {PrivatePersonData.objects.filter(removed_on__isnull=True).count()} "
            f"({today:%d.%m.%Y})."
        )

    @staticmethod
    def _today(value: str | None) -> dt.date:
        if not value:
            return timezone.localdate()
        try:
            return dt.date.fromisoformat(value)
        except ValueError as error:
            raise CommandError(f"Päivämäärä ei kelpaa: {value!r} (muoto VVVV-KK-PP).") from error


def _describe(item: AgendaItem) -> str:
    """The item by body, meeting and §, not by title (a title may name the person)."""
    meeting = item.meeting
    section = f"§ {item.section}" if item.section else f"pykälä {item.pk}"
    return f"{meeting.body.name} {meeting.number}/{meeting.year} {section}"
