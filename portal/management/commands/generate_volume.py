"""`manage.py generate_volume`: add ten years of realistic, fake volume (portal.volume) to the database.

    python manage.py generate_volume --size full              # 9,000 projects, 18,000 agenda items
    python manage.py generate_volume --projects 500 --items 1000 --seed 7

It adds to whatever is there (the demo or nothing). Like load_demo it refuses with DEBUG off, because
it writes fake data: run it with DEBUG=1, or pass --force for a database kept for benchmarks.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.volume import SIZES, generate_volume

REFUSAL = (
    "generate_volume refuses to run with DEBUG off: it writes fake projects and decisions. Run it only on "
    "a development or benchmark database, with DEBUG=1 (DEBUG=1 python manage.py generate_volume ...) "
    "or with --force."
)


def refuse_fake_data_unless_allowed(force: bool) -> None:
    """The rule of the commands that write fake volume: DEBUG on, or --force."""
    if not (settings.DEBUG or force):
        raise CommandError(REFUSAL)


class Command(BaseCommand):
    help = (
        "Adds realistic fake volume: projects with budget and financing lines, bodies, people, meetings and "
        "agenda items over 2017-2026, deterministic for a seed. Refused with DEBUG off unless --force."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--size", choices=sorted(SIZES), help="a named size: " + _sizes())
        parser.add_argument("--projects", type=int, help="how many projects to add")
        parser.add_argument("--items", type=int, help="how many agenda items to add (meetings: one per ten)")
        parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same data (default 1)")
        parser.add_argument("--force", action="store_true", help="write fake data even with DEBUG off")

    def handle(self, *args, size: str | None, projects: int | None, items: int | None, seed: int, force: bool, **o):
        refuse_fake_data_unless_allowed(force)
        if size is not None:
            projects, items = SIZES[size]
        if projects is None or items is None:
            raise CommandError("Give --size, or both --projects and --items.")
        if projects < 0 or items < 0:
            raise CommandError("--projects and --items cannot be negative.")
        self.stdout.write(f"Generating {projects:,} projects and {items:,} agenda items (seed {seed})...")
        summary = generate_volume(projects=projects, items=items, seed=seed, stdout=self.stdout)
        for line in summary.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS(f"Volume generated in {summary.seconds:.1f} s."))


def _sizes() -> str:
    return ", ".join(f"{name} = {p:,} projects and {i:,} items" for name, (p, i) in SIZES.items())
