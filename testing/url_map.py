"""The URL map of the project: every URL pattern, the objects its URL is built from, and how it answers
each role of conftest's cast (security.md rows 1-3).

tests/test_url_permissions.py requests every row as every role; tests/test_pages_in_every_language.py
renders every page a role may open in every language. Adding a URL: add its name to MATRIX, with the
objects its URL is built from (`build_objects`) and the answers for each method the view accepts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from decisions.models import AgendaItem, Attachment, Attendance, DecisionCondition, Meeting
from followup.models import ReportAttachment
from followup.services.claims import draft_claim, send_claim
from opendata.api.objects import location_key
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
    "archive:index": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "archive:body": {  # the seed's body, by id (its slug works too)
        "body":                   {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "archive:meeting": {
        "seed_meeting":           {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "meeting":                {GET:  (404,      404,      404,      404,      404,      404,      404)},
    },
    "archive:meeting_pdf": {
        "seed_meeting":           {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "meeting":                {GET:  (404,      404,      404,      404,      404,      404,      404)},
    },
    "archive:item": {
        "seed":                   {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "confidential":           {GET:  (404,      404,      404,      404,      404,      404,      404)},
        "draft":                  {GET:  (404,      404,      404,      404,      404,      404,      404)},
    },
    "archive:item_pdf": {
        "seed":                   {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "confidential":           {GET:  (404,      404,      404,      404,      404,      404,      404)},
    },
    "archive:attachment_download": {  # only a public attachment of a public § of published minutes
        "seed_attachment":        {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "seed_secret_attachment": {GET:  (404,      404,      404,      404,      404,      404,      404)},
        "confidential_attachment": {GET: (404,      404,      404,      404,      404,      404,      404)},
        "draft_attachment":       {GET:  (404,      404,      404,      404,      404,      404,      404)},
    },
    # The archive's feeds, calendars and open data (opendata/archive_urls.py): anyone, read-only -----------------------
    "archive_data:minutes_feed": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "archive_data:decisions_feed": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "archive_data:body_minutes_feed": {  # a body with published minutes, by id (its slug works too)
        "body":                   {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "archive_data:body_decisions_feed": {
        "body":                   {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "archive_data:body_calendar": {  # any body: its meetings whose agenda is published
        "body":                   {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "archive_data:index": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "archive_data:file": {  # a bulk file by name: none exported here (opendata/tests/test_bulk.py hands them out)
        "open_data_file":         {GET:  (404,      404,      404,      404,      404,      404,      404),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    # The open-data API (opendata/urls.py): anyone, read-only JSON of the public archive only ----------------------
    "oparl-system": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "oparl-schema": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "oparl-docs": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "oparl-body-list": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "oparl-body": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "oparl-organization-list": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "oparl-person-list": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "oparl-membership-list": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "oparl-meeting-list": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "oparl-agendaitem-list": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "oparl-file-list": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "oparl-location-list": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "oparl-organization": {
        "body":                   {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "oparl-person": {  # a member of a body; an official who is none is not a Person here
        "member":                 {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "official":               {GET:  (404,      404,      404,      404,      404,      404,      404),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "oparl-membership": {
        "membership":             {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "oparl-meeting": {  # published minutes only
        "seed_meeting":           {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "meeting":                {GET:  (404,      404,      404,      404,      404,      404,      404),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "held_meeting":           {GET:  (404,      404,      404,      404,      404,      404,      404),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "oparl-agendaitem": {
        "seed":                   {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "draft":                  {GET:  (404,      404,      404,      404,      404,      404,      404),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "held":                   {GET:  (404,      404,      404,      404,      404,      404,      404),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "confidential":           {GET:  (404,      404,      404,      404,      404,      404,      404),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "oparl-file": {  # by its key (opendata/api/files.py)
        "seed_extract_file":      {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "seed_minutes_file":      {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "seed_attachment_file":   {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "secret_attachment_file": {GET:  (404,      404,      404,      404,      404,      404,      404),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "draft_extract_file":     {GET:  (404,      404,      404,      404,      404,      404,      404),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "oparl-location": {  # by the slug of a published meeting's place
        "seed_location":          {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
        "unknown_location":       {GET:  (404,      404,      404,      404,      404,      404,      404),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    "decisions:archive_unprefixed": {  # /archive/ of before the languages: to /fi/archive/ (the reader's language)
        None:                     {GET:  (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
                                   POST: (405,      405,      405,      405,      405,      405,      405)},
    },
    # The language switch (hankehallinta/languages.py): anyone; back to the page it was on ----------------------------
    "set_language": {
        None:                     {GET:  (405,      405,      405,      405,      405,      405,      405),
                                   POST: (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)},
    },
    # The accessibility statement and its feedback form (hankehallinta/accessibility.py): anyone, no sign-in ----------
    "accessibility_statement": {
        None:                     {GET:  (200,      200,      200,      200,      200,      200,      200),
                                   POST: (CREATED,  CREATED,  CREATED,  CREATED,  CREATED,  CREATED,  CREATED)},
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


#: The planned meeting's start: next year, so that its presenter may still edit the proposal.
UPCOMING = dt.datetime(dt.datetime.now(tz=HELSINKI).year + 1, 3, 4, 14, tzinfo=HELSINKI)


def _held_meeting(body) -> Meeting:
    """A held meeting with two unchecked § and a member present (an examiner to choose)."""
    held = MeetingFactory(body=body, year=2025, number=3, state=Meeting.State.HELD)
    for order in (1, 2):
        AgendaItemFactory(meeting=held, section=None, order=order)
    Attendance.objects.create(meeting=held, person=PersonFactory(), capacity=Attendance.Capacity.MEMBER)
    return held


def build_objects(body, other_body, presenter_person) -> dict[str, Any]:
    """The objects the rows of MATRIX name: the seed decision (checked), drafts, confidential items, meetings.

    `body` is the secretary's, `other_body` the other secretary's; presenter_person is the presenter's."""
    seed = seed_item(body, presenter_person)
    DecisionCondition.objects.create(item=seed, project=seed.project, text="Omarahoitusosuus talousarvioon 2024.")
    meeting = MeetingFactory(body=body, year=UPCOMING.year, number=1, state=Meeting.State.PLANNED, start=UPCOMING)
    other_meeting = MeetingFactory(body=other_body, year=2025, number=1, state=Meeting.State.PLANNED)
    secret = {"is_public": False, "secrecy_ground": "JulkL 24.1 § 25 k", "section": None}
    draft = AgendaItemFactory(meeting=meeting, section=None, presenter=presenter_person)
    confidential = AgendaItemFactory(meeting=meeting, presenter=PersonFactory(), **secret)
    membership = MembershipFactory(body=body, start_date=dt.date(2023, 1, 1))
    seed_attachment = _attachment(seed, 1)
    seed_secret_attachment = _attachment(seed, 2, is_public=False, secrecy_ground="JulkL 24.1 § 32 k")
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
        "membership": membership,
        "held_meeting": _held_meeting(body),
        "seed_attachment": seed_attachment,
        "seed_secret_attachment": seed_secret_attachment,
        "confidential_attachment": _attachment(confidential, 1),
        "draft_attachment": _attachment(draft, 1),
        **_report_objects(seed.project),
        **_claim_objects(),
        "costs_project": _costs_project(),
        "open_data_file": UrlKey("decisions.csv"),
        # The API's Person, File and Location keys of the seed decision, and keys of nothing public.
        "member": membership.person,
        "seed_extract_file": UrlKey(f"extract-{seed.pk}-fi"),
        "seed_minutes_file": UrlKey(f"minutes-{seed.meeting_id}-fi"),
        "seed_attachment_file": UrlKey(f"attachment-{seed_attachment.pk}"),
        "secret_attachment_file": UrlKey(f"attachment-{seed_secret_attachment.pk}"),
        "draft_extract_file": UrlKey(f"extract-{draft.pk}-fi"),
        "seed_location": UrlKey(location_key(seed.meeting.place)),
        "unknown_location": UrlKey("no-such-place"),
        "official": confidential.presenter,
    }


class UrlKey:
    """A URL's `pk` that names no row (an open-data file, an API file or place): nothing to refresh."""

    def __init__(self, key: str) -> None:
        self.pk = key

    def refresh_from_db(self) -> None:
        """A key does not change."""


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


def openable_pages() -> list[tuple[str, str | None, str]]:
    """(URL name, object key, role) of every page some role may open with a GET: the first such role."""
    found = []
    for name, rows in MATRIX.items():
        for key, answers in rows.items():
            role = next((role for role, answer in zip(ROLES, answers[GET], strict=True) if answer == 200), None)
            if role is not None:
                found.append((name, key, role))
    return found
