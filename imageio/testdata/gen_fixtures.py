#!/usr/bin/python3
"""Write the imageio test fixtures with the reference writers.

Run from the repository root with Debian's Python (numpy, tifffile, PIL with
libtiff, cv2):

    /usr/bin/python3 imageio/testdata/gen_fixtures.py

Each fixture F gets F.expect.npy: the array as the reference *reader* gives it
(tifffile, PIL/libtiff for LZW, cv2 for PNG, numpy for .npy), rearranged into
gips order (T, C, Z, Y, X with absent axes dropped), C-contiguous and native.
manifest.json records, per fixture, the axes of that array, the colour model
and the calibration the reference reads from the tags and ImageJ metadata.
The Go tests compare against these files only; nothing here comes from gips.
"""
import json
import os
import zipfile

import cv2
import numpy as np
import tifffile
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(20261125)
manifest = {}


def rand(dtype, shape):
    dt = np.dtype(dtype).newbyteorder("=")
    if dt.kind == "b":
        return rng.integers(0, 2, shape).astype(bool)
    if dt.kind == "f":
        return (rng.standard_normal(shape) * 1000).astype(dt)
    info = np.iinfo(dt)
    return rng.integers(info.min, info.max, shape, dtype=dt, endpoint=True)


def gips_order(arr, axes):
    """Rearrange a reference array with tifffile axes into gips order."""
    # Generic page axes (Q, I) are z; samples (S) are the colour channel.
    axes = axes.replace("Q", "Z").replace("I", "Z").replace("S", "C")
    want = [a for a in "TCZYX" if a in axes]
    if sorted(want) != sorted(axes):
        raise ValueError(f"axes {axes}")
    arr = np.transpose(arr, [axes.index(a) for a in want])
    return np.ascontiguousarray(arr).astype(arr.dtype.newbyteorder("=")), "".join(want)


def record(name, arr, axes, color="grey", cal=None, reader="tifffile"):
    arr, gaxes = gips_order(arr, axes)
    np.save(os.path.join(OUT, name + ".expect.npy"), arr)
    manifest[name] = {
        "axes": gaxes,
        "shape": list(arr.shape),
        "dtype": arr.dtype.str,
        "color": color,
        "cal": cal,
        "reader": reader,
    }


def tiff_cal(path):
    """Calibration as tifffile reads it: 1/resolution, ImageJ spacing and unit."""
    with tifffile.TiffFile(path) as t:
        p = t.pages[0]
        cal = {"x": 1.0, "y": 1.0, "z": 1.0, "unit": ""}
        tags = p.tags
        if "XResolution" in tags:
            n, d = tags["XResolution"].value
            cal["x"] = d / n
        if "YResolution" in tags:
            n, d = tags["YResolution"].value
            cal["y"] = d / n
        ij = t.imagej_metadata or {}
        if "spacing" in ij:
            cal["z"] = float(ij["spacing"])
        if "unit" in ij:
            cal["unit"] = str(ij["unit"])
        return cal


def tif(name, data, color="grey", **kw):
    path = os.path.join(OUT, name + ".tif")
    if color != "rgb" and data.dtype != bool:
        # Without it tifffile reads a leading axis of 3 or 4 as samples.
        kw.setdefault("photometric", "minisblack")
    tifffile.imwrite(path, data, **kw)
    with tifffile.TiffFile(path) as t:
        s = t.series[0]
        arr, axes = s.asarray(), s.axes
    record(name, arr, axes, color, tiff_cal(path))


# Every dtype, a 4-page stack (3 pages would read as planar RGB), little-endian, uncompressed.
for dt in ["u1", "u2", "u4", "i1", "i2", "i4", "f4", "f8"]:
    tif("dtype_" + dt, rand(dt, (4, 13, 17)))
# Big-endian files.
for dt in ["u2", "i4", "f8"]:
    tif("be_" + dt, rand(dt, (2, 13, 17)), byteorder=">")
# Compression: deflate under both codes, with and without predictor.
tif("adobe_deflate_u2", rand("u2", (2, 13, 17)), compression="adobe_deflate")
tif("deflate_i2", rand("i2", (2, 13, 17)), compression="deflate")
tif("zlib_pred_u1", rand("u1", (2, 13, 17)), compression="zlib", predictor=True)
tif("zlib_pred_u2", rand("u2", (2, 13, 17)), compression="zlib", predictor=True)
tif("zlib_pred_i4", rand("i4", (2, 13, 17)), compression="zlib", predictor=True)
tif("zlib_pred_be_i2", rand("i2", (2, 13, 17)), compression="zlib", predictor=True, byteorder=">")
tif("zlib_f8", rand("f8", (2, 13, 17)), compression="zlib")
# Several strips per page.
tif("strips_u1", rand("u1", (2, 13, 17)), rowsperstrip=4)
tif("strips_zlib_pred_u2", rand("u2", (2, 13, 17)), rowsperstrip=5, compression="zlib", predictor=True)
# RGB, chunky and planar.
tif("rgb_chunky_u1", rand("u1", (13, 17, 3)), color="rgb", photometric="rgb")
tif("rgb_chunky_u2_stack", rand("u2", (2, 13, 17, 3)), color="rgb", photometric="rgb")
tif("rgb_planar_u1", rand("u1", (3, 13, 17)), color="rgb", photometric="rgb", planarconfig="separate")
tif("rgb_planar_f4_zlib", rand("f4", (2, 3, 13, 17)), color="rgb", photometric="rgb",
    planarconfig="separate", compression="zlib")
