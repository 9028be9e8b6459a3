"""What the tests share: factories, the seed case, PDF reading, the safety oracle, the fuzz harness
and the browser helpers. Test modules import from here (and from conftest.py fixtures), never from
one another; tests/test_test_layout.py holds that."""

from __future__ import annotations
