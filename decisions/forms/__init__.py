"""The forms of the decisions app, one module per views module (decisions/views/): fields are listed
explicitly, nothing is saved here (the services do), and every label and message is an English msgid."""

from __future__ import annotations
