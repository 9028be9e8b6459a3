"""The {% breadcrumbs %} tag: label-target pairs, then the current page, escaped and marked for screen readers."""

from __future__ import annotations

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

from testing.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def render(source: str, **context: object) -> str:
    with translation.override("fi"):
        return Template("{% load navigation %}" + source).render(Context(context))


def test_breadcrumbs_link_objects_url_names_and_paths_and_mark_the_current_page(body):
    meeting = MeetingFactory(body=body, number=12, year=2023)
    html = render(
        '{% breadcrumbs _("Meetings") "decisions:meeting_list" meeting.full_label meeting "Polku" "/x/" _("Edit") %}',
        meeting=meeting,
    )
    assert '<nav aria-label="Murupolku">' in html
    assert '<a href="/meetings/">Kokoukset</a>' in html
    assert f'<a href="{meeting.get_absolute_url()}">Tulevaisuuslautakunta 12/2023</a>' in html
    assert '<a href="/x/">Polku</a>' in html
    assert '<li class="breadcrumb-item active" aria-current="page">Muokkaa</li>' in html
    assert html.count("breadcrumb-item") == 4


def test_breadcrumb_labels_from_data_are_escaped():
    html = render('{% breadcrumbs title "/x/" here %}', title="A & <b>", here="<i>")
    assert "A &amp; &lt;b&gt;" in html
    assert 'aria-current="page">&lt;i&gt;</li>' in html


def test_breadcrumbs_without_the_current_page_are_refused():
    with pytest.raises(TemplateSyntaxError):
        render('{% breadcrumbs "A" "/x/" %}')


def test_the_meeting_label_and_its_full_name(body):
    meeting = MeetingFactory(body=body, number=12, year=2023)
    assert meeting.label == "12/2023"
    assert meeting.full_label == str(meeting) == "Tulevaisuuslautakunta 12/2023"
