"""How much the add-in's server takes on: the largest request and the longest script run.

The defaults hold a national round with room to spare: the 2020 workbook sends
about 50 kB, a round of 1,000 contacts and 10,000 input points about 5 MB, and
the scripts answer within a second or two. `innspill serve --max-body-mb
--script-timeout` or the environment (`INNSPILL_MAX_BODY_MB`,
`INNSPILL_SCRIPT_TIMEOUT`) change them. The script limit must stay below the
add-in's own wait (xlwings Server's `XLWINGS_REQUEST_TIMEOUT`, 300 s by
default), so that staff get the server's Norwegian message, not the client's.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import UsageError
from ..language import Gender, Noun, count

MAX_BODY_ENV = "INNSPILL_MAX_BODY_MB"
SCRIPT_TIMEOUT_ENV = "INNSPILL_SCRIPT_TIMEOUT"
MB = 1024 * 1024
DEFAULT_MAX_BODY_MB = 50
DEFAULT_SCRIPT_SECONDS = 120.0

MINUTE = Noun("minutt", "minutter", Gender.NEUTER)
SECOND = Noun("sekund", "sekunder", Gender.NEUTER)


@dataclass(frozen=True)
class Limits:
    """The largest request body (bytes) and the longest a script may run (seconds)."""

    max_body_bytes: int = DEFAULT_MAX_BODY_MB * MB
    script_seconds: float = DEFAULT_SCRIPT_SECONDS

    def replace(self, max_body_mb: float | None = None, script_seconds: float | None = None) -> Limits:
        """These limits with the values given (in MB and seconds); None keeps a value."""
        if max_body_mb is not None and max_body_mb <= 0:
            raise UsageError(f"Største arbeidsbok må være over 0 MB, ikke {max_body_mb:g}.")
        if script_seconds is not None and script_seconds <= 0:
            raise UsageError(f"Tidsgrensen for en knapp må være over 0 sekunder, ikke {script_seconds:g}.")
        return Limits(
            max_body_bytes=self.max_body_bytes if max_body_mb is None else round(max_body_mb * MB),
            script_seconds=self.script_seconds if script_seconds is None else script_seconds,
        )

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Limits:
        env = os.environ if environ is None else environ
        return cls().replace(_number(env, MAX_BODY_ENV), _number(env, SCRIPT_TIMEOUT_ENV))


def _number(env: Mapping[str, str], name: str) -> float | None:
    text = env.get(name, "").strip()
    if not text:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise UsageError(f"{name}={text} er ikke et tall. Oppgi for eksempel {name}=50.") from None


_current: list[Limits] = []


def current() -> Limits:
    """The limits in force: those given to `configure`, else from the environment."""
    if not _current:
        _current.append(Limits.from_environment())
    return _current[0]


def configure(limits: Limits) -> None:
    _current[:] = [limits]


# --- in Norwegian -----------------------------------------------------------------------


def duration(seconds: float) -> str:
    """A duration in running text: "to minutter", "ett minutt", "45 sekunder", "0,5 sekunder"."""
    if seconds != int(seconds):
        return f"{seconds:g} {SECOND.plural}".replace(".", ",")
    whole = int(seconds)
    if whole >= 60 and whole % 60 == 0:
        return count(whole // 60, MINUTE)
    return count(whole, SECOND)


def size(limit_bytes: int) -> str:
    """A size limit as staff read it: "50 MB" (digits: units take digits)."""
    for unit, name in ((MB, "MB"), (1024, "kB")):
        if limit_bytes >= unit:
            return f"{limit_bytes / unit:.3g} {name}".replace(".", ",")
    return f"{limit_bytes} byte"


def too_large(limit_bytes: int) -> str:
    return (
        f"Arbeidsboka er for stor for Innspill-serveren: arkene som sendes, er over {size(limit_bytes)}. "
        "Se etter innhold langt under eller til høyre for tabellene i arkene, fjern det og prøv igjen. "
        "Kontakt IT om arbeidsboka virkelig er så stor."
    )


def timed_out(button: str, seconds: float) -> str:
    return (
        f"«{button}» tok for lang tid og ble stoppet etter {duration(seconds)}. "
        "Ingenting i arbeidsboka er endret. Prøv igjen om litt, og kontakt IT om det gjentar seg."
    )
