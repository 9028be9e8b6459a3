"""A word-level difference between the proposal and the decision, for the page and the documents.

The result is data (operation, text) that templates print with <del> and <ins>, escaped as usual:
no HTML is built here.

The work is bounded: the words both texts share at their start and end are set aside in linear
time, and only the differing middle goes to difflib, whose matcher grows quadratically. When that
middle holds more than MAX_DIFF_WORDS words (both sides together) there is no word diff: the
answer is None and the page says only that the texts differ.
"""

from __future__ import annotations

import difflib
import re
from typing import Literal

Operation = Literal["same", "deleted", "inserted"]
WordDiff = list[tuple[Operation, str]]
_TOKENS = re.compile(r"\S+\s*")

#: The most words (proposal and decision together, shared start and end left out) compared word by word.
MAX_DIFF_WORDS = 5000


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def normalised(text: str) -> str:
    """The text with runs of white space as single spaces: line breaks alone are no change."""
    return " ".join(text.split())


def _shared_ends(before: list[str], after: list[str]) -> tuple[int, int]:
    """How many words the two lists share at their start, and then at their end (not overlapping)."""
    limit = min(len(before), len(after))
    start = 0
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return start, end


def _middle_diff(before: list[str], after: list[str]) -> WordDiff:
    parts: WordDiff = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(("same", "".join(before[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            parts.append(("deleted", "".join(before[i1:i2])))
        if tag in ("insert", "replace"):
            parts.append(("inserted", "".join(after[j1:j2])))
    return parts


def word_diff(old: str, new: str, *, max_words: int = MAX_DIFF_WORDS) -> WordDiff | None:
    """What changed from `old` to `new`, word by word; white space counts as part of the text.

    None when the differing part is longer than `max_words` words: too large to compare here.
    """
    before, after = _tokens(normalised(old)), _tokens(normalised(new))
    start, end = _shared_ends(before, after)
    middle_before, middle_after = before[start : len(before) - end], after[start : len(after) - end]
    if len(middle_before) + len(middle_after) > max_words:
        return None
    parts: WordDiff = [("same", "".join(before[:start]))]
    parts += _middle_diff(middle_before, middle_after)
    parts.append(("same", "".join(before[len(before) - end :])))
    return _merged([part for part in parts if part[1]])


def _merged(parts: WordDiff) -> WordDiff:
    """Neighbouring parts of the same operation as one (the shared ends join the matcher's own)."""
    merged: WordDiff = []
    for operation, text in parts:
        if merged and merged[-1][0] == operation:
            merged[-1] = (operation, merged[-1][1] + text)
        else:
            merged.append((operation, text))
    return merged
