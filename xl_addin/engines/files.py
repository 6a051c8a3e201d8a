"""The file engine: reads `.xlsx` with python-calamine, writes with openpyxl.

Every write is atomic: the new workbook goes to a temporary file in the same
folder, the user's original is kept as a backup copy next to it until the
new file has replaced it, and nothing is written when the workbook holds
parts that openpyxl would silently drop.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import FileProblem, WriteRefused
from ..reading import Grid, as_grid
from .hostile import declares_entities

if TYPE_CHECKING:
    from openpyxl import Workbook as OpenpyxlWorkbook

#: Refuse workbooks whose parts unpack to more than this (zip bombs). For scale: the benchmark
#: workbook x10 (10,000 contacts, 100,000 input points) unpacks to 90 MB, packed about 10x.
MAX_UNPACKED_BYTES = 500_000_000
#: ... or whose parts are packed more tightly than this (a workbook of text compresses ~10-30x) ...
MAX_RATIO = 200
#: ... once they unpack to more than this.
RATIO_CHECKED_FROM = 50_000_000
#: Refuse a sheet whose area from A1 to its farthest cell holds more cells than this: the reader
#: builds that whole rectangle in memory, and one stray value in XFD1048576 would ask for 17 billion.
MAX_SHEET_CELLS = 10_000_000
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: What to do about a damaged file.
_ASK_AGAIN = "Be om en ny kopi, eller åpne filen i Excel og lagre den på nytt."
#: What zipfile and zlib raise for a damaged, unsupported or lying zip (the sizes are checked on reading).
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError)


def _describe(path: Path) -> str:
    return f"«{path.name}»"


def check_readable(path: Path) -> None:
    """Raise FileProblem with a Norwegian message unless `path` looks like a usable .xlsx."""
    if not path.exists():
        raise FileProblem(f"Finner ikke filen {_describe(path)}. Sjekk navnet og mappen.")
    if path.is_dir():
        raise FileProblem(f"{_describe(path)} er en mappe, ikke en Excel-fil.")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except PermissionError as exc:
        raise FileProblem(f"Har ikke tilgang til å lese {_describe(path)}.") from exc
    except OSError as exc:
        raise FileProblem(f"Kan ikke lese {_describe(path)}: {exc.strerror}.") from exc
    if head.startswith(_OLE_MAGIC):
        if _is_encrypted(path):
            raise FileProblem(
                f"{_describe(path)} er passordbeskyttet (kryptert). Åpne den i Excel, fjern "
                "passordet (Fil > Info > Beskytt arbeidsbok) og lagre, og prøv igjen."
            )
        raise FileProblem(
            f"{_describe(path)} er i det gamle Excel-formatet (.xls). Åpne den i Excel og "
            "lagre den som Excel-arbeidsbok (.xlsx)."
        )
    if not head.startswith(b"PK"):
        raise FileProblem(f"{_describe(path)} er ikke en Excel-arbeidsbok (.xlsx).")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            hostile = "xl/workbook.xml" in names and declares_entities(zf, infos)
    except _ZIP_ERRORS as exc:
        raise damaged(path) from exc
    if "xl/workbook.xml" not in names:
        raise FileProblem(f"{_describe(path)} er ikke en Excel-arbeidsbok (.xlsx).")
    if hostile:
        raise FileProblem(
            f"{_describe(path)} inneholder XML med egne entiteter (DOCTYPE), som Excel aldri lager. "
            "Filen blir ikke åpnet fordi den kan være laget for å skade. Be avsenderen om en ny kopi."
        )
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if looks_like_zip_bomb(unpacked, packed):
        raise FileProblem(
            f"{_describe(path)} pakker seg ut til {unpacked // 1_000_000} MB og blir ikke åpnet "
            "(mistenkelig stor eller skadet fil)."
        )


def looks_like_zip_bomb(unpacked: int, packed: int) -> bool:
    """Too large unpacked, or large and packed more tightly than a workbook of text ever is."""
    if unpacked > MAX_UNPACKED_BYTES:
        return True
    return unpacked > RATIO_CHECKED_FROM and unpacked / max(packed, 1) > MAX_RATIO


def damaged(path: Path) -> FileProblem:
    return FileProblem(f"{_describe(path)} er skadet eller ikke en Excel-arbeidsbok (.xlsx). {_ASK_AGAIN}")


def _is_encrypted(path: Path) -> bool:
    try:
        import msoffcrypto  # noqa: PLC0415 - optional heavy import

        with path.open("rb") as fh:
            return bool(msoffcrypto.OfficeFile(fh).is_encrypted())
    except Exception:  # an old .xls that msoffcrypto cannot parse is not encrypted for us
        return False


class FileSource:
    """A workbook file opened for reading with python-calamine."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        from python_calamine import CalamineWorkbook  # noqa: PLC0415

        self.path = Path(path)
        check_readable(self.path)
        try:
            self._book = CalamineWorkbook.from_path(str(self.path))
        except Exception as exc:  # calamine raises several error types
            raise FileProblem(
                f"{_describe(self.path)} kan ikke leses som Excel-arbeidsbok ({_short(exc)}). {_ASK_AGAIN}"
            ) from exc

    @property
    def name(self) -> str:
        return self.path.name

    def sheet_names(self) -> list[str]:
        return list(self._book.sheet_names)

    def read_grid(self, sheet: str) -> Grid:
        check_sheet_size(self.path, sheet)
        try:
            values = self._book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        except Exception as exc:
            raise FileProblem(
                f"Arket «{sheet}» i {_describe(self.path)} kan ikke leses ({_short(exc)}). {_ASK_AGAIN}"
            ) from exc
        return as_grid(values)


