"""Security headers on every response of the add-in's server.

xlwings Server already sends OWASP's set, loosened so that Excel on the web
may frame the add-in (no `X-Frame-Options`, cross-origin resource policy).
On top of it every response gets, whatever xlwings Server's settings:

* `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer`;
* a Content-Security-Policy that lets the task pane run in Excel (scripts,
  styles and calls from this server, Office.js also from Microsoft's CDN) and
  lets only Microsoft 365's hosts frame it (Excel on the web, and dialogs
  opened in it) or be framed by it. Desktop Excel shows the task pane as a top-level page, where
  `frame-ancestors` does not apply. A policy set through
  `XLWINGS_CUSTOM_HEADERS` wins over this one;
* `Strict-Transport-Security` over HTTPS only (RFC 6797 forbids it over HTTP;
  behind a proxy, HTTPS is what `X-Forwarded-Proto` says).
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from starlette.datastructures import MutableHeaders

#: The hosts of Microsoft 365 that frame the add-in in Excel on the web.
OFFICE_FRAME_ANCESTORS = (
    "https://*.officeapps.live.com",
    "https://*.office.com",
    "https://*.office365.com",
    "https://*.microsoft365.com",
    "https://*.cloud.microsoft",
    "https://*.sharepoint.com",
    "https://*.microsoft.com",
)
OFFICE_JS_CDN = "https://appsforoffice.microsoft.com"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        f"script-src 'self' {OFFICE_JS_CDN}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-src 'self' " + " ".join(OFFICE_FRAME_ANCESTORS),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self' " + " ".join(OFFICE_FRAME_ANCESTORS),
    ]
)
ALWAYS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
HSTS = "Strict-Transport-Security"
HSTS_VALUE = "max-age=31536000; includeSubDomains"
CSP = "Content-Security-Policy"


def secure(message: MutableMapping[str, Any], *, https: bool) -> None:
    """Set the security headers on an ASGI `http.response.start` message (in place)."""
    message.setdefault("headers", [])
    headers = MutableHeaders(scope=message)
    for name, value in ALWAYS.items():
        headers[name] = value
    if CSP not in headers:
        headers[CSP] = CONTENT_SECURITY_POLICY
    if https:
        headers[HSTS] = HSTS_VALUE
    elif HSTS in headers:
        del headers[HSTS]
