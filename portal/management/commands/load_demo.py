"""`manage.py load_demo`: the seed decision as real records, and one demo user per role."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from decisions.models import CheckedDecisionError
from portal.demo import DEMO_PASSWORD, DEMO_USERS, load


class Command(BaseCommand):
    help = (
        "Loads the demo data: Tulevaisuuslautakunta's decision on the project Työkyvyn tuen palvelut, "
        "and one user per role with the password 'demo'. Safe to run again. Refused with DEBUG off."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "load_demo refuses to run with DEBUG off: it creates users whose password is "
                f"'{DEMO_PASSWORD}'. Run it only on a development database, with DEBUG=1 "
                "(for example: DEBUG=1 python manage.py load_demo)."
            )
        try:
            data = load()
        except CheckedDecisionError as error:
            raise CommandError(
                f"The demo decision is already checked and differs from the demo data ({error}). "
                "A checked decision cannot change: start from an empty database to load the demo again."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded: {data.body}, meeting {data.meeting.number}/{data.meeting.year}, "
                f"§ {data.item.section} {data.item.title}; project {data.project}."
            )
        )
        self.stdout.write(f"Demo users (password: {DEMO_PASSWORD}):")
        width = max(len(username) for username, _ in DEMO_USERS)
        for username, role in DEMO_USERS:
            self.stdout.write(f"  {username:<{width}}  {role}")
