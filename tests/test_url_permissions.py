"""Every URL pattern answers every role as the table below says (security.md rows 1-3, issue 3 item 1).

The table has a row for every URL pattern the project serves. `test_every_url_pattern_has_a_row`
walks the resolver (included URL confs too) and fails when a pattern has none, the way Zulip's suite
fails with "Some URLs are untested!"; `test_every_row_names_a_url_pattern` fails when a pattern
goes away and leaves its row behind. Each row is requested as each role of conftest's cast; a POST
that is refused (403, 405, sign-in) must leave the database unchanged, and no GET may change it.

The admin site is one group: every pattern under admin/ answers by ADMIN_RULE (anonymous and
non-staff users are sent to the admin sign-in, the superuser gets the page), except the few named in
ADMIN_EXCEPTIONS. Its index, sign-in, sign-out and every registered model's list are requested.

Adding a URL: add its name to MATRIX, with the objects its URL is built from (OBJECTS below) and the
answers for each method the view accepts. For a view that changes data, POST_DATA builds a valid
submission, so that the roles allowed to save are seen to save (SAVED) and the rest to be refused.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from decisions.forms.people import sign_import
from decisions.models import AgendaItem, Attachment, Attendance, Body, DecisionCondition, Meeting
from followup.forms.costs import sign_ledger
from followup.models import ReportAttachment
from followup.services.claims import draft_claim, send_claim
from testing.editor_data import application
from testing.editor_data import post_data as editor_post_data
from testing.factories import (
    HELSINKI,
    ActualCostFactory,
    AgendaItemFactory,
    AttachmentFactory,
    CostUserFactory,
    FundingCallFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    ProjectFactory,
    ReportFactory,
)
from testing.seed import seed_item

if TYPE_CHECKING:
    from django.db import models

pytestmark = pytest.mark.django_db

# The roles, in the order of the answers in every row: anonymous, then conftest's cast.
ROLES = ("anonymous", "secretary", "other_secretary", "director", "presenter", "staff_user", "admin_user")

LOGIN = "login"  # 302 to the sign-in page, /accounts/login/?next=<the URL>
ADMIN = "admin-login"  # 302 to the admin's sign-in page, /admin/login/?next=<the URL>
SAVED = "saved"  # 302 to the object's page, and the database changed
REDIRECT = "redirect"  # 302 elsewhere (not to a sign-in page)
CREATED = "created"  # 302 elsewhere (the new row's page, a list), and the database changed
GET, POST = "GET", "POST"

# fmt: off
MATRIX: dict[str, dict[str | None, dict[str, tuple]]] = {
    # URL name: {object (OBJECTS): {method: (anonymous, secretary, other_secretary, director, presenter, staff, admin)}}
    #                                     anonymous secretary other_sec director  presenter staff     admin
    "dashboard": {
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200)},
    },
    # Projects ------------------------------------------------------------------------------------------------------
    "projects:list": {
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "projects:detail": {
        "project":                {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "projects:funding_pdf": {
        "project":                {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "projects:edit": {
        "project":                {GET:  (LOGIN,    403,      403,      200,      403,      403,      200),
                                   POST: (LOGIN,    403,      403,      SAVED,    403,      403,      SAVED)},
    },
    "projects:create": {
        None:                     {GET:  (LOGIN,    403,      403,      200,      403,      403,      200),
                                   POST: (LOGIN,    403,      403,      SAVED,    403,      403,      SAVED)},
    },
    "projects:transition": {  # the seed project is in board review; POST_DATA picks a step its guards allow
        "project":                {GET:  (LOGIN,    403,      403,      200,      403,      403,      200),
                                   POST: (LOGIN,    403,      403,      SAVED,    403,      403,      SAVED)},
    },
    "projects:funding_decision": {  # in board review the decision is refused with a message, nothing changes
        "project":                {GET:  (LOGIN,    403,      403,      200,      403,      403,      200),
                                   POST: (LOGIN,    403,      403,      200,      403,      403,      200)},
    },
    "projects:version_create": {
        "project":                {GET:  (LOGIN,    403,      403,      200,      403,      403,      200),
                                   POST: (LOGIN,    403,      403,      SAVED,    403,      403,      SAVED)},
    },
    "projects:diff": {
        "project":                {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "projects:call_list": {  # everyone signed in reads the funding calls
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "projects:call_create": {  # the development director and the county administrator manage the calls
        None:                     {GET:  (LOGIN,    403,      403,      200,      403,      403,      200),
                                   POST: (LOGIN,    403,      403,      SAVED,    403,      403,      SAVED)},
    },
    "projects:call_edit": {
        "funding_call":           {GET:  (LOGIN,    403,      403,      200,      403,      403,      200),
                                   POST: (LOGIN,    403,      403,      SAVED,    403,      403,      SAVED)},
    },
    # Reports (followup): everyone signed in reads; the director and the project's manager write.
    "followup:report_list": {
        "project":                {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "followup:report_schedule": {  # the director's POST creates the schedule; the admin's finds it complete
        "funded_project":         {GET:  (LOGIN,    405,      405,      405,      405,      405,      405),
                                   POST: (LOGIN,    403,      403,      CREATED,  403,      403,      REDIRECT)},
    },
    "followup:report_create": {
        "project":                {GET:  (LOGIN,    403,      403,      200,      403,      403,      200),
                                   POST: (LOGIN,    403,      403,      CREATED,  403,      403,      CREATED)},
    },
    "followup:report_edit": {
        "report":                 {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    403,      403,      SAVED,    403,      403,      SAVED)},
    },
    "followup:report_submit": {  # the director submits; the admin's second submission is refused with a message
        "report":                 {GET:  (LOGIN,    405,      405,      405,      405,      405,      405),
                                   POST: (LOGIN,    403,      403,      SAVED,    403,      403,      REDIRECT)},
    },
    "followup:report_attachment_create": {
        "report":                 {GET:  (LOGIN,    405,      405,      405,      405,      405,      405),
                                   POST: (LOGIN,    403,      403,      SAVED,    403,      403,      SAVED)},
    },
    "followup:report_pdf": {
        "report":                 {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "followup:report_attachment": {
        "report_attachment":      {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    # Payment claims (followup): everyone signed in reads; the director drafts, sends and settles them.
    "followup:claim_list": {
        "claims_project":         {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "followup:claim_create": {  # each role's period is a day of its own, so the admin's claim is made too
        "claims_project":         {GET:  (LOGIN,    403,      403,      200,      403,      403,      200),
                                   POST: (LOGIN,    403,      403,      CREATED,  403,      403,      CREATED)},
    },
    "followup:claim_detail": {
        "drafted_claim":          {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "followup:claim_send": {  # the director sends; the admin's send of a sent claim is refused with a message
        "drafted_claim":          {GET:  (LOGIN,    403,      403,      200,      403,      403,      200),
                                   POST: (LOGIN,    403,      403,      SAVED,    403,      403,      200)},
    },
    "followup:claim_payment": {  # the director records it; the admin's second payment is refused with a message
        "sent_claim":             {GET:  (LOGIN,    403,      403,      200,      403,      403,      200),
                                   POST: (LOGIN,    403,      403,      SAVED,    403,      403,      200)},
    },
    "followup:claim_return": {  # the director marks it returned; the admin's second return is refused
        "sent_claim":             {GET:  (LOGIN,    403,      403,      200,      403,      403,      200),
                                   POST: (LOGIN,    403,      403,      SAVED,    403,      403,      200)},
    },
    "followup:claim_pdf": {
        "drafted_claim":          {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "decisions:project_conditions": {  # the seed's condition: the director and the deciding body's secretary set it
        "project":                {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    SAVED,    403,      SAVED,    403,      403,      SAVED)},
    },
    "budgets:portfolio": {
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200)},
    },
    # Actual against plan (followup): everyone signed in reads the PDF and the portfolio of actuals.
    "followup:actuals_pdf": {
        "project":                {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "followup:portfolio": {
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    # Actual costs (followup): everyone signed in reads; the director imports, maps and enters manual costs.
    "followup:project_costs": {  # a POST adds a manual cost
        "costs_project":          {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    403,      403,      CREATED,  403,      403,      CREATED)},
    },
    "followup:ledger_import": {  # the upload form; the POST confirms a previewed (signed) file, replacing the period
        "costs_project":          {GET:  (LOGIN,    403,      403,      200,      403,      403,      200),
                                   POST: (LOGIN,    403,      403,      CREATED,  403,      403,      CREATED)},
    },
    "followup:project_accounts": {
        "costs_project":          {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    403,      403,      CREATED,  403,      403,      CREATED)},
    },
    "followup:call_accounts": {
        "funding_call":           {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    403,      403,      CREATED,  403,      403,      CREATED)},
    },
    "followup:manual_cost_delete": {  # the project has two manual costs: the director and the admin delete one each
        "costs_project":          {GET:  (LOGIN,    405,      405,      405,      405,      405,      405),
                                   POST: (LOGIN,    403,      403,      CREATED,  403,      403,      CREATED)},
    },
    # Meetings ------------------------------------------------------------------------------------------------------
    "decisions:meeting_list": {
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "decisions:meeting_detail": {
        "meeting":                {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
        "other_meeting":          {GET:  (LOGIN,    200,      200,      200,      200,      200,      200)},
    },
    "decisions:meeting_edit": {
        "meeting":                {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
        "other_meeting":          {GET:  (LOGIN,    403,      200,      403,      403,      403,      200),
                                   POST: (LOGIN,    403,      SAVED,    403,      403,      403,      SAVED)},
        # the seed's meeting: its minutes are checked, so nobody edits it
        "seed_meeting":           {GET:  (LOGIN,    403,      403,      403,      403,      403,      403),
                                   POST: (LOGIN,    403,      403,      403,      403,      403,      403)},
    },
    # Agenda items --------------------------------------------------------------------------------------------------
    "decisions:item_detail": {
        "seed":                   {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
        "confidential":           {GET:  (LOGIN,    200,      403,      403,      403,      403,      200)},
        "presented_confidential": {GET:  (LOGIN,    200,      403,      403,      200,      403,      200)},
        "other_confidential":     {GET:  (LOGIN,    403,      200,      403,      403,      403,      200)},
    },
    "decisions:item_extract_pdf": {  # POST issues the extract (certifier, recipients): the body's secretary
        # One extract per item: the admin's POST after the secretary's gets the one issued (REDIRECT, nothing stored).
        "seed":                   {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      REDIRECT)},
        "confidential":           {GET:  (LOGIN,    200,      403,      403,      403,      403,      200)},
    },
    "decisions:item_edit": {
        # draft: before the meeting; the presenter presents it
        "draft":                  {GET:  (LOGIN,    200,      403,      403,      200,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      SAVED,    403,      SAVED)},
        # held: the meeting is held, so the presenter no longer edits the proposal
        "held":                   {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
        # seed: the checked decision; nobody edits it, corrections are separate records
        "seed":                   {GET:  (LOGIN,    403,      403,      403,      403,      403,      403),
                                   POST: (LOGIN,    403,      403,      403,      403,      403,      403)},
        "confidential":           {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
        "other_body":             {GET:  (LOGIN,    403,      200,      403,      403,      403,      200),
                                   POST: (LOGIN,    403,      SAVED,    403,      403,      403,      SAVED)},
    },
    # The decision at the meeting, the minutes check, publication, the legal clock (minutes helper) -----------------
    "decisions:item_decision": {
        "held":                   {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
        "seed":                   {GET:  (LOGIN,    403,      403,      403,      403,      403,      403),
                                   POST: (LOGIN,    403,      403,      403,      403,      403,      403)},
    },
    "decisions:item_correction": {
        "seed":                   {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
        "held":                   {GET:  (LOGIN,    403,      403,      403,      403,      403,      403)},
    },
    "decisions:item_notification": {
        "seed":                   {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
        "held":                   {GET:  (LOGIN,    403,      403,      403,      403,      403,      403)},
    },
    "decisions:item_finality": {  # the seed has no notification yet: refused with a message, nothing changes
        "seed":                   {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    200,      403,      403,      403,      403,      200)},
    },
    "decisions:meeting_check": {  # POST_DATA checks one unchecked § at a time ("checked at once in the meeting")
        "held_meeting":           {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
        "seed_meeting":           {GET:  (LOGIN,    403,      403,      403,      403,      403,      403)},
    },
    "decisions:meeting_publish": {  # only checked, unpublished minutes
        "seed_meeting":           {GET:  (LOGIN,    403,      403,      403,      403,      403,      403),
                                   POST: (LOGIN,    403,      403,      403,      403,      403,      403)},
        "held_meeting":           {GET:  (LOGIN,    403,      403,      403,      403,      403,      403)},
    },
    "decisions:meeting_minutes_pdf": {
        "seed_meeting":           {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    # Bodies, meeting creation, states, attendance and the agenda (the secretary's pages) ------------------------------
    "decisions:body_list": {
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "decisions:body_detail": {
        "body":                   {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "decisions:body_edit": {
        "body":                   {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
    },
    "decisions:body_create": {  # the county administrator (group, or a superuser) creates bodies
        None:                     {GET:  (LOGIN,    403,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    403,      403,      403,      403,      403,      SAVED)},
    },
    "decisions:body_numbering": {  # the body's secretary and the county administrator set the year's starts
        "body":                   {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
    },
    "decisions:membership_create": {
        "body":                   {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
    },
    "decisions:person_create": {  # saved, then back to the body (or on to /bodies/<id>/memberships/new/?person=<id>)
        "body":                   {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
    },
    "decisions:people_import": {  # the upload form; the POST confirms a previewed (signed) file
        "body":                   {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
    },
    "decisions:membership_end": {
        "membership":             {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
    },
    "decisions:meeting_create": {  # each secretary creates a meeting of their own body
        None:                     {GET:  (LOGIN,    200,      200,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    SAVED,    403,      403,      403,      SAVED)},
    },
    "decisions:body_meeting_create": {  # an empty form: shown again with its errors, nothing saved
        "body":                   {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    200,      403,      403,      403,      403,      200)},
    },
    "decisions:meeting_transition": {  # POST_DATA picks a step the guards allow
        "meeting":                {GET:  (LOGIN,    405,      405,      405,      405,      405,      405),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
        "seed_meeting":           {GET:  (LOGIN,    405,      405,      405,      405,      405,      405),
                                   POST: (LOGIN,    403,      403,      403,      403,      403,      403)},
    },
    "decisions:meeting_attendance": {
        "meeting":                {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
        "seed_meeting":           {GET:  (LOGIN,    403,      403,      403,      403,      403,      403)},
    },
    "decisions:item_create": {
        "meeting":                {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
        "other_meeting":          {GET:  (LOGIN,    403,      200,      403,      403,      403,      200)},
        "seed_meeting":           {GET:  (LOGIN,    403,      403,      403,      403,      403,      403)},
    },
    "decisions:meeting_agenda_pdf": {
        "meeting":                {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "decisions:item_move": {  # an unknown direction: back to the meeting with a message, nothing changes
        "draft":                  {GET:  (LOGIN,    405,      405,      405,      405,      405,      405),
                                   POST: (LOGIN,    REDIRECT, 403,      403,      403,      403,      REDIRECT)},
    },
    "decisions:item_carry_over": {  # the draft was not tabled: refused with a message, nothing changes
        "draft":                  {GET:  (LOGIN,    405,      405,      405,      405,      405,      405),
                                   POST: (LOGIN,    REDIRECT, 403,      403,      403,      403,      REDIRECT)},
    },
    "decisions:attachment_create": {
        "draft":                  {GET:  (LOGIN,    200,      403,      403,      403,      403,      200),
                                   POST: (LOGIN,    SAVED,    403,      403,      403,      403,      SAVED)},
        "seed":                   {GET:  (LOGIN,    403,      403,      403,      403,      403,      403)},
    },
    # Attachments: the item's viewers open public ones, a secret one only the body's secretary and the presenter ----
    "decisions:attachment_download": {
        "seed_attachment":        {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
        "seed_secret_attachment": {GET:  (LOGIN,    200,      403,      403,      200,      403,      200)},
        "confidential_attachment": {GET: (LOGIN,    200,      403,      403,      403,      403,      200)},
    },
    # Staff search and the public archive (no sign-in; only published minutes, never a confidential §) --------------
    "decisions:search": {
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    405,      405,      405,      405,      405,      405)},
    },
    "decisions:archive_index": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "decisions:archive_body": {  # the seed's body, by id (its slug works too)
        "body":                   {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "decisions:archive_meeting": {
        "seed_meeting":           {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "meeting":                {GET:  (404,      404,      404,      404,      404,      404,      404)},
    },
    "decisions:archive_meeting_pdf": {
        "seed_meeting":           {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "meeting":                {GET:  (404,      404,      404,      404,      404,      404,      404)},
    },
    "decisions:archive_item": {
        "seed":                   {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "confidential":           {GET:  (404,      404,      404,      404,      404,      404,      404)},
        "draft":                  {GET:  (404,      404,      404,      404,      404,      404,      404)},
    },
    "decisions:archive_item_pdf": {
        "seed":                   {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "confidential":           {GET:  (404,      404,      404,      404,      404,      404,      404)},
    },
    "decisions:archive_attachment_download": {  # only a public attachment of a public § of published minutes
        "seed_attachment":        {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "seed_secret_attachment": {GET:  (404,      404,      404,      404,      404,      404,      404)},
        "confidential_attachment": {GET: (404,      404,      404,      404,      404,      404,      404)},
        "draft_attachment":       {GET:  (404,      404,      404,      404,      404,      404,      404)},
    },
    # The load balancer's probes (hankehallinta/health.py): anyone, without a session ---------------------------------
    "healthz": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "readyz": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    # Sign-in and account pages (django.contrib.auth) ---------------------------------------------------------------
    "login": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (200,      200,      200,      200,      200,      200,      200)},
    },
    "logout": {
        None:                     {GET:  (405,      405,      405,      405,      405,      405,      405),
                                   POST: (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)},
    },
    "password_change": {
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    200,      200,      200,      200,      200,      200)},
    },
    "password_change_done": {
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200)},
    },
    # Two-factor sign-in (hankehallinta/accounts_urls.py); REQUIRE_2FA is off in tests ------------------------------
    "two_factor": {
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200)},
    },
    "two_factor_verify": {  # no device set up: nothing to verify, on to the page asked for
        None:                     {GET:  (LOGIN,    REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
                                   POST: (LOGIN,    REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)},
    },
    "two_factor_setup": {
        None:                     {GET:  (LOGIN,    200,      200,      200,      200,      200,      200),
                                   POST: (LOGIN,    200,      200,      200,      200,      200,      200)},
    },
    "two_factor_qr": {  # only while a setup is under way in the session
        None:                     {GET:  (LOGIN,    404,      404,      404,      404,      404,      404)},
    },
    "session_extend": {  # "Jatka istuntoa" on the idle-timeout warning
        None:                     {GET:  (LOGIN,    405,      405,      405,      405,      405,      405),
                                   POST: (LOGIN,    REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)},
    },
}

# The admin site: one rule for every pattern under ADMIN_PREFIX, and its exceptions.
#                                         anonymous secretary other_sec director  presenter staff     admin
ADMIN_PREFIX = "admin/"
ADMIN_RULE =                      {GET:  (ADMIN,    ADMIN,    ADMIN,    ADMIN,    ADMIN,    ADMIN,    200)}
ADMIN_EXCEPTIONS = {
    "admin:login":                {GET:  (200,      200,      200,      200,      200,      200,      REDIRECT)},
    # Signing out of the admin is a POST; a non-staff GET is sent to the admin index, which asks to sign in.
    "admin:logout":               {GET:  (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, 405)},
}
# fmt: on


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path) -> None:
    """Issued extracts are stored files: keep them out of the repository's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


