"""The report's forms (followup.forms.reports) through their views, with hypothesis-made input: a new
report, the report itself (dates, narratives, indicator values typed in every way), an attachment and
the submission. Same oracle as test_forms.py: never a 500; the form again with Finnish errors, or a
redirect on this site to a page that shows the values escaped."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from testing.factories import IndicatorFactory, ObjectiveFactory, ProjectFactory, ReportFactory
from testing.fuzz.coverage import fuzzed_in
from testing.fuzz.harness import (
    DB_SETTINGS,
    assert_saved_or_refused_in_finnish,
    client_for,
    draw_and_post,
    rolled_back,
)

COVERED = {"ReportCreateForm", "ReportForm", "ReportAttachmentForm", "ReportSubmitForm"}
#: Indicator values as people type them: "120", "1 200,5", "75 %", "-3", "1.234,5", "paljon".
VALUE_TEXT = st.from_regex(r"[-−]?\d{1,5}([ .]\d{3})?([,.]\d{1,5})?( ?%)?|paljon|", fullmatch=True)


def test_this_module_fuzzes_what_the_register_says():
    """testing/fuzz/coverage.py registers with this module exactly the forms it fuzzes."""
    assert fuzzed_in(__file__) == COVERED


def _report():
    project = ProjectFactory()
    objective = ObjectiveFactory(project=project, order=1)
    IndicatorFactory(objective=objective, name="Asiakkaat", target="120")
    IndicatorFactory(objective=objective, name="Malli", target="Käytössä")
    return ReportFactory(project=project)


@pytest.mark.parametrize("target", ["create", "edit"])
@DB_SETTINGS
@given(data=st.data())
def test_report_forms_never_fail(request, target, director, data):
    with rolled_back():
        report = _report()
        client = client_for(director)
        if target == "create":
            url = reverse("followup:report_create", args=[report.project_id])
        else:
            url = reverse("followup:report_edit", args=[report.pk])
        values = {
            f"value-{pk}": VALUE_TEXT for pk in report.project.objectives.get().indicators.values_list("pk", flat=True)
        }
        _page, response = draw_and_post(request, data, client, url, strategies=values)
        assert_saved_or_refused_in_finnish(client, response)


@DB_SETTINGS
@given(title=st.text(max_size=400), content=st.binary(max_size=64), pdf=st.booleans(), version=st.integers(-5, 10**12))
def test_attachments_and_submissions_never_fail(director, title, content, pdf, version):
    with rolled_back():
        report = _report()
        client = client_for(director)
        upload = SimpleUploadedFile("liite.pdf", (b"%PDF-1.4\n" if pdf else b"") + content)
        attached = client.post(
            reverse("followup:report_attachment_create", args=[report.pk]), {"title": title, "file": upload}
        )
        submitted = client.post(reverse("followup:report_submit", args=[report.pk]), {"version": str(version)})
        assert attached.status_code in (200, 302)
        assert submitted.status_code in (302, 409)
        report.refresh_from_db()
        assert report.is_submitted == (version == 1)
        assert report.attachments.count() <= 1
        assert all(attachment.sha256 for attachment in report.attachments.all())
        assert Decimal(report.version) >= 1
