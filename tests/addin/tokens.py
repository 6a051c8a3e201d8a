"""Entra ID access tokens for the tests, signed by keys made in the test session.

The `entraid` fixture (conftest) hands xlwings Server the public half of the
session's key through `auth/entraid/jwks.py`, the hook for servers that cannot
reach Microsoft: tokens signed with that key are "from Entra ID", every other
token is not. Nothing goes to the network.
"""

from __future__ import annotations

import time
import uuid

from joserfc import jwt
from joserfc.jwk import RSAKey

TENANT = "0b1a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b"
CLIENT_ID = "5f6e7d8c-9b0a-4c1d-8e2f-3a4b5c6d7e8f"
ISSUER = f"https://login.microsoftonline.com/{TENANT}/v2.0"
STAFF_NAME = "Kari Saksbehandler"
STAFF_EMAIL = "kari.saksbehandler@imdi.no"


def token(
    key: RSAKey,
    *,
    lifetime: int = 600,
    audience: str = CLIENT_ID,
    issuer: str = ISSUER,
    roles: list[str] | None = None,
) -> str:
    """An Entra ID v2.0 access token as the add-in sends it (`Bearer …`)."""
    now = int(time.time())
    claims = {
        "ver": "2.0",
        "iss": issuer,
        "aud": audience,
        "iat": now - 60,
        "nbf": now - 60,
        "exp": now + lifetime,
        "oid": str(uuid.uuid4()),
        "name": STAFF_NAME,
        "preferred_username": STAFF_EMAIL,
        "roles": roles or [],
        "uti": str(uuid.uuid4()),  # every token differs (xlwings Server caches by token)
    }
    return "Bearer " + jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)
