"""`innspill serve [--host H] [--port P]`: the server behind the Excel add-in's buttons.

Without sign-in it starts only on loopback in development mode
(`XLWINGS_ENVIRONMENT=dev`); see `server.signin`. `--max-body-mb` and
`--script-timeout` set the server's limits (`server.limits`).
"""

from __future__ import annotations

import argparse
import errno
import os
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError

if TYPE_CHECKING:
    from ..server.limits import Limits

NAME = "serve"
HELP = "start serveren bak knappene i Excel (Excel-tillegget, xlwings Server)"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        metavar="VERT",
        help=(
            f"adressen serveren lytter på (standard: {DEFAULT_HOST}, bare denne maskinen). Uten "
            "innlogging med Entra ID starter serveren bare her, med XLWINGS_ENVIRONMENT=dev"
        ),
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, metavar="PORT", help=f"porten (standard: {DEFAULT_PORT})"
    )
    parser.add_argument("--certfile", type=Path, metavar="FIL", help="TLS-sertifikat (PEM) for HTTPS")
    parser.add_argument("--keyfile", type=Path, metavar="FIL", help="privat nøkkel (PEM) til sertifikatet")
    parser.add_argument(
        "--max-body-mb",
        type=float,
        metavar="MB",
        help="største arbeidsbok serveren tar imot, i MB (standard: INNSPILL_MAX_BODY_MB eller 50)",
    )
    parser.add_argument(
        "--script-timeout",
        type=float,
        metavar="SEKUNDER",
        help="lengste tid en knapp får bruke før den stoppes (standard: INNSPILL_SCRIPT_TIMEOUT eller 120)",
    )
    parser.add_argument(
        "--env-file",
        type=Path,
        metavar="FIL",
        help="fil med innstillinger for xlwings Server (XLWINGS_…), for eksempel innlogging",
    )


def check_arguments(args: argparse.Namespace) -> None:
    """Refuse arguments that cannot work, before anything starts."""
    if not 1 <= args.port <= 65535:
        raise UsageError(f"Porten {args.port} finnes ikke. Oppgi et tall fra 1 til 65535, for eksempel 8000.")
    if (args.certfile is None) != (args.keyfile is None):
        raise UsageError("Oppgi både --certfile og --keyfile for HTTPS, eller ingen av dem.")
    files = (("Sertifikatet", args.certfile), ("Nøkkelen", args.keyfile), ("Filen", args.env_file))
    for label, path in files:
        if path is not None and not path.is_file():
            raise UsageError(f"{label} «{path}» finnes ikke.")


def check_port_free(host: str, port: int) -> None:
    """Refuse a port another program holds, with a clear message instead of uvicorn's."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        if os.name == "posix":  # as uvicorn binds; on Windows the option would let two servers share a port
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                busy = f"Port {port} er i bruk av et annet program. Velg en annen med --port."
                raise UsageError(busy) from exc
            raise UsageError(f"Kan ikke lytte på «{host}»:{port} ({exc.strerror}).") from exc


def server_limits(args: argparse.Namespace, settings: Any) -> Limits:
    """The options, else the environment; a script must end before the add-in stops waiting."""
    from ..server.limits import Limits

    limits = Limits.from_environment().replace(args.max_body_mb, args.script_timeout)
    waits = settings.request_timeout
    if waits and limits.script_seconds >= waits:
        raise UsageError(
            f"Tidsgrensen for en knapp ({limits.script_seconds:g} sekunder) må være kortere enn tiden "
            f"tillegget venter på svar (XLWINGS_REQUEST_TIMEOUT={waits} sekunder)."
        )
    return limits


def run(args: argparse.Namespace) -> int:
    check_arguments(args)
    from ..server.app import configure_environment, create_app, server_settings, uses_noncommercial_licence
    from ..server.signin import exposure_problem

    configure_environment(env_file=args.env_file)
    settings = server_settings()  # settings only; the app is not built yet
    problem = exposure_problem(args.host, settings)
    if problem is not None:
        raise UsageError(problem)
    limits = server_limits(args, settings)
    check_port_free(args.host, args.port)
    app = create_app(env_file=args.env_file, limits=limits)
    https = args.certfile is not None
    scheme = "https" if https else "http"
    print(f"Innspill-serveren starter på {scheme}://{args.host}:{args.port} (stopp med Ctrl+C).")
    print(f"Manifestet for Excel: {scheme}://{args.host}:{args.port}/manifest.xml")
    if not https:
        print(
            "Merk: uten --certfile/--keyfile går serveren over HTTP. Excel krever HTTPS for tillegg, "
            "så bruk sertifikater eller en omvendt proxy med HTTPS foran serveren."
        )
    if uses_noncommercial_licence():
        print(
            "Lisens: xlwings Server brukes under PolyForm Noncommercial 1.0.0 (gratis for blant annet "
            "offentlige virksomheter). Sett XLWINGS_LICENSE_KEY for å bruke en kommersiell lisens."
        )
    import uvicorn

    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        ssl_certfile=str(args.certfile) if https else None,
        ssl_keyfile=str(args.keyfile) if https else None,
        proxy_headers=True,
        server_header=False,
        log_level="info",
    )
    return 0
