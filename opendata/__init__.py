"""Open decision data (issue 15): the public archive as data.

A layer above `decisions` and below `portal`. The OParl-1.1-shaped JSON API (opendata/api/), the Atom
and iCalendar feeds and the bulk dumps. It reads only what the archive already calls public
(`AgendaItem.objects.public()`, published meetings, `decisions.publication`), never a second
definition of "public", and it writes nothing.
"""
