"""The OpenAPI description of the OParl objects (drf-spectacular reads these serializers).

The answers are built as dicts (opendata/api/objects.py); these serializers only describe them, so
that the schema names every key, `fi:` keys included (a Python name cannot hold the colon, hence
the classes are made from dicts). Schemathesis checks the answers against them.
"""

from __future__ import annotations

from rest_framework import serializers

S = serializers


def _obj(name: str, fields: dict[str, serializers.Field]) -> type[serializers.Serializer]:
    return type(name, (serializers.Serializer,), dict(fields))


def _urls() -> serializers.ListField:
    return S.ListField(child=S.URLField())


def _when() -> serializers.DateTimeField:
    return S.DateTimeField(allow_null=True)


def _date() -> serializers.DateField:
    return S.DateField(allow_null=True)


COMMON = {"id": S.URLField(), "type": S.URLField(), "deleted": S.BooleanField()}

System = _obj(
    "System",
    {
        **COMMON,
        "oparlVersion": S.URLField(),
        "name": S.CharField(),
        "body": S.URLField(),
        "website": S.URLField(),
        "vendor": S.URLField(),
        "product": S.URLField(),
        "fi:vocabulary": S.URLField(),
        "fi:schema": S.URLField(),
    },
)
Body = _obj(
    "Body",
    {
        **COMMON,
        "system": S.URLField(),
        "name": S.CharField(),
        "shortName": S.CharField(allow_blank=True),
        "website": S.URLField(),
        "organization": S.URLField(),
        "person": S.URLField(),
        "membership": S.URLField(),
        "meeting": S.URLField(),
        "agendaItem": S.URLField(),
        "file": S.URLField(),
        "locationList": S.URLField(),
        "legislativeTerm": S.ListField(child=S.DictField()),
    },
)
Organization = _obj(
    "Organization",
    {
        **COMMON,
        "body": S.URLField(),
        "name": S.CharField(),
        "shortName": S.CharField(allow_blank=True),
        "organizationType": S.CharField(),
        "classification": S.CharField(),
        "startDate": _date(),
        "endDate": _date(),
        "meeting": S.URLField(),
        "membership": _urls(),
        "web": S.URLField(),
        "fi:nameSv": S.CharField(allow_blank=True),
        "fi:documentLanguages": S.ListField(child=S.CharField()),
    },
)
Person = _obj(
    "Person",
    {
        **COMMON,
        "name": S.CharField(),
        "familyName": S.CharField(),
        "givenName": S.CharField(),
        "title": S.ListField(child=S.CharField()),
        "membership": _urls(),
    },
)
Membership = _obj(
    "Membership",
    {
        **COMMON,
        "person": S.URLField(),
        "organization": S.URLField(),
        "role": S.CharField(),
        "votingRight": S.BooleanField(),
        "startDate": S.DateField(),
        "endDate": _date(),
        "fi:role": S.CharField(),
        "fi:deputyOf": S.URLField(allow_null=True),
    },
)
Meeting = _obj(
    "Meeting",
    {
        **COMMON,
        "name": S.CharField(),
        "meetingState": S.CharField(),
        "cancelled": S.BooleanField(),
        "start": S.DateTimeField(),
        "end": _when(),
        "location": S.URLField(allow_null=True),
        "organization": _urls(),
        "agendaItem": _urls(),
        "resultsProtocol": S.URLField(),
        "auxiliaryFile": _urls(),
        "web": S.URLField(),
        "fi:number": S.CharField(),
        "fi:minutesPublishedOn": _date(),
        "created": _when(),
        "modified": _when(),
    },
)
SecretAttachment = _obj("SecretAttachment", {"number": S.IntegerField(), "secrecyGround": S.CharField()})
Correction = _obj(
    "Correction",
    {
        "kind": S.CharField(),
        "name": S.CharField(),
        "reason": S.CharField(allow_blank=True),
        "correctedText": S.CharField(allow_blank=True),
        "decidedBy": S.CharField(allow_blank=True),
        "decidedOn": S.DateField(),
    },
)
Translation = _obj(
    "Translation",
    {
        "name": S.CharField(allow_blank=True),
        "resolutionText": S.CharField(allow_blank=True),
        "fi:proposal": S.CharField(allow_blank=True),
        "fi:decision": S.CharField(allow_blank=True),
    },
)
AgendaItem = _obj(
    "AgendaItem",
    {
        **COMMON,
        "meeting": S.URLField(),
        "number": S.CharField(allow_blank=True),
        "order": S.IntegerField(),
        "name": S.CharField(),
        "public": S.BooleanField(),
        "fi:section": S.IntegerField(allow_null=True),
        "created": _when(),
        "modified": _when(),
        # A public § only (a confidential one is its mention: name, number and the ground).
        "result": S.CharField(required=False, allow_blank=True),
        "resolutionText": S.CharField(required=False, allow_blank=True),
        "auxiliaryFile": S.ListField(child=S.URLField(), required=False),
        "web": S.URLField(required=False),
        "fi:secrecyGround": S.CharField(required=False),
        "fi:registerNumber": S.CharField(required=False, allow_blank=True),
        "fi:presenter": S.URLField(required=False, allow_null=True),
        "fi:resolution": S.CharField(required=False, allow_blank=True),
        "fi:proposal": S.CharField(required=False, allow_blank=True),
        "fi:decision": S.CharField(required=False, allow_blank=True),
        "fi:appealRoute": S.CharField(required=False),
        "fi:appealProvision": S.CharField(required=False, allow_blank=True),
        "fi:appealLastDay": S.DateField(required=False, allow_null=True),
        "fi:final": S.BooleanField(required=False),
        "fi:finalOn": S.DateField(required=False, allow_null=True),
        "fi:personalDataRemoved": S.BooleanField(required=False),
        "fi:corrections": Correction(many=True, required=False),
        "fi:language": S.CharField(required=False),
        "fi:translations": S.DictField(child=Translation(), required=False),
        "fi:secretAttachments": SecretAttachment(many=True, required=False),
    },
)
File = _obj(
    "File",
    {
        **COMMON,
        "name": S.CharField(),
        "fileName": S.CharField(),
        "mimeType": S.CharField(),
        "size": S.IntegerField(allow_null=True),
        "fi:sha256Checksum": S.CharField(allow_null=True),
        "fi:language": S.CharField(allow_null=True),
        "accessUrl": S.URLField(),
        "downloadUrl": S.URLField(),
        "meeting": _urls(),
        "agendaItem": _urls(),
        "created": _when(),
        "modified": _when(),
    },
)
Location = _obj("Location", {**COMMON, "description": S.CharField()})

Pagination = _obj(
    "Pagination",
    {
        "totalElements": S.IntegerField(),
        "elementsPerPage": S.IntegerField(),
        "currentPage": S.IntegerField(),
        "totalPages": S.IntegerField(),
    },
)
Links = _obj(
    "Links",
    {
        "first": S.URLField(),
        "prev": S.URLField(required=False),
        "next": S.URLField(required=False),
        "last": S.URLField(),
    },
)


def page_of(item: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The OParl list: `data`, `pagination`, `links`."""
    return _obj(f"{item.__name__}List", {"data": item(many=True), "pagination": Pagination(), "links": Links()})
