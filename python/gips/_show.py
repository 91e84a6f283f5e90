"""Seeing images: Image._repr_png_ (Jupyter shows it) and gips.show(a).

A 2D image is drawn as itself, min-max scaled to 0..255 (a constant image
is black); a volume as its three orthogonal middle slices side by side,
(y, x) at z = Z//2, then (z, x) at y = Y//2, then (z, y) at x = X//2 (each
slice scaled on its own, the panels separated by 2 black columns and
aligned at the top); an RGB image in colour (each channel scaled on its
own); a label image (buffer types Label8/16/32) in distinct colours, 0
black. Multi-channel images and sequences show their first channel and
frame. The PNG is written with zlib and struct only.
"""

import struct
import zlib

import numpy as np

from ._image import Image

__all__ = ["show", "PNG", "toPNG"]

_GAP = 2


def _scale(a):
    """a min-max scaled to uint8 (round half up); NaNs are 0."""
    a = np.asarray(a, np.float64)
    ok = np.isfinite(a)
    if not ok.any():
        return np.zeros(a.shape, np.uint8)
    lo, hi = a[ok].min(), a[ok].max()
    out = np.zeros(a.shape, np.uint8)
    if hi > lo:
        out[ok] = np.floor((a[ok] - lo) * (255.0 / (hi - lo)) + 0.5).astype(np.uint8)
    return out


def labelColours(labels):
    """An (..., 3) uint8 RGB image of a label array: 0 black, every other
    label a bright colour from a hash of its value (neighbouring labels
    differ)."""
    v = np.asarray(labels).astype(np.uint64)
    h = v * np.uint64(2654435761) & np.uint64(0xFFFFFFFF)
    rgb = np.stack([(h >> np.uint64(s)) & np.uint64(0xFF) for s in (0, 8, 16)], -1).astype(np.uint8)
    rgb |= np.uint8(0x40)  # never black, never dark
    rgb[v == 0] = 0
    return rgb


def _slices(a):
    """The three orthogonal middle slices of a (Z, Y, X[, 3]) array."""
    z, y, x = a.shape[0] // 2, a.shape[1] // 2, a.shape[2] // 2
    return [a[z], a[:, y], a[:, :, x]]


def _side(panels):
    """The panels (H, W, 3) side by side, top-aligned, 2 black columns apart."""
    h = max(p.shape[0] for p in panels)
    w = sum(p.shape[1] for p in panels) + _GAP * (len(panels) - 1)
    out = np.zeros((h, w, 3), np.uint8)
    x = 0
    for p in panels:
        out[:p.shape[0], x:x + p.shape[1]] = p
        x += p.shape[1] + _GAP
    return out


def _grey3(s):
    return np.repeat(s[..., None], 3, -1)


def render(x):
    """The (H, W, 3) uint8 picture of an image or array (see the module)."""
    label = False
    if isinstance(x, Image):
        g = x.geometry
        label = g.bufferType.shortName.startswith("Label")
        a = x.array if x._array is not None else np.stack(x.planeArrays()).reshape(x.shape)
        a = a.reshape(g.sizeT, g.sizeC, g.sizeZ, g.sizeY, g.sizeX)[0]
        if g.colorModel == "rgb":
            a = np.moveaxis(a, 0, -1)  # (Z, Y, X, 3)
            vol = g.is3D
            if not vol:
                a = a[0]
        else:
            a = a[0]
            vol = g.is3D
            if not vol:
                a = a[0]
        rgb = g.colorModel == "rgb"
    else:
        a = np.asarray(x)
        if a.dtype == bool:
            a = a.view(np.uint8)
        rgb = False
        if a.ndim not in (2, 3):
            raise ValueError(f"show: array of shape {a.shape}: want 2D (Y, X) or 3D (Z, Y, X)")
        vol = a.ndim == 3
    if label:
        f = labelColours
    elif rgb:
        f = lambda s: np.stack([_scale(s[..., i]) for i in range(3)], -1)  # noqa: E731
    else:
        f = lambda s: _grey3(_scale(s))  # noqa: E731
    if vol:
        return _side([f(s) for s in _slices(a)])
    return f(a)


def _chunk(kind, data):
    c = kind + data
    return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c) & 0xFFFFFFFF)


def toPNG(rgb):
    """PNG bytes of an (H, W, 3) uint8 array (8-bit RGB, filter 0)."""
    rgb = np.ascontiguousarray(rgb, np.uint8)
    h, w = rgb.shape[:2]
    raw = np.zeros((h, 1 + 3 * w), np.uint8)
    raw[:, 1:] = rgb.reshape(h, 3 * w)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + _chunk(b"IDAT", zlib.compress(raw.tobytes(), 6)) + _chunk(b"IEND", b""))


class PNG:
    """PNG bytes that Jupyter displays (``_repr_png_``); ``data`` is the
    bytes, ``bytes(p)`` too."""

    __slots__ = ("data",)

    def __init__(self, data):
        self.data = data

    def _repr_png_(self):
        return self.data

    def __bytes__(self):
        return self.data

    def save(self, path):
        with open(path, "wb") as f:
            f.write(self.data)

    def __repr__(self):
        return f"gips.PNG({len(self.data)} bytes)"


def show(x):
    """A PNG picture of an Image or a numpy array (2D, or 3D as a volume's
    three middle slices), for Jupyter: see the module gips._show."""
    return PNG(toPNG(render(x)))


Image._repr_png_ = lambda self: toPNG(render(self))
