"""The security headers every response carries (security.md rows 27, 28), checked the same way by
the hardening tests and the database-unavailable tests."""

from __future__ import annotations

import re

from hankehallinta.middleware import PERMISSIONS_POLICY

#: The content security policy every page of the app carries, directive by directive.
EXPECTED_CSP = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'none'"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
}


def parse_csp(header: str) -> dict[str, set[str]]:
    policy = {}
    for directive in filter(None, (part.strip() for part in header.split(";"))):
        name, *sources = directive.split()
        assert name not in policy, f"directive {name} twice in {header!r}"
        policy[name] = set(sources)
    return policy


def assert_security_headers(name: str, response, *, https: bool = False) -> None:
    """The headers every response carries, whatever its status (security.md rows 27, 28)."""
    headers = response.headers
    assert headers.get("X-Content-Type-Options") == "nosniff", name
    assert headers.get("Referrer-Policy") == "same-origin", name
    assert headers.get("X-Frame-Options") == "DENY", name
    assert headers.get("Cross-Origin-Opener-Policy") == "same-origin", name
    assert headers.get("Permissions-Policy") == PERMISSIONS_POLICY, name
    assert "Content-Security-Policy" in headers, name
    policy = parse_csp(headers["Content-Security-Policy"])
    extra = policy.pop("style-src-attr", None)
    assert policy == EXPECTED_CSP, name
    if extra is not None:  # only the admin, only the hashes of fixed attributes (test below)
        assert response.wsgi_request.path.startswith("/admin/"), name
    for sources in parse_csp(headers["Content-Security-Policy"]).values():
        assert not sources & {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"}, name
    if https:
        hsts = headers.get("Strict-Transport-Security", "")
        max_age = int(re.search(r"max-age=(\d+)", hsts).group(1))
        assert max_age >= 31536000, name
        assert "includeSubDomains" in hsts, name
    for header, value in headers.items():
        assert "\r" not in value and "\n" not in value, (name, header)