def check_sheet_size(path: Path, sheet: str) -> None:
    """Refuse a sheet whose grid from A1 to its farthest cell exceeds MAX_SHEET_CELLS (or is damaged)."""
    from lxml import etree  # noqa: PLC0415

    from .formulas import sheet_parts  # noqa: PLC0415
    from .hostile import sheet_extent  # noqa: PLC0415

    try:
        with zipfile.ZipFile(path) as zf:
            part = sheet_parts(zf).get(sheet)
            if part is None or part not in zf.NameToInfo:
                return  # the reader says what is missing
            extent = sheet_extent(zf, part, MAX_SHEET_CELLS)
    except (*_ZIP_ERRORS, etree.XMLSyntaxError) as exc:
        raise FileProblem(
            f"Arket «{sheet}» i {_describe(path)} er skadet og kan ikke leses. {_ASK_AGAIN}"
        ) from exc
    if extent.cells > MAX_SHEET_CELLS:
        raise FileProblem(
            f"Arket «{sheet}» i {_describe(path)} har innhold helt ut til celle {extent.corner}, og det "
            f"blir for mye å lese. Slett det som står langt nede eller langt til høyre (Ctrl+End i Excel "
            "viser den siste cellen), lagre og prøv igjen."
        )


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:160] or type(exc).__name__


# --- parts openpyxl would drop --------------------------------------------------------

_DROPPED_PARTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^xl/vbaProject\.bin$"), "makroer (VBA)"),
    (re.compile(r"^xl/pivotTables/"), "pivottabeller"),
    (re.compile(r"^xl/slicers/"), "slicere"),
    (re.compile(r"^xl/timelines/"), "tidslinjer"),
    (re.compile(r"^xl/ctrlProps/"), "skjemakontroller"),
    (re.compile(r"^xl/embeddings/"), "innebygde objekter"),
)
_SHAPE = re.compile(rb"<(?:\w+:)?sp[ >]")
_X14_VALIDATION = re.compile(rb"<(?:\w+:)?dataValidations[^>]*>", re.ASCII)
_X14_PREFIX = re.compile(rb"x14:dataValidation")


def droppable_parts(path: Path) -> list[str]:
    """Norwegian names of what openpyxl would lose if it saved `path`."""
    found: list[str] = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            for pattern, label in _DROPPED_PARTS:
                if pattern.search(name) and label not in found:
                    found.append(label)
            if name.startswith("xl/drawings/") and name.endswith(".xml") and "vml" not in name:
                if _SHAPE.search(zf.read(name)) and "figurer og tekstbokser" not in found:
                    found.append("figurer og tekstbokser")
            elif (
                name.startswith("xl/worksheets/sheet")
                and _X14_PREFIX.search(zf.read(name))
                and "nedtrekkslister som peker til andre ark (utvidet datavalidering)" not in found
            ):
                found.append("nedtrekkslister som peker til andre ark (utvidet datavalidering)")
    return found


_MACROS = re.compile(r"^xl/vbaProject\.bin$", re.IGNORECASE)


