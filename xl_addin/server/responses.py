"""What the server answers when it refuses or fails, in Norwegian.

The add-in shows an error answer's `detail` in a dialog, so each refusal is a
JSON `{"detail": "…"}` that says what happened and what to do. The handlers
replace xlwings Server's English ones for sign-in (401, 403) and for
unexpected errors (500; the traceback goes to the log, scrubbed).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi.responses import JSONResponse

logger = logging.getLogger(__name__)

NOT_SIGNED_IN = (
    "Du er ikke logget inn på Innspill-serveren, eller innloggingen er utløpt. Lukk tillegget og åpne "
    "det igjen for å logge inn på nytt, og kontakt IT om det gjentar seg."
)
NO_ACCESS = "Du har ikke tilgang til Innspill-tillegget. Be IT om tilgang."
LOCAL_ONLY = (
    "Innlogging er ikke satt opp på Innspill-serveren, så den tar bare imot arbeidsbøker fra maskinen "
    "den kjører på. Kontakt IT."
)
SIGN_IN_BROKEN = "Innloggingen på Innspill-serveren er ikke riktig satt opp. Kontakt IT."
SERVER_ERROR = (
    "Noe uventet gikk galt på Innspill-serveren. Ingenting i arbeidsboka er endret. "
    "Prøv igjen, og kontakt IT om det gjentar seg."
)


#: RFC 9110: a 401 names the scheme the server wants.
CHALLENGE = {"WWW-Authenticate": "Bearer"}


def refusal(status_code: int, text: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": text}, status_code=status_code, headers=headers)


def not_signed_in() -> JSONResponse:
    return refusal(401, NOT_SIGNED_IN, headers=CHALLENGE)


async def _http_error(request: Any, exc: Any) -> Any:
    from fastapi.exception_handlers import http_exception_handler

    if exc.status_code == 401:
        return not_signed_in()
    if exc.status_code == 403:
        return refusal(403, NO_ACCESS)
    return await http_exception_handler(request, exc)


async def _unexpected(request: Any, exc: Exception) -> JSONResponse:
    logger.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return refusal(500, SERVER_ERROR)


def install_handlers(app: Any) -> None:
    """Norwegian answers for sign-in refusals and unexpected errors (before the first request)."""
    from starlette.exceptions import HTTPException

    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
