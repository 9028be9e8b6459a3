"""The secretary's forms on the meeting day and after it: the decision and its handling, the check of
the minutes, publication, corrections, notifications, finality and issuing an extract.

Every form lists its fields explicitly. The people offered are those recorded in the meeting's
attendance (present), so the secretary picks names rather than types them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.fields import DATE_ERROR, SafeModelChoiceField, SafeModelMultipleChoiceField
from decisions.legal_clock import NotificationMethod
from decisions.models import (
    AgendaItem,
    Attendance,
    DecisionCorrection,
    Disqualification,
    Dissent,
    Meeting,
    MinutesCheck,
    Motion,
    Notification,
    Person,
    Vote,
    VoteBallot,
)
from hankehallinta.versioning import VersionedModelForm

VOTING_CAPACITIES = (
    Attendance.Capacity.CHAIR,
    Attendance.Capacity.VICE_CHAIR,
    Attendance.Capacity.MEMBER,
    Attendance.Capacity.DEPUTY,
)


def attendees(meeting: Meeting, *, voting: bool = False):
    """The people present at the meeting (only those with a vote when `voting`)."""
    attendance = Attendance.objects.filter(meeting=meeting, present=True)
    if voting:
        attendance = attendance.filter(capacity__in=VOTING_CAPACITIES)
    return Person.objects.filter(pk__in=attendance.values("person_id")).order_by("last_name", "first_name", "pk")


class DecisionForm(VersionedModelForm):
    """The resolution and the decision text; the text starts as the proposal and is edited from there."""

    class Meta:
        model = AgendaItem
        fields = ["resolution", "decision"]
        widgets = {"decision": forms.Textarea(attrs={"rows": 8})}
        labels = {"resolution": _("Päätöksen laatu"), "decision": _("Päätös")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resolution"].required = True
        self.fields["resolution"].error_messages["required"] = _("Valitse, miten asia päätettiin.")
        if not self.instance.decision and not self.is_bound:
            self.initial["decision"] = self.instance.proposal

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        needs_text = data.get("resolution") not in (None, "", AgendaItem.Resolution.REMOVED)
        if needs_text and not data.get("decision", "").strip():
            self.add_error("decision", _("Kirjoita päätöksen teksti."))
        return data


class _HandlingForm(forms.ModelForm):
    """A handling record of one item; the people offered are the meeting's attendees."""

    person_fields: tuple[str, ...] = ()
    voting_only = False

    def __init__(self, *args: Any, item: AgendaItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.item = item
        people = attendees(item.meeting, voting=self.voting_only)
        for name in self.person_fields:
            field = self.fields[name]
            self.fields[name] = SafeModelChoiceField(
                queryset=people, required=field.required, label=field.label, help_text=field.help_text
            )


class MotionForm(_HandlingForm):
    person_fields = ("proposer", "seconder")

    class Meta:
        model = Motion
        fields = ["proposer", "text", "seconder", "outcome"]
        labels = {
            "proposer": _("Ehdottaja"),
            "text": _("Ehdotus"),
            "seconder": _("Kannattaja"),
            "outcome": _("Ehdotuksen käsittely"),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        proposer, seconder = data.get("proposer"), data.get("seconder")
        if proposer and seconder and proposer == seconder:
            self.add_error("seconder", _("Ehdottaja ei voi kannattaa omaa ehdotustaan."))
        return data


class DisqualificationForm(_HandlingForm):
    person_fields = ("person",)

    class Meta:
        model = Disqualification
        fields = ["person", "ground", "left_room", "note"]
        labels = {
            "person": _("Esteellinen henkilö"),
            "ground": _("Esteellisyysperuste (hallintolaki 28 §)"),
            "left_room": _("Poistui kokoushuoneesta asian käsittelyn ajaksi"),
            "note": _("Lisätieto"),
        }

    def clean_person(self) -> Person:
        person = self.cleaned_data["person"]
        if Disqualification.objects.filter(item=self.instance.item, person=person).exists():
            raise forms.ValidationError(_("Henkilön esteellisyys on jo kirjattu tähän pykälään."))
        return person


class DissentForm(_HandlingForm):
    person_fields = ("person",)

    class Meta:
        model = Dissent
        fields = ["person", "reasons"]
        labels = {"person": _("Eriävän mielipiteen jättäjä"), "reasons": _("Perustelut")}
        widgets = {"reasons": forms.Textarea(attrs={"rows": 3})}


class VoteForm(_HandlingForm):
    """The vote and each voting member's position (JAA / EI / TYHJÄ / poissa), one field per member."""

    voting_only = True

    class Meta:
        model = Vote
        fields = ["question", "yes_option", "no_option", "result"]
        labels = {
            "question": _("Äänestysesitys"),
            "yes_option": _("JAA tarkoittaa"),
            "no_option": _("EI tarkoittaa"),
            "result": _("Äänestyksen tulos"),
        }
        widgets = {"question": forms.Textarea(attrs={"rows": 2}), "result": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, item: AgendaItem, **kwargs: Any) -> None:
        super().__init__(*args, item=item, **kwargs)
        self.voters = list(attendees(item.meeting, voting=True))
        for person in self.voters:
            self.fields[self.ballot_field(person)] = forms.ChoiceField(
                label=person.full_name,
                choices=VoteBallot.Position.choices,
                initial=VoteBallot.Position.YES,
                widget=forms.RadioSelect,
                error_messages={"required": _("Valitse jäsenen kanta."), "invalid_choice": _("Valitse jäsenen kanta.")},
            )

    @staticmethod
    def ballot_field(person: Person) -> str:
        return f"ballot_{person.pk}"

    def ballot_fields(self) -> list[forms.BoundField]:
        return [self[self.ballot_field(person)] for person in self.voters]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.voters:
            raise forms.ValidationError(_("Kirjaa ensin kokouksen läsnäolijat: äänestäjät valitaan heistä."))
        return data

    def save(self, commit: bool = True) -> Vote:
        vote = super().save(commit=True)
        VoteBallot.objects.bulk_create(
            VoteBallot(vote=vote, person=person, position=self.cleaned_data[self.ballot_field(person)])
            for person in self.voters
        )
        return vote


HANDLING_FORMS: dict[str, type[_HandlingForm]] = {
    "motion": MotionForm,
    "vote": VoteForm,
    "disqualification": DisqualificationForm,
    "dissent": DissentForm,
}
HANDLING_MODELS = {"motion": Motion, "vote": Vote, "disqualification": Disqualification, "dissent": Dissent}


class MinutesCheckForm(forms.Form):
    """The check of the minutes: date, examiners, method, and the § it covers (none chosen: all)."""

    checked_on = forms.DateField(label=_("Tarkastuspäivä"), error_messages={"invalid": DATE_ERROR})
    method = forms.ChoiceField(label=_("Tarkastustapa"), choices=MinutesCheck.Method.choices)
    examiners = SafeModelMultipleChoiceField(
        label=_("Pöytäkirjan tarkastajat"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    items = SafeModelMultipleChoiceField(
        label=_("Tarkastettavat pykälät"),
        queryset=AgendaItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Jätä tyhjäksi, kun koko pöytäkirja tarkastetaan. Valitse pykälät, jotka tarkastettiin heti kokouksessa."
        ),
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["checked_on"].initial = timezone.localdate()
        chosen = meeting.examiners.all()
        self.fields["examiners"].queryset = (
            attendees(meeting, voting=True) | Person.objects.filter(pk__in=chosen)
        ).distinct()
        self.fields["examiners"].initial = list(chosen.values_list("pk", flat=True))
        self.fields["items"].queryset = meeting.items.filter(checked_at__isnull=True).order_by("order", "pk")
        self.fields["items"].error_messages["invalid_choice"] = _("Valitse tarkastamattomia pykäliä.")
        self.fields["items"].error_messages["invalid_pk_value"] = _("Valitse tarkastamattomia pykäliä.")

    def clean_examiners(self):
        examiners = self.cleaned_data["examiners"]
        if not examiners:
            raise forms.ValidationError(_("Valitse pöytäkirjan tarkastajat."))
        return examiners

    def clean_checked_on(self):
        day = self.cleaned_data["checked_on"]
        if day < self.meeting.date:
            raise forms.ValidationError(_("Pöytäkirjaa ei voi tarkastaa ennen kokousta."))
        if day > timezone.localdate():
            raise forms.ValidationError(_("Tarkastuspäivä ei voi olla tulevaisuudessa."))
        return day


class PublishForm(forms.Form):
    published_on = forms.DateField(label=_("Julkaistu yleisessä tietoverkossa"), error_messages={"invalid": DATE_ERROR})

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["published_on"].initial = timezone.localdate()

    def clean_published_on(self):
        day = self.cleaned_data["published_on"]
        checks = [check.checked_on for check in self.meeting.checks.all()]
        if checks and day < max(checks):
            raise forms.ValidationError(_("Pöytäkirjaa ei voi julkaista ennen sen tarkastamista."))
        if day > timezone.localdate():
            raise forms.ValidationError(_("Julkaisupäivä ei voi olla tulevaisuudessa."))
        return day


class CorrectionForm(forms.ModelForm):
    """A later change to a checked decision, as a typed record (Hallintolaki 50 § / 51 § ...)."""

    class Meta:
        model = DecisionCorrection
        fields = ["kind", "reason", "corrected_text", "decided_by", "decided_on"]
        labels = {
            "kind": _("Korjauksen laji"),
            "reason": _("Peruste"),
            "corrected_text": _("Korjattu teksti"),
            "decided_by": _("Päättäjä"),
            "decided_on": _("Päätöspäivä"),
        }
        widgets = {"reason": forms.Textarea(attrs={"rows": 3}), "corrected_text": forms.Textarea(attrs={"rows": 6})}
        error_messages = {"decided_on": {"invalid": DATE_ERROR}}

    def __init__(self, *args: Any, item: AgendaItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.item = item

    def clean_decided_on(self):
        day = self.cleaned_data["decided_on"]
        if self.instance.item.checked_at and day < timezone.localtime(self.instance.item.checked_at).date():
            raise forms.ValidationError(_("Korjausta ei voi päättää ennen pöytäkirjan tarkastamista."))
        return day


class NotificationForm(forms.ModelForm):
    """A decision sent to a party by letter or e-mail; a recorded actual receipt overrides the presumption."""

    class Meta:
        model = Notification
        fields = ["method", "recipient", "sent_on", "received_on"]
        labels = {
            "method": _("Tiedoksiantotapa"),
            "recipient": _("Vastaanottaja"),
            "sent_on": _("Lähetetty"),
            "received_on": _("Todisteellisesti vastaanotettu"),
        }
        help_texts = {
            "received_on": _(
                "Jätä tyhjäksi, jos vastaanottopäivää ei tiedetä: kirje katsotaan saaduksi 7. päivänä "
                "ja sähköinen viesti 3. päivänä lähettämisestä."
            ),
            "recipient": _("Asianosainen, jolle päätös annettiin tiedoksi."),
        }
        error_messages = {"sent_on": {"invalid": DATE_ERROR}, "received_on": {"invalid": DATE_ERROR}}

    def __init__(self, *args: Any, item: AgendaItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.item = item
        self.fields["method"].choices = [
            (value, label) for value, label in NotificationMethod.choices if value != NotificationMethod.WEB_PUBLICATION
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        sent, received = data.get("sent_on"), data.get("received_on")
        if sent and received and received < sent:
            self.add_error("received_on", _("Vastaanottopäivä ei voi olla ennen lähettämistä."))
        checked_at = self.instance.item.checked_at
        if sent and checked_at and sent < timezone.localtime(checked_at).date():
            self.add_error("sent_on", _("Päätöstä ei voi antaa tiedoksi ennen pöytäkirjan tarkastamista."))
        if sent and sent > timezone.localdate():
            self.add_error("sent_on", _("Lähetyspäivä ei voi olla tulevaisuudessa."))
        return data


class FinalityForm(forms.Form):
    no_request = forms.BooleanField(
        label=_("Vahvistan, ettei päätöksestä saapunut oikaisuvaatimusta määräajassa."),
        error_messages={"required": _("Vahvista, ettei oikaisuvaatimusta saapunut.")},
    )
    note = forms.CharField(label=_("Lisätieto"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExtractIssueForm(forms.Form):
    """Who certifies the extract and where it goes; the PDF is rendered and stored on issuing."""

    certifier_name = forms.CharField(label=_("Oikeaksi todistajan nimi"), max_length=200)
    certifier_title = forms.CharField(label=_("Oikeaksi todistajan virkanimike"), max_length=200)
    place = forms.CharField(label=_("Paikka"), max_length=100)
    recipients = forms.CharField(
        label=_("Jakelu"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )

    def __init__(self, *args: Any, user=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = getattr(user, "person", None) if user is not None and user.is_authenticated else None
        if person is not None:
            self.fields["certifier_name"].initial = person.full_name
            self.fields["certifier_title"].initial = person.title