def macro_note(path: Path) -> str | None:
    """A Norwegian notice when the workbook holds macros: they are never run, only values are read."""
    try:
        with zipfile.ZipFile(path) as zf:
            found = any(_MACROS.match(name) for name in zf.namelist())
    except (*_ZIP_ERRORS, OSError):
        return None
    if not found:
        return None
    return (
        f"Merk: {_describe(path)} inneholder makroer (VBA). De er ikke kjørt: verktøyet leser bare "
        "verdiene i cellene."
    )


def lock_file(path: Path) -> Path:
    """The owner file Excel keeps next to a workbook while it is open."""
    return path.with_name("~$" + path.name)


def check_writable(path: Path) -> None:
    """Refuse to overwrite a file that is open in Excel or read-only."""
    if lock_file(path).exists():
        raise WriteRefused(
            f"{_describe(path)} ser ut til å være åpen i Excel (fant «{lock_file(path).name}»). "
            "Lukk den i Excel og prøv igjen."
        )
    if path.is_dir():
        raise WriteRefused(f"{_describe(path)} er en mappe. Oppgi et filnavn.")
    if path.exists() and not _writable(path):
        raise WriteRefused(f"{_describe(path)} er skrivebeskyttet. Fjern skrivebeskyttelsen og prøv igjen.")
    if not path.parent.exists():
        raise WriteRefused(f"Mappen «{path.parent}» finnes ikke.")


def _writable(path: Path) -> bool:
    """Writable by us and not marked read-only (the mode bits count even for an administrator)."""
    mode = path.stat().st_mode
    return os.access(path, os.W_OK) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def backup_name(path: Path) -> Path:
    """«<name>.backup<suffix>» next to `path`, numbered when a file of that name is already there."""
    candidate = path.with_name(f"{path.stem}.backup{path.suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.backup-{number}{path.suffix}")
        number += 1
    return candidate


@contextlib.contextmanager
def atomic_target(path: Path, *, keep_backup: bool = True) -> Iterator[Path]:
    """Yield a temporary path in `path`'s folder; on success it replaces `path`.

    While the write runs, the original is kept as «<name>.backup<suffix>» next
    to it (never over a file of the user's); the backup is removed once the new
    file is in place. On any error, also an interruption, the temporary file and
    the backup are removed and the original is left as it was.
    """
    check_writable(path)
    had_original = path.exists()
    backup = backup_name(path) if had_original and keep_backup else None
    tmp: Path | None = None
    try:
        if backup is not None:
            shutil.copy2(path, backup)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix + ".tmp", dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        yield tmp
        mode = path.stat().st_mode & 0o777 if had_original else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        tmp = None
    except PermissionError as exc:
        raise WriteRefused(
            f"Kan ikke skrive {_describe(path)}: filen er låst eller skrivebeskyttet. Lukk den og prøv igjen."
        ) from exc
    except OSError as exc:
        raise WriteRefused(
            f"Kan ikke skrive {_describe(path)} ({exc.strerror or _short(exc)}). Ingenting er endret."
        ) from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        if backup is not None:
            backup.unlink(missing_ok=True)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def save_atomic(book: OpenpyxlWorkbook, path: Path) -> None:
    with atomic_target(path) as tmp:
        book.save(tmp)


def write_bytes_atomic(data: bytes, path: Path) -> None:
    with atomic_target(path) as tmp:
        tmp.write_bytes(data)


def load_for_writing(path: Path) -> OpenpyxlWorkbook:
    """Open `path` with openpyxl, refusing when saving would drop parts of it."""
    from openpyxl import load_workbook  # noqa: PLC0415

    check_readable(path)
    lost = droppable_parts(path)
    if lost:
        raise WriteRefused(
            f"{_describe(path)} inneholder {', '.join(lost)}, som ville gått tapt om filen ble "
            "lagret her. Ingenting er endret. Kjør handlingen fra Excel-tillegget i stedet, eller "
            "fjern disse delene fra en kopi."
        )
    try:
        return load_workbook(path, rich_text=True)
    except Exception as exc:
        raise FileProblem(f"{_describe(path)} kan ikke åpnes for skriving ({_short(exc)}).") from exc


def apply_plan_to_file(path: Path, plan: Any, out: Path | None = None) -> Path:
    """Apply a WritePlan to the workbook at `path`, saving atomically to `out` (default: `path`)."""
    from .openpyxl_writer import apply_plan  # noqa: PLC0415

    target = out or path
    book = load_for_writing(path)
    apply_plan(book, plan)
    save_atomic(book, target)
    return target
