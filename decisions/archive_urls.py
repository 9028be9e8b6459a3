"""The public archive's URLs (namespace archive), under /fi/archive/, /sv/arkiv/ and /en/archive/:
the root URL conf includes them in i18n_patterns, with the first segment translated."""

from __future__ import annotations

from django.urls import path

from decisions.views import archive, attachments

app_name = "archive"
urlpatterns = [
    path("", archive.archive_index, name="index"),
    path("meetings/<int:pk>/", archive.archive_meeting, name="meeting"),
    path("meetings/<int:pk>/minutes.pdf", archive.archive_meeting_pdf, name="meeting_pdf"),
    path("items/<int:pk>/", archive.archive_item, name="item"),
    path("items/<int:pk>/extract.pdf", archive.archive_item_pdf, name="item_pdf"),
    path("attachments/<int:pk>/", attachments.archive_attachment_download, name="attachment_download"),
    # Last: a body by its slug or id ("tulevaisuuslautakunta" or "3"; named pk like every object URL).
    path("<slug:pk>/", archive.archive_body, name="body"),
]
