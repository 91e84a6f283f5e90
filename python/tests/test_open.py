"""gips.open: memory-mapped TIFF, .npy and raw files, checked against the
files' independent readers (tifffile, np.load, np.fromfile) and against
the file's bytes: the arrays are the mapping (a write into the file shows
in them, a write through them reaches the file after flush), mode "r" is
read-only, open + close without writes leaves the file byte for byte as
it was, and bad input is an error that names what is wrong."""

import gc
import os

import numpy as np
import pytest
import tifffile

import gips

DTYPES = ["<u1", "<i1", "<u2", "<i2", "<u4", "<i4", "<f4", "<f8"]
SHAPES = [(5, 7), (4, 5, 7)]


def sample(shape, dtype, seed=0):
    rng = np.random.default_rng(seed)
    dt = np.dtype(dtype)
    if dt.kind == "f":
        return rng.normal(0, 1000, shape).astype(dt)
    info = np.iinfo(dt)
    return rng.integers(info.min, info.max, shape, dtype=dt.newbyteorder("="), endpoint=True).astype(dt)


def writeTiff(path, a, **kw):
    tifffile.imwrite(path, a, photometric="minisblack", **kw)
    return path


def fileBytes(path):
    with open(path, "rb") as f:
        return f.read()


def pokeFile(path, offset, data):
    """Writes bytes into the file behind gips' back (not through the mapping)."""
    fd = os.open(path, os.O_RDWR)
    try:
        os.pwrite(fd, data, offset)
    finally:
        os.close(fd)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("fmt", ["tif", "npy"])
def test_open_equals_the_file(tmp_path, fmt, dtype, shape):
    a = sample(shape, dtype)
    p = tmp_path / ("a." + fmt)
    writeTiff(p, a) if fmt == "tif" else np.save(p, a)
    with gips.open(p) as img:
        assert img.shape == a.shape and img.array.dtype == a.dtype
        assert img.format == {"tif": "tiff", "npy": "npy"}[fmt]
        assert img.shared and img.readonly
        np.testing.assert_array_equal(img.array, a)


@pytest.mark.parametrize("fmt", ["tif", "npy"])
def test_arrays_are_the_mapping(tmp_path, fmt):
    """Two views share memory, and bytes written into the file after open
    (by another writer) are seen through them: the pixels are the file's
    pages, not a copy read at open."""
    a = sample((3, 6, 8), "<u2")
    p = tmp_path / ("a." + fmt)
    writeTiff(p, a) if fmt == "tif" else np.save(p, a)
    img = gips.open(p, "r")
    v1, v2 = img.array, img.extractPlan(1).array
    assert v1 is not v2 and np.shares_memory(v1, v2)
    assert np.shares_memory(img.planeArrays()[2], v1)
    # Where is plane 1 in the file? gips.info says, independently of open.
    off, stride = gips.info(p).planes[1]
    assert stride == 8 * 2
    pokeFile(p, off + stride * 2 + 2 * 3, np.array([54321], "<u2").tobytes())
    assert v2[2, 3] == 54321 and v1[1, 2, 3] == 54321
    assert (v1 != a).sum() == 1


@pytest.mark.parametrize("dtype", ["<u1", "<i2", "<f4", "<f8"])
def test_rplus_write_through_extractPlan_then_flush(tmp_path, dtype):
    a = sample((4, 5, 7), dtype, seed=1)
    p = writeTiff(tmp_path / "a.tif", a)
    img = gips.open(p, "r+")
    assert not img.readonly and img.array.flags.writeable
    plane = img.extractPlan(2)
    plane.array[1:3, 2:6] = 42
    img.flush()
    want = a.copy()
    want[2, 1:3, 2:6] = 42
    np.testing.assert_array_equal(tifffile.imread(p), want)
    # The image itself sees the write (one memory).
    np.testing.assert_array_equal(img.array, want)
    img.close()


@pytest.mark.parametrize("dtype", ["<u2", ">u2", ">f8", "<i4"])
@pytest.mark.parametrize("order", ["C", "F"])
def test_rplus_npy_flush_read_by_np_load(tmp_path, dtype, order):
    """Little-endian C-order files are mapped in place; big-endian and
    Fortran-order ones are copied at open and written back by flush."""
    a = np.asarray(sample((4, 5, 7), dtype, seed=2), order=order)
    p = tmp_path / "a.npy"
    np.save(p, a)
    img = gips.open(p, "r+")
    mapped = dtype[0] == "<" and order == "C"
    assert img.shared == mapped
    np.testing.assert_array_equal(img.array, a)
    img.extractPlan(3).array[0, :] = 9
    img.flush()
    want = a.copy()
    want[3, 0, :] = 9
    back = np.load(p)
    assert back.dtype == a.dtype
    np.testing.assert_array_equal(back, want)
    img.close()


