"""The minutes extract of one item: GET downloads the issued extract (its stored bytes, exactly), or
before issuing a preview (LUONNOS while the minutes are unchecked); POST issues it, once.

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

from decisions.forms.extracts import ExtractIssueForm
from decisions.models import AgendaItem
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


def _download(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    """The issued extract's stored bytes, else a preview (LUONNOS while the minutes are unchecked)."""
    issued = next(iter(item.extracts.all()), None)

    def preview() -> bytes:
        # The preview prints no secret attachment title: nothing in it depends on the reader.
        return render_pdf(TEMPLATE, extract_context(item), key=item_key(item, parts=[item.is_draft]))

    if issued is not None:
        document, version = extracts.stored_extract_bytes(issued), "issued"
    else:
        document, version = preview, "draft" if item.is_draft else "preview"
    return pdf_download(
        request,
        item,
        render=document,
        filename=item.extract_filename,
        kind=extracts.KIND,
        items=[item.pk],
        draft=item.is_draft,
        version=version,
        **({"extract": issued.pk} if issued is not None else {}),
    )


def _issue(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    """Issue the extract; a repeat POST gets the one already issued (nothing new is stored)."""
    form = ExtractIssueForm(request.POST, user=request.user, item=item)
    if form.is_valid():
        data = dict(form.cleaned_data)
        disclosed = [attachment.pk for attachment in data.pop("disclosed_attachments", [])]
        certification = {**data, "date": timezone.localdate()}

        def render_issued(shown: Collection[int]) -> bytes:
            return render_pdf(TEMPLATE, extract_context(item, certification, disclosed=shown))

        try:
            issued = extracts.issue_extract(
                item, render_issued, by=request.user, disclosed_attachments=disclosed, **data
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
