"""The fast op call (gips_op_call, capi/call.go) against the general one
(gips_op_run with gips_image structs and a JSON reply): same results, for
arrays and images, in place or not, strided or read-only, and a request
cache that never confuses parameters that Python calls equal."""

import json

import numpy as np
import pytest

import gips
from gips import _image, _lib, _ops


def _slow(name, *inputs, out=None, **params):
    """An op through gips_op_run, as every call went before the fast path."""
    req = json.dumps({"op": name, "params": _ops._params(name, params)}, separators=(",", ":"))
    keep = []
    ins = [_ops._input(x, keep) for x in inputs]
    if out is None:
        return _ops._result(*_lib.callOp(req, ins, None))
    _lib.callOp(req, ins, out._cimage() if isinstance(out, gips.Image) else _ops._input(out, keep))
    return out


def _val(r):
    return r.array if isinstance(r, gips.Image) else r


CASES = [
    ("arith.add", 2, {}),
    ("arith.multiply", 2, {}),
    ("arith.divide", 2, {}),
    ("arith.multiplyScalar", 1, {"value": 1.5}),
    ("arith.addScalar", 1, {"value": -3}),
    ("arith.linearCombination", 2, {"alpha": 0.25, "beta": 0.75, "gamma": 2.0}),
    ("threshold.otsu", 1, {}),
    ("stats.mean", 1, {}),
    ("stats.histogram", 1, {}),
    ("util.convertImg", 1, {"output": "Real32"}),
    ("util.convertImg", 1, {"output": "UInt8", "scaling": "scale"}),
    ("logic.not", 1, {}),
    ("threshold.light", 1, {"value": 100}),
]


@pytest.mark.parametrize("name,nin,params", CASES)
@pytest.mark.parametrize("dtype", [np.uint8, np.uint16, np.float32])
def test_fast_call_equals_general_call(name, nin, params, dtype):
    rng = np.random.default_rng(5)
    ins = [(rng.random((3, 17, 23)) * 200).astype(dtype) for _ in range(nin)]
    if nin == 2:
        ins[1] = ins[1][:, ::-1, :]  # strided (negative row stride): shared, not copied
    try:
        want = _slow(name, *ins, **params)
    except gips.GipsError as e:  # a dtype the op refuses: the same error
        with pytest.raises(type(e), match=str(e)[:20]):
            _ops.run(name, *ins, **params)
        return
    got = _ops.run(name, *ins, **params)
    if isinstance(want, tuple):
        for g, w in zip(got, want):
            np.testing.assert_array_equal(g, w)
    else:
        np.testing.assert_array_equal(_val(got), _val(want))
    if isinstance(want, gips.Image):
        # In place, into an array and into an Image, as the general call.
        a, b = ins[0].copy(), ins[0].copy()
        if want.array.dtype != a.dtype:
            return
        try:
            _slow(name, a, *ins[1:], out=a, **params)
        except gips.GipsError as e:  # an op that does not work in place: the same error
            with pytest.raises(type(e)):
                _ops.run(name, b, *ins[1:], out=b, **params)
            return
        assert _ops.run(name, b, *ins[1:], out=b, **params) is b
        np.testing.assert_array_equal(b, a)
        img = gips.fromArray(ins[0].copy())
        assert _ops.run(name, img, *ins[1:], out=img, **params) is img
        np.testing.assert_array_equal(img.array, a)


def test_fast_call_errors_and_read_only():
    a = np.zeros((4, 5), np.uint8)
    r = a.copy()
    r.setflags(write=False)
    with pytest.raises(gips.ReadOnlyError):
        gips.arith.add(a, a, out=r)
    assert (r == 0).all()
    with pytest.raises(ValueError, match="input 1 is UInt16"):
        gips.arith.add(a, a.astype(np.uint16))
    with pytest.raises(ValueError, match="value"):
        gips.arith.addScalar(a, value="x")
    with pytest.raises(TypeError, match="out"):
        gips.arith.add(a, a, out=[1])
    # A Fortran-order output is copied for the call and written back.
    f = np.asfortranarray(np.ones((4, 5), np.uint8))
    gips.arith.add(a + 2, a + 1, out=f)
    assert (f == 3).all()


