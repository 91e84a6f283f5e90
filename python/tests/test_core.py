"""The image model through the binding: the reference examples, the
fromArray family's constraints, zero copy for every layout numpy makes, the
per-plane copies and sync, read-only, byte order, bool, Digisens, lifetime."""

import gc

import numpy as np
import pytest

import gips
from gips import _lib


# -- the reference page, line by line -------------------------------------

def test_reference_create_image():
    img = gips.createImage(gips.eImageBufferType.eIBT_UInt8, 5, 7)
    assert img.array.shape == (7, 5)
    assert img.array.dtype == np.uint8
    assert (img.array == 0).all()
    assert (img.sizeX, img.sizeY, img.sizeZ) == (5, 7, 1)
    assert img.bufferType == gips.UInt8 == gips.eImageBufferType.eIBT_UInt8
    assert "UInt8 5x7" in repr(img)


def test_reference_from_array_shares_both_ways():
    a = np.empty([3, 5, 2], np.int16)
    a.fill(0)
    img = gips.fromArray(a)
    assert (img.sizeX, img.sizeY, img.sizeZ) == (2, 5, 3)
    assert img.bufferType == gips.Int16
    img.array[2, 3, 1] = 25
    assert a[2, 3, 1] == 25
    a[1, 4, 0] = -7
    assert img.array[1, 4, 0] == -7
    assert img.shared and np.shares_memory(a, img.array)


def test_reference_4d_array_as_3d_rgb():
    a = np.zeros((3, 4, 5, 6), np.uint16)
    img = gips.fromArray(a, gips.geometryRgb3d(gips.UInt16, 6, 5, 4))
    assert (img.sizeX, img.sizeY, img.sizeZ, img.sizeC) == (6, 5, 4, 3)
    assert img.array.shape == (3, 4, 5, 6)
    assert img.shared and np.shares_memory(a, img.array)
    img.array[2, 3, 4, 5] = 9
    assert a[2, 3, 4, 5] == 9


def test_buffer_types_are_gos():
    assert [t.shortName for t in gips.eImageBufferType] == _lib.call("version")["bufferTypes"]
    for t in gips.eImageBufferType:
        assert getattr(gips, t.shortName) is t


@pytest.mark.parametrize("make, shape", [
    (lambda: gips.geometry2d(gips.Real32, 4, 3), (3, 4)),
    (lambda: gips.geometry3d(gips.Real32, 4, 3, 2), (2, 3, 4)),
    (lambda: gips.geometryRgb2d(gips.UInt8, 4, 3), (3, 3, 4)),
    (lambda: gips.geometryRgb3d(gips.UInt8, 4, 3, 2), (3, 2, 3, 4)),
    (lambda: gips.geometryMultiChannel2d(gips.UInt16, 4, 3, 5), (5, 3, 4)),
    (lambda: gips.geometryMultiChannel3d(gips.UInt16, 4, 3, 2, 5), (5, 2, 3, 4)),
    (lambda: gips.geometrySequence2d(gips.Int32, 4, 3, 6), (6, 3, 4)),
    (lambda: gips.geometrySequence3d(gips.Int32, 4, 3, 2, 6), (6, 2, 3, 4)),
    (lambda: gips.geometry3d(gips.Binary, 4, 3, 1), (1, 3, 4)),
])
def test_geometries_and_create(make, shape):
    g = make()
    assert g.shape == shape
    img = gips.createImage(g)
    assert img.array.shape == shape and img.geometry == g
    assert img.array.flags.c_contiguous
    assert np.asarray(img).shape == shape


def test_create_image_forms():
    assert gips.createImage(gips.Real64, 4, 3, 2).array.shape == (2, 3, 4)
    assert gips.createImageRgb(gips.UInt8, 4, 3).array.shape == (3, 3, 4)
    assert gips.createImageRgb(gips.UInt8, 4, 3, 2).array.shape == (3, 2, 3, 4)
    assert gips.createImage(gips.Binary, 2, 2).array.dtype == np.uint8
    assert gips.createImage(gips.Label16, 2, 2).array.dtype == np.uint16


