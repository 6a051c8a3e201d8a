"""The I/O floor: read every sheet with python-calamine, write a .docx of N paragraphs in one lxml pass.

No validation, no counting, no styles: the least any tool must do to turn the
workbook into a Word file. `run.py` times this as a whole process.

    python -m benchmarks.floor WORKBOOK.xlsx OUT.docx
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from lxml import etree
from python_calamine import CalamineWorkbook

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def floor(workbook: Path, out: Path) -> int:
    book = CalamineWorkbook.from_path(str(workbook))
    texts: list[str] = []
    for name in book.sheet_names:
        for row in book.get_sheet_by_name(name).to_python():
            texts.append(" ".join(str(v) for v in row if v != ""))
    document = etree.Element(f"{{{W}}}document", nsmap={"w": W})
    body = etree.SubElement(document, f"{{{W}}}body")
    for text in texts:
        p = etree.SubElement(body, f"{{{W}}}p")
        r = etree.SubElement(p, f"{{{W}}}r")
        etree.SubElement(r, f"{{{W}}}t").text = text
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", etree.tostring(document, xml_declaration=True, encoding="UTF-8"))
    return len(texts)


if __name__ == "__main__":
    print(floor(Path(sys.argv[1]), Path(sys.argv[2])))
