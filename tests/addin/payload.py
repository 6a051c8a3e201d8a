"""Calling the add-in's scripts like the Office.js client, and reading what they send back.

The request bodies come from `xl_addin.server.payload.book_payload` (the JSON
the client's `getBookData` builds from a workbook); these helpers post them
and pick the replies apart.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

import xlwings

from xl_addin.server.payload import book_payload

__all__ = [
    "Action",
    "block_of",
    "book_payload",
    "call_script",
    "funcs",
    "only",
    "remote_book",
    "sheet_position",
    "shown",
    "table_rows",
]


# --- calling the scripts ----------------------------------------------------------------

Action = dict[str, Any]


def call_script(
    client: Any, script: str, payload: dict[str, Any], args: list[object] | None = None
) -> list[Action]:
    """POST the payload to a script like the client does; the actions to replay."""
    body = dict(payload)
    if args is not None:
        body["args"] = args
    response = client.post(f"/xlwings/custom-scripts-call/{script}", json=body)
    assert response.status_code == 200, response.text
    actions: list[Action] = response.json()["actions"]
    return actions


def funcs(actions: Sequence[Action]) -> list[str]:
    return [a["func"] for a in actions]


def only(actions: Sequence[Action], func: str) -> list[Action]:
    return [a for a in actions if a["func"] == func]


def sheet_position(payload: dict[str, Any], name: str) -> int:
    return [s["name"] for s in payload["sheets"]].index(name)


def block_of(actions: Sequence[Action], position: int) -> list[list[object]]:
    """The one block of values written to the sheet at `position` from A1."""
    blocks = [
        a["values"]
        for a in only(actions, "setValues")
        if a["sheet_position"] == position and (a["start_row"], a["start_column"]) == (0, 0)
    ]
    assert len(blocks) == 1, f"expected one block at A1 of sheet {position}, got {len(blocks)}"
    block: list[list[object]] = blocks[0]
    return block


def shown(value: object) -> object:
    """What Excel shows for a value sent with a quote prefix."""
    return value[1:] if isinstance(value, str) and value.startswith("'") else value


def table_rows(block: list[list[object]], first_header: str) -> tuple[list[object], list[list[object]]]:
    """The header and rows of the table whose header row starts with `first_header`."""
    top = next(i for i, row in enumerate(block) if shown(row[0]) == first_header)
    header = [shown(v) for v in block[top]]
    width = len([h for h in header if h != ""])
    rows: list[list[object]] = []
    for row in block[top + 1 :]:
        if all(v == "" for v in row[:width]):
            break
        rows.append(row[:width])
    return header[:width], rows


def remote_book(payload: dict[str, Any]) -> Any:
    """The book xlwings Server builds from a payload (`xw.Book(json=...)`, the remote engine)."""
    return xlwings.Book(json=copy.deepcopy(payload))