#: The planned meeting's start: next year, so that its presenter may still edit the proposal.
UPCOMING = dt.datetime(dt.datetime.now(tz=HELSINKI).year + 1, 3, 4, 14, tzinfo=HELSINKI)


def _held_meeting(body) -> Meeting:
    """A held meeting with two unchecked § and a member present (an examiner to choose)."""
    held = MeetingFactory(body=body, year=2025, number=3, state=Meeting.State.HELD)
    for order in (1, 2):
        AgendaItemFactory(meeting=held, section=None, order=order)
    Attendance.objects.create(meeting=held, person=PersonFactory(), capacity=Attendance.Capacity.MEMBER)
    return held


@pytest.fixture
def objects(body, other_body, presenter_person) -> dict[str, Any]:
    """OBJECTS, the objects the rows name: the seed decision (checked), drafts, confidential items, meetings.

    `body` is the secretary's, `other_body` the other secretary's; presenter_person is the presenter's."""
    seed = seed_item(body, presenter_person)
    DecisionCondition.objects.create(item=seed, project=seed.project, text="Omarahoitusosuus talousarvioon 2024.")
    meeting = MeetingFactory(body=body, year=UPCOMING.year, number=1, state=Meeting.State.PLANNED, start=UPCOMING)
    other_meeting = MeetingFactory(body=other_body, year=2025, number=1, state=Meeting.State.PLANNED)
    secret = {"is_public": False, "secrecy_ground": "JulkL 24.1 § 25 k", "section": None}
    draft = AgendaItemFactory(meeting=meeting, section=None, presenter=presenter_person)
    confidential = AgendaItemFactory(meeting=meeting, presenter=PersonFactory(), **secret)
    return {
        "project": seed.project,
        "funding_call": FundingCallFactory(funder="STM", name="Kehittämishaku"),
        "seed": seed,
        "seed_meeting": seed.meeting,
        "meeting": meeting,
        "other_meeting": other_meeting,
        "draft": draft,
        "held": AgendaItemFactory(
            meeting=MeetingFactory(body=body, year=2025, number=2, state=Meeting.State.HELD),
            section=None,
            presenter=presenter_person,
        ),
        "confidential": confidential,
        "presented_confidential": AgendaItemFactory(meeting=meeting, presenter=presenter_person, **secret),
        "other_body": AgendaItemFactory(meeting=other_meeting, section=None),
        "other_confidential": AgendaItemFactory(meeting=other_meeting, **secret),
        "body": body,
        "membership": MembershipFactory(body=body, start_date=dt.date(2023, 1, 1)),
        "held_meeting": _held_meeting(body),
        "seed_attachment": _attachment(seed, 1),
        "seed_secret_attachment": _attachment(seed, 2, is_public=False, secrecy_ground="JulkL 24.1 § 32 k"),
        "confidential_attachment": _attachment(confidential, 1),
        "draft_attachment": _attachment(draft, 1),
        **_report_objects(seed.project),
        **_claim_objects(),
        "costs_project": _costs_project(),
    }