def test_request_cache_keeps_types_apart():
    """1, 1.0, True and -0.0 are equal (or hash alike) in Python, not for
    gips: each call sends its own request."""
    for v in (1, 1.0, True, -0.0, 0.0, float("nan"), np.float32(2.5)):
        req = json.loads(_ops._request("arith.addScalar", {"value": v}))
        assert req["params"] == _ops._params("arith.addScalar", {"value": v}), v
        # and a second time, from the cache
        assert json.loads(_ops._request("arith.addScalar", {"value": v})) == req
    assert json.loads(_ops._request("arith.addScalar", {"value": True}))["params"]["value"] is True
    assert json.loads(_ops._request("arith.addScalar", {"value": 1}))["params"]["value"] == 1
    a = np.full((3, 3), 10, np.int16)
    assert (gips.arith.addScalar(a, value=-0.0).array == 10).all()
    assert (gips.arith.addScalar(a, value=1).array == 11).all()
    assert (gips.arith.addScalar(a, value=1.5).array == 12).all()  # half away from zero


def test_request_cache_keys_short_sequences():
    """A range or per-axis values given as a short tuple or list is cached
    (the second call returns the same bytes object) under its values'
    types and a zero's sign: (0, 256), (0.0, 256), (-0.0, 256) and (True,
    256) each send their own request, as encoded afresh; a list changed
    after a call sends its new values; NaN and long sequences are not
    cached."""
    name = "stats.histogram"
    seen = set()
    for rng in ((0, 256), (0.0, 256), (-0.0, 256), (True, 256), [0, 256], (np.float32(0.5), np.int16(9)),
                ("0", 256)):
        fresh = json.dumps({"op": name, "params": _ops._params(name, {"range": rng})}, separators=(",", ":")).encode()
        first = _ops._request(name, {"range": rng})
        assert first == fresh, rng
        assert _ops._request(name, {"range": rng}) is first, rng  # from the cache
        seen.add(first)
    assert len(seen) == 6  # the list's request is the tuple's
    lst = [0, 256]
    _ops._request(name, {"range": lst})
    lst[1] = 128
    assert json.loads(_ops._request(name, {"range": lst}))["params"]["range"] == [0, 128]
    for rng in ((float("nan"), 1.0), tuple(range(9)), ((0, 1), (2, 3))):
        assert _ops._request(name, {"range": rng}) is not _ops._request(name, {"range": rng}), rng
    a = np.arange(64, dtype=np.uint8).reshape(8, 8)
    for _ in range(2):  # the second call's request from the cache
        counts, edges = gips.stats.histogram(a, nbins=4, range=(0, 64))
        assert counts.tolist() == np.histogram(a, 4, (0, 64))[0].tolist()
        assert edges.tolist() == np.histogram(a, 4, (0, 64))[1].tolist()


def test_data_address_probe():
    """The data address read from the array object equals numpy's own, for
    views, offsets, empty and non-contiguous arrays."""
    b = np.arange(60, dtype=np.float64).reshape(3, 4, 5)
    for a in (b, b[1:], b[:, ::-1], b[..., 2], np.empty(0), np.zeros((2, 2), np.uint8)[1:, 1:]):
        assert _ops._address(a) == a.__array_interface__["data"][0]


def test_numpy_records_are_read_from_the_array_object():
    """On CPython with numpy, Go reads an array's layout from the array
    object (capi/call.go recNumpy): the probe that allows it passed, and
    a record is then three words."""
    assert _ops._NUMPY_RECORDS
    a = np.zeros((4, 5), np.uint8)
    words = []
    _ops._record(a, words, [])
    assert words == [3, id(a), _ops._typecode(a.dtype)]


