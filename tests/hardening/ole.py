"""A minimal but valid OLE compound file (the container of old `.xls` files), built by code.

One `Workbook` stream holding a BIFF8 beginning-of-file and end-of-file
record, the way Excel 97-2003 starts every `.xls`: enough for `olefile` and
msoffcrypto-tool to recognise it as an unencrypted Excel 97 workbook.
"""

from __future__ import annotations

import struct

SECTOR = 512
FREE = 0xFFFFFFFF
END_OF_CHAIN = 0xFFFFFFFE
FAT_SECTOR = 0xFFFFFFFD
NO_STREAM = 0xFFFFFFFF
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Streams below this size live in the mini stream; ours is exactly this size, so it does not.
MINI_CUTOFF = 4096

_BOF = 0x0809
_EOF = 0x000A


def biff_record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def workbook_stream() -> bytes:
    """BOF (BIFF8, workbook globals) + EOF, padded to the mini-stream cutoff."""
    bof = struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0x000080C9, 0x00000206)
    data = biff_record(_BOF, bof) + biff_record(_EOF)
    return data + b"\x00" * (MINI_CUTOFF - len(data))


def _directory_entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB", len(encoded), kind, 1)  # 1 = black in the red-black tree
        + struct.pack("<III", NO_STREAM, NO_STREAM, child)
        + b"\x00" * 16  # CLSID
        + struct.pack("<IQQ", 0, 0, 0)  # state bits, created, modified
        + struct.pack("<IQ", start, size)
    )


def _header(fat_sector: int, directory_sector: int) -> bytes:
    head = (
        OLE_MAGIC
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)  # v3, little-endian, 512/64-byte sectors
        + b"\x00" * 6
        + struct.pack("<IIIII", 0, 1, directory_sector, 0, MINI_CUTOFF)
        + struct.pack("<IIII", END_OF_CHAIN, 0, END_OF_CHAIN, 0)  # no mini FAT, no extra DIFAT
    )
    difat = struct.pack("<I", fat_sector) + struct.pack("<I", FREE) * 108
    return head + difat


def xls_bytes() -> bytes:
    """An Excel 97-2003 `.xls` file: header, FAT, directory and the workbook stream."""
    stream = workbook_stream()
    stream_sectors = len(stream) // SECTOR
    fat = [FAT_SECTOR, END_OF_CHAIN]  # sector 0: the FAT, sector 1: the directory
    first = len(fat)
    fat += [first + i + 1 for i in range(stream_sectors - 1)] + [END_OF_CHAIN]
    fat += [FREE] * (SECTOR // 4 - len(fat))
    directory = (
        _directory_entry("Root Entry", 5, 1, END_OF_CHAIN, 0)
        + _directory_entry("Workbook", 2, NO_STREAM, first, len(stream))
        + _directory_entry("", 0, NO_STREAM, 0, 0) * 2
    )
    return _header(0, 1) + struct.pack(f"<{len(fat)}I", *fat) + directory + stream