tif("rgb_chunky_pred_u2", rand("u2", (13, 17, 3)), color="rgb", photometric="rgb",
    compression="zlib", predictor=True)
# Tiles, with partial tiles at the right and bottom edges.
tif("tiled_u2", rand("u2", (2, 35, 40)), tile=(16, 16))
tif("tiled_zlib_pred_i2", rand("i2", (35, 40)), tile=(16, 16), compression="zlib", predictor=True)
tif("tiled_rgb_u1", rand("u1", (35, 40, 3)), color="rgb", photometric="rgb", tile=(16, 16))
tif("tiled_planar_u1", rand("u1", (3, 35, 40)), color="rgb", photometric="rgb",
    planarconfig="separate", tile=(16, 16), compression="zlib")
# BigTIFF.
tif("bigtiff_u2", rand("u2", (4, 13, 17)), bigtiff=True)
tif("bigtiff_zlib_f4_be", rand("f4", (2, 13, 17)), bigtiff=True, compression="zlib", byteorder=">")
# Bilevel (1 bit per pixel), read as raw bits (tifffile does not invert
# MinIsWhite).
tif("bilevel", rand("b1", (13, 17)))
tif("bilevel_stack", rand("b1", (2, 13, 19)))
# ImageJ hyperstacks with calibration.
tif("ij_tzcyx_u2", rand("u2", (2, 3, 2, 13, 17)), color="multi", imagej=True,
    resolution=(1 / 0.25, 1 / 0.5), metadata={"spacing": 1.5, "unit": "um", "axes": "TZCYX"})
tif("ij_zyx_f4", rand("f4", (4, 13, 17)), imagej=True, resolution=(1 / 0.125, 1 / 0.125),
    metadata={"spacing": 2.0, "unit": "micron", "axes": "ZYX"})
tif("ij_cyx_u1", rand("u1", (3, 13, 17)), color="multi", imagej=True, metadata={"axes": "CYX"})
tif("ij_tyx_u1", rand("u1", (5, 13, 17)), imagej=True, metadata={"axes": "TYX"})
tif("ij_rgb_zyxs_u1", rand("u1", (2, 13, 17, 3)), color="rgb", imagej=True, photometric="rgb",
    metadata={"axes": "ZYXS"})


# LZW and PackBits, which tifffile cannot write without imagecodecs: PIL's
# libtiff writes them and reads them back as the reference.
def pil(name, arr, mode=None, color="grey", **kw):
    path = os.path.join(OUT, name + ".tif")
    Image.fromarray(arr, mode).save(path, **kw)
    got = np.asarray(Image.open(path))
    if got.dtype == bool:
        got = got != 0  # PIL's bool arrays hold 0xff bytes
    axes = "YXS" if got.ndim == 3 else "YX"
    record(name, got, axes, color, tiff_cal(path), reader="PIL")


