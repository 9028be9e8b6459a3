"""A word-level difference between the proposal and the decision, for the page and the documents.

The result is data (operation, text) that templates print with <del> and <ins>, escaped as usual:
no HTML is built here.
"""

from __future__ import annotations

import difflib
import re
from typing import Literal

Operation = Literal["same", "deleted", "inserted"]
_TOKENS = re.compile(r"\S+\s*")


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def normalised(text: str) -> str:
    """The text with runs of white space as single spaces: line breaks alone are no change."""
    return " ".join(text.split())


def word_diff(old: str, new: str) -> list[tuple[Operation, str]]:
    """What changed from `old` to `new`, word by word; white space counts as part of the text."""
    before, after = _tokens(normalised(old)), _tokens(normalised(new))
    parts: list[tuple[Operation, str]] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(("same", "".join(before[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            parts.append(("deleted", "".join(before[i1:i2])))
        if tag in ("insert", "replace"):
            parts.append(("inserted", "".join(after[j1:j2])))
    return [part for part in parts if part[1]]
