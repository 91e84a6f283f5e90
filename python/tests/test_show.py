"""Image._repr_png_ and gips.show: the PNG bytes decoded (by OpenCV, and by
a zlib decoder written here) and compared with the expected pictures: the
image min-max scaled to uint8, a volume's three orthogonal middle slices
side by side, labels in distinct colours with 0 black."""

import struct
import zlib

import numpy as np
import pytest

import gips

cv2 = pytest.importorskip("cv2")
GAP = 2  # black columns between the panels of a volume (documented)


def decode_cv2(png):
    bgr = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_UNCHANGED)
    assert bgr is not None, "OpenCV cannot decode the PNG"
    return bgr[..., ::-1] if bgr.ndim == 3 else bgr


def decode_zlib(png):
    """A minimal PNG reader (8-bit RGB, any of the five filters), with CRCs checked."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    i, idat, ihdr = 8, b"", None
    while i < len(png):
        n, = struct.unpack(">I", png[i:i + 4])
        kind, data = png[i + 4:i + 8], png[i + 8:i + 8 + n]
        assert struct.unpack(">I", png[i + 8 + n:i + 12 + n])[0] == zlib.crc32(kind + data) & 0xFFFFFFFF
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", data)
        elif kind == b"IDAT":
            idat += data
        i += 12 + n
    w, h, depth, ctype = ihdr[:4]
    assert (depth, ctype) == (8, 2)
    raw = zlib.decompress(idat)
    stride = 3 * w
    out = np.zeros((h, stride), np.int32)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = np.frombuffer(raw, np.uint8, stride, y * (stride + 1) + 1).astype(np.int32)
        prev = out[y - 1] if y else np.zeros(stride, np.int32)
        cur = np.zeros(stride, np.int32)
        for x in range(stride):
            a = cur[x - 3] if x >= 3 else 0
            b = prev[x]
            c = prev[x - 3] if x >= 3 else 0
            if f == 0:
                p = 0
            elif f == 1:
                p = a
            elif f == 2:
                p = b
            elif f == 3:
                p = (a + b) // 2
            else:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                p = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            cur[x] = (line[x] + p) & 0xFF
        out[y] = cur
    return out.astype(np.uint8).reshape(h, w, 3)


def scaled(s):
    s = s.astype(np.float64)
    lo, hi = s.min(), s.max()
    return np.floor((s - lo) * 255.0 / (hi - lo) + 0.5).astype(np.uint8)


def test_2d_image_scaled():
    rng = np.random.default_rng(0)
    a = rng.normal(100, 30, (13, 17)).astype(np.float32)
    img = gips.fromArray(a)
    png = img._repr_png_()
    want = np.repeat(scaled(a)[..., None], 3, -1)
    np.testing.assert_array_equal(decode_cv2(png), want)
    np.testing.assert_array_equal(decode_zlib(png), want)
    np.testing.assert_array_equal(decode_cv2(gips.show(a)._repr_png_()), want)


def test_volume_three_middle_slices():
    rng = np.random.default_rng(1)
    a = rng.integers(0, 4000, (7, 9, 11)).astype(np.uint16)
    got = decode_cv2(gips.show(gips.fromArray(a))._repr_png_())
    panels = [a[3], a[:, 4, :], a[:, :, 5]]  # (y, x), (z, x), (z, y)
    assert got.shape == (9, 11 + 11 + 9 + 2 * GAP, 3)  # widths X, X, Y; height max(Y, Z)
    x = 0
    for p in panels:
        h, w = p.shape
        np.testing.assert_array_equal(got[:h, x:x + w, 0], scaled(p))
        np.testing.assert_array_equal(got[:h, x:x + w], np.repeat(scaled(p)[..., None], 3, -1))
        assert (got[h:, x:x + w] == 0).all()
        x += w
        if x < got.shape[1]:
            assert (got[:, x:x + GAP] == 0).all()
            x += GAP
    np.testing.assert_array_equal(decode_zlib(gips.fromArray(a)._repr_png_()), got)


def test_labels_in_distinct_colours():
    lab = np.zeros((20, 30), np.uint16)
    for k in range(1, 51):
        lab.flat[k * 11] = k
    lab[19:, 25:] = 7  # a label of several pixels (clear of the others)
    got = decode_cv2(gips.fromLabelArray(lab)._repr_png_())
    assert (got[lab == 0] == 0).all()
    colours = {}
    for k in range(1, 51):
        c = {tuple(v) for v in got[lab == k]}
        assert len(c) == 1, f"label {k} in several colours"
        c = c.pop()
        assert c != (0, 0, 0)
        colours[k] = c
    assert len(set(colours.values())) == 50, "two labels share a colour"


def test_rgb_image_in_colour():
    a = np.zeros((3, 4, 5), np.uint8)
    a[0, :, :2], a[1, 1, :], a[2, 3, 4] = 200, 100, 50
    got = decode_cv2(gips.fromRgbArray(a)._repr_png_())
    want = np.stack([scaled(a[i]) for i in range(3)], -1)
    np.testing.assert_array_equal(got, want)


def test_constant_and_bad_inputs():
    got = decode_cv2(gips.show(np.full((3, 4), 7, np.int16))._repr_png_())
    assert got.shape == (3, 4, 3) and (got == 0).all()
    with pytest.raises(ValueError, match="shape"):
        gips.show(np.zeros(5))