def _costs_project():
    """A project with two manual costs (one for each role that deletes one)."""
    project = ProjectFactory()
    ActualCostFactory(project=project, description="Talkootyö 1")
    ActualCostFactory(project=project, description="Talkootyö 2")
    return project


def _report_objects(project) -> dict[str, Any]:
    """A drafted report of the seed project with a stored attachment, and a project with the funder's decision."""
    report = ReportFactory(project=project)
    file = SimpleUploadedFile("raportin-liite.pdf", b"%PDF-1.4\n%%EOF\n")
    attachment = ReportAttachment.objects.create(report=report, title="Liite", file=file, uploaded_by=report.created_by)
    funded = ProjectFactory(state="in_progress", funding_decision_date=dt.date(2024, 1, 15))
    return {"report": report, "report_attachment": attachment, "funded_project": funded}


def _claim_objects() -> dict[str, Any]:
    """A project with the funder's decision, its claim for H1 2025 sent and for H2 2025 drafted."""
    project = ProjectFactory(
        state="in_progress",
        granted_amount="100000.00",
        granted_aid_rate="0.8000",
        funding_decision_date=dt.date(2024, 12, 1),
        funding_decision_reference="EURA-S30123",
    )
    user = CostUserFactory()
    sent = draft_claim(
        project, period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 6, 30), is_final=False, by=user
    )
    send_claim(sent, by=user)
    drafted = draft_claim(
        project, period_start=dt.date(2025, 7, 1), period_end=dt.date(2025, 12, 31), is_final=False, by=user
    )
    return {"claims_project": project, "sent_claim": sent, "drafted_claim": drafted}