def test_bad_geometries():
    with pytest.raises(ValueError, match="size"):
        gips.geometry2d(gips.UInt8, 0, 3)
    with pytest.raises(TypeError):
        gips.geometry2d("Float16", 2, 3)
    with pytest.raises(TypeError):
        gips.geometry2d(99, 2, 3)
    with pytest.raises(TypeError):
        gips.createImage(gips.UInt8, 2.5, 3)


# -- constraints of the fromArray family ------------------------------------

@pytest.mark.parametrize("fn, a, exc, words", [
    (gips.fromArray, np.zeros(5, np.uint8), ValueError, ["[5]", "2D"]),
    (gips.fromArray, np.zeros((2, 2, 2, 2), np.uint8), ValueError, ["[2 2 2 2]", "geometry"]),
    (gips.fromArray, np.zeros((2, 3), np.float16), TypeError, ["<f2"]),
    (gips.fromArray, np.zeros((2, 3), np.complex64), TypeError, ["<c8"]),
    (gips.fromArray, np.zeros((2, 3), np.int64), TypeError, ["<i8"]),
    (gips.fromRgbArray, np.zeros((4, 5, 6), np.uint8), ValueError, ["[4 5 6]", "first dimension 3"]),
    (gips.fromRgbArray, np.zeros((5, 6), np.uint8), ValueError, ["[5 6]", "first dimension 3"]),
    (gips.fromBinaryArray, np.zeros((5, 6), np.uint16), TypeError, ["<u2", "bool, int8 or uint8"]),
    (gips.fromBinaryArray, np.zeros((5,), np.bool_), ValueError, ["[5]", "2D"]),
    (gips.fromLabelArray, np.zeros((5, 6), np.int16), TypeError, ["<i2", "uint16 or uint32"]),
    (gips.fromLabelArray, np.zeros((5, 6), np.uint8), TypeError, ["|u1", "uint16 or uint32"]),
    (gips.fromLabelArray, np.zeros((1, 2, 5, 6), np.uint16), ValueError, ["[1 2 5 6]"]),
])
def test_constraints_name_the_rule_and_the_array(fn, a, exc, words):
    with pytest.raises(exc) as e:
        fn(a)
    assert isinstance(e.value, gips.GipsError)
    for w in words:
        assert w in str(e.value), str(e.value)


def test_geometry_mismatch():
    a = np.zeros((3, 4, 5), np.uint8)
    with pytest.raises(ValueError, match="does not fit geometry"):
        gips.fromArray(a, gips.geometry3d(gips.UInt8, 5, 4, 4))
    with pytest.raises(TypeError, match="cannot hold"):
        gips.fromArray(a, gips.geometry3d(gips.UInt16, 5, 4, 3))
    with pytest.raises(TypeError):
        gips.fromArray(a, (5, 4, 3))
    # Axes of size 1 are ignored: a (1, Y, X) array is a 2D image.
    assert gips.fromArray(np.zeros((1, 4, 5), np.uint8), gips.geometry2d(gips.UInt8, 5, 4)).array.shape == (4, 5)


def test_label_and_binary():
    lab = gips.fromLabelArray(np.zeros((4, 5), np.uint32))
    assert lab.bufferType == gips.Label32 and lab.shared
    lab16 = gips.fromLabelArray(np.zeros((3, 4, 5), np.uint16))
    assert lab16.bufferType == gips.Label16
    b = np.zeros((4, 5), np.bool_)
    img = gips.fromArray(b)
    assert img.bufferType == gips.Binary and img.array.dtype == np.bool_
    img.array[1, 2] = True
    assert b[1, 2] and np.shares_memory(b, img.array)
    for dt in (np.bool_, np.int8, np.uint8):
        a = np.zeros((2, 4, 5), dt)
        img = gips.fromBinaryArray(a)
        assert img.bufferType == gips.Binary and img.shared and np.shares_memory(a, img.array)


# -- zero copy for every layout numpy makes ---------------------------------

