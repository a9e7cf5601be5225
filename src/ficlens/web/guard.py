"""The web app's front door: Host and Origin checks, a body-size cap, security headers.

* Host must be one of the allowed names (loopback by default): a page on another site that
  re-points its own name at 127.0.0.1 (DNS rebinding) is refused.
* A state-changing request (POST...) from a browser must come from this very origin: a page
  elsewhere cannot make the visitor's browser start an analysis here.
* A request body is refused by its Content-Length, and, while it streams, as soon as it has
  sent more than the cap, so nothing over the cap is ever spooled to disk.
* Every response forbids framing and content sniffing and carries a Content-Security-Policy.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ficlens.ingest.limits import describe_size

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class BodyTooLarge(Exception):
    """The request body went over the cap while it was streaming in."""


def host_name(value: str) -> str | None:
    """The host name of a Host header or an origin's netloc (port and IPv6 brackets off)."""
    try:
        return urlsplit("//" + value).hostname
    except ValueError:
        return None


def script_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(scripts: Iterable[str]) -> str:
    """Nothing loads from anywhere; inline styles; only the given inline scripts run."""
    script_src = " ".join(script_hash(s) for s in scripts) or "'none'"
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src {script_src}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )


class Guard:
    """Pure ASGI middleware, so the body is counted before any part of the app reads it."""

    def __init__(
        self, app: ASGIApp, *, allowed_hosts: Iterable[str], max_body: int, csp: str,
        refuse: Callable[[int, str], Response],
    ) -> None:
        self.app = app
        self.allowed = {h.lower().strip("[]") for h in allowed_hosts}
        self.max_body = max_body
        self.csp = csp
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = self._with_headers(send)
        problem = self._problem(scope)
        if problem is not None:
            await self.refuse(*problem)(scope, receive, send)
            return
        await self.app(scope, self._counting(receive), send)

    def _problem(self, scope: Scope) -> tuple[int, str] | None:
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if (host_name(host) or "").lower() not in self.allowed:
            return 400, (f"this server answers only to {', '.join(sorted(self.allowed))}; "
                         "start it with --allow-host NAME to add a name")
        if scope["method"] not in SAFE_METHODS and not self._same_origin(headers, host):
            return 403, "a page on another site cannot send requests to ficlens"
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return 413, self.too_large_message()
        return None

    def too_large_message(self) -> str:
        return (f"the upload is over the {describe_size(self.max_body)} limit of the web app; "
                "`ficlens analyze FILE` on the command line reads bigger files")

    @staticmethod
    def _same_origin(headers: Headers, host: str) -> bool:
        origin = headers.get("origin")
        if origin is None:  # not sent by a browser (curl, scripts): nothing to forge
            return headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")
        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower()

    def _counting(self, receive: Receive) -> Receive:
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge(self.too_large_message())
            return message

        return counted

    def _with_headers(self, send: Send) -> Send:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("content-security-policy", self.csp)
                headers["x-content-type-options"] = "nosniff"
                headers["x-frame-options"] = "DENY"
                # same-origin, not no-referrer: with no-referrer a browser sends "Origin: null"
                # on its own form posts, which the Origin check must refuse
                headers["referrer-policy"] = "same-origin"
            await send(message)

        return with_headers