def test_array_changed_in_place_between_calls_is_read_afresh():
    """The same array object, its shape, strides, dtype, data or writeable
    flag changed in place between two calls: each call reads the object as
    it is then (a record or layout kept from the first call would give a
    wrong result, or write where it must not)."""
    rng = np.random.default_rng(7)
    a = (rng.random((6, 8)) * 100).astype(np.uint8)
    b = a.copy()
    out = np.zeros(48, np.uint8).reshape(6, 8)
    np.testing.assert_array_equal(gips.arith.add(a, b, out=out), a + b)
    # New shape (same memory).
    a.shape, b.shape, out.shape = (8, 6), (8, 6), (8, 6)
    out[:] = 0
    np.testing.assert_array_equal(gips.arith.add(a, b, out=out), a + b)
    # New strides: a transposed view's layout written into the object.
    c = (rng.random((8, 6)) * 100).astype(np.uint8)
    want = c.T + b.T
    bt = b.T.copy()
    c.shape, c.strides = (6, 8), (1, 6)
    np.testing.assert_array_equal(gips.arith.add(c, bt).array, want)
    # New dtype: the same bytes read as uint16.
    d = (rng.random((4, 8)) * 100).astype(np.uint8)
    r1 = gips.arith.addScalar(d, 1).array
    assert r1.dtype == np.uint8
    d.dtype = np.uint16
    r2 = gips.arith.addScalar(d, 1).array
    assert r2.dtype == np.uint16 and r2.shape == (4, 4)
    np.testing.assert_array_equal(r2, d + 1)
    # New data: resize reallocates the array's memory.
    e = np.zeros((3, 4), np.uint8)
    gips.arith.addScalar(e, 1, out=e)
    e.resize((4, 5), refcheck=False)
    e[:] = 7
    gips.arith.addScalar(e, 1, out=e)
    assert (e == 8).all()
    # Writeable, then read-only: refused as an output, nothing written.
    f = np.zeros((3, 3), np.uint8)
    gips.arith.addScalar(f, 1, out=f)
    f.setflags(write=False)
    with pytest.raises(gips.ReadOnlyError):
        gips.arith.addScalar(f, 1, out=f)
    assert (f == 1).all()


def test_read_only_views_refused_as_output():
    """A read-only view of writeable memory, and a broadcast array, refused
    as out= (the flag read from the object): nothing written."""
    base = np.zeros((5, 5), np.uint8)
    v = base[1:4, 1:4]
    v.setflags(write=False)
    with pytest.raises(gips.ReadOnlyError):
        gips.arith.addScalar(base[1:4, 1:4], 1, out=v)
    bc = np.broadcast_to(np.zeros(5, np.uint8), (5, 5))
    with pytest.raises(gips.ReadOnlyError):
        gips.arith.addScalar(base, 1, out=bc)
    assert (base == 0).all()


def test_non_arrays_and_too_many_axes():
    """A list and a numpy subclass are converted (their array is kept for
    the call); nine axes are a ValueError, not a crash."""
    got = gips.arith.add([[1.0, 2.0], [3.0, 4.0]], np.ma.masked_array(np.ones((2, 2))))
    np.testing.assert_array_equal(got.array, [[2, 3], [4, 5]])
    got = gips.arith.addScalar(np.ma.masked_array(np.full((2, 3), 4, np.uint16)), 1)
    np.testing.assert_array_equal(got.array, np.full((2, 3), 5, np.uint16))
    with pytest.raises(ValueError, match="dimensions|axes|shape"):
        gips.arith.addScalar(np.zeros((1,) * 9, np.uint8), 1)


