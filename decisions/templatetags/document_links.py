"""{% document_links obj kind as links %}: a bilingual body's document in each of its languages.

`kind`: "extract" (obj an item), "agenda" or "minutes" (obj a meeting) on the staff pages, whose
PDFs take ``?language=``; "public_minutes" (a meeting) or "public_item" (an item) in the public
archive, whose PDFs take the language of the URL prefix (/sv/arkiv/...). Each link is
``{"url", "label", "language"}``, e.g. "Pöytäkirjanote ruotsiksi (PDF)". For a one-language body
the answer is empty: the page keeps its one link.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

register = template.Library()

#: kind: (document name, URL name, public)
KINDS = {
    "extract": (gettext_lazy("Minutes extract"), "decisions:item_extract_pdf", False),
    "agenda": (gettext_lazy("Agenda"), "decisions:meeting_agenda_pdf", False),
    "minutes": (gettext_lazy("Minutes"), "decisions:meeting_minutes_pdf", False),
    "public_minutes": (gettext_lazy("Minutes"), "archive:meeting_pdf", True),
    "public_item": (gettext_lazy("Section"), "archive:item_pdf", True),
}
ISSUED_EXTRACT = gettext_lazy("Issued minutes extract")
IN_LANGUAGE = {
    "fi": pgettext_lazy("document language", "in Finnish"),
    "sv": pgettext_lazy("document language", "in Swedish"),
}


@register.simple_tag
def document_links(obj, kind: str) -> list[dict[str, str]]:
    body = obj.meeting.body if kind in ("extract", "public_item") else obj.body
    if not body.is_bilingual:
        return []
    name, url_name, public = KINDS[kind]
    issued = {extract.language for extract in obj.extracts.all()} if kind == "extract" else set()
    links = []
    for language in body.document_languages:
        if public:  # the archive's PDF is in the language of its URL prefix
            with translation.override(language):
                url = reverse(url_name, args=[obj.pk])
        else:
            url = f"{reverse(url_name, args=[obj.pk])}?language={language}"
        document = ISSUED_EXTRACT if language in issued else name
        label = _("%(document)s %(language)s (PDF)") % {"document": document, "language": IN_LANGUAGE[language]}
        links.append({"url": url, "label": label, "language": language})
    return links
