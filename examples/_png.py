"""Writes a PNG with numpy and zlib only, so that the examples need nothing
beyond gips and numpy to show their results."""

import struct
import zlib

import numpy as np


def savePng(path, a):
    """Saves a uint8 array: (Y, X) grey or (3, Y, X) RGB (gips' channel-first
    layout, as measure.overlay returns it)."""
    a = np.asarray(a)
    if a.ndim == 3:
        a = np.moveaxis(a, 0, -1)  # (Y, X, 3) rows for PNG
    a = np.ascontiguousarray(a, dtype=np.uint8)
    h, w = a.shape[:2]
    colour = 2 if a.ndim == 3 else 0
    raw = b"".join(b"\x00" + a[y].tobytes() for y in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, colour, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 6)))
        f.write(chunk(b"IEND", b""))