def test_known_output_is_allocated_by_python_and_fresh_each_call():
    """After a first call, an image op on arrays of the same shapes and
    dtypes with the same request gets its output from np.empty here
    (_ops._OUTS): the same values as numpy, a new array each call, and a
    new layout when the shape, dtype or parameters change."""
    rng = np.random.default_rng(7)
    seen = []
    for shape, dtype in [((5, 6), np.uint8), ((5, 6), np.uint8), ((7, 3), np.uint8), ((7, 3), np.uint16),
                         ((2, 4, 3), np.uint16), ((2, 4, 3), np.uint16), ((5, 6), np.uint8)]:
        info = np.iinfo(dtype)
        a = rng.integers(0, info.max + 1, shape, dtype=dtype)
        b = rng.integers(0, info.max + 1, shape, dtype=dtype)
        for _ in range(2):
            r = gips.arith.add(a, b)
            want = np.minimum(a.astype(np.int64) + b, info.max).astype(dtype)  # saturating
            assert r.array.shape == shape and r.array.dtype == dtype
            np.testing.assert_array_equal(r.array, want)
            assert r.geometry.is3D == (len(shape) == 3)
            seen.append((r, want))
        t = gips.threshold.range(a, min=10, max=200)
        np.testing.assert_array_equal(t.array != 0, (a >= 10) & (a <= 200))
        t2 = gips.threshold.range(a, min=11, max=200)  # another request: its own entry
        np.testing.assert_array_equal(t2.array != 0, (a >= 11) & (a <= 200))
    words = []
    for x in (a, b):
        _ops._record(x, words, [])
    key = _ops._outKey(_ops._request("arith.add", {}), (a, b), words)
    assert key in _ops._OUTS  # the later calls took the cached path
    # Every result kept its own memory: later calls wrote elsewhere.
    for r, want in seen:
        np.testing.assert_array_equal(r.array, want)
    assert len({r.array.__array_interface__["data"][0] for r, _ in seen}) == len(seen)
    # An Image input (it may carry a calibration) is never keyed.
    assert _ops._outKey(b"x", (gips.fromArray(a),), [1, 0]) is None


def test_numbers_come_back_exact_without_json():
    """A number result travels as float64 bits (capi gips_op_call's tail):
    the exact double, NaN and infinities included, as a Python float."""
    a = np.array([[1.0, 2.0], [3.0, 1e300]])
    m = gips.stats.mean(a)
    assert type(m) is float and m == np.mean(a)
    v = np.array([[0.1, 0.2, 0.7]], np.float64)
    assert gips.stats.mean(v) == np.mean(v)  # bit for bit, no decimal round trip
    assert gips.stats.max(np.array([[1.0, np.inf]])) == np.inf
    assert gips.stats.min(np.array([[-np.inf, 1.0]])) == -np.inf
    n = gips.stats.mean(np.array([[np.nan, 1.0]]))
    assert n != n
    u = np.arange(256, dtype=np.uint8).reshape(16, 16)
    for _ in range(3):
        assert gips.stats.max(u) == 255.0 and gips.stats.mean(u) == 127.5
    # A record and a vector still come back as before.
    rec = gips.stats.measure(u)
    assert isinstance(rec, dict) and rec["mean"] == 127.5
    np.testing.assert_allclose(gips.stats.percentiles(u, q=[0, 100]), [0, 255])