def _layouts(dt):
    big3 = np.arange(5 * 9 * 11, dtype=dt).reshape(5, 9, 11)
    big2 = np.arange(9 * 11, dtype=dt).reshape(9, 11)
    return {
        "2d": big2.copy(),
        "3d": big3.copy(),
        "2d row padding": big2[:, :7],
        "3d row padding": big3[:, :, :7],
        "3d plane padding": big3[:, :6, :],
        "3d row and plane padding": big3[1:4, 2:8, 3:9],
        "2d rows reversed a[::-1]": big2[::-1],
        "3d planes reversed a[::-1]": big3[::-1],
        "3d rows reversed a[:, ::-1]": big3[:, ::-1],
        "3d every other plane a[::2]": big3[::2],
        "3d every other row a[:, ::2]": big3[:, ::2],
        "3d planes and rows swapped": big3.transpose(1, 0, 2),
        "3d all reversed but x": big3[::-1, ::-1, 2:],
    }


@pytest.mark.parametrize("dt", [np.uint8, np.int16, np.uint32, np.float32, np.float64])
@pytest.mark.parametrize("name", list(_layouts(np.uint8)))
def test_zero_copy_layouts(name, dt):
    a = _layouts(dt)[name]
    before = a.copy()
    img = gips.fromArray(a, copy=False)
    assert img.shared and img.copiedPlanes == ()
    assert img.array.shape == a.shape and img.array.strides == a.strides
    assert np.shares_memory(a, img.array)
    np.testing.assert_array_equal(img.array, before)
    img.array[(0,) * a.ndim] = 3
    img.array[(-1,) * a.ndim] = 4
    assert a[(0,) * a.ndim] == 3 and a[(-1,) * a.ndim] == 4
    a[(1,) * a.ndim] = 5
    assert img.array[(1,) * a.ndim] == 5
    assert np.shares_memory(np.asarray(img), a)


def test_fortran_2d_is_copied_as_documented():
    a = np.asfortranarray(np.arange(12, dtype=np.uint16).reshape(3, 4))
    img = gips.fromArray(a)
    assert not img.shared and img.copiedPlanes == (0,)
    assert "x stride" in img.copyReason
    np.testing.assert_array_equal(img.array, a)
    assert not np.shares_memory(img.array, a)
    img.array[1, 2] = 99
    assert a[1, 2] != 99
    img.sync()
    assert a[1, 2] == 99
    with pytest.raises(gips.CopyRequiredError, match="x stride 6 is not the item size 2"):
        gips.fromArray(a, copy=False)
    # Its transpose is C-contiguous: that one is shared.
    assert gips.fromArray(a.T, copy=False).shared


def test_strided_x_copies_planes_and_sync_writes_back():
    big = np.arange(4 * 6 * 8, dtype=np.int32).reshape(4, 6, 8)
    a = big[:, :, ::2]
    img = gips.fromArray(a)
    assert not img.shared and img.copiedPlanes == (0, 1, 2, 3)
    assert "4 of 4 planes would be copied" in img.copyReason
    np.testing.assert_array_equal(img.array, a)
    img.array[:] = -1
    assert (big[:, :, 1::2] >= 0).all() and (a >= 0).all()
    img.sync()
    assert (a == -1).all()
    assert (big[:, :, 1::2] >= 0).all(), "sync wrote outside the array"
    with pytest.raises(gips.CopyRequiredError) as e:
        gips.fromArray(a, copy=False)
    assert isinstance(e.value, ValueError)
    assert "[4 6 4]" in str(e.value)


def test_only_misaligned_planes_are_copied():
    # A uint16 volume whose plane stride (41 bytes) leaves plane 1 misaligned.
    buf = np.zeros(200, np.uint8)
    a = np.ndarray((3, 4, 5), np.uint16, buffer=buf, offset=0, strides=(41, 10, 2))
    a[...] = np.arange(60).reshape(3, 4, 5)
    img = gips.fromArray(a)
    assert img.copiedPlanes == (1,)
    assert "aligned" in img.copyReason
    with pytest.raises(gips.GipsError, match="planeArrays"):
        img.array
    ps = img.planeArrays()
    assert np.shares_memory(ps[0], a) and np.shares_memory(ps[2], a) and not np.shares_memory(ps[1], a)
    for z in range(3):
        np.testing.assert_array_equal(ps[z], a[z])
    ps[0][0, 0] = 100
    ps[1][0, 0] = 101
    assert a[0, 0, 0] == 100 and a[1, 0, 0] != 101
    img.sync()
    assert a[1, 0, 0] == 101
    # The same layout as an RGB image: only the misaligned channel is copied.
    rgb = gips.fromRgbArray(a)
    assert rgb.copiedPlanes == (1,)
    ps = rgb.planeArrays()
    assert np.shares_memory(ps[0], a) and np.shares_memory(ps[2], a) and not np.shares_memory(ps[1], a)
    for c in range(3):
        np.testing.assert_array_equal(ps[c], a[c])
    ps[1][2, 3] = 4242
    rgb.sync()
    assert a[1, 2, 3] == 4242


