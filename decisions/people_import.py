"""Reading a CSV file of people and their memberships into a plan that can be previewed and then
written (decisions.services.people.import_people). Nothing here writes.

The file: UTF-8 (with or without a byte order mark) or Windows-1252 (Excel's "CSV (semicolon
separated)" on a Finnish Windows); ';' or ',' between the columns, as the header line shows. The
header names the columns in Finnish or English: name (or first name and last name), title, unit,
e-mail, phone, body (empty: the page's body), role (Membership.Role's label in Finnish, Swedish or
English, or its key), start and end (1.1.2025 or 2025-01-01; an empty start: the date a new
membership proposes, decisions.people.proposed_membership_start), deputy of (a personal deputy's
member, by name or e-mail).

Matching against the register (decisions.people_matching): a row's person is an existing one when
the e-mail matches one, or else the name matches exactly one whose e-mail does not differ; rows of
the same e-mail (or name) in the file are one person. A membership that exists already (same
person, body and role, overlapping dates) is skipped, so importing the same file again adds nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from decisions.models import Body, Membership, Person
from decisions.people_matching import Register, resolve

MAX_BYTES = 512 * 1024
MAX_ROWS = 2000
BOM = b"\xef\xbb\xbf"
FINNISH_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", re.ASCII)
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)

#: Column -> the header names it is known by (case, spaces, hyphens and underscores ignored).
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "nimi", "namn", "fullname", "kokonimi"),
    "first_name": ("firstname", "etunimi", "etunimet", "förnamn"),
    "last_name": ("lastname", "surname", "sukunimi", "efternamn"),
    "title": ("title", "jobtitle", "nimike", "tehtävänimike", "virkanimike", "titteli", "titel"),
    "unit": ("unit", "organisation", "organization", "yksikkö", "organisaatio", "enhet"),
    "email": ("email", "sähköposti", "sposti", "epost", "sähköpostiosoite"),
    "phone": ("phone", "puhelin", "puhelinnumero", "telefon"),
    "body": ("body", "toimielin", "organ"),
    "role": ("role", "rooli", "tehtävä", "roll"),
    "start": ("start", "startdate", "alku", "alkaa", "alkupäivä", "alkupvm", "början"),
    "end": ("end", "enddate", "loppu", "päättyy", "loppupäivä", "loppupvm", "slut"),
    "deputy_of": ("deputyof", "kenenvarajäsen", "varajäsenhenkilölle", "varsinainenjäsen", "ersättareför"),
}
LENGTHS = {"first_name": 100, "last_name": 100, "title": 200, "unit": 200, "email": 254, "phone": 50}
EXTRA_ROLE_NAMES = {
    "pj": Membership.Role.CHAIR,
    "varapj": Membership.Role.VICE_CHAIR,
    "vpj": Membership.Role.VICE_CHAIR,
    "varajäsen": Membership.Role.DEPUTY,
    "henkilökohtainen varajäsen": Membership.Role.DEPUTY,
    "deputy member": Membership.Role.DEPUTY,
    "pöytäkirjanpitäjä": Membership.Role.SECRETARY,
    "sihteeri": Membership.Role.SECRETARY,
    "sekreterare": Membership.Role.SECRETARY,
    "esittelijä": Membership.Role.PRESENTER,
}


#: How the preview names a column.
COLUMN_LABELS = {
    "name": gettext_lazy("name"),
    "first_name": gettext_lazy("first name"),
    "last_name": gettext_lazy("last name"),
    "title": gettext_lazy("title"),
    "unit": gettext_lazy("unit"),
    "email": gettext_lazy("e-mail"),
    "phone": gettext_lazy("phone"),
    "body": gettext_lazy("body"),
    "role": gettext_lazy("role"),
    "start": gettext_lazy("start"),
    "end": gettext_lazy("end"),
    "deputy_of": gettext_lazy("deputy of"),
}


@dataclass
class RowError:
    row: int
    column: str
    message: str

    @property
    def column_label(self) -> str:
        return str(COLUMN_LABELS.get(self.column, self.column))


@dataclass
class PlanRow:
    """One row of the file as it would be written."""

    number: int
    first_name: str = ""
    last_name: str = ""
    title: str = ""
    unit: str = ""
    email: str = ""
    phone: str = ""
    body: Body | None = None
    role: str = ""
    start: dt.date | None = None
    start_proposed: bool = False
    end: dt.date | None = None
    deputy_of_name: str = ""
    deputy_of: Membership | None = None
    deputy_of_row: int | None = None
    person: Person | None = None  # an existing person the row reuses
    same_as_row: int | None = None  # an earlier row of the file that adds the same new person
    membership_exists: bool = False
    notes: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def role_label(self) -> str:
        return Membership.Role(self.role).label if self.role in Membership.Role.values else ""

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, column, message))


@dataclass
class ImportPlan:
    file_name: str
    sha256: str
    encoding: str = ""
    delimiter: str = ""
    rows: list[PlanRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[RowError]:
        return [error for row in self.rows for error in row.errors]

    @property
    def valid(self) -> bool:
        return bool(self.rows) and not self.file_errors and not self.errors

    @property
    def new_people(self) -> int:
        return sum(1 for row in self.rows if row.person is None and row.same_as_row is None)

    @property
    def new_memberships(self) -> int:
        return sum(1 for row in self.rows if not row.membership_exists)


def _key(text: str) -> str:
    return "".join(char for char in text.casefold() if char not in " -_.\t")


HEADERS = {_key(name): column for column, names in COLUMNS.items() for name in names}


def decode(content: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-8 (a byte order mark dropped), else Windows-1252."""
    if content.startswith(BOM):
        return content[len(BOM) :].decode("utf-8", errors="replace"), "UTF-8"
    try:
        return content.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace"), "Windows-1252"