@pytest.mark.parametrize("dtype", [np.uint8, np.int8, np.uint16, bool])
def test_histograms_and_vectors_come_back_as_python_makes_them(dtype, monkeypatch):
    """run's histogram (counts, edges) and vector results, which
    _fastcall's tagged makes in C on the blocks Go filled once the call is
    cached (the first calls and the ctypes path: _ops._tagged):
    numpy.histogram's values and dtypes, writable arrays of their own, a
    fresh pair each call."""
    rng = np.random.default_rng(9)
    a = (rng.normal(100, 30, (33, 47))).astype(dtype)
    ref = a.astype(np.uint8) if dtype is bool else a
    tagged, inPython = _ops._tagged, []

    def counted(r):
        inPython.append(r)
        return tagged(r)

    monkeypatch.setattr(_ops, "_tagged", counted)
    for rng_, bins in ((None, 10), ("0,256", 256), ("-3.5,100.25", 7)):
        wc, we = np.histogram(ref, bins=bins, range=None if rng_ is None else tuple(map(float, rng_.split(","))))
        prev = None
        inPython.clear()
        for i in range(4):
            c, e = gips.stats.histogram(a, nbins=bins, range=rng_)
            blocks = [np.frombuffer(x.tobytes(), np.uint8).copy() for x in (c, e)]
            for got, want in zip((c, e), tagged((2, bins, blocks))):
                assert got.dtype == want.dtype and got.shape == want.shape and got.flags.writeable
                assert got.flags.c_contiguous and got.flags.aligned and got.base is not None
            np.testing.assert_array_equal(c, wc)
            np.testing.assert_array_equal(e, we)
            assert not np.shares_memory(c, e)
            if prev is not None:
                assert not np.shares_memory(c, prev[0]) and not np.shares_memory(e, prev[1])
            c[:] = -1  # the next call's arrays are new ones
            e[:] = np.nan
            prev = c, e
        if rng_ is not None and _ops._fast is not None and hasattr(_ops._fast, "run"):
            # Once cached, C makes the result, without Python's _tagged
            # (run's C path caches requests of numbers and strings).
            assert len(inPython) < 3
    if dtype is not bool:
        for _ in range(4):
            v = gips.stats.percentiles(a, q=[0, 50, 100])
            assert v.dtype == np.float64 and v.flags.writeable and v.shape == (3,)
            np.testing.assert_array_equal(v[[0, 2]], [a.min(), a.max()])
            v[:] = 0


def test_from_array_by_layout_is_the_planned_image():
    """fromArray of an array laid out as one seen before (python/gips/
    _image.py, _SHARED) gives what Go's plan gives: the new array's memory
    (writes seen both ways), its geometry and read-only flag; a layout Go
    copies (a misaligned uint16 view, a Fortran-order array) is never
    taken from that cache."""
    for dtype, shape in ((np.uint8, (4, 4)), (np.uint16, (3, 5, 6)), (bool, (7, 3))):
        first = gips.fromArray(np.zeros(shape, dtype))
        assert any(k[0] == shape for k in _image._SHARED)  # the later calls take the cache
        for ro in (False, True):
            a = np.arange(np.prod(shape)).reshape(shape).astype(dtype)
            a.flags.writeable = not ro
            img, want = gips.fromArray(a), gips.fromArray(a.copy())
            assert img.geometry == first.geometry == want.geometry
            assert img.shared and img.readonly == ro and img.array.flags.writeable == (not ro)
            assert np.shares_memory(img.array, a) and np.array_equal(img.array, a)
            if not ro:
                a[(0,) * a.ndim] = 1
                assert img.array[(0,) * a.ndim] == 1
    raw = np.zeros(2 * 24 + 1, np.uint8)
    for _ in range(2):
        odd = raw[1:].view(np.uint16).reshape(4, 6)  # address not a multiple of 2
        img = gips.fromArray(odd)
        assert not img.shared and np.array_equal(img.array, odd)
        f = np.asfortranarray(np.arange(12, dtype=np.uint8).reshape(3, 4))
        img = gips.fromArray(f)
        assert not img.shared and np.array_equal(img.array, f)