def test_big_endian_arrays_are_copied_and_synced():
    a = (np.arange(2 * 3 * 4).reshape(2, 3, 4) * 300).astype(">u2")
    img = gips.fromArray(a)
    assert not img.shared and "byte order" in img.copyReason
    assert img.array.dtype == np.dtype("=u2")
    np.testing.assert_array_equal(img.array, a)
    img.array[1, 2, 3] = 4242
    img.sync()
    assert a[1, 2, 3] == 4242 and a.dtype == np.dtype(">u2")
    with pytest.raises(gips.CopyRequiredError, match="byte order"):
        gips.fromArray(a, copy=False)
    # One-byte types have no byte order.
    assert gips.fromArray(np.zeros((2, 3), ">u1"), copy=False).shared


def test_read_only_arrays_are_never_written():
    a = np.arange(12, dtype=np.uint8).reshape(3, 4)
    a.setflags(write=False)
    img = gips.fromArray(a)
    assert img.readonly and img.shared and not img.array.flags.writeable
    with pytest.raises(ValueError):
        img.array[0, 0] = 1
    b = np.arange(24, dtype=np.uint8).reshape(2, 3, 4)[:, :, ::2]
    b.setflags(write=False)
    img = gips.fromArray(b)
    assert img.readonly and not img.shared and not img.array.flags.writeable
    with pytest.raises(gips.ReadOnlyError):
        img.sync()
    assert "read-only" in repr(img)
    ro = gips.fromArray(np.frombuffer(bytes(12), np.uint8).reshape(3, 4))
    assert ro.readonly


# -- lifetime ---------------------------------------------------------------

def test_image_keeps_its_source_alive():
    a = np.arange(1000, dtype=np.float64).reshape(10, 100)[::-1]
    img = gips.fromArray(a)
    del a
    gc.collect()
    assert img.array[0, 0] == 900.0 and img.array.sum() == sum(range(1000))


@pytest.mark.parametrize("make", [
    lambda: gips.createImage(gips.UInt16, 50, 40, 3),
    lambda: gips.fromArray(np.ones((3, 40, 50), np.uint16)),
    lambda: gips.fromArray(np.ones((3, 40, 100), np.uint16)[:, :, ::2]),
    lambda: gips.fromArray(np.ones((3, 40, 50), ">u2")),
])
def test_array_outlives_image(make):
    img = make()
    arr = img.array
    asa = np.asarray(img)
    del img, make
    gc.collect()
    arr[:] = 7
    assert int(arr.sum()) == 7 * 3 * 40 * 50 and int(asa.sum()) == 7 * 3 * 40 * 50


# -- Digisens ---------------------------------------------------------------

