"""The read-only OParl-1.1-shaped JSON API of the public archive, at /api/oparl/v1.1/.

Why Django REST framework with drf-spectacular: DRF is the well-kept standard for JSON APIs in Django
(its serializers, content negotiation and the browsable API), and drf-spectacular derives an
OpenAPI 3 schema from the same serializers, so the schema (/api/oparl/v1.1/schema/) and the answers
cannot drift apart: Schemathesis checks the one against the other (opendata/tests/test_api_schema.py).
django-ninja would have done too; DRF was chosen as the older, more widely known of the two.

What is public is decided where the archive decides it: `AgendaItem.objects.published()/public()`,
`Meeting.objects.published()`, `Attachment.objects.in_public_archive()`, and every public text goes
through `decisions.publication.public_copy` (removed private persons' data replaced). A
confidential § is only its mention (§ and legal ground), as on the archive page.

The OParl objects: System -> Body (the county, one) -> Organization (each decision-making body) ->
Meeting -> AgendaItem; Person, Membership, File, Location. The Finnish legal facts none of OParl
carries are keys prefixed ``fi:`` (described on the documentation page, /api/oparl/v1.1/docs/).

Timestamps: the models keep no created/updated columns for meetings; `created` and `modified` are
derived (opendata/api/queries.py): an item is created when its minutes were checked and modified when
private persons' data was later removed from it or a correction was recorded (of a public § only); a
meeting is created with its first checked § and modified with its latest one. Objects without such a
history (bodies, people, memberships, places) carry no timestamps and their lists take no time filters.

DRF views and view_entry: every URL pattern here is a DRF view wrapped in
`hankehallinta.entry.view_entry` (public, GET/HEAD), so the one entry still checks methods and logs
refusals; the object is fetched by the DRF view itself, from the public querysets.
"""
