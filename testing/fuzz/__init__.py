"""The fuzz harness (driving forms through the real views), the input strategies and the register of
which fuzz test covers which form."""

from __future__ import annotations
