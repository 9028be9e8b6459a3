"""Atom feeds of the public archive: published minutes and decisions, of every body or of one.

Under the archive's language prefix (/fi/archive/feeds/minutes.atom, /sv/arkiv/feeds/…), in the
reader's language: titles, links and a bilingual body's texts in the language of the prefix. An entry
is what the archive's pages show: a meeting's published minutes with the list of its §, a public
decision redacted by decisions.publication.public_copy, a confidential § only as its mention (number
and legal ground), linking to the minutes. Each feed reads a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from decisions.models import AgendaItem, Body, Meeting
from decisions.views.languages import with_named_body
from opendata.published import Mention, archive_body, published_items, published_meetings, shown, start_of_day

#: Entries in a feed: the latest ones.
FEED_LENGTH = 50


def _section(section: int | None) -> str:
    return f"§ {section} " if section else ""


def _published_at(meeting: Meeting) -> dt.datetime:
    """When the minutes went on the web (the day, at midnight), else the meeting's start."""
    return start_of_day(meeting.minutes_published_on) if meeting.minutes_published_on else meeting.start


class _ArchiveFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, pk: str | None = None) -> Body | None:
        self.request = request  # a new feed object serves each request (opendata.archive_views)
        return archive_body(pk) if pk is not None else None

    def link(self, body: Body | None) -> str:
        return reverse("archive:body", args=[body.slug or body.pk]) if body else reverse("archive:index")

    def author_name(self, body: Body | None) -> str:
        return body.organisation if body else _("Decision archive")


class MinutesFeed(_ArchiveFeed):
    """The latest published minutes: one entry a meeting, its § listed (confidential ones as mentions)."""

    def title(self, body: Body | None) -> str:
        if body:
            return _("%(body)s: published minutes") % {"body": body.name}
        return _("Published minutes")

    def subtitle(self, body: Body | None) -> str:
        return _("Checked minutes published on the web, newest first.")

    def items(self, body: Body | None) -> list[Meeting]:
        meetings: QuerySet[Meeting] = published_meetings()
        if body:
            meetings = meetings.of_body(body)
        latest = meetings.order_by("-minutes_published_on", "-start", "-pk")[:FEED_LENGTH]
        return [with_named_body(meeting) for meeting in latest]

    def item_title(self, meeting: Meeting) -> str:
        return _("%(body)s, minutes %(label)s") % {"body": meeting.body.name, "label": meeting.label}

    def item_link(self, meeting: Meeting) -> str:
        return reverse("archive:meeting", args=[meeting.pk])

    def item_description(self, meeting: Meeting) -> str:
        rows = []
        for item in meeting.published_items:
            public = shown(item)
            text = public.title
            if isinstance(public, Mention):
                text = f"{public.title} ({public.secrecy_ground})"
            rows.append((_section(public.section), text))
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}{}</li>", rows)) if rows else ""

    def item_pubdate(self, meeting: Meeting) -> dt.datetime:
        return _published_at(meeting)

    def item_updateddate(self, meeting: Meeting) -> dt.datetime:
        return _published_at(meeting)


class DecisionsFeed(_ArchiveFeed):
    """The latest decisions of published minutes: a public § redacted, a confidential § as its mention."""

    def title(self, body: Body | None) -> str:
        if body:
            return _("%(body)s: decisions") % {"body": body.name}
        return _("Decisions")

    def subtitle(self, body: Body | None) -> str:
        return _("Decisions of the published minutes, newest first.")

    def items(self, body: Body | None) -> list[AgendaItem | Mention]:
        items = published_items()
        if body:
            items = items.filter(body=body)
        latest = items.order_by("-meeting__minutes_published_on", "-checked_at", "-section", "-pk")[:FEED_LENGTH]
        return [shown(item) for item in latest]

    def item_title(self, item: AgendaItem | Mention) -> str:
        body = item.meeting.body.name_in(self._language())
        return f"{body} {_section(item.section)}{item.title}".strip()

    def item_link(self, item: AgendaItem | Mention) -> str:
        if isinstance(item, Mention):
            return reverse("archive:meeting", args=[item.meeting.pk])
        return reverse("archive:item", args=[item.pk])

    def item_guid(self, item: AgendaItem | Mention) -> str:
        """The mention's link is its minutes' page, shared by every mention of them: its own id."""
        link = self.request.build_absolute_uri(self.item_link(item))
        return f"{link}#section-{item.section}" if isinstance(item, Mention) else link

    def item_description(self, item: AgendaItem | Mention) -> str:
        if isinstance(item, Mention):
            return format_html("<p>{} ({})</p>", _("Confidential matter"), item.secrecy_ground)
        facts = [(_("Meeting"), f"{item.meeting.body.name_in(self._language())} {item.meeting.label}")]
        if item.register_number:
            facts.append((_("Register number"), item.register_number))
        if item.resolution:
            facts.append((_("Type of decision"), item.resolution_summary))
        last_day = item.last_day()
        if last_day:
            facts.append((str(item.appeal_period_heading), date_format(last_day, "SHORT_DATE_FORMAT")))
        decision = mark_safe(linebreaks(item.decision, autoescape=True))  # noqa: S308 (escaped by linebreaks)
        return format_html("<dl>{}</dl>{}", format_html_join("", "<dt>{}</dt><dd>{}</dd>", facts), decision)

    def item_pubdate(self, item: AgendaItem | Mention) -> dt.datetime:
        return _published_at(item.meeting)

    def item_updateddate(self, item: AgendaItem | Mention) -> dt.datetime:
        return _published_at(item.meeting)

    @staticmethod
    def _language() -> str:
        return get_language() or settings.LANGUAGE_CODE