def _attachment(item: AgendaItem, number: int, **extra) -> Attachment:
    """An attachment with a stored PDF file (in the test's MEDIA_ROOT)."""
    file = SimpleUploadedFile(f"liite-{number}.pdf", b"%PDF-1.4\n%%EOF\n")
    return AttachmentFactory(item=item, number=number, title=f"Liite {number}", file=file, **extra)


@pytest.fixture
def cast(secretary, other_secretary, director, presenter, staff_user, admin_user) -> dict[str, User | None]:
    return {
        "anonymous": None,
        "secretary": secretary,
        "other_secretary": other_secretary,
        "director": director,
        "presenter": presenter,
        "staff_user": staff_user,
        "admin_user": admin_user,
    }


# Valid submissions for the views that change data ------------------------------------------------------------


def _item_data(item: AgendaItem, role: str) -> dict:
    data = {
        "title": item.title,
        "proposal": f"{item.proposal} (muokannut {role})",
        "secrecy_ground": item.secrecy_ground,
        "appeal_route": item.appeal_route,
        "version": item.version,
    }
    return {**data, "is_public": "on"} if item.is_public else data


def _meeting_create_data(obj: None, role: str) -> dict:
    body = Body.objects.get(name="Aluehallitus" if role == "other_secretary" else "Tulevaisuuslautakunta")
    return {"body": body.pk, "number": str(50 + ROLES.index(role)), "start": "2.2.2026 10:00", "place": role}


