"""Settings and the ASGI app of the add-in's server (xlwings Server with this project).

xlwings Server reads its settings once, when its modules are first imported:
from environment variables `XLWINGS_*`, then an optional `.env` file, then the
project's `pyproject.toml` (`[tool.xlwings_server]`: the add-in's name and
manifest GUIDs). So `create_app` sets the environment first and can configure
only one server per process.

The project folder (`project/`, shipped with the package) holds what makes the
add-in ours: the custom scripts, the manifest and task pane templates,
`ribbon.js`, the icons and the download route (`routers/custom.py`). Set
`XLWINGS_PROJECT_DIR` to a copy of it to change them without touching the
package.

xlwings Server and xlwings' remote engine are xlwings PRO code, free under the
PolyForm Noncommercial licence 1.0.0 (which covers government institutions);
without `XLWINGS_LICENSE_KEY` the server runs under that licence.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path
from typing import Any

#: The xlwings Server project shipped with the package.
PROJECT_DIR = Path(__file__).resolve().parent / "project"
NONCOMMERCIAL = "noncommercial"
LOOPBACK_NAMES = ("localhost",)
ENTRAID = "entraid"


def project_dir() -> Path:
    """The project folder in use: `XLWINGS_PROJECT_DIR`, else the bundled one."""
    configured = os.environ.get("XLWINGS_PROJECT_DIR")
    return Path(configured).resolve() if configured else PROJECT_DIR


def configure_environment(*, env_file: Path | None = None) -> Path:
    """Point xlwings Server at the project and the licence; returns the project folder."""
    folder = project_dir()
    os.environ["XLWINGS_PROJECT_DIR"] = str(folder)
    os.environ.setdefault("XLWINGS_LICENSE_KEY", NONCOMMERCIAL)
    if env_file is not None:
        os.environ["DOTENV_PATH"] = str(env_file.resolve())
    return folder


def uses_noncommercial_licence() -> bool:
    return os.environ.get("XLWINGS_LICENSE_KEY") == NONCOMMERCIAL


def _configured_project() -> Path | None:
    config = sys.modules.get("xlwings_server.config")
    return None if config is None else Path(config.PROJECT_DIR).resolve()


def create_app(*, env_file: Path | None = None) -> Any:
    """The ASGI app of xlwings Server with this project (call once per process)."""
    folder = configure_environment(env_file=env_file)
    configured = _configured_project()
    if configured is not None and configured != folder:
        raise RuntimeError(f"xlwings Server is already configured for {configured}, not {folder}")
    from xlwings_server import main

    return main.main_app


def server_settings() -> Any:
    """xlwings Server's settings (after `create_app`)."""
    from xlwings_server.config import settings

    return settings


def is_loopback(host: str) -> bool:
    """True for 127.0.0.1, ::1, localhost: only this machine can reach the server."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def exposure_problem(host: str, settings: Any) -> str | None:
    """Why the server must not listen on `host` as configured (Norwegian), or None.

    On this machine only (loopback) the server may run without sign-in, for
    development. Anywhere else staff must sign in: `XLWINGS_AUTH_PROVIDERS`
    must be set, and for Entra ID also the client and tenant IDs.
    """
    if is_loopback(host):
        return None
    providers = list(settings.auth_providers or [])
    where = f"Serveren skal lytte på «{host}», som andre maskiner kan nå"
    if not providers:
        return (
            f'{where}, men innlogging er ikke satt opp. Sett XLWINGS_AUTH_PROVIDERS=["{ENTRAID}"] '
            "med XLWINGS_AUTH_ENTRAID_CLIENT_ID og XLWINGS_AUTH_ENTRAID_TENANT_ID (se README), "
            "eller bruk --host 127.0.0.1 for å prøve på denne maskinen."
        )
    if ENTRAID in providers and not (settings.auth_entraid_client_id and settings.auth_entraid_tenant_id):
        return (
            f"{where}, men innloggingen med Entra ID mangler XLWINGS_AUTH_ENTRAID_CLIENT_ID "
            "eller XLWINGS_AUTH_ENTRAID_TENANT_ID (se README)."
        )
    return None
