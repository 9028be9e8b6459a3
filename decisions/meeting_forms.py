"""The secretary's forms for bodies, people, meetings, attendance, new agenda items and attachments.

Fields are listed explicitly; labels and messages are Finnish. Nothing here sets a §, a checking
date or a version: those come from decisions.agenda and the model methods.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.forms import MAX_DATABASE_ID
from decisions.models import AgendaItem, Attachment, Attendance, Body, Meeting, Membership, Person
from projects.models import ApplicationVersion, Project

DATE_ERROR = _("Anna päivämäärä muodossa 31.12.2025.")
DATETIME_ERROR = _("Anna aika muodossa 31.12.2025 14:00.")
SECRECY_HELP = _("Pakollinen salassa pidettävälle, esim. JulkL 24.1 § 25 k.")
SECRECY_REQUIRED = _("Salassa pidettävälle on annettava salassapitoperuste (esim. JulkL 24.1 § 25 k).")
DEFAULT_APPEAL_PROVISION = "Hyvinvointialuelaki 141 §"


class SafeModelChoiceField(forms.ModelChoiceField):
    """Refuses ids that no database row can have before asking the database (SQLite overflows)."""

    def to_python(self, value: Any) -> Any:
        text = str(value).strip() if value is not None else ""
        if text and (not (text.isascii() and text.isdigit()) or int(text) > MAX_DATABASE_ID):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


def _person_label(person: Person) -> str:
    return f"{person.full_name}, {person.title}" if person.title else person.full_name


class PersonChoice(SafeModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return _person_label(obj)


# Bodies and people ------------------------------------------------------------------------------


class BodyRegistryForm(forms.ModelForm):
    """What the body's appeal instructions print: the authority, the court and the registry."""

    class Meta:
        model = Body
        fields = [
            "rectification_authority",
            "appeal_court",
            "registry_postal_address",
            "registry_email",
            "registry_visiting_address",
            "registry_closing_time",
        ]
        labels = {
            "rectification_authority": _("Oikaisuvaatimusviranomainen"),
            "appeal_court": _("Valitusviranomainen (hallinto-oikeus)"),
            "registry_postal_address": _("Kirjaamon postiosoite"),
            "registry_email": _("Kirjaamon sähköposti"),
            "registry_visiting_address": _("Kirjaamon käyntiosoite"),
            "registry_closing_time": _("Kirjaamon sulkemisaika"),
        }
        help_texts = {
            "rectification_authority": _("Tyhjä: toimielin itse."),
            "registry_closing_time": _("Esimerkiksi 15.00"),
        }
        widgets = {
            "registry_postal_address": forms.Textarea(attrs={"rows": 3}),
            "registry_visiting_address": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "registry_closing_time": {"invalid": _("Anna kellonaika muodossa 15.00.")},
            "registry_email": {"invalid": _("Anna kelvollinen sähköpostiosoite.")},
        }


class PersonForm(forms.ModelForm):
    """A person who appears in minutes; the sign-in account is linked in the back office."""

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "title", "email", "phone"]
        labels = {
            "first_name": _("Etunimi"),
            "last_name": _("Sukunimi"),
            "title": _("Tehtävänimike"),
            "email": _("Sähköposti"),
            "phone": _("Puhelin"),
        }
        error_messages = {"email": {"invalid": _("Anna kelvollinen sähköpostiosoite.")}}


class MembershipForm(forms.ModelForm):
    """A person's role in the body, with its dates; a personal deputy names the member."""

    class Meta:
        model = Membership
        fields = ["person", "role", "deputy_of", "start_date", "end_date"]
        field_classes = {"person": PersonChoice, "deputy_of": SafeModelChoiceField}
        labels = {
            "person": _("Henkilö"),
            "role": _("Rooli"),
            "deputy_of": _("Henkilökohtainen varajäsen jäsenelle"),
            "start_date": _("Alkaa"),
            "end_date": _("Päättyy"),
        }
        help_texts = {
            "person": _("Henkilöllä voi olla käyttäjätunnus tai ei."),
            "deputy_of": _("Vain henkilökohtaiselle varajäsenelle."),
            "start_date": _("Esimerkiksi 1.6.2025"),
        }
        error_messages = {name: {"invalid": DATE_ERROR} for name in ("start_date", "end_date")}

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.body = body
        self.fields["person"].queryset = Person.objects.order_by("last_name", "first_name")
        self.fields["deputy_of"].queryset = Membership.objects.filter(
            body=body, role__in=Membership.Role.voting()
        ).select_related("person", "body")
        self.fields["deputy_of"].label_from_instance = lambda m: f"{m.person.full_name} ({m.get_role_display()})"
        if not self.instance.pk:
            self.fields["start_date"].initial = timezone.localdate()


class MembershipEndForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["end_date"]
        labels = {"end_date": _("Päättymispäivä")}
        help_texts = {"end_date": _("Esimerkiksi 31.12.2025")}
        error_messages = {"end_date": {"invalid": DATE_ERROR}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["end_date"].required = True
        if not self.instance.end_date:
            self.initial["end_date"] = timezone.localdate()


# Meetings ---------------------------------------------------------------------------------------


class MeetingCreateForm(forms.ModelForm):
    """A new meeting: its number in the body's year is proposed (the next free one) and can be changed."""

    class Meta:
        model = Meeting
        fields = ["body", "number", "start", "end", "place"]
        field_classes = {"body": SafeModelChoiceField}
        labels = {
            "body": _("Toimielin"),
            "number": _("Kokouksen numero"),
            "start": _("Alkaa"),
            "end": _("Päättyy"),
            "place": _("Paikka"),
        }
        help_texts = {
            "number": _("Numerointi alkaa joka vuosi alusta; ehdotettu on seuraava vapaa numero."),
            "start": _("Esimerkiksi 28.11.2025 14:00"),
            "end": _("Esimerkiksi 28.11.2025 16:30"),
        }
        error_messages = {
            "start": {"invalid": DATETIME_ERROR, "required": _("Anna kokouksen alkamisaika.")},
            "end": {"invalid": DATETIME_ERROR},
            "number": {"invalid": _("Anna numero kokonaislukuna.")},
        }

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["number"].min_value = 1
        self.fields["number"].widget.attrs["min"] = 1
        self.fields["number"].max_value = 32767
        if bodies.count() == 1:
            body = bodies.first()
            self.fields["body"].initial = body.pk
            self.fields["body"].widget = forms.HiddenInput()
            self.fields["number"].initial = Meeting.next_number(body, timezone.localdate().year)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end, body, number = data.get("start"), data.get("end"), data.get("body"), data.get("number")
        if start and end and end < start:
            self.add_error("end", _("Kokous ei voi päättyä ennen kuin se alkaa."))
        if start and body and number:
            year = timezone.localtime(start).year
            if Meeting.objects.filter(body=body, year=year, number=number).exists():
                self.add_error(
                    "number",
                    _("Numero %(number)s on jo käytössä vuonna %(year)s. Seuraava vapaa on %(free)s.")
                    % {"number": number, "year": year, "free": Meeting.next_number(body, year)},
                )
        return data

    def validate_unique(self) -> None:
        """The year comes from the start; clean() checks the number within it."""

    def save(self, commit: bool = True) -> Meeting:
        self.instance.year = timezone.localtime(self.instance.start).year
        return super().save(commit=commit)


class AttendanceRowForm(forms.Form):
    """One person's attendance: capacity, present or not, and the item during which they came or left."""

    person = PersonChoice(queryset=Person.objects.none(), label=_("Henkilö"), required=True)
    capacity = forms.ChoiceField(choices=[("", "—"), *Attendance.Capacity.choices], label=_("Ominaisuus"))
    present = forms.BooleanField(required=False, label=_("Läsnä"))
    arrived_at_item = SafeModelChoiceField(
        queryset=AgendaItem.objects.none(), required=False, label=_("Saapui asian aikana")
    )
    left_at_item = SafeModelChoiceField(
        queryset=AgendaItem.objects.none(), required=False, label=_("Poistui asian aikana")
    )
    note = forms.CharField(max_length=300, required=False, label=_("Huomautus"))

    def __init__(self, *args: Any, meeting: Meeting, persons: Any, items: list[AgendaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons
        for name in ("arrived_at_item", "left_at_item"):
            field = self.fields[name]
            field.queryset = AgendaItem.objects.filter(meeting=meeting)
            field.label_from_instance = lambda item: str(item)
            field.choices = [("", "—"), *[(item.pk, str(item)) for item in items]]
        for name in ("person", "arrived_at_item", "left_at_item"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["note"].widget.attrs["class"] = "form-control form-control-sm"
        if self.initial.get("person") is not None:  # a prefilled row: the name is shown as the row's header
            self.fields["person"].widget = forms.HiddenInput()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        arrived, left = data.get("arrived_at_item"), data.get("left_at_item")
        if (arrived or left) and not data.get("present"):
            self.add_error("present", _("Saapuneen tai poistuneen henkilön on oltava merkitty läsnä olleeksi."))
        if arrived and left and (left.order, left.pk) < (arrived.order, arrived.pk):
            self.add_error("left_at_item", _("Henkilö ei voi poistua ennen kuin hän saapui."))
        return data


class BaseAttendanceFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[int] = set()
        for form in self.forms:
            person = form.cleaned_data.get("person")
            if person is None:
                continue
            if person.pk in seen:
                form.add_error("person", _("Henkilö on jo listalla."))
            seen.add(person.pk)


AttendanceFormSet = forms.formset_factory(
    AttendanceRowForm, formset=BaseAttendanceFormSet, extra=1, max_num=200, absolute_max=300, validate_max=True
)


# Agenda items and attachments -------------------------------------------------------------------


class ItemCreateForm(forms.ModelForm):
    """A new item on the agenda: its § is given by decisions.agenda, never typed."""

    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "register_number",
            "preparer",
            "preparer_contact",
            "presenter",
            "proposal",
            "description",
            "project",
            "application_version",
            "is_public",
            "secrecy_ground",
            "appeal_route",
            "appeal_provision",
            "no_appeal_ground",
            "distribution",
        ]
        field_classes = {
            "preparer": PersonChoice,
            "presenter": PersonChoice,
            "project": SafeModelChoiceField,
            "application_version": SafeModelChoiceField,
        }
        labels = {
            "title": _("Otsikko"),
            "register_number": _("Diaarinumero"),
            "preparer": _("Valmistelija"),
            "preparer_contact": _("Valmistelijan yhteystiedot"),
            "presenter": _("Esittelijä"),
            "proposal": _("Päätösehdotus"),
            "description": _("Selostus"),
            "project": _("Hanke"),
            "application_version": _("Päätettävä hakemusversio"),
            "is_public": _("Julkinen"),
            "secrecy_ground": _("Salassapitoperuste"),
            "appeal_route": _("Muutoksenhakutapa"),
            "appeal_provision": _("Sovellettava lainkohta"),
            "no_appeal_ground": _("Muutoksenhakukiellon peruste"),
            "distribution": _("Tiedoksi"),
        }
        help_texts = {
            "register_number": _("Esimerkiksi SIUN/1234/02.08.00/2025"),
            "preparer_contact": _("Tyhjä: valmistelijan puhelin ja sähköposti."),
            "application_version": _("Tyhjä: hankkeen viimeisin hakemusversio."),
            "secrecy_ground": SECRECY_HELP,
            "no_appeal_ground": _("Pakollinen, jos muutoksenhakua ei ole."),
        }
        widgets = {
            "proposal": forms.Textarea(attrs={"rows": 6}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "distribution": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.order_by("last_name", "first_name")
        self.fields["preparer"].queryset = people
        self.fields["presenter"].queryset = people
        self.fields["project"].queryset = Project.objects.order_by("title")
        self.fields["application_version"].queryset = ApplicationVersion.objects.select_related("project")
        self.fields["title"].error_messages["required"] = _("Anna asian otsikko.")
        if not self.is_bound:
            self.initial.setdefault("appeal_provision", DEFAULT_APPEAL_PROVISION)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "is_public" in data and not data["is_public"] and not data.get("secrecy_ground", "").strip():
            self.add_error("secrecy_ground", SECRECY_REQUIRED)
        if data.get("appeal_route") == AgendaItem.AppealRoute.NONE and not data.get("no_appeal_ground", "").strip():
            self.add_error("no_appeal_ground", _("Kerro peruste, jonka vuoksi päätökseen ei saa hakea muutosta."))
        project, version = data.get("project"), data.get("application_version")
        if version is not None and version.project_id != getattr(project, "pk", None):
            self.add_error("application_version", _("Valitse valitun hankkeen hakemusversio."))
        if project is not None and version is None:
            data["application_version"] = project.versions.order_by("-number").first()
        return data

    def save(self, commit: bool = True) -> AgendaItem:
        item = self.instance
        for role in ("preparer", "presenter"):
            person = getattr(item, role)
            if person is not None:
                setattr(item, f"{role}_name", person.full_name)
                setattr(item, f"{role}_title", person.title)
        if item.preparer is not None and not item.preparer_contact:
            item.preparer_contact = item.preparer.contact
        return super().save(commit=commit)


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["number", "title", "file", "is_public", "secrecy_ground"]
        labels = {
            "number": _("Liitteen numero"),
            "title": _("Liitteen otsikko"),
            "file": _("Tiedosto"),
            "is_public": _("Julkinen"),
            "secrecy_ground": _("Salassapitoperuste"),
        }
        help_texts = {"secrecy_ground": SECRECY_HELP}
        error_messages = {"number": {"invalid": _("Anna numero kokonaislukuna.")}}

    def __init__(self, *args: Any, item: AgendaItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.item = item
        self.fields["number"].min_value = 1
        self.fields["number"].max_value = 32767
        self.fields["title"].error_messages["required"] = _("Anna liitteen otsikko.")
        if not self.is_bound:
            highest = max((a.number for a in item.attachments.all()), default=0)
            self.initial["number"] = highest + 1
            self.initial["is_public"] = True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "is_public" in data and not data["is_public"] and not data.get("secrecy_ground", "").strip():
            self.add_error("secrecy_ground", SECRECY_REQUIRED)
        return data

    def validate_unique(self) -> None:
        super().validate_unique()
        number = self.cleaned_data.get("number")
        if number and Attachment.objects.filter(item=self.instance.item, number=number).exists():
            self.add_error("number", _("Asialla on jo liite numero %(number)s.") % {"number": number})