def _meeting_transition_data(meeting: Meeting, role: str) -> dict:
    allowed = [to for to in meeting.allowed_transitions() if not meeting.transition_errors(to)]
    return {"to": allowed[0] if allowed else ""}


def _attendance_data(meeting: Meeting, role: str) -> dict:
    person = meeting.body.memberships.order_by("pk").first().person  # builders must not write: the table compares rows
    prefix = "attendance"
    return {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-person": str(person.pk),
        f"{prefix}-0-capacity": "expert",
        f"{prefix}-0-present": "on",
        f"{prefix}-0-note": role,
        "attendance_version": meeting.attendance_version(),
    }


def _numbering_data(body: Body, role: str) -> dict:
    start = body.numbering_starts.filter(year=2040).first()
    return {
        "year": "2040",
        "first_section": str(100 + ROLES.index(role)),
        "first_meeting_number": "1",
        "version": start.version if start else "",
    }


def _meeting_data(meeting: Meeting, role: str) -> dict:
    start = timezone.localtime(meeting.start)
    return {"start": f"{start:%d.%m.%Y %H:%M}", "place": f"Sali ({role})", "version": meeting.version}


def _project_data(project: models.Model, role: str) -> dict:
    return {
        **editor_post_data(project),  # the application editor's rows, unchanged
        "title": project.title,
        "start_date": f"{project.start_date:%d.%m.%Y}",
        "end_date": f"{project.end_date:%d.%m.%Y}",
        "summary": f"Tiivistelmä ({role})",
        "version": project.version,
    }