def test_big_endian_and_interleaved_tiff_are_copied_and_written_back(tmp_path):
    a = sample((3, 6, 8), "<i2", seed=3)
    p = writeTiff(tmp_path / "be.tif", a, byteorder=">")
    rgb = sample((6, 8, 3), "<u1", seed=4)
    q = tmp_path / "rgb.tif"
    tifffile.imwrite(q, rgb, photometric="rgb", planarconfig="contig")
    with gips.open(p, "r+") as img:
        assert not img.shared and list(img.copiedPlanes) == [0, 1, 2]
        np.testing.assert_array_equal(img.array, a)
        img.array[1] = -5
    want = a.copy()
    want[1] = -5
    np.testing.assert_array_equal(tifffile.imread(p), want)
    with gips.open(q, "r+") as img:
        assert img.shape == (3, 6, 8)
        np.testing.assert_array_equal(img.array, np.moveaxis(rgb, 2, 0))
        img.array[2, 0, 0] = 7  # blue of pixel (0, 0)
    want = rgb.copy()
    want[0, 0, 2] = 7
    np.testing.assert_array_equal(tifffile.imread(q), want)


def test_uneven_pages_give_plane_arrays(tmp_path):
    """Pages at uneven offsets (descriptions of different lengths between
    them) have no single array; each plane is still the mapping."""
    a = sample((3, 5, 7), "<u2", seed=5)
    p = tmp_path / "uneven.tif"
    with tifffile.TiffWriter(p) as w:
        for k, page in enumerate(a):
            w.write(page, contiguous=False, photometric="minisblack", description="x" * (40 * k + 1), metadata=None)
    with gips.open(p, "r+") as img:
        assert img.shape == a.shape and img.shared
        with pytest.raises(gips.GipsError, match="planeArrays"):
            img.array
        planes = img.planeArrays()
        for z in range(3):
            np.testing.assert_array_equal(planes[z], a[z])
        img.extractPlan(2).array[:] = 1
    want = a.copy()
    want[2] = 1
    with tifffile.TiffFile(p) as t:
        np.testing.assert_array_equal(np.stack([pg.asarray() for pg in t.pages]), want)


def test_raw_with_geometry_offset_and_byte_order(tmp_path):
    a = sample((3, 5, 7), ">u2", seed=6)
    p = tmp_path / "v.raw"
    with open(p, "wb") as f:
        f.write(b"H" * 16)
        f.write(a.tobytes())
    g = gips.geometry3d(gips.UInt16, 7, 5, 3)
    with gips.open(p, "r+", geometry=g, offset=16, byteOrder="big") as img:
        assert img.format == "raw"
        np.testing.assert_array_equal(img.array, a)
        img.array[0, 0, 0] = 0x1234
    raw = np.fromfile(p, ">u2", offset=16).reshape(a.shape)
    assert raw[0, 0, 0] == 0x1234 and fileBytes(p)[:16] == b"H" * 16
    b = sample((5, 7), "<f4", seed=7)
    b.tofile(tmp_path / "p.raw")
    with gips.open(tmp_path / "p.raw", geometry=gips.geometry2d(gips.Real32, 7, 5)) as img:
        assert img.shared
        np.testing.assert_array_equal(img.array, b)
    with pytest.raises(gips.GipsError, match="needs 140 bytes after a 16-byte header"):
        gips.open(tmp_path / "p.raw", geometry=gips.geometry2d(gips.Real32, 7, 5), offset=16)
    with pytest.raises(gips.GipsValueError, match="byteOrder"):
        gips.open(p, geometry=g, offset=16, byteOrder="middle")


def test_mode_r_is_read_only(tmp_path):
    a = sample((3, 5, 7), "<u2")
    p = writeTiff(tmp_path / "a.tif", a)
    before = fileBytes(p)
    img = gips.open(p, "r")
    arr = img.array
    assert img.readonly and not arr.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        arr[0, 0, 0] = 1
    with pytest.raises(ValueError):
        arr.flags.writeable = True  # numpy refuses: the memory is not writable
    with pytest.raises(ValueError, match="read-only"):
        img.extractPlan(0).array[:] = 1
    # A gips op cannot write into it either.
    with pytest.raises(gips.ReadOnlyError):
        gips.arith.addScalar(img, 1, out=img)
    with pytest.raises(gips.ReadOnlyError):
        img.flush()
    img.close()
    assert fileBytes(p) == before
    # Copied planes (big-endian) are read-only too.
    np.save(tmp_path / "be.npy", a.astype(">u2"))
    with gips.open(tmp_path / "be.npy") as img:
        assert not img.shared
        with pytest.raises(ValueError, match="read-only"):
            img.array[0, 0, 0] = 1


@pytest.mark.parametrize("mode", ["r", "r+"])
def test_open_close_without_writes_keeps_the_file(tmp_path, mode):
    files = []
    a = sample((3, 5, 7), "<f4", seed=8)
    a[0, 0, :3] = [np.nan, -0.0, np.inf]
    files.append(writeTiff(tmp_path / "a.tif", a))
    files.append(writeTiff(tmp_path / "be.tif", a, byteorder=">"))
    for name, arr in (("le.npy", a), ("be.npy", a.astype(">f4")), ("f.npy", np.asfortranarray(a))):
        np.save(tmp_path / name, arr)
        files.append(tmp_path / name)
    for p in files:
        before = fileBytes(p)
        with gips.open(p, mode) as img:
            img.array if img._array is not None else img.planeArrays()
            if mode == "r+":
                img.flush()
        assert fileBytes(p) == before, p


