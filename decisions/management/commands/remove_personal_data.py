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
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from decisions.models import AgendaItem, PrivatePersonData
from decisions.services.publication import remove_personal_data


class Command(BaseCommand):
    help = gettext_lazy(
        "Removes private persons' personal data from the public archive when the rectification period ends."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            help=_("The day of the run as YYYY-MM-DD (default: today). Removes data whose period ended before it."),
        )
        parser.add_argument("--dry-run", action="store_true", help=_("Show what would be removed, changing nothing."))

    def handle(self, *args, **options) -> None:
        today = self._today(options.get("date"))
        dry_run = options["dry_run"]
        due = remove_personal_data(today, dry_run=dry_run)
        per_item: Counter[int] = Counter(row.item_id for row in due)
        items = {row.item_id: row.item for row in due}
        if dry_run:
            item_line = _("Would remove %(count)d personal data entry(-ies): %(item)s (id %(id)s)")
            summary = _(
                "Would remove %(count)d personal data entry(-ies) in all from %(items)d §; "
                "%(left)d still on the web (%(day)s)."
            )
        else:
            item_line = _("Removed %(count)d personal data entry(-ies): %(item)s (id %(id)s)")
            summary = _(
                "Removed %(count)d personal data entry(-ies) in all from %(items)d §; "
                "%(left)d still on the web (%(day)s)."
            )
        for item_id, count in per_item.items():
            self.stdout.write(item_line % {"count": count, "item": _describe(items[item_id]), "id": item_id})
        left = PrivatePersonData.objects.on_the_web().count()
        self.stdout.write(
            summary % {"count": len(due), "items": len(per_item), "left": left, "day": f"{today:%d.%m.%Y}"}
        )

    @staticmethod
    def _today(value: str | None) -> dt.date:
        if not value:
            return timezone.localdate()
        try:
            return dt.date.fromisoformat(value)
        except ValueError as error:
            raise CommandError(_("Invalid date: %(value)r (form YYYY-MM-DD).") % {"value": value}) from error


def _describe(item: AgendaItem) -> str:
    """The item by body, meeting and §, not by title (a title may name the person)."""
    meeting = item.meeting
    section = f"§ {item.section}" if item.section else _("item %(id)s") % {"id": item.pk}
    return f"{meeting.body.name} {meeting.number}/{meeting.year} {section}"
