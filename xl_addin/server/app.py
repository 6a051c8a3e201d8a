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

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .limits import Limits

#: The xlwings Server project shipped with the package.
PROJECT_DIR = Path(__file__).resolve().parent / "project"
NONCOMMERCIAL = "noncommercial"

#: The app, built once per process (xlwings Server's app is a module-level singleton).
_built: list[Any] = []


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


def create_app(*, env_file: Path | None = None, limits: Limits | None = None) -> Any:
    """The ASGI app: xlwings Server with this project, inside the server's guard.

    The guard (`middleware.Guard`) enforces sign-in, the body limit and the
    security headers and keeps workbook content out of the logs; scripts run
    under the time limit. `limits` replaces the limits
    from the environment. Call once per process; later calls return the same app.
    """
    folder = configure_environment(env_file=env_file)
    configured = _configured_project()
    if configured is not None and configured != folder:
        raise RuntimeError(f"xlwings Server is already configured for {configured}, not {folder}")
    if limits is not None:
        from .limits import configure

        configure(limits)
    if not _built:
        from xlwings_server import main

        from . import privacy
        from .middleware import Guard
        from .responses import install_handlers

        privacy.install()
        install_handlers(main.app)
        _built.append(Guard(main.main_app))
    return _built[0]


def server_settings() -> Any:
    """xlwings Server's settings (after `create_app`)."""
    from xlwings_server.config import settings

    return settings
