"""The decisions app's staff pages (namespace decisions). The public archive has its own URL conf,
decisions/archive_urls.py (namespace archive), under a language prefix in the root URL conf."""

from __future__ import annotations

from django.urls import path

from decisions.views import (
    agenda,
    archive,
    attachments,
    bodies,
    body_admin,
    conditions,
    decision,
    extracts,
    items,
    meetings,
    minutes,
    people,
    records,
    search,
)

app_name = "decisions"
urlpatterns = [
    # The conditions of the decisions about a project, at the project's address.
    path("projects/<int:pk>/conditions/", conditions.project_conditions, name="project_conditions"),
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    # The secretary's pages: bodies, meetings, attendance, agenda
    path("bodies/", bodies.body_list, name="body_list"),
    path("bodies/<int:pk>/", bodies.body_detail, name="body_detail"),
    path("bodies/<int:pk>/edit/", bodies.body_edit, name="body_edit"),
    path("bodies/new/", body_admin.body_create, name="body_create"),
    path("bodies/<int:pk>/numbering/", body_admin.body_numbering, name="body_numbering"),
    path("bodies/<int:pk>/memberships/new/", people.membership_create, name="membership_create"),
    path("bodies/<int:pk>/people/new/", people.person_create, name="person_create"),
    path("bodies/<int:pk>/people/import/", people.people_import, name="people_import"),
    path("memberships/<int:pk>/end/", people.membership_end, name="membership_end"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("bodies/<int:pk>/meetings/new/", meetings.body_meeting_create, name="body_meeting_create"),
    path("meetings/<int:pk>/state/", meetings.meeting_transition, name="meeting_transition"),
    path("meetings/<int:pk>/attendance/", meetings.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/items/new/", agenda.item_create, name="item_create"),
    path("meetings/<int:pk>/agenda.pdf", agenda.meeting_agenda_pdf, name="meeting_agenda_pdf"),
    path("items/<int:pk>/move/", agenda.item_move, name="item_move"),
    path("items/<int:pk>/carry-over/", agenda.item_carry_over, name="item_carry_over"),
    path("items/<int:pk>/attachments/new/", agenda.attachment_create, name="attachment_create"),
    path("attachments/<int:pk>/", attachments.attachment_download, name="attachment_download"),
    path("items/<int:pk>/", items.item_detail, name="item_detail"),
    path("items/<int:pk>/edit/", items.item_edit, name="item_edit"),
    path("items/<int:pk>/extract.pdf", extracts.item_extract_pdf, name="item_extract_pdf"),
    path("items/<int:pk>/decision/", decision.item_decision, name="item_decision"),
    path("items/<int:pk>/correction/", records.item_correction, name="item_correction"),
    path("items/<int:pk>/notification/", records.item_notification, name="item_notification"),
    path("items/<int:pk>/final/", records.item_finality, name="item_finality"),
    path("meetings/<int:pk>/check/", minutes.meeting_check, name="meeting_check"),
    path("meetings/<int:pk>/publish/", minutes.meeting_publish, name="meeting_publish"),
    path("meetings/<int:pk>/minutes.pdf", minutes.meeting_minutes_pdf, name="meeting_minutes_pdf"),
    path("search/", search.item_search, name="search"),
    # The archive's addresses from before the languages (/archive/...), kept for links and bookmarks:
    # they redirect to the same page under the reader's language prefix.
    path("archive/", archive.archive_unprefixed, name="archive_unprefixed"),
    path("archive/<path:rest>", archive.archive_unprefixed, name="archive_unprefixed"),
]
