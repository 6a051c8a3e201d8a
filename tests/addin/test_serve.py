"""`innspill serve`: who may reach the server, its limits, and arguments that cannot work."""

from __future__ import annotations

import socket
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from xl_addin.cli import main
from xl_addin.server.signin import exposure_problem, is_loopback


def settings(
    providers: list[str] | None = None,
    client_id: str | None = None,
    tenant: str | None = None,
    environment: str = "prod",
) -> Any:
    return SimpleNamespace(
        auth_providers=providers or [],
        auth_entraid_client_id=client_id,
        auth_entraid_tenant_id=tenant,
        environment=environment,
    )


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True), ("127.0.0.2", True),
     ("0.0.0.0", False), ("::", False), ("10.0.0.5", False), ("innspill.imdi.no", False)],
)  # fmt: skip
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_only_loopback_in_development_goes_without_sign_in() -> None:
    assert exposure_problem("127.0.0.1", settings(environment="dev")) is None
    assert exposure_problem("::1", settings(environment="dev")) is None
    # prod on loopback is what a reverse proxy on the same machine forwards to: sign-in needed
    behind_proxy = exposure_problem("127.0.0.1", settings())
    assert behind_proxy is not None
    assert "XLWINGS_ENVIRONMENT=dev" in behind_proxy
    assert "XLWINGS_AUTH_PROVIDERS" in behind_proxy


def test_other_hosts_need_sign_in() -> None:
    for environment in ("dev", "prod"):
        problem = exposure_problem("0.0.0.0", settings(environment=environment))
        assert problem is not None
        assert "XLWINGS_AUTH_PROVIDERS" in problem
    missing = exposure_problem("0.0.0.0", settings(["entraid"], client_id="abc"))
    assert missing is not None
    assert "XLWINGS_AUTH_ENTRAID_TENANT_ID" in missing
    assert exposure_problem("0.0.0.0", settings(["entraid"], client_id="abc", tenant="def")) is None
    assert exposure_problem("127.0.0.1", settings(["entraid"], client_id="abc", tenant="def")) is None


def test_xlwings_placeholder_provider_is_refused(tmp_path: Path) -> None:
    """xlwings Server's `custom` example accepts the fixed token "test-token": never trust it."""
    from xl_addin.server.app import PROJECT_DIR

    problem = exposure_problem("10.0.0.5", settings(["custom"]))
    assert problem is not None
    assert "«custom»" in problem
    assert "fast testnøkkel" in problem
    own = tmp_path / "auth" / "custom" / "__init__.py"
    own.parent.mkdir(parents=True)
    own.write_text("async def validate_token(token_string): ...\n")
    assert exposure_problem("10.0.0.5", settings(["custom"]), project=tmp_path) is None
    # the bundled project's Entra ID provider is its own module (it re-checks expiry)
    assert (PROJECT_DIR / "auth" / "entraid" / "__init__.py").is_file()


def test_serve_refuses_an_open_host_without_sign_in(
    app: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from xl_addin.server.app import server_settings

    monkeypatch.setattr(server_settings(), "auth_providers", [])
    assert main(["serve", "--host", "0.0.0.0", "--port", "8765"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Feil: Serveren skal lytte på «0.0.0.0»")
    assert len(err.strip().splitlines()) == 1


def test_serve_refuses_loopback_outside_development_without_sign_in(
    app: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from xl_addin.server.app import server_settings

    monkeypatch.setattr(server_settings(), "auth_providers", [])
    monkeypatch.setattr(server_settings(), "environment", "prod")
    monkeypatch.setattr("uvicorn.run", _must_not_start)
    assert main(["serve", "--port", "8765"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Feil: Innlogging er ikke satt opp.")
    assert len(err.strip().splitlines()) == 1


def _must_not_start(*args: object, **kwargs: object) -> None:
    raise AssertionError("the server must not start")


@pytest.fixture
def development(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """`XLWINGS_ENVIRONMENT=dev` without sign-in, and the limits restored afterwards."""
    from xl_addin.server import limits
    from xl_addin.server.app import server_settings

    monkeypatch.setattr(server_settings(), "auth_providers", [])
    monkeypatch.setattr(server_settings(), "environment", "dev")
    monkeypatch.setattr(limits, "_current", list(limits._current))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_serve_starts_uvicorn_with_the_guarded_app_and_limits(
    app: Any, development: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from xl_addin.server import limits

    started: dict[str, Any] = {}
    monkeypatch.setattr("uvicorn.run", lambda served, **kwargs: started.update(app=served, **kwargs))
    port = free_port()
    assert main(["serve", "--port", str(port), "--max-body-mb", "2", "--script-timeout", "30"]) == 0
    assert started["app"] is app
    assert (started["host"], started["port"]) == ("127.0.0.1", port)
    assert started["server_header"] is False
    assert limits.current() == limits.Limits(max_body_bytes=2 * 1024 * 1024, script_seconds=30)


def test_serve_takes_limits_from_the_environment(
    app: Any, development: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from xl_addin.server import limits

    monkeypatch.setattr("uvicorn.run", lambda served, **kwargs: None)
    monkeypatch.setenv("INNSPILL_MAX_BODY_MB", "0,5")
    monkeypatch.setenv("INNSPILL_SCRIPT_TIMEOUT", "45")
    assert main(["serve", "--port", str(free_port())]) == 0
    assert limits.current() == limits.Limits(max_body_bytes=512 * 1024, script_seconds=45)


@pytest.mark.parametrize(
    ("args", "env", "says"),
    [
        (["--script-timeout", "300"], {}, "må være kortere enn tiden tillegget venter"),
        (["--script-timeout", "0"], {}, "må være over 0 sekunder"),
        (["--max-body-mb", "-1"], {}, "må være over 0 MB"),
        (
            [],
            {"INNSPILL_SCRIPT_TIMEOUT": "to minutter"},
            "INNSPILL_SCRIPT_TIMEOUT=to minutter er ikke et tall",
        ),
    ],
)
def test_serve_refuses_limits_that_cannot_work(
    args: list[str],
    env: dict[str, str],
    says: str,
    development: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("uvicorn.run", _must_not_start)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(["serve", "--port", str(free_port()), *args]) == 2
    assert says in capsys.readouterr().err


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
    development: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("uvicorn.run", _must_not_start)
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