pil("lzw_u1", rand("u1", (13, 17)), compression="tiff_lzw")
pil("lzw_u2", rand("u2", (13, 17)), compression="tiff_lzw")
pil("lzw_rgb_u1", rand("u1", (13, 17, 3)), color="rgb", compression="tiff_lzw")
pil("lzw_f4", rand("f4", (13, 17)), compression="tiff_lzw")
pil("packbits_u1", (rand("u1", (13, 17)) // 64 * 64).astype("u1"), compression="packbits")
pil("packbits_bilevel", rand("b1", (13, 17)), compression="packbits")

# .npy: every dtype, both byte orders, C and Fortran order.
for dt in ["|b1", "|u1", "|i1", "<u2", ">u2", "<i2", ">i2", "<u4", ">u4", "<i4", ">i4",
           "<f4", ">f4", "<f8", ">f8"]:
    for order in "CF":
        a = rand(dt, (3, 5, 7)).astype(dt)
        name = "npy_%s%s_%s" % ({"|": "", "<": "le_", ">": "be_"}[dt[0]], dt[1:], order)
        np.save(os.path.join(OUT, name + ".npy"), np.asarray(a, order=order))
        b = np.load(os.path.join(OUT, name + ".npy"))
        record(name, b, "ZYX", reader="numpy")
a2 = rand("<u2", (5, 7))
np.save(os.path.join(OUT, "npy_2d_u2.npy"), a2)
record("npy_2d_u2", np.load(os.path.join(OUT, "npy_2d_u2.npy")), "YX", reader="numpy")
# .npz, stored and deflated: the first array is the image.
for name, fn in [("npz_stored", np.savez), ("npz_deflated", np.savez_compressed)]:
    a = rand("<i2", (2, 5, 7))
    fn(os.path.join(OUT, name + ".npz"), image=a, other=np.arange(3))
    with np.load(os.path.join(OUT, name + ".npz")) as z:
        record(name, z["image"], "ZYX", reader="numpy")

# PNG, read back by cv2 (BGR on both sides for colour).
for name, arr, color in [("png_u1", rand("u1", (13, 17)), "grey"),
                         ("png_u2", rand("u2", (13, 17)), "grey"),
                         ("png_rgb_u1", rand("u1", (13, 17, 3)), "rgb"),
                         ("png_rgb_u2", rand("u2", (13, 17, 3)), "rgb")]:
    path = os.path.join(OUT, name + ".png")
    cv2.imwrite(path, arr)
    got = cv2.imread(path, cv2.IMREAD_UNCHANGED)
    if got.ndim == 3:
        got = got[..., ::-1]  # BGR -> RGB
    record(name, got, "YXS" if got.ndim == 3 else "YX", color, reader="cv2")

# Pages at uneven offsets (each page its own series, descriptions of
# different lengths between them): the reference is every page, stacked.
path = os.path.join(OUT, "uneven_pages_u2.tif")
with tifffile.TiffWriter(path) as w:
    for k, page in enumerate(rand("u2", (3, 13, 17))):
        w.write(page, contiguous=False, photometric="minisblack", description="x" * (40 * k + 1), metadata=None)
with tifffile.TiffFile(path) as t:
    record("uneven_pages_u2", np.stack([p.asarray() for p in t.pages]), "ZYX", cal=tiff_cal(path))

# ImageJ's layout past 4 GiB: one IFD, images= pages back to back. Made by
# cutting the IFD chain of a contiguous tifffile hyperstack after page 0.
path = os.path.join(OUT, "ij_one_ifd_u2.tif")
tifffile.imwrite(path, rand("u2", (2, 3, 13, 17)), imagej=True, metadata={"axes": "TZYX", "spacing": 0.5, "unit": "um"})
with open(path, "r+b") as f:
    import struct
    ifd0 = struct.unpack("<I", f.read(8)[4:])[0]
    f.seek(ifd0)
    n = struct.unpack("<H", f.read(2))[0]
    f.seek(ifd0 + 2 + 12 * n)
    f.write(struct.pack("<I", 0))
with tifffile.TiffFile(path) as t:
    assert len(t.pages) == 1
    s = t.series[0]
    record("ij_one_ifd_u2", s.asarray(), s.axes, cal=tiff_cal(path))


# Floating-point predictor (3), which tifffile cannot encode or decode
# without imagecodecs: encoded here from Adobe's TIFF Technical Note 3
# (bytes of each row split by significance, most significant first, then
# byte differences) into a minimal hand-written TIFF. The reference is the
# array that was encoded.
def fp_predictor_tiff(name, arr, order):
    import struct
    import zlib
    h, w = arr.shape
    isz = arr.dtype.itemsize
    rows = []
    for r in arr:
        b = r.astype(">f%d" % isz).view(np.uint8).reshape(w, isz).T.reshape(-1)
        d = b.copy()
        d[1:] = b[1:] - b[:-1]
        rows.append(d.tobytes())
    strip = zlib.compress(b"".join(rows))
    e = "<" if order == "II" else ">"
    tags = [(256, 4, w), (257, 4, h), (258, 3, 8 * isz), (259, 3, 8), (262, 3, 1), (273, 4, 8),
            (277, 3, 1), (278, 4, h), (279, 4, len(strip)), (317, 3, 3), (339, 3, 3)]
    ifd = 8 + len(strip) + (len(strip) % 2)
    out = order.encode() + struct.pack(e + "HI", 42, ifd) + strip + b"\0" * (len(strip) % 2)
    out += struct.pack(e + "H", len(tags))
    for tag, typ, v in tags:
        val = struct.pack(e + "HH", v, 0) if typ == 3 else struct.pack(e + "I", v)
        out += struct.pack(e + "HHI", tag, typ, 1) + val
    out += struct.pack(e + "I", 0)
    with open(os.path.join(OUT, name + ".tif"), "wb") as f:
        f.write(out)
    record(name, arr, "YX", reader="numpy (encoded per TN3)")


fp_predictor_tiff("fpred_f4", rand("f4", (13, 17)), "II")
fp_predictor_tiff("fpred_f8_be", rand("f8", (13, 17)), "MM")

with open(os.path.join(HERE, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=1, sort_keys=True)
    f.write("\n")
print(len(manifest), "fixtures in", OUT)