def _transition_data(project: models.Model, role: str) -> dict:
    allowed = [to for to in project.allowed_transitions() if not project.transition_errors(to, reason=role)]
    return {"to": allowed[0] if allowed else "", "reason": f"Siirto ({role})"}


def _funding_decision_data(project: models.Model, role: str) -> dict:
    return {
        "version": project.version,
        "granted_amount": "303 924,00",
        "granted_aid_rate": "80 %",
        "funding_decision_date": "31.12.2025",
        "funding_decision_reference": f"STM/{role}",
    }


def _condition_data(project: models.Model, role: str) -> dict:
    condition = project.conditions.first()
    prefix = f"condition-{condition.pk}"
    return {
        "condition": condition.pk,
        f"{prefix}-status": "met",
        f"{prefix}-evidence": f"Aluevaltuusto § 98 ({role})",
        f"{prefix}-version": condition.version,
    }


def _check_data(meeting: Meeting, role: str) -> dict:
    first_unchecked = meeting.items.filter(checked_at__isnull=True).order_by("order", "pk").first()
    examiner = meeting.attendances.first().person_id
    return {
        "checked_on": f"{meeting.date:%d.%m.%Y}",
        "method": "in_meeting",
        "examiners": [examiner],
        "items": [first_unchecked.pk] if first_unchecked else [],
    }


