"""Fixtures for the report tests: workbooks built from the example's content, reports as parts."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from xl_addin.engines.files import FileSource
from xl_addin.example import example_content
from xl_addin.model import Workbook
from xl_addin.reading import read_workbook
from xl_addin.report import build_report
from xl_addin.template import Content, write_workbook

#: The date the tests' reports are made on.
TODAY = dt.date(2020, 6, 3)

ContentEdit = Callable[[Content], None]


def workbook_of(content: Content, folder: Path, name: str = "innspill.xlsx") -> Workbook:
    """Write `content` as a real workbook and read it back as the commands do."""
    path = write_workbook(folder / name, content)
    return read_workbook(FileSource(path))


def style_of(paragraph: Any) -> str:
    """A python-docx paragraph's style name ("" when it has none)."""
    return str(paragraph.style.name) if paragraph.style is not None else ""


def zip_parts(data: bytes) -> dict[str, str]:
    """Every part of a .docx as text (binary parts decoded leniently)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name).decode("utf-8", errors="replace") for name in zf.namelist()}


@pytest.fixture(scope="session")
def example_workbook(tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    return workbook_of(example_content(), tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="session")
def example_report(example_workbook: Workbook) -> bytes:
    return build_report(example_workbook, today=TODAY)


@pytest.fixture
def edited_report(tmp_path: Path) -> Callable[[ContentEdit], bytes]:
    """The report of the example after `edit` changed its content."""

    def make(edit: ContentEdit) -> bytes:
        content = example_content()
        edit(content)
        return build_report(workbook_of(content, tmp_path), today=TODAY)

    return make
