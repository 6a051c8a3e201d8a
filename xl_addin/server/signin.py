"""Who may use the add-in's server: sign-in, and the one case that may go without it.

Without sign-in the server may only run for development on this machine:
listening on loopback (127.0.0.1, ::1, localhost) with
`XLWINGS_ENVIRONMENT=dev`. Anywhere else, a reverse proxy on the same machine
included, staff must sign in (`XLWINGS_AUTH_PROVIDERS`). Two checks hold this:

* `innspill serve` refuses to start (`exposure_problem`);
* whichever way the app is started, without sign-in it takes workbooks
  (POST requests) from this machine only (`may_post_without_sign_in`); behind a
  proxy uvicorn puts the forwarded client address there.

With Entra ID, xlwings Server checks the token's signature, issuer, audience
and expiry, but keeps a valid token's user for an hour, past the token's own
expiry. The project's `auth/entraid` provider therefore calls `validate_token`
here, which checks the expiry again on every request.
"""

from __future__ import annotations

import ipaddress
import time
from pathlib import Path
from typing import Any

from .app import project_dir

LOOPBACK_NAMES = ("localhost",)
ENTRAID = "entraid"
DEV = "dev"
SETUP = (
    f'XLWINGS_AUTH_PROVIDERS=["{ENTRAID}"] med XLWINGS_AUTH_ENTRAID_CLIENT_ID og '
    "XLWINGS_AUTH_ENTRAID_TENANT_ID (se README)"
)

#: Seconds since the epoch; tests move it.
clock = time.time


def is_loopback(host: str) -> bool:
    """True for 127.0.0.1, ::1, localhost: only this machine can reach the server."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def sign_in_configured(settings: Any) -> bool:
    return bool(settings.auth_providers)


def implementation(provider: str, project: Path) -> Path | None:
    """The project's own module for a sign-in provider (`auth/<provider>`), if any."""
    for candidate in (project / "auth" / provider / "__init__.py", project / "auth" / f"{provider}.py"):
        if candidate.is_file():
            return candidate
    return None


def provider_problem(provider: str, settings: Any, project: Path) -> str | None:
    """Why `provider` cannot be trusted to sign staff in (Norwegian), or None."""
    if provider == ENTRAID:
        if settings.auth_entraid_client_id and settings.auth_entraid_tenant_id:
            return None
        return (
            "Innloggingen med Entra ID mangler XLWINGS_AUTH_ENTRAID_CLIENT_ID "
            "eller XLWINGS_AUTH_ENTRAID_TENANT_ID (se README)."
        )
    if implementation(provider, project) is None:
        return (
            f"Innloggingen «{provider}» i XLWINGS_AUTH_PROVIDERS finnes ikke i prosjektmappa "
            f"({project / 'auth' / provider / '__init__.py'}). xlwings Servers eksempel «custom» "
            f"godtar en fast testnøkkel og må aldri brukes. Bruk {SETUP}."
        )
    return None


def sign_in_problem(settings: Any, project: Path | None = None) -> str | None:
    """What is wrong with the configured sign-in (Norwegian), or None."""
    folder = project_dir() if project is None else project
    for provider in settings.auth_providers or []:
        problem = provider_problem(provider, settings, folder)
        if problem is not None:
            return problem
    return None


def exposure_problem(host: str, settings: Any, project: Path | None = None) -> str | None:
    """Why the server must not start on `host` as configured (Norwegian), or None."""
    if sign_in_configured(settings):
        return sign_in_problem(settings, project)
    if not is_loopback(host):
        return (
            f"Serveren skal lytte på «{host}», som andre maskiner kan nå, men innlogging er ikke satt opp. "
            f"Sett {SETUP}, eller bruk --host 127.0.0.1 med XLWINGS_ENVIRONMENT={DEV} for å prøve på "
            "denne maskinen."
        )
    if settings.environment != DEV:
        return (
            "Innlogging er ikke satt opp. Uten innlogging kan serveren bare prøves på denne maskinen, "
            f"i utviklingsmodus: sett XLWINGS_ENVIRONMENT={DEV}. Til bruk, også bak en omvendt proxy, "
            f"sett {SETUP}."
        )
    return None


def may_post_without_sign_in(client_host: str | None) -> bool:
    """Without sign-in, workbooks are taken from this machine only."""
    return client_host is not None and is_loopback(client_host)


async def validate_token(token_string: str) -> Any:
    """xlwings Server's Entra ID check, and the token's expiry on every request."""
    from fastapi import HTTPException, status
    from xlwings_server.auth import entraid

    user = await entraid.validate_token(token_string)
    expires = user.claims.get("exp")
    if not isinstance(expires, int | float) or expires <= clock():
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Auth error: token expired")
    return user