POST_DATA = {
    "decisions:item_decision": lambda item, role: {
        "action": "decision",
        "resolution": "passed",
        "amended": "on",
        "decision": f"Hyväksyttiin ({role})",
        "version": item.version,
    },
    "decisions:item_correction": lambda item, role: {
        "kind": "clerical",
        "reason": f"Kirjoitusvirhe ({role})",
        "decided_by": "Puheenjohtaja",
        "decided_on": "4.12.2023",
    },
    "decisions:item_notification": lambda item, role: {
        "method": "letter",
        "recipient": f"Hakija ({role})",
        "sent_on": "4.12.2023",
    },
    "decisions:item_finality": lambda item, role: {"no_request": "on"},
    "decisions:item_extract_pdf": lambda item, role: {
        "certifier_name": f"Todistaja ({role})",
        "certifier_title": "Hallintosihteeri",
        "place": "Joensuu",
    },
    "decisions:meeting_check": _check_data,
    "decisions:meeting_publish": lambda meeting, role: {"published_on": "5.12.2023"},
    "projects:transition": _transition_data,
    "projects:funding_decision": _funding_decision_data,
    "projects:version_create": lambda project, role: {"label": f"Versio ({role})"},
    "projects:call_create": lambda _none, role: {"funder": "STM", "name": f"Haku ({role})", "max_aid_rate": "75 %"},
    "projects:call_edit": lambda call, role: {
        "funder": call.funder,
        "name": call.name,
        "max_aid_rate": f"{50 + ROLES.index(role)},50 %",
        "version": call.version,
    },
    "decisions:project_conditions": _condition_data,
    "decisions:item_edit": _item_data,
    "decisions:meeting_edit": _meeting_data,
    "decisions:body_edit": lambda body, role: {
        "version": body.version,
        "name": body.name,  # the county administrator's form (BodyForm) also holds name, kind and organisation
        "kind": body.kind,
        "organisation": body.organisation,
        "appeal_court": f"Hallinto-oikeus ({role})",
        "registry_closing_time": "15.00",
        "presenter_edits_until": "meeting_start",
    },
    "decisions:membership_create": lambda body, role: {
        "person": body.memberships.order_by("pk").first().person_id,
        "role": "member",
        "start_date": "1.6.2025",
    },
    "decisions:person_create": lambda body, role: {"first_name": "Uusi", "last_name": f"Henkilö ({role})"},
    "decisions:people_import": lambda body, role: {
        "payload": sign_import(body, "jasenet.csv", f"nimi;rooli\nTuotu Tuonti{ROLES.index(role)};jäsen\n".encode())
    },
    "decisions:membership_end": lambda membership, role: {
        "end_date": f"{20 + ROLES.index(role)}.5.2025",
        "version": membership.version,
    },
    "decisions:meeting_create": _meeting_create_data,
    "decisions:body_create": lambda _none, role: {
        "name": f"Uusi toimielin ({role})",
        "kind": "committee",
        "organisation": "Pohjois-Karjalan hyvinvointialue",
        "registry_closing_time": "15.00",
        "presenter_edits_until": "meeting_start",
    },
    "decisions:body_numbering": _numbering_data,
    "decisions:meeting_transition": _meeting_transition_data,
    "decisions:meeting_attendance": _attendance_data,
    "decisions:item_create": lambda meeting, role: {
        "title": f"Asia ({role})",
        "is_public": "on",
        "appeal_route": "rectification",
    },
    "decisions:item_move": lambda item, role: {"direction": "sideways"},
    "decisions:attachment_create": lambda item, role: {
        "number": str(ROLES.index(role) + 1),
        "title": f"Liite ({role})",
        "is_public": "on",
    },
    "projects:edit": _project_data,
    "followup:report_create": lambda _project, role: {
        "kind": "annual",
        "period_start": "1.1.2024",
        "period_end": f"{ROLES.index(role) + 1}.12.2024",
        "due_date": "28.2.2025",
    },
    "followup:report_edit": lambda report, role: {
        "version": report.version,
        "period_start": f"{report.period_start:%d.%m.%Y}",
        "period_end": f"{report.period_end:%d.%m.%Y}",
        "due_date": f"{report.due_date:%d.%m.%Y}",
        **{f"narrative-{pk}": f"Kerronta ({role})" for pk in report.project.objectives.values_list("pk", flat=True)},
    },
    "followup:report_submit": lambda report, role: {"version": report.version},
    "followup:report_attachment_create": lambda report, role: {
        "title": f"Liite ({role})",
        "file": SimpleUploadedFile("liite.pdf", b"%PDF-1.4\n%%EOF\n"),
    },
    "projects:create": lambda _none, role: application(title=f"Uusi hanke ({role})"),
    "followup:claim_create": lambda _project, role: {
        "period_start": f"{ROLES.index(role) + 1}.1.2026",
        "period_end": f"{ROLES.index(role) + 1}.1.2026",
    },
    "followup:claim_send": lambda claim, role: {"version": claim.version},
    "followup:claim_payment": lambda claim, role: {
        "version": claim.version,
        "paid_amount": f"{claim.amount_claimed}".replace(".", ","),
        "paid_on": "15.9.2025",
    },
    "followup:claim_return": lambda claim, role: {"version": claim.version, "returned_reason": f"Palautettu ({role})"},
    "followup:project_costs": lambda _project, role: {
        "date": "1.2.2025",
        "category": "staff",
        "description": f"Talkootyö ({role})",
        "hours": "2",
        "hourly_rate": "30,00",
    },
    "followup:ledger_import": lambda project, role: {
        "payload": sign_ledger(
            project.pk,
            "paakirja.csv",
            f"pvm;tili;selite;summa\n15.1.2025;4000;Palkat ({role});1 234,56\n".encode(),
            dt.date(2025, 1, 1),
            dt.date(2025, 1, 31),
            "",
        )
    },
    "followup:project_accounts": lambda _project, role: {
        "mapping-TOTAL_FORMS": "1",
        "mapping-INITIAL_FORMS": "0",
        "mapping-0-account": f"40{ROLES.index(role)}",
        "mapping-0-category": "staff",
    },
    "followup:call_accounts": lambda _call, role: {
        "mapping-TOTAL_FORMS": "1",
        "mapping-INITIAL_FORMS": "0",
        "mapping-0-account": f"41{ROLES.index(role)}",
        "mapping-0-category": "services",
    },
    "followup:manual_cost_delete": lambda project, role: {
        "cost": project.actual_costs.filter(ledger_import__isnull=True).order_by("pk").first().pk,
    },
}


# The URL patterns ----------------------------------------------------------------------------------------------