def test_errors_name_what_is_wrong(tmp_path):
    a = sample((4, 50, 70), "<u2")
    p = writeTiff(tmp_path / "a.tif", a)
    n = tmp_path / "a.npy"
    np.save(n, a)
    with pytest.raises(gips.GipsError, match="nope.tif: no such file"):
        gips.open(tmp_path / "nope.tif")
    with pytest.raises(gips.GipsValueError, match="mode 'w'"):
        gips.open(p, "w")
    with pytest.raises(TypeError, match="path"):
        gips.open(3)
    for src in (p, n):
        t = tmp_path / ("cut" + os.path.splitext(src)[1])
        with open(t, "wb") as f:
            f.write(fileBytes(src)[:len(fileBytes(src)) // 2])
        with pytest.raises(gips.GipsError, match="truncated"):
            gips.open(t, "r+")
    e = tmp_path / "empty.tif"
    e.write_bytes(b"")
    with pytest.raises(gips.GipsError, match="empty file"):
        gips.open(e)
    z = tmp_path / "z.tif"
    writeTiff(z, a, compression="zlib")
    with pytest.raises(gips.GipsError, match="cannot be memory-mapped"):
        gips.open(z)
    with pytest.raises(gips.GipsError, match="is a directory"):
        gips.open(tmp_path)
    with pytest.raises(TypeError, match="geometry"):
        gips.open(p, geometry=(70, 50))


def test_lifetime_close_and_release(tmp_path):
    a = sample((3, 5, 7), "<u2")
    p = writeTiff(tmp_path / "a.tif", a)
    gc.collect()
    live = len(gips._open._live)
    img = gips.open(p, "r+")
    arr = img.array
    img.close()
    img.close()  # again: nothing
    assert img.closed
    with pytest.raises(gips.GipsError, match="closed"):
        img.flush()
    # The arrays stay valid after close and after the image is gone: the
    # file stays mapped while any of them lives.
    del img
    gc.collect()
    np.testing.assert_array_equal(arr, a)
    assert len(gips._open._live) == live + 1
    view = arr[1:]
    del arr
    gc.collect()
    np.testing.assert_array_equal(view, a[1:])
    del view
    gc.collect()
    assert len(gips._open._live) == live  # released


def test_ops_read_and_write_the_mapping(tmp_path):
    """A gips op reads a mapped image and writes into one (out=): the
    result is in the file after flush; numpy is the reference."""
    a = sample((3, 5, 7), "<u1", seed=9)
    p = writeTiff(tmp_path / "a.tif", a)
    with gips.open(p, "r+") as img:
        assert gips.stats.sum(img) == a.sum(dtype=np.int64)
        gips.arith.addScalar(img, 10, out=img)
    want = np.minimum(a.astype(np.int64) + 10, 255).astype(np.uint8)  # saturating
    np.testing.assert_array_equal(tifffile.imread(p), want)


def rssBytes():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    pytest.skip("no /proc/self/status")


def test_open_reads_no_pixels_until_used(tmp_path):
    """A 512 MiB .npy file (sparse: its pixels are holes) opens without
    its pages becoming resident; reading one plane brings in that plane."""
    shape = (512, 1024, 512)  # uint8: 512 MiB
    p = tmp_path / "big.npy"
    with open(p, "wb") as f:
        np.lib.format.write_array_header_1_0(f, {"descr": "|u1", "fortran_order": False, "shape": shape})
        f.truncate(f.tell() + int(np.prod(shape)))
    before = rssBytes()
    with gips.open(p, "r+") as img:
        a = img.array
        assert a.shape == shape and img.shared
        assert rssBytes() - before < 64 << 20
        a[300, 7, 9] = 5
        assert a[300].sum(dtype=np.int64) == 5 and a[299].max() == 0
        assert rssBytes() - before < 64 << 20
        del a
    assert np.load(p, mmap_mode="r")[300, 7, 9] == 5


def test_exit_flushes_copied_planes(tmp_path):
    """A read-write file still open when the interpreter exits is flushed:
    copied (big-endian) planes reach the file as mapped ones do."""
    import subprocess
    import sys
    p = tmp_path / "be.npy"
    np.save(p, np.zeros((2, 3, 4), ">i4"))
    code = (f"import gips\nimg = gips.open({str(p)!r}, 'r+')\nimg.array[1, 2, 3] = 77\n")
    env = dict(os.environ, PYTHONPATH=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=300)  # timeout: a hang guard
    want = np.zeros((2, 3, 4), ">i4")
    want[1, 2, 3] = 77
    np.testing.assert_array_equal(np.load(p), want)