def parse_date(text: str) -> dt.date | None:
    """1.1.2025, 01.01.2025 or 2025-01-01; None when it is none of them."""
    text = text.strip()
    finnish, iso = FINNISH_DATE.fullmatch(text), ISO_DATE.fullmatch(text)
    parts = (finnish.group(3), finnish.group(2), finnish.group(1)) if finnish else iso.groups() if iso else None
    if parts is None:
        return None
    try:
        return dt.date(*(int(part) for part in parts))
    except ValueError:
        return None


def role_names() -> dict[str, str]:
    """Membership.Role's keys and labels in Finnish, Swedish and English, folded, -> the key."""
    names = {_key(key): key for key in Membership.Role.values}
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            names.update({_key(str(label)): key for key, label in Membership.Role.choices})
    names.update({_key(name): key for name, key in EXTRA_ROLE_NAMES.items()})
    return names


def split_name(name: str) -> tuple[str, str]:
    """ "Turunen, Pekka" or "Pekka Juhani Turunen" -> (first names, last name)."""
    if "," in name:
        last, _comma, first = name.partition(",")
        return " ".join(first.split()), " ".join(last.split())
    parts = name.split()
    return " ".join(parts[:-1]), parts[-1] if parts else ""


def read_plan(
    content: bytes, *, file_name: str, body: Body, may_manage: Callable[[Body], bool], today: dt.date | None = None
) -> ImportPlan:
    """The plan of the file's rows, with every row's errors; `may_manage` says which bodies the user may fill."""
    today = today or timezone.localdate()
    plan = ImportPlan(file_name=file_name, sha256=hashlib.sha256(content).hexdigest())
    if len(content) > MAX_BYTES:
        plan.file_errors.append(_("The file is too large: at most %(size)s kilobytes.") % {"size": MAX_BYTES // 1024})
        return plan
    if content.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        plan.file_errors.append(
            _("This is a spreadsheet file, not CSV. In Excel, save it as CSV (semicolon separated).")
        )
        return plan
    text, plan.encoding = decode(content)
    if "\x00" in text:
        plan.file_errors.append(_("The file is not a text file. Save it as CSV."))
        return plan
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header_line = next((line for line in text.split("\n") if line.strip()), "")
    plan.delimiter = ";" if header_line.count(";") >= header_line.count(",") and ";" in header_line else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=plan.delimiter))
    except csv.Error as error:
        plan.file_errors.append(_("The file is not valid CSV (%(error)s).") % {"error": str(error)[:100]})
        return plan
    numbered = [(number, record) for number, record in enumerate(records, start=1) if any(c.strip() for c in record)]
    if not numbered:
        plan.file_errors.append(_("The file is empty."))
        return plan
    columns = _read_header(plan, numbered[0][1])
    if plan.file_errors:
        return plan
    if len(numbered) - 1 > MAX_ROWS:
        plan.file_errors.append(_("The file may have at most %(rows)s rows.") % {"rows": MAX_ROWS})
        return plan
    bodies = list(Body.objects.order_by("name"))
    register = Register(bodies)
    roles = role_names()
    for number, record in numbered[1:]:
        cells = {column: (record[index].strip() if index < len(record) else "") for column, index in columns.items()}
        plan.rows.append(_read_row(number, cells, body=body, bodies=bodies, roles=roles, may_manage=may_manage))
    if not plan.rows:
        plan.file_errors.append(_("The file has a header line but no rows."))
    resolve(plan, register, today)
    return plan