def url_patterns(resolver: URLResolver | None = None, prefix: str = "", namespace: str = "") -> list[tuple[str, str]]:
    """Every URL pattern as (name with namespaces, route), included URL confs too."""
    found = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            found += url_patterns(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = ":".join(part for part in (namespace, pattern.name) if part) if pattern.name else ""
            found.append((name, prefix + str(pattern.pattern)))
    return found


def rule_for(name: str, route: str) -> str | None:
    """Which row answers for a pattern: its name in MATRIX, or the admin rule; None if none does."""
    if name in MATRIX:
        return name
    if route.startswith(ADMIN_PREFIX):
        return name if name in ADMIN_EXCEPTIONS else "ADMIN_RULE"
    return None


def test_every_url_pattern_has_a_row():
    missing = [f"{name or '(no name)'}  {route}" for name, route in url_patterns() if rule_for(name, route) is None]
    assert not missing, "URL patterns without a row in MATRIX (tests/test_url_permissions.py):\n" + "\n".join(missing)


def test_every_row_names_a_url_pattern():
    names = {name for name, _route in url_patterns()}
    stale = sorted((set(MATRIX) | set(ADMIN_EXCEPTIONS)) - names)
    assert not stale, f"rows for URL patterns that no longer exist: {stale}"


def test_every_row_answers_for_every_role_and_checks_get():
    for name, rows in {**MATRIX, **ADMIN_EXCEPTIONS, "ADMIN_RULE": ADMIN_RULE}.items():
        for answers in rows.values() if name in MATRIX else [rows]:
            assert GET in answers, f"{name}: no GET row"
            assert all(len(row) == len(ROLES) for row in answers.values()), f"{name}: not one answer per role"


# Requesting them ------------------------------------------------------------------------------------------------


def fingerprint() -> dict[str, list]:
    """Every row of the domain apps and of the user accounts (field history follows the rows)."""
    state: dict[str, list] = {}
    for label in ("projects", "budgets", "followup", "decisions"):
        for model in apps.get_app_config(label).get_models():
            if not model.__name__.startswith("Historical"):
                state[model._meta.label] = list(model._base_manager.order_by("pk").values())
    state["auth.User"] = list(User.objects.order_by("pk").values())
    return state


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def mismatch(response, answer: Any, url: str, obj: models.Model | None) -> str | None:
    """Why the response is not the expected answer; None when it is."""
    status, location = response.status_code, response.get("Location", "")
    expected_location = {
        LOGIN: f"{reverse('login')}?next=",
        ADMIN: f"{reverse('admin:login')}?next=",
        SAVED: obj.get_absolute_url() if obj is not None else "",
    }
    if answer in expected_location:
        if status == 302 and location.startswith(expected_location[answer]):
            return None
    elif answer in (REDIRECT, CREATED):
        if status == 302 and not location.startswith((reverse("login") + "?", reverse("admin:login") + "?")):
            return None
    elif status == answer:
        return None
    return f"expected {answer}, got {status} {location}".strip()


def check_row(cast: dict, objects: dict, name: str, key: str | None, answers: dict[str, tuple]) -> list[str]:
    """Request the URL as every role with every method of the row; return what differs from the table."""
    obj = objects.get(key) if key else None
    problems = []
    for method, row in answers.items():
        for role, answer in zip(ROLES, row, strict=True):
            client = client_for(cast[role])
            if obj is not None:
                obj.refresh_from_db()
            url = reverse(name, kwargs={"pk": obj.pk} if obj is not None else None)
            before = fingerprint()
            if method == GET:
                response = client.get(url)
            else:
                build = POST_DATA.get(name)
                response = client.post(url, build(obj, role) if build else {})
            problem = mismatch(response, answer, url, obj)
            changed = fingerprint() != before
            if problem is None and answer in (SAVED, CREATED) and not changed:
                problem = "saved, but nothing changed"
            if problem is None and answer not in (SAVED, CREATED) and changed:
                problem = f"answered {answer}, but the database changed"
            if problem:
                problems.append(f"{role:16} {method:4} {url}: {problem}")
    return problems


ROWS = [(name, key) for name, objects_ in MATRIX.items() for key in objects_]


@pytest.mark.parametrize(("name", "key"), ROWS, ids=[f"{name}[{key or '-'}]" for name, key in ROWS])
def test_url_answers_every_role_as_the_table_says(cast, objects, name, key):
    problems = check_row(cast, objects, name, key, MATRIX[name][key])
    assert not problems, "\n" + "\n".join(problems)


def admin_sample() -> list[str]:
    """The admin URLs requested: the index, sign-in and sign-out, and every registered model's list."""
    models_ = sorted(admin.site._registry, key=lambda model: model._meta.label)
    return ["admin:index", *ADMIN_EXCEPTIONS] + [
        f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist" for model in models_
    ]


@pytest.mark.parametrize("name", admin_sample())
def test_admin_url_answers_every_role_by_the_admin_rule(cast, name):
    problems = check_row(cast, {}, name, None, ADMIN_EXCEPTIONS.get(name, ADMIN_RULE))
    assert not problems, "\n" + "\n".join(problems)
