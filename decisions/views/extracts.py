"""The minutes extract of one item: GET downloads the issued extract (its stored bytes, exactly), or
before issuing a preview (LUONNOS while the minutes are unchecked); POST issues it, once per language.

The language (decisions.documents): a bilingual body's item has a Finnish and a Swedish extract;
GET takes ``?language=fi|sv`` (else the reader's language when the body issues in it, else the
body's main one), the issue POST carries its `language`.

A secret attachment is printed as "confidential" with its ground; its title only where the issuer
chose, on the issue form, to disclose it to the extract's recipients (never in a preview).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from decisions.documents import document_language, extract_filename, rendered_in
from decisions.forms.extracts import ExtractIssueForm
from decisions.models import AgendaItem, Extract
from decisions.pdf_keys import item_key
from decisions.services import extracts
from hankehallinta.entry import view_entry
from hankehallinta.pdf import PdfError, pdf_download, render_pdf
from hankehallinta.services import ActionRefused

TEMPLATE = "decisions/agendaitem_extract_pdf.html"


def extract_context(
    item: AgendaItem, certification: dict[str, Any] | None = None, *, disclosed: Collection[int] = ()
) -> dict[str, Any]:
    """What the extract template prints; `certification` names the certifier when it is issued,
    `disclosed` the secret attachments whose titles the issuer chose to print."""
    return {
        "item": item,
        "breakdown": item.funding_breakdown(),
        "draft": item.is_draft,
        "pdf": True,
        "check": item.minutes_check(),
        "certification": certification,
        "disclosed_attachments": frozenset(disclosed),
        **item.meeting.officers(),
    }


def issued_in(item: AgendaItem, language: str) -> Extract | None:
    """The item's extract issued in `language` (its prefetched extracts), if any."""
    return next((extract for extract in item.extracts.all() if extract.language == language), None)


def _download(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    """The issued extract's stored bytes, else a preview (LUONNOS while the minutes are unchecked)."""
    language = document_language(request, item.body)
    issued = issued_in(item, language)
    shown = item.in_language(language)

    def preview() -> bytes:
        # The preview prints no secret attachment title: nothing in it depends on the reader. The
        # language is in the cache key: render_pdf adds the active one, here the document's.
        return render_pdf(TEMPLATE, extract_context(shown), key=item_key(item, parts=[item.is_draft]))

    if issued is not None:
        document, version = extracts.stored_extract_bytes(issued), "issued"
    else:
        document, version = rendered_in(language, preview), "draft" if item.is_draft else "preview"
    return pdf_download(
        request,
        item,
        render=document,
        filename=extract_filename(item, language),
        kind=extracts.KIND,
        items=[item.pk],
        draft=item.is_draft,
        version=version,
        language=language,
        **({"extract": issued.pk} if issued is not None else {}),
    )


def _issue(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    """Issue the extract; a repeat POST gets the one already issued (nothing new is stored)."""
    form = ExtractIssueForm(request.POST, user=request.user, item=item)
    if form.is_valid():
        data = dict(form.cleaned_data)
        disclosed = [attachment.pk for attachment in data.pop("disclosed_attachments", [])]
        language = data.pop("language", None) or item.body.main_language
        certification = {**data, "date": timezone.localdate()}

        def render_issued(shown: Collection[int]) -> bytes:
            context = extract_context(item.in_language(language), certification, disclosed=shown)
            return rendered_in(language, lambda: render_pdf(TEMPLATE, context))()

        try:
            issued = extracts.issue_extract(
                item, render_issued, by=request.user, disclosed_attachments=disclosed, language=language, **data
            )
        except (PdfError, ActionRefused) as error:
            form.add_error(None, str(error))
        else:
            if issued.created:
                messages.success(request, _("The extract was issued. Its print is stored unchanged."))
            else:
                messages.info(
                    request,
                    _(
                        "The extract had already been issued, so it was not issued again. Downloading it "
                        "returns the extract as it was issued."
                    ),
                )
            return redirect(item)
    return render(request, "decisions/agendaitem_extract_issue.html", {"item": item, "form": form})


def _extract_items():
    return AgendaItem.objects.with_page_data()


@view_entry(
    {"GET": "decisions.download_extract", "POST": "decisions.issue_extract"},
    AgendaItem,
    methods=("GET", "POST"),
    queryset=_extract_items,
)
def item_extract_pdf(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    """GET downloads the extract; POST issues it (the secretary, once the minutes are checked)."""
    if request.method == "POST":
        return _issue(request, item)
    return _download(request, item)
