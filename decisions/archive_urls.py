"""The public archive's URLs, under /archive/ (included by decisions/urls.py, namespace decisions)."""

from __future__ import annotations

from django.urls import path

from decisions.views import archive, attachments

urlpatterns = [
    path("", archive.archive_index, name="archive_index"),
    path("meetings/<int:pk>/", archive.archive_meeting, name="archive_meeting"),
    path("meetings/<int:pk>/minutes.pdf", archive.archive_meeting_pdf, name="archive_meeting_pdf"),
    path("items/<int:pk>/", archive.archive_item, name="archive_item"),
    path("items/<int:pk>/extract.pdf", archive.archive_item_pdf, name="archive_item_pdf"),
    path("attachments/<int:pk>/", attachments.archive_attachment_download, name="archive_attachment_download"),
    # Last: a body by its slug or id ("tulevaisuuslautakunta" or "3"; named pk like every object URL).
    path("<slug:pk>/", archive.archive_body, name="archive_body"),
]