def _digisens(g, rowAlign, planeAlign):
    """A Digisens buffer made with numpy alone, and the volume it holds."""
    isz = g.dtype.itemsize
    rs = -(-g.sizeX * isz // rowAlign) * rowAlign
    ps = -(-rs * g.sizeY // planeAlign) * planeAlign
    buf = np.zeros(ps * g.sizeZ, np.uint8)
    vol = np.ndarray((g.sizeZ, g.sizeY, g.sizeX), g.dtype, buffer=buf, strides=(ps, rs, isz))
    vol[...] = np.arange(vol.size).reshape(vol.shape)
    return buf, vol, rs, ps


def test_from_digisens_shares_and_to_digisens_is_a_view():
    g = gips.geometry3d(gips.UInt16, 5, 3, 4)
    buf, vol, rs, ps = _digisens(g, 16, 64)
    img = gips.fromDigisens(buf, g, 16, 64, copy=False)
    assert img.shared and np.shares_memory(img.array, buf)
    np.testing.assert_array_equal(img.array, vol)
    img.array[3, 2, 4] = 999
    assert vol[3, 2, 4] == 999
    d = gips.toDigisens(img, 16, 64)
    assert d.view and (d.rowStride, d.planeStride) == (rs, ps)
    assert np.shares_memory(d.data, buf) and d.data.nbytes == buf.nbytes
    del img
    gc.collect()
    assert d.data.sum() == buf.sum()


def test_to_digisens_copies_into_the_layout():
    img = gips.createImage(gips.Real32, 3, 2, 2)
    img.array[...] = np.arange(12).reshape(2, 2, 3)
    d = gips.toDigisens(img, 32, 128)
    assert not d.view and (d.rowStride, d.planeStride) == (32, 128) and d.data.nbytes == 256
    back = gips.fromDigisens(d.data, img.geometry, 32, 128)
    np.testing.assert_array_equal(back.array, img.array)
    assert not np.shares_memory(d.data, img.array)


def test_from_digisens_errors_and_read_only():
    g = gips.geometry3d(gips.UInt16, 5, 3, 4)
    buf, vol, rs, ps = _digisens(g, 16, 64)
    with pytest.raises(ValueError, match="too small"):
        gips.fromDigisens(buf[:100], g, 16, 64)
    with pytest.raises(ValueError, match="alignments"):
        gips.fromDigisens(buf, g, 0, 64)
    ro = gips.fromDigisens(bytes(buf), g, 16, 64)
    assert ro.readonly and not ro.array.flags.writeable
    np.testing.assert_array_equal(ro.array, vol)
    # An odd row alignment misaligns uint16 rows: copied, said so.
    buf, vol, rs, ps = _digisens(g, 11, 1)
    img = gips.fromDigisens(buf, g, 11, 1)
    assert not img.shared and "aligned" in img.copyReason
    with pytest.raises(gips.CopyRequiredError):
        gips.fromDigisens(buf, g, 11, 1, copy=False)
    np.testing.assert_array_equal(img.array, vol)


def test_empty_and_odd_inputs():
    with pytest.raises(ValueError, match="size"):
        gips.fromArray(np.zeros((0, 5), np.uint8))
    with pytest.raises(TypeError, match="<i8"):
        gips.fromArray([[1, 2, 3], [4, 5, 6]])  # array-likes become arrays; int64 has no buffer type
    img = gips.fromArray([[1.5, 2], [3, 4]])
    assert img.bufferType == gips.Real64 and img.array[0, 0] == 1.5


def test_memory_mapped_arrays_are_shared(tmp_path):
    path = tmp_path / "vol.raw"
    m = np.memmap(path, np.uint16, "w+", shape=(4, 6, 8))
    img = gips.fromArray(m[:, 1:5, ::-1][:, :, ::-1], copy=False)
    img.array[...] = 321
    m.flush()
    back = np.fromfile(path, np.uint16).reshape(4, 6, 8)
    assert (back[:, 1:5] == 321).all() and (back[:, 0] == 0).all()
    ro = gips.fromArray(np.memmap(path, np.uint16, "r", shape=(4, 6, 8)))
    assert ro.readonly and ro.shared


def test_plane_arrays_are_views_for_every_layout():
    a = np.zeros((3, 4, 6, 8), np.uint8)[:, ::-1, 1:5, 2:7]
    img = gips.fromArray(a, gips.geometryRgb3d(gips.UInt8, 5, 4, 4))
    ps = img.planeArrays()
    assert len(ps) == 12
    for i, p in enumerate(ps):
        z, c = i % 4, i // 4  # plane order: z fastest, then c
        assert np.shares_memory(p, a[c, z])
        p[0, 0] = i + 1
        assert a[c, z, 0, 0] == i + 1


def test_reshaping_the_array_cannot_change_what_ops_read():
    """img.array is a new view at each access: reshaping or re-striding it
    changes that view only; writes through it are the image's."""
    def images():
        yield "createImage", gips.createImage(gips.Int32, 8, 4)
        yield "fromArray", gips.fromArray(np.zeros((4, 8), np.int32))
        yield "op result", gips.arith.addScalar(np.zeros((4, 8), np.int32), 0)
        yield "copied planes", gips.fromArray(np.zeros((4, 16), np.int32)[:, ::2])
    for name, im in images():
        im.array[...] = np.arange(32).reshape(4, 8)
        arr = im.array
        arr.shape = (2, 16)       # before the image is ever described
        im.array.shape = (32,)
        im.array.strides = (0, 4)
        assert im.array.shape == (4, 8), name
        assert gips.stats.sum(im) == 496, name
        np.testing.assert_array_equal(gips.arith.addScalar(im, 1).array, np.arange(1, 33).reshape(4, 8))
        arr[1, 3] = 1000          # a write through any view is seen
        assert gips.stats.sum(im) == 496 - 19 + 1000, name
        assert np.shares_memory(arr, im.array)
    # An image of separate planes (one misaligned, so copied) hands out
    # views of its planes too.
    a = np.ndarray((3, 4, 5), np.uint16, buffer=np.zeros(200, np.uint8), strides=(41, 10, 2))
    a[...] = np.arange(60).reshape(3, 4, 5)
    vol = gips.fromArray(a)
    assert vol.copiedPlanes == (1,)
    for p in vol.planeArrays():
        p.shape = (20,)
    assert gips.stats.sum(vol) == sum(range(60))


def test_pickle_copies_pixels_and_geometry():
    import pickle
    a = np.arange(2 * 3 * 4 * 5, dtype=np.int16).reshape(2, 3, 4, 5)
    a.setflags(write=False)
    img = gips.fromArray(a[:, :, ::-1], gips.geometrySequence3d(gips.Int16, 5, 4, 3, 2))
    back = pickle.loads(pickle.dumps(img))
    assert back.geometry == img.geometry and back.readonly
    np.testing.assert_array_equal(back.array, img.array)
    assert not np.shares_memory(back.array, a)
    b = gips.fromBinaryArray(np.ones((3, 4), np.bool_))
    assert pickle.loads(pickle.dumps(b)).bufferType == gips.Binary


def test_last_error_is_per_thread():
    import ctypes
    import threading
    dll = _lib._dll
    dll.gips_last_error.restype = ctypes.c_void_p

    def last():
        p = dll.gips_last_error()
        try:
            return ctypes.string_at(p).decode()
        finally:
            dll.gips_free(p)

    with pytest.raises(TypeError) as e:
        gips.fromArray(np.zeros((2, 2), np.float16))
    assert last() == str(e.value)
    other = []
    t = threading.Thread(target=lambda: other.append(last()))
    t.start()
    t.join()
    assert other == [""] or other[0] != str(e.value)


def _copy_layouts():
    parent2 = np.arange(6 * 10, dtype=np.int32).reshape(6, 10)
    parent3 = np.arange(4 * 6 * 10, dtype=np.float32).reshape(4, 6, 10)
    raw = np.zeros(4 * 6 * 10 * 2 + 1, np.uint8)
    return {
        "2d x reversed a[:, ::-1]": (parent2, lambda p: p[:, ::-1]),
        "3d x reversed a[..., ::-1]": (parent3, lambda p: p[..., ::-1]),
        "3d x step a[:, :, ::2]": (parent3, lambda p: p[:, :, ::2]),
        "2d Fortran order": (parent2, lambda p: p.T),
        "3d Fortran order": (parent3, lambda p: p.T),
        "misaligned": (raw, lambda p: np.ndarray((4, 6, 10), np.uint16, buffer=p, offset=1)),
        "big-endian view": (parent2, lambda p: p.view(">i4")),
    }


@pytest.mark.parametrize("name", list(_copy_layouts()))
def test_copy_layouts_sync_exactly_their_elements(name):
    parent, make = _copy_layouts()[name]
    a = make(parent)
    before = parent.copy()
    img = gips.fromArray(a)
    assert not img.shared and img.copyReason
    np.testing.assert_array_equal(img.array, a)
    assert not np.shares_memory(img.array, parent)
    img.array[...] = 7
    np.testing.assert_array_equal(parent, before)  # nothing written before sync
    img.sync()
    assert (a == 7).all()
    expected = before.copy()
    make(expected)[...] = 7
    np.testing.assert_array_equal(parent.view(np.uint8), expected.view(np.uint8))  # nothing else written
    with pytest.raises(gips.CopyRequiredError):
        gips.fromArray(a, copy=False)