def _read_header(plan: ImportPlan, header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        column = HEADERS.get(_key(name.strip().lstrip("\ufeff")))
        if column is None:
            if name.strip():
                plan.notes.append(_("The column “%(name)s” is not read.") % {"name": name.strip()[:50]})
        elif column in columns:
            plan.file_errors.append(_("The column “%(name)s” appears twice.") % {"name": name.strip()[:50]})
        else:
            columns[column] = index
    if "name" not in columns and not {"first_name", "last_name"} <= set(columns):
        plan.file_errors.append(_("The header line must name the column “name” (or “first name” and “last name”)."))
    if "role" not in columns:
        plan.file_errors.append(_("The header line must name the column “role”."))
    return columns


def _read_row(
    number: int,
    cells: dict[str, str],
    *,
    body: Body,
    bodies: list[Body],
    roles: dict[str, str],
    may_manage: Callable[[Body], bool],
) -> PlanRow:
    row = PlanRow(number=number)
    if cells.get("first_name") or cells.get("last_name"):
        row.first_name, row.last_name = (
            " ".join(cells.get("first_name", "").split()),
            " ".join(cells.get("last_name", "").split()),
        )
    else:
        row.first_name, row.last_name = split_name(cells.get("name", ""))
    if not row.first_name or not row.last_name:
        row.error("name", _("Give the first and the last name."))
    for column in ("title", "unit", "email", "phone"):
        setattr(row, column, cells.get(column, ""))
    for column, limit in LENGTHS.items():
        if len(getattr(row, column)) > limit:
            row.error(column, _("At most %(limit)s characters.") % {"limit": limit})
    if row.email:
        try:
            validate_email(row.email)
        except ValidationError:
            row.error("email", _("Give a valid e-mail address."))
    row.body = body
    if cells.get("body"):
        wanted = _key(cells["body"])
        row.body = next((b for b in bodies if wanted in (_key(b.name), _key(b.abbreviation or "\x00"))), None)
        if row.body is None:
            row.error("body", _("No body of this name."))
    if row.body is not None and row.body.pk != body.pk and not may_manage(row.body):
        row.error("body", _("You may not manage the members of this body."))
    row.role = roles.get(_key(cells.get("role", "")), "")
    if not row.role:
        row.error(
            "role",
            _("Unknown role. Give one of: %(roles)s.")
            % {"roles": ", ".join(str(label) for label in Membership.Role.labels)},
        )
    for column in ("start", "end"):
        text = cells.get(column, "")
        if text:
            day = parse_date(text)
            if day is None:
                row.error(column, _("Enter a date in the form 31.12.2025."))
            setattr(row, column, day)
    if row.start and row.end and row.end < row.start:
        row.error("end", _("The end date cannot be before the start date."))
    if row.role == Membership.Role.DEPUTY and not cells.get("deputy_of"):
        row.error("deputy_of", _("A personal deputy must name the member in the column “deputy of”."))
    row.deputy_of_name = cells.get("deputy_of", "") if row.role == Membership.Role.DEPUTY else ""
    return row
