"""The outer layer of the add-in's server, around xlwings Server's app.

For every HTTP request, before xlwings Server sees it:

1. log records created while it is handled are scrubbed (`privacy`);
2. without sign-in, workbooks (POST) are taken from this machine only; with
   sign-in, a workbook without a token is refused before its body is read,
   and a provider that cannot be trusted refuses them all (`signin`);
3. the body is read up to the limit (`limits`): a larger declared
   `Content-Length` is refused at once, and the bytes actually streamed are
   counted, so a body without a length cannot slip past; 413 with a
   Norwegian text;
4. every response gets the security headers (`headers`);
5. an error nobody answered becomes a Norwegian 500, never uvicorn's
   traceback with the exception's message.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.datastructures import Headers
from starlette.responses import Response

from . import headers, limits, privacy
from .responses import LOCAL_ONLY, SERVER_ERROR, SIGN_IN_BROKEN, not_signed_in, refusal
from .signin import may_post_without_sign_in, sign_in_configured, sign_in_problem

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

logger = logging.getLogger(__name__)


class TooLarge(Exception):
    """The request body is over the limit."""


class ClientGone(Exception):
    """The client disconnected before its request was read."""


async def read_body(scope: Scope, receive: Receive, limit: int) -> bytes:
    """The whole request body, refused past `limit` bytes (declared or counted)."""
    declared = Headers(scope=scope).get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientGone
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the body read already, then whatever the client sends next."""
    pending = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive_again() -> Message:
        return pending.pop() if pending else await receive()

    return receive_again


def sign_in_refusal(scope: Scope) -> Response | None:
    """The answer to a workbook the server must not take as sign-in is set up, or None."""
    if scope.get("method") != "POST":
        return None
    from .app import server_settings

    settings = server_settings()
    if sign_in_configured(settings):
        problem = sign_in_problem(settings)
        if problem is not None:
            logger.error("sign-in is not set up right: %s", problem)
            return refusal(503, SIGN_IN_BROKEN)
        if not Headers(scope=scope).get("authorization"):  # checked before the body is read
            return not_signed_in()
        return None  # xlwings Server checks the token
    client = scope.get("client")
    if may_post_without_sign_in(client[0] if client else None):
        return None
    return refusal(403, LOCAL_ONLY)


class _Responder:
    """`send` with the security headers, remembering whether the answer has begun."""

    def __init__(self, send: Send, *, https: bool) -> None:
        self._send = send
        self._https = https
        self.started = False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
            headers.secure(message, https=self._https)
        await self._send(message)


class Guard:
    """ASGI middleware: the steps in the module's docstring."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with privacy.request_scope():
            respond = _Responder(send, https=scope.get("scheme") == "https")
            try:
                await self._handle(scope, receive, respond)
            except ClientGone:
                return
            except Exception:
                if respond.started:  # the app answered (and logged) already
                    return
                logger.error("%s %s failed", scope.get("method"), scope.get("path"), exc_info=True)
                await refusal(500, SERVER_ERROR)(scope, receive, respond)

    async def _handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        refused = sign_in_refusal(scope)
        if refused is not None:
            await refused(scope, receive, send)
            return
        limit = limits.current().max_body_bytes
        try:
            body = await read_body(scope, receive, limit)
        except TooLarge:
            await refusal(413, limits.too_large(limit))(scope, receive, send)
            return
        await self.app(scope, replay(body, receive), send)
