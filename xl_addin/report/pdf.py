"""The report as PDF, through LibreOffice headless when it is installed.

LibreOffice runs with a private, throw-away profile (so it neither disturbs
nor waits for a LibreOffice the user has open) and a time limit. The PDF is
written atomically next to the .docx.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..engines.files import write_bytes_atomic
from ..errors import InnspillError

#: Seconds LibreOffice may take to convert one report.
TIMEOUT = 180
#: A tagged PDF (headings, lists and tables marked up for screen readers; LibreOffice 7.4+).
PDF_FILTER = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
_NAMES = ("soffice", "libreoffice")
_WINDOWS_PLACES = (
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "LibreOffice" / "program" / "soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"))
    / "LibreOffice"
    / "program"
    / "soffice.exe",
)


class PdfProblem(InnspillError):
    """The PDF cannot be made (LibreOffice missing, failing or too slow)."""


def find_soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((str(p) for p in _WINDOWS_PLACES if p.is_file()), None)


def require_soffice() -> str:
    found = find_soffice()
    if found is None:
        raise PdfProblem(
            "Fant ikke LibreOffice, som trengs for å lage PDF. Installer LibreOffice, eller åpne "
            "Word-filen og velg Fil > Lagre som > PDF. Word-filen er ikke laget; kjør kommandoen "
            "uten --pdf for å få den."
        )
    return found


def convert_to_pdf(docx: Path, pdf: Path, *, soffice: str | None = None, timeout: int | None = None) -> Path:
    """Convert `docx` to `pdf` with LibreOffice; raises PdfProblem with a Norwegian message."""
    program = soffice or require_soffice()
    timeout = timeout or TIMEOUT
    with tempfile.TemporaryDirectory(prefix="innspill-pdf-") as work:
        folder = Path(work)
        profile = (folder / "profil").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(folder),
            str(docx),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfProblem(
                f"LibreOffice brukte mer enn {timeout} sekunder på å lage PDF av «{docx.name}» og ble "
                "stoppet. Word-filen er laget; lag PDF-en fra Word (Fil > Lagre som > PDF)."
            ) from exc
        except OSError as exc:
            raise PdfProblem(f"LibreOffice kunne ikke startes ({exc.strerror}).") from exc
        made = folder / f"{docx.stem}.pdf"
        if not made.is_file():
            raise PdfProblem(
                f"LibreOffice laget ingen PDF av «{docx.name}». Word-filen er laget; lag PDF-en fra "
                "Word (Fil > Lagre som > PDF)."
            )
        write_bytes_atomic(made.read_bytes(), pdf)
    return pdf
