"""The bundled 2020 example, generated from readable data (`data/innspill-2020.toml`)."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Any

from .schema import CONTACTS, DATA_SHEETS, EXAMPLES, INPUTS, SETTINGS, TableSheet
from .template import Content, Value, default_content, write_workbook

EXAMPLE_DATA = "innspill-2020.toml"
#: TOML section -> data sheet
_SECTIONS: dict[str, TableSheet] = {"kontakter": CONTACTS, "innspill": INPUTS, "eksempler": EXAMPLES}


def example_data() -> dict[str, Any]:
    text = files("xl_addin").joinpath("data", EXAMPLE_DATA).read_text(encoding="utf-8")
    return tomllib.loads(text)


def example_content() -> Content:
    """The example as workbook content, with IDs filled in (K001, I001, E001 …)."""
    data = example_data()
    content = default_content()
    known = {f.name for f in SETTINGS.fields}
    for key, value in data["oppsett"].items():
        if key not in known:
            raise KeyError(f"unknown setting {key!r} in {EXAMPLE_DATA}")
        content.settings[key] = value
    content.texts = {k: str(v) for k, v in data.get("tekster", {}).items() if v}
    for section, spec in _SECTIONS.items():
        rows: list[dict[str, Value]] = []
        headers = {c.header for c in spec.columns}
        id_column = spec.columns[0]
        for i, row in enumerate(data.get(section, []), start=1):
            unknown = set(row) - headers
            if unknown:
                raise KeyError(f"unknown columns {sorted(unknown)} in [[{section}]] of {EXAMPLE_DATA}")
            record: dict[str, Value] = dict(row)
            record.setdefault(id_column.header, f"{id_column.id_prefix}{i:03d}")
            rows.append(record)
        content.rows[spec.name] = rows
    assert set(content.rows) == {s.name for s in DATA_SHEETS}
    return content


def write_example(path: Path) -> Path:
    return write_workbook(path, example_content())
