"""Entra ID sign-in: xlwings Server's token check, plus the token's expiry on every request.

Put a `jwks.py` with `async def get_jwks_json()` next to this file to give the
keys yourself on a server that cannot reach Microsoft (see xlwings Server's
`auth/entraid/jwks.py`).
"""

from xl_addin.server.signin import validate_token

__all__ = ["validate_token"]
