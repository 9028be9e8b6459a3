"""Issuing a minutes extract: who certifies it, where it goes, and which secret attachments' titles it
may print (the PDF is rendered and stored on issuing)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from decisions.models import AgendaItem, Attachment
from decisions.models.translations import TextLanguage


class SecretAttachmentChoice(forms.ModelMultipleChoiceField):
    """A secret attachment named for the issuer (who is entitled to its title), with its ground."""

    def label_from_instance(self, obj: Attachment) -> str:
        return _("Attachment %(number)s: %(title)s (%(ground)s)") % {
            "number": obj.number,
            "title": obj.title,
            "ground": obj.secrecy_ground,
        }


class ExtractIssueForm(forms.Form):
    """The certifier is prefilled from the signed-in user's person, when the account has one, and the
    place from the configured PDF_PLACE (the place every document prints): still editable, for the rare
    extract certified elsewhere, so nobody types the usual place by hand.

    For an item with secret attachments the issuer chooses, one box each and none ticked by default,
    whose titles the extract may print for its recipients; the others print only "confidential" with
    their ground. Without secret attachments the choice is not asked.
    """

    certifier_name = forms.CharField(label=_("Certifier's name"), max_length=200)
    certifier_title = forms.CharField(label=_("Certifier's official title"), max_length=200)
    place = forms.CharField(
        label=_("Place"),
        max_length=100,
        help_text=_("Where the extract is certified; prefilled with the place set for the documents."),
    )
    recipients = forms.CharField(
        label=_("Distribution"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    disclosed_attachments = SecretAttachmentChoice(
        label=_("Titles of secret attachments disclosed to the recipients"),
        queryset=Attachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tick an attachment only when the extract's recipients are entitled to its title. Unticked, the "
            "extract shows only “confidential” and the ground for secrecy."
        ),
    )

    language = forms.ChoiceField(
        label=_("Language of the extract"),
        choices=TextLanguage,
        widget=forms.RadioSelect,
        help_text=_("A bilingual body issues the extract in each of its languages, one at a time."),
    )

    def __init__(self, *args: Any, user=None, item: AgendaItem | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._language_choice(item)
        self.fields["place"].initial = settings.PDF_PLACE
        person = getattr(user, "person", None) if user is not None and user.is_authenticated else None
        if person is not None:
            self.fields["certifier_name"].initial = person.full_name
            self.fields["certifier_title"].initial = person.title
        secret = item.attachments.filter(is_public=False).order_by("number", "pk") if item is not None else None
        if secret is None or not secret.exists():
            del self.fields["disclosed_attachments"]
        else:
            self.fields["disclosed_attachments"].queryset = secret

    def _language_choice(self, item: AgendaItem | None) -> None:
        """A bilingual body's item: the languages not yet issued, the first chosen. Otherwise the
        extract is in the body's one language and the choice is not asked."""
        if item is None or not item.body.is_bilingual:
            del self.fields["language"]
            return
        issued = {extract.language for extract in item.extracts.all()}
        labels = dict(TextLanguage.choices)
        open_languages = [language for language in item.languages if language not in issued] or item.languages
        self.fields["language"].choices = [(language, labels[language]) for language in open_languages]
        self.fields["language"].initial = open_languages[0]