def test_from_rgb_binary_label_by_layout_are_the_planned_images():
    """fromRgbArray, fromBinaryArray and fromLabelArray take the same layout
    cache as fromArray, each under its own kind: a second array laid out as
    the first is the image Go's plan gives (shared memory both ways, its
    buffer type, read-only flag), and the same array wrapped as another
    kind is not taken for the first kind's image."""
    cases = ((gips.fromRgbArray, np.uint8, (3, 5, 7), "rgb(3)"), (gips.fromBinaryArray, np.uint8, (6, 9), "Binary"),
             (gips.fromLabelArray, np.uint16, (2, 4, 5), "Label16"), (gips.fromLabelArray, np.uint32, (4, 6), "Label32"))
    for wrap, dtype, shape, kind in cases:
        first = wrap(np.zeros(shape, dtype))
        assert any(k[0] == shape and k[-1] != "array" for k in _image._SHARED)
        for ro in (False, True):
            a = (np.arange(np.prod(shape)) % 2).reshape(shape).astype(dtype)
            a.flags.writeable = not ro
            img = wrap(a)
            assert img.geometry == first.geometry and kind in repr(img.geometry)
            assert img.shared and img.readonly == ro
            assert np.shares_memory(img.array, a) and np.array_equal(img.array, a)
            if not ro:
                a[(0,) * a.ndim] = 1
                assert img.array[(0,) * a.ndim] == 1
        grey = gips.fromArray(np.zeros(shape, dtype))  # same layout, kind "array": a grey image
        assert grey.geometry != first.geometry
    with pytest.raises(Exception):
        gips.fromLabelArray(np.zeros((4, 4), np.float32))

def _described(img, monkeypatch):
    """img's gips_image struct and _callRef key as a full description
    makes them (no template), on a copy of the image object's fields."""
    with monkeypatch.context() as m:
        m.setattr(_image, "_TEMPLATES", {})
        fresh = _image.Image._new(img._geom, img._readonly, array=img._array, keep=img._keep)
        fresh._cal = img._cal
        return bytes(fresh._cimage()), fresh._callRef()[1]


def test_image_structs_from_templates_are_the_full_descriptions(monkeypatch):
    """A new image laid out as one described before gets its gips_image
    struct from that one's (_image._TEMPLATES), with its own address: byte
    for byte the struct a full description makes, for arrays of every
    layout the template key tells apart (dtype, strides, read-only, kind),
    op outputs taken as inputs and arrays whose memory is reused."""
    rng = np.random.default_rng(5)
    for shape, dtype, wrap in (((3, 9, 7), np.uint8, gips.fromRgbArray), ((3, 9, 7), np.float32, gips.fromRgbArray),
                               ((9, 7), np.uint16, gips.fromArray), ((4, 9, 7), np.int16, gips.fromArray)):
        for ro in (False, True, False):
            for view in (lambda a: a, lambda a: a[..., ::-1, :], lambda a: a[..., 1:, :]):
                a = view(rng.integers(0, 200, shape).astype(dtype))
                a.flags.writeable = not ro
                img = wrap(a)
                assert (bytes(img._cimage()), img._callRef()[1]) == _described(img, monkeypatch)
                assert img._cimage().data == a.__array_interface__["data"][0]
                for _ in range(2):  # the second from _OUTS and, in C, a copy of the template
                    got = gips.arith.add(wrap(a), wrap(a)).array
                    want = a + a if a.dtype.kind == "f" else np.minimum(a.astype(np.int64) * 2, np.iinfo(dtype).max)
                    np.testing.assert_array_equal(got, want.astype(dtype))
    a = rng.integers(0, 256, (3, 16, 12), dtype=np.uint8)
    for i in range(3):
        out = gips.color.rgbToGrey(gips.fromRgbArray(a), output="UInt8")  # an output, then an input
        inv = gips.arith.invert(out)
        assert i == 0 or inv._wire is None  # from the template: not described afresh
        assert (bytes(inv._cimage()), inv._callRef()[1]) == _described(inv, monkeypatch)
        np.testing.assert_array_equal(inv.array, 255 - out.array)
        np.testing.assert_array_equal(gips.arith.invert(inv).array, out.array)
    for i in range(4):  # freed and new memory, likely at the same address: read afresh
        b = np.full((3, 16, 12), 10 * i, np.float32)
        got = gips.color.rgbToGrey(gips.fromRgbArray(b)).array
        np.testing.assert_allclose(got, np.float32(10 * i), rtol=1e-6)
        b[1] = 1
        got = gips.color.rgbToGrey(gips.fromRgbArray(b)).array
        np.testing.assert_allclose(got, np.float32(0.2125 * 10 * i + 0.7154 + 0.0721 * 10 * i), rtol=1e-6)
        del b, got
