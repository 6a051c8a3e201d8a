"""`innspill serve`: who may reach the server, and arguments that cannot work."""

from __future__ import annotations

import socket
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from xl_addin.cli import main
from xl_addin.server.app import exposure_problem, is_loopback


def settings(
    providers: list[str] | None = None, client_id: str | None = None, tenant: str | None = None
) -> Any:
    return SimpleNamespace(
        auth_providers=providers or [], auth_entraid_client_id=client_id, auth_entraid_tenant_id=tenant
    )


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True), ("127.0.0.2", True),
     ("0.0.0.0", False), ("::", False), ("10.0.0.5", False), ("innspill.imdi.no", False)],
)  # fmt: skip
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_loopback_needs_no_sign_in() -> None:
    assert exposure_problem("127.0.0.1", settings()) is None


def test_other_hosts_need_sign_in() -> None:
    problem = exposure_problem("0.0.0.0", settings())
    assert problem is not None
    assert "XLWINGS_AUTH_PROVIDERS" in problem
    missing = exposure_problem("0.0.0.0", settings(["entraid"], client_id="abc"))
    assert missing is not None
    assert "XLWINGS_AUTH_ENTRAID_TENANT_ID" in missing
    assert exposure_problem("0.0.0.0", settings(["entraid"], client_id="abc", tenant="def")) is None
    assert exposure_problem("10.0.0.5", settings(["custom"])) is None


def test_serve_refuses_an_open_host_without_sign_in(
    app: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from xl_addin.server.app import server_settings

    monkeypatch.setattr(server_settings(), "auth_providers", [])
    assert main(["serve", "--host", "0.0.0.0", "--port", "8765"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Feil: Serveren skal lytte på «0.0.0.0»")
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--port", "70000"], "Porten 70000 finnes ikke"),
        (["--certfile", "cert.pem"], "både --certfile og --keyfile"),
        (["--certfile", "mangler.pem", "--keyfile", "mangler.pem"], "«mangler.pem» finnes ikke"),
        (["--env-file", "mangler.env"], "«mangler.env» finnes ikke"),
    ],
)
def test_serve_refuses_bad_arguments(args: list[str], says: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", *args]) == 2
    assert says in capsys.readouterr().err


def test_serve_refuses_a_busy_port(
    app: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def must_not_start(*args: object, **kwargs: object) -> None:
        raise AssertionError("the server must not start on a busy port")

    monkeypatch.setattr("uvicorn.run", must_not_start)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    assert f"Port {port} er i bruk" in capsys.readouterr().err


def test_serve_has_norwegian_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--help"]) == 0
    out = capsys.readouterr().out
    assert "Excel" in out
    assert "--host" in out


def test_the_project_ships_with_the_package() -> None:
    from xl_addin.server.app import PROJECT_DIR

    for part in (
        "custom_scripts/__init__.py",
        "templates/manifest.xml",
        "static/js/ribbon.js",
        "pyproject.toml",
    ):
        assert (PROJECT_DIR / part).is_file(), part
    assert not (PROJECT_DIR / ".env").exists()  # secrets never ship
    assert Path(PROJECT_DIR).parent.name == "server"
