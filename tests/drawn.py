"""Pictures drawn by code for the tests (never a downloaded photo): PNG and JPEG bytes."""

from __future__ import annotations

import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png(width: int, height: int, dpi: float | None = None, seed: int = 0) -> bytes:
    """A checkered RGB PNG of ``width`` × ``height`` pixels, stating ``dpi`` when given."""
    rows = []
    for y in range(height):
        row = bytearray(b"\x00")
        for x in range(width):
            on = (x // 40 + y // 40 + seed) % 2
            row += bytes(
                (200 if on else 40, (y * 255) // max(1, height), (x * 255) // max(1, width))
            )
        rows.append(bytes(row))
    data = b"\x89PNG\r\n\x1a\n" + _chunk(
        b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    )
    if dpi:
        ppm = round(dpi / 0.0254)
        data += _chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))
    return data + _chunk(b"IDAT", zlib.compress(b"".join(rows))) + _chunk(b"IEND", b"")


def jpeg_header(width: int, height: int, dpi: int = 300) -> bytes:
    """The markers of a baseline JPEG (JFIF density, frame size) with an empty scan: what the
    header readers look at, not a photo to look at (rendering tests use ``png``)."""
    app0 = b"JFIF\x00\x01\x02" + struct.pack(">BHHBB", 1, dpi, dpi, 0, 0)
    sof = struct.pack(">BHHB", 8, height, width, 3) + b"\x01\x11\x00\x02\x11\x01\x03\x11\x01"
    sos = struct.pack(">B", 3) + b"\x01\x00\x02\x11\x03\x11" + b"\x00\x3f\x00"
    return (
        b"\xff\xd8"
        + b"\xff\xe0"
        + struct.pack(">H", len(app0) + 2)
        + app0
        + b"\xff\xc0"
        + struct.pack(">H", len(sof) + 2)
        + sof
        + b"\xff\xda"
        + struct.pack(">H", len(sos) + 2)
        + sos
        + b"\xff\xd9"
    )
