"""The Swedish fields of an agenda item's forms, for an item of a bilingual body.

A form lists every field it may edit in Meta.fields, the Swedish ones (`title_sv`, ...) and
`original_language` too; `BilingualFieldsMixin` drops them for an item of a one-language body, so
that form is exactly as before. For a bilingual body each text is a pair, Finnish beside Swedish
(two columns on a wide screen, one under the other on a narrow one), each input marked with its
language (`lang`), and `helper` holds that layout for `{% crispy form %}`.
"""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django.utils.translation import gettext_lazy as _

from decisions.models.translations import TRANSLATED_FIELDS

#: The labels of a bilingual item's texts: (in Finnish, in Swedish).
LABELS = {
    "title": (_("Title (in Finnish)"), _("Title (in Swedish)")),
    "proposal": (_("Proposal for decision (in Finnish)"), _("Proposal for decision (in Swedish)")),
    "description": (_("Description (in Finnish)"), _("Description (in Swedish)")),
    "decision": (_("Decision (in Finnish)"), _("Decision (in Swedish)")),
}
SWEDISH_FIELDS = tuple(f"{name}_sv" for name in TRANSLATED_FIELDS)
LANGUAGE_FIELDS = (*SWEDISH_FIELDS, "original_language")


class BilingualFieldsMixin:
    """The Swedish texts beside the Finnish ones for an item of a bilingual body; none otherwise."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bilingual = self.instance.body.is_bilingual
        if not self.bilingual:
            for name in LANGUAGE_FIELDS:
                self.fields.pop(name, None)
            return
        if "original_language" in self.fields:
            self.fields["original_language"].required = False  # a post without it keeps the item's
        for name in TRANSLATED_FIELDS:
            if name not in self.fields:
                continue
            finnish, swedish = self.fields[name], self.fields[f"{name}_sv"]
            finnish.label, swedish.label = LABELS[name]
            swedish.widget = type(finnish.widget)(attrs={**finnish.widget.attrs})
            finnish.widget.attrs["lang"], swedish.widget.attrs["lang"] = "fi", "sv"
        self.helper = _paired_layout(self)


def _paired_layout(form: Any) -> FormHelper:
    """The form's fields in order, each Finnish text and its Swedish one side by side."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    parts: list[Any] = []
    for name in form.fields:
        if name in SWEDISH_FIELDS:
            continue
        if name in TRANSLATED_FIELDS:
            parts.append(
                Row(Column(name, css_class="col-12 col-lg-6"), Column(f"{name}_sv", css_class="col-12 col-lg-6"))
            )
        else:
            parts.append(name)
    helper.layout = Layout(*parts)
    return helper
