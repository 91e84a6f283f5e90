"""gips._fastcall, the C op call (python/gips/_fastcall.c), against numpy and
against the ctypes path it stands in for: the output cache keyed on the
request, shapes, strides, dtypes and, for images, geometry and
calibration; read-only outputs refused; errors named as before; threads.

Every test that runs an op runs it twice over: with the C module ("fast")
and without it ("ctypes"), which is the binding on a machine where the
module was not built."""

import glob
import os
import threading

import numpy as np
import pytest

import gips
from gips import _ops


@pytest.fixture(params=["fast", "ctypes"])
def path(request, monkeypatch):
    if request.param == "fast" and _ops._fastCall is None:
        pytest.skip("gips._fastcall not built")
    if request.param == "ctypes":
        monkeypatch.setattr(_ops, "_fastCall", None)
        monkeypatch.setattr(_ops, "_fastKey", None)
    _ops._OUTS.clear()
    yield request.param
    _ops._OUTS.clear()


def test_extension_is_built_and_loaded():
    built = glob.glob(os.path.join(os.path.dirname(gips.__file__), "_fastcall*.so"))
    if not built or os.environ.get("GIPS_NO_FASTCALL"):
        pytest.skip("gips._fastcall not built (make python builds it)")
    assert _ops._NUMPY_RECORDS and _ops._fast is not None


def _addSat(a, b):
    """arith.add of integer arrays: saturating, as numpy's int64 sum clipped."""
    info = np.iinfo(a.dtype)
    return np.clip(a.astype(np.int64) + b.astype(np.int64), info.min, info.max).astype(a.dtype)


def _rand(shape, dtype, seed):
    rng = np.random.default_rng(seed)
    if np.dtype(dtype).kind == "f":
        return rng.standard_normal(shape).astype(dtype)
    info = np.iinfo(dtype)
    return rng.integers(info.min, info.max, shape, endpoint=True).astype(dtype)


def _want(a, b):
    return a + b if a.dtype.kind == "f" else _addSat(a, b)


def test_cache_keyed_on_shape_and_dtype(path):
    """Calls that differ only in shape or dtype, interleaved and repeated
    (the repeats come from the cache): each result has its own shape and
    dtype and numpy's values."""
    cases = [((8, 8), np.uint8), ((8, 8), np.uint16), ((8, 9), np.uint8), ((9, 8), np.uint8),
             ((3, 8, 8), np.uint8), ((8, 8), np.float32), ((8, 8), np.int16), ((1, 1), np.uint8)]
    for rep in range(3):
        for k, (shape, dt) in enumerate(cases):
            a, b = _rand(shape, dt, k + 10 * rep), _rand(shape, dt, k + 100)
            r = gips.arith.add(a, b)
            assert r.shape == shape and r.array.dtype == dt
            np.testing.assert_array_equal(r.array, _want(a, b))
    assert len(_ops._OUTS) == len(cases)  # one entry per shape and dtype: the repeats were served from it


def test_cache_keyed_on_params(path):
    """The same op and arrays with other parameter values, and values that
    Python calls equal (1, 1.0, True) but gips does not read alike."""
    a = np.arange(64, dtype=np.uint8).reshape(8, 8)
    for rep in range(2):
        for v in (1, 2, 0, 200):
            r = gips.arith.addScalar(a, v)
            np.testing.assert_array_equal(r.array, np.clip(a.astype(int) + v, 0, 255).astype(np.uint8))
        f = a.astype(np.float32)
        for v in (1, 1.0, 0.25, -0.0, 2.5, np.float64(0.25), np.float32(2.5), np.float32(-0.0), np.int64(3),
                  np.uint8(4), np.float64("nan"), np.float32("inf")):
            np.testing.assert_array_equal(gips.arith.addScalar(f, v).array, f + np.float32(v))
            i = gips.arith.addScalar(a, v).array if np.isfinite(v) and v == int(v) else None
            if i is not None:
                np.testing.assert_array_equal(i, np.clip(a.astype(int) + int(v), 0, 255).astype(np.uint8))
        with pytest.raises(gips.GipsValueError, match="value"):
            gips.arith.addScalar(f, True)  # equal to 1 in Python, not a number to gips
        for t in (gips.Real32, "Real32", gips.UInt16, "UInt16", gips.Real64):
            got = gips.util.convertImg(a, output=t)
            assert got.array.dtype == np.dtype({"Real32": np.float32, "UInt16": np.uint16, "Real64": np.float64}[
                t if isinstance(t, str) else t.shortName])
            np.testing.assert_array_equal(got.array, a.astype(got.array.dtype))
        got = gips.arith.convertImg(a, output="Real32") if hasattr(gips.arith, "convertImg") else \
            gips.util.convertImg(a, output="Real32")
        assert got.array.dtype == np.float32
        np.testing.assert_array_equal(got.array, a.astype(np.float32))
        got = gips.util.convertImg(a, output="UInt16")
        assert got.array.dtype == np.uint16
        np.testing.assert_array_equal(got.array, a.astype(np.uint16))


def test_strided_inputs_and_outputs(path):
    """Inputs of the same shape and dtype but other strides (reversed,
    every other row, Fortran order) and strided outputs: numpy's values,
    the output written only where it is."""
    base = _rand((16, 18), np.uint8, 1)
    b = _rand((8, 9), np.uint8, 2)
    views = [base[::2, ::2], base[::-2, 1::2], np.asfortranarray(base[:8, :9]), base[8:, 9:].copy()]
    for rep in range(2):
        for v in views:
            np.testing.assert_array_equal(gips.arith.add(v, b).array, _addSat(v, b))
            big = np.full((16, 18), 7, np.uint8)
            out = big[::2, ::2]  # x stride 2: planes copied for the call and written back
            assert gips.arith.add(v, b, out=out) is out
            want = np.full((16, 18), 7, np.uint8)
            want[::2, ::2] = _addSat(v, b)
            np.testing.assert_array_equal(big, want)
            rows = np.full((16, 9), 7, np.uint8)
            gips.arith.add(v, b, out=rows[::-2])  # shared, negative row stride
            want = np.full((16, 9), 7, np.uint8)
            want[::-2] = _addSat(v, b)
            np.testing.assert_array_equal(rows, want)


def test_readonly_output_refused(path):
    a = _rand((8, 8), np.uint8, 3)
    ro = np.zeros((8, 8), np.uint8)
    ro.setflags(write=False)
    for _ in range(2):
        with pytest.raises(gips.ReadOnlyError):
            gips.arith.add(a, a, out=ro)
        assert not ro.any()
        img = gips.fromArray(ro)
        with pytest.raises(gips.ReadOnlyError):
            gips.arith.add(a, a, out=img)
        assert not ro.any()
    # read-only inputs are read
    np.testing.assert_array_equal(gips.arith.add(ro, a).array, a)


def test_errors_named_as_before(path):
    a, b = np.zeros((8, 8), np.uint8), np.zeros((8, 9), np.uint8)
    for _ in range(2):
        with pytest.raises(gips.GipsValueError, match="shape|geometr|size"):
            gips.arith.add(a, b)
        with pytest.raises(gips.GipsValueError, match="shape|geometr|size"):
            gips.arith.add(a, a, out=np.zeros((8, 9), np.uint8))
        with pytest.raises(gips.GipsError):
            gips.arith.add(a, a, out=np.zeros((8, 8), np.float32))
        with pytest.raises(gips.GipsTypeError):
            gips.arith.add(a.astype(np.complex64), a.astype(np.complex64))
        with pytest.raises(TypeError, match="out="):
            gips.arith.add(a, a, out=[[0] * 8] * 8)
        with pytest.raises(gips.GipsValueError, match="unknown op"):
            gips.run("arith.nope", a)


def test_image_inputs(path):
    """Images in, a new image out (from the cache after the first call):
    numpy's values, the inputs' geometry (RGB is not a 3-plane volume) and
    the first input's calibration, which the cache follows when it
    changes."""
    a, b = _rand((3, 6, 7), np.uint8, 4), _rand((3, 6, 7), np.uint8, 5)
    rgbA, rgbB = gips.fromRgbArray(a), gips.fromRgbArray(b)
    volA, volB = gips.fromArray(a), gips.fromArray(b)
    for rep in range(3):
        for x, y in ((rgbA, rgbB), (volA, volB), (volA, b), (a, volB), (a, b)):
            r = gips.arith.add(x, y)
            np.testing.assert_array_equal(r.array, _addSat(a, b))
            g = x.geometry if isinstance(x, gips.Image) else volA.geometry
            assert r.geometry == g
    if path == "fast":  # rgb, volume, and both orders of mixed inputs
        assert sum(k[0] is _ops._IMAGES for k in _ops._OUTS) == 4
    img = gips.fromArray(a[0].copy())
    cals = [gips.Calibration(0.5, 0.5, 1.0, "um"), None, gips.Calibration(2.0, 3.0, 1.0, "mm")]
    for rep in range(2):
        for cal in cals:
            img.calibration = cal
            r = gips.arith.add(img, a[1])
            assert r.calibration == (cal or gips.Calibration())
            np.testing.assert_array_equal(r.array, _addSat(a[0], a[1]))
            assert gips.arith.add(img, a[1], out=img) is img
            np.testing.assert_array_equal(img.array, _addSat(a[0], a[1]))  # written in place
            img.array[...] = a[0]


def test_in_place_image(path):
    a, b = _rand((8, 8), np.uint8, 6), _rand((8, 8), np.uint8, 7)
    ia, ib = gips.fromArray(a.copy()), gips.fromArray(b)
    want = a.copy()
    for _ in range(3):
        assert gips.arith.add(ia, ib, out=ia) is ia
        want = _addSat(want, b)
        np.testing.assert_array_equal(ia.array, want)


def test_number_results(path):
    for shape, dt in (((8, 8), np.uint8), ((5, 6, 7), np.float32), ((8, 8), np.int16)):
        a = _rand(shape, dt, 8)
        for x in (a, gips.fromArray(a)):
            for _ in range(2):
                assert gips.stats.sum(x) == pytest.approx(float(np.sum(a, dtype=np.float64)), rel=1e-6)
                assert gips.stats.mean(x) == pytest.approx(float(np.mean(a, dtype=np.float64)), rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("dt", [np.uint8, np.uint16, np.int16, np.float32, np.float64])
def test_histogram_and_vector_results(path, dt):
    """Histograms and percentiles, whose arrays Go writes into blocks numpy
    allocates (the C module's allocator on the fast path, from the second
    call of a kind on), against numpy; and the fast path makes the call in
    C once it has seen it (_OUTS holds its entry)."""
    a = _rand((13, 31), dt, 5)
    if np.dtype(dt).kind == "f":
        a[0, 0], a[1, 1] = -3.25, 1e6
    lo, hi = float(a.min()), float(a.max())
    for nbins, rng in ((1, None), (7, None), (256, (0, 256)), (5, (lo + 1, hi / 2 + 1))):
        params = {"nbins": nbins} if rng is None else {"nbins": nbins, "range": ",".join(map(str, rng))}
        want = np.histogram(a, bins=nbins, range=rng)
        for _ in range(3):
            counts, edges = gips.stats.histogram(a, **params)
            assert counts.dtype == np.int64
            np.testing.assert_array_equal(counts, want[0])
            np.testing.assert_allclose(edges, want[1], rtol=1e-6)
    for q in ([50], [0, 12.5, 100]):
        for _ in range(3):
            np.testing.assert_allclose(gips.stats.percentiles(a, q=q), np.percentile(a.astype(np.float64), q),
                                       rtol=1e-12)
    if path == "fast":
        assert _ops._NO_IMAGE in _ops._OUTS.values()


def test_other_inputs_fall_back(path):
    """What the C module does not read (an ndarray subclass, a list) takes
    the ctypes path, with the same results."""
    class Sub(np.ndarray):
        pass
    a = _rand((8, 8), np.uint8, 9)
    s = a.view(Sub)
    for _ in range(2):
        np.testing.assert_array_equal(gips.arith.add(s, a).array, _addSat(a, a))
        out = np.zeros((8, 8), np.uint8).view(Sub)
        assert gips.arith.add(a, s, out=out) is out
        np.testing.assert_array_equal(out, _addSat(a, a))
        f = [[1.5, 2.0], [3.0, -1.0]]
        np.testing.assert_array_equal(gips.arith.add(np.array(f), f).array, np.array(f) * 2)


def test_threads(path):
    """Calls from several threads at once (the GIL is released in Go): each
    gets its own, right result."""
    errs = []

    def work(seed):
        try:
            a, b = _rand((16, 16), np.uint8, seed), _rand((16, 16), np.uint8, seed + 1)
            out = np.empty_like(a)
            for _ in range(200):
                np.testing.assert_array_equal(gips.arith.add(a, b).array, _addSat(a, b))
                gips.arith.add(a, b, out=out)
                np.testing.assert_array_equal(out, _addSat(a, b))
        except BaseException as e:  # reported below
            errs.append(e)
    ts = [threading.Thread(target=work, args=(s,)) for s in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not errs, errs[0]


def test_module_refuses_bad_calls():
    """The C entry checks its arguments: wrong types raise, what it does not
    read is NotImplemented (the caller falls back), nothing crashes."""
    if _ops._fast is None:
        pytest.skip("gips._fastcall not built")
    call = _ops._fast.call
    a = np.zeros((4, 4), np.uint8)
    req = _ops._request("arith.add", {})
    with pytest.raises(TypeError):
        call("not bytes", 2, 1, (a, a, a))
    with pytest.raises(TypeError):
        call(req, 2, 1, [a, a, a])
    with pytest.raises(ValueError):
        call(req, 2, 1, (a, a))  # n and hasOut say three items
    with pytest.raises(ValueError):
        call(req, -1, 0, ())
    assert call(req, 2, 1, (a, [1], a)) is NotImplemented
    assert call(req, 2, 1, (a, a, 0)) is NotImplemented  # a NULL struct
    assert call(req, 17, 0, (a,) * 17) is NotImplemented  # more than it keeps on its stack
    assert _ops._fast.outkey(req, (a, [1])) is None
    assert call(req, 2, 1, (a, a, a)) is None
    code, reply = call(b'{"op":"arith.add","params":{"x":1}}', 2, 1, (a, a, a))
    with pytest.raises(gips.GipsValueError, match="x"):
        gips._lib._reply(code, __import__("ctypes").c_void_p(reply))


def _satSub(a, b):
    info = np.iinfo(a.dtype)
    return np.clip(a.astype(np.int64) - b.astype(np.int64), info.min, info.max).astype(a.dtype)


@pytest.mark.parametrize("dt", [np.uint8, np.int8, np.uint16, np.int16, np.int32, np.float32])
@pytest.mark.parametrize("shape", [(7, 33), (2, 5, 37), (64, 64)])
def test_pointwise_ops_against_numpy(path, dt, shape):
    """The pointwise ops that Go runs over whole buffers when the arrays are
    contiguous (capi/flat.go), against numpy: contiguous arrays, a strided
    view (the general path), the repeat calls of the allocating path, and
    out= (also in place)."""
    a, b = _rand(shape, dt, 1), _rand(shape, dt, 2)
    mask = _rand(shape, np.uint8, 3) > 100
    m2 = _rand(shape, np.uint8, 4) > 50
    isint = np.dtype(dt).kind != "f"
    lo = a.min() if isint else -0.5
    cases = [
        (gips.arith.add, (a, b), _want(a, b)),
        (gips.arith.subtract, (a, b), _satSub(a, b) if isint else a - b),
        (gips.arith.min, (a, b), np.minimum(a, b)),
        (gips.arith.max, (a, b), np.maximum(a, b)),
        (gips.logic.mask, (a, mask), np.where(mask, a, 0).astype(dt)),
        (lambda x: gips.threshold.light(x, value=10), (a,), a >= 10),
        (lambda x: gips.threshold.dark(x, value=-3.5), (a,), a <= -3.5),
        (lambda x: gips.threshold.range(x, min=lo + 1, max=60), (a,), (a >= lo + 1) & (a <= 60)),
        (gips.logic.and_, (mask, m2), mask & m2),
        (gips.logic.or_, (mask, m2), mask | m2),
        (gips.logic.xor, (mask, m2), mask ^ m2),
        (gips.logic.not_, (mask,), ~mask),
    ]
    if np.dtype(dt).kind == "u":
        cases.append((gips.arith.invert, (a,), np.invert(a)))
        cases.append((gips.arith.absDiff, (a, b), np.maximum(a, b) - np.minimum(a, b)))
    for f, ins, want in cases:
        for _ in range(2):  # the second call is served from _OUTS
            np.testing.assert_array_equal(np.asarray(f(*ins).array), want)
        strided = tuple(np.ascontiguousarray(np.stack([x, x], -1))[..., 0] for x in ins)
        np.testing.assert_array_equal(np.asarray(f(*strided).array), want)
        # Rows apart (capi/flat.go stages them): reversed, and crops of
        # wider arrays; the bench's a, b[::-1] too.
        for _ in range(2):
            np.testing.assert_array_equal(np.asarray(f(*(x[::-1] for x in ins)).array), want[::-1])
            crops = []
            for x in ins:
                wide = np.zeros(x.shape[:-1] + (x.shape[-1] + 3,), x.dtype)
                wide[..., 1:-2] = x
                crops.append(wide[..., 1:-2])
            np.testing.assert_array_equal(np.asarray(f(*crops).array), want)
        if len(ins) == 2:
            x, y = ins
            np.testing.assert_array_equal(np.asarray(f(x, y[::-1]).array), f(x, y[::-1].copy()).array)
        if f is gips.arith.add:
            out = np.empty_like(a)
            assert f(*ins, out=out) is out
            np.testing.assert_array_equal(out, want)
            c = a.copy()
            f(c, b, out=c)  # in place: the general path
            np.testing.assert_array_equal(c, want)


def test_fastcall_new_returns():
    """_fastcall.new: False for a call _OUTS does not know (also once it
    was cleared), None for an input that is not an exact array, the new
    Image once it knows the call."""
    if _ops._fastNew is None:
        pytest.skip("gips._fastcall not built")
    _ops._OUTS.clear()
    a = np.ones((4, 6), np.uint8)
    req = _ops._request("arith.add", {})
    _ops._typecode(a.dtype)  # a dtype the module knows (else None: Python's path learns it)
    assert _ops._fastNew(req, (a, a), _ops._OUTS) is False
    gips.arith.add(a, a)  # the ctypes path fills _OUTS
    r = _ops._fastNew(req, (a, a), _ops._OUTS)
    assert r.__class__ is gips.Image and r.array.shape == (4, 6) and r.array.dtype == np.uint8
    np.testing.assert_array_equal(r.array, 2)
    assert _ops._fastNew(req, (a, [1]), _ops._OUTS) is None
    for bad in (("op", (a, a), _ops._OUTS), (req, [a, a], _ops._OUTS), (req, (a, a), [])):
        with pytest.raises(TypeError):
            _ops._fastNew(*bad)
    _ops._OUTS.clear()
    assert _ops._fastNew(req, (a, a), _ops._OUTS) is False  # its recent-call cache follows _OUTS
    b = np.ones((6, 4), np.uint8)
    gips.arith.add(b, b)
    r = _ops._fastNew(req, (b, b), _ops._OUTS)  # the same request and dtype, another shape
    assert r.__class__ is gips.Image and r.array.shape == (6, 4)
    _ops._OUTS.clear()


def test_fastcall_new_takes_images():
    """_fastcall.new on Images (and arrays) among the inputs: None until
    _OUTS knows the call, then the new Image, made in C from each image's
    _callRef or, for an image laid out as one described before, a copy of
    that one's struct with its own address:
    numpy's values, the inputs' geometry, the first input's calibration."""
    if _ops._fastNew is None:
        pytest.skip("gips._fastcall not built")
    _ops._OUTS.clear()
    a, b = _rand((3, 5, 9), np.uint8, 8), _rand((3, 5, 9), np.uint8, 9)
    req = _ops._request("arith.add", {})
    assert _ops._fastNew(req, (gips.fromRgbArray(a), gips.fromRgbArray(b)), _ops._OUTS) is None
    for rep in range(3):
        x, y = gips.fromRgbArray(a + rep), gips.fromRgbArray(b)
        v, w = gips.fromArray(a + rep), gips.fromArray(b)
        assert x._cref is None  # fresh: new() asks for it
        for ins in ((x, y), (v, b), (a + rep, w)):
            r = _ops._fastNew(req, ins, _ops._OUTS)
            if rep == 0:
                assert r is None  # a call _OUTS does not know yet
                r = gips.arith.add(*ins)  # the Python path fills _OUTS
            assert r.__class__ is gips.Image
            assert r.geometry == (x.geometry if ins[0] is x else v.geometry)
            np.testing.assert_array_equal(r.array, _addSat(a + rep, b))
        assert x._cref is None or x._cref[0] == _ops.ctypes.addressof(x._cimage())
    # An image laid out as one described before (here on the same array):
    # its struct is that one's (_image._TEMPLATES) copied in C, and its own
    # is not made.
    x = gips.fromRgbArray(a)
    r = _ops._fastNew(req, (x, x), _ops._OUTS)
    assert r.__class__ is gips.Image and x._cref is None
    np.testing.assert_array_equal(r.array, _addSat(a, a))
    img = gips.fromArray(a[0].copy())
    img.calibration = gips.Calibration(0.5, 0.25, 1.0, "um")
    for rep in range(2):
        r = gips.arith.add(img, a[1])
        assert r.__class__ is gips.Image and r.calibration == img.calibration
        np.testing.assert_array_equal(r.array, _addSat(a[0], a[1]))
    _ops._OUTS.clear()


def test_fastcall_new_image_is_outImage():
    """The Image that _fastcall.new makes in C has every slot that
    _image._outImage sets, with the same values (the geometry and
    calibration of the _OUTS entry, the array Go wrote), and behaves as
    one: its array is the output, it is writable and shared."""
    if _ops._fastNew is None:
        pytest.skip("gips._fastcall not built")
    from gips._image import Image, _outImage
    a = np.arange(35, dtype=np.uint16).reshape(5, 7)
    first = gips.arith.invert(a)  # the ctypes path: fills _OUTS
    img = gips.arith.invert(a)
    assert img.__class__ is Image
    ref = _outImage(first._geom, first.array, first._cal)
    for s in Image.__slots__:
        if s == "__weakref__":
            continue
        got, want = getattr(img, s), getattr(ref, s)
        if s == "_array":
            assert got.__class__ is np.ndarray and got.dtype == want.dtype and got.shape == want.shape
        else:
            assert got == want and type(got) is type(want), s
    np.testing.assert_array_equal(img.array, np.invert(a))
    assert img.shared and not img._readonly
    img.array[0, 0] = 7  # its array is its memory
    assert img.array[0, 0] == 7
    import weakref
    assert weakref.ref(img)() is img


def test_fastcall_request_key():
    """_fastcall.request finds the request bytes that _ops._request cached
    under the same key, and nothing for values that _request does not key
    (NaN, nested or long sequences): 1, 1.0 and True are equal in Python
    and give other requests, and so do 0.0 and -0.0, alone or in a tuple
    or list."""
    if _ops._fastReq is None:
        pytest.skip("gips._fastcall not built")
    reqs, simple = _ops._REQS, _ops._SIMPLE
    reqs.clear()
    name = "threshold.range"
    for params in ({"min": 1, "max": 255}, {"min": 1.0, "max": 255}, {"min": True, "max": 255},
                   {"min": 1.5, "max": "x"}, {"max": 255, "min": 1}, {"min": np.int64(3), "max": None},
                   {"min": 0.0, "max": 1}, {"min": -0.0, "max": 1}):
        assert _ops._fastReq(reqs, name, params, simple) is None
        want = _ops._request(name, params)
        got = _ops._fastReq(reqs, name, params, simple)
        if params["min"].__class__ is np.int64:
            assert got is None or got == want  # a numpy scalar: keyed in Python only
        else:
            assert got == want, params
    assert _ops._fastReq(reqs, name, {"min": 1, "max": 255}, simple) != \
        _ops._fastReq(reqs, name, {"min": 1.0, "max": 255}, simple)
    assert _ops._fastReq(reqs, name, {"min": 0.0, "max": 1}, simple) == b'{"op":"threshold.range","params":{"min":0.0,"max":1}}'
    assert _ops._fastReq(reqs, name, {"min": -0.0, "max": 1}, simple) == b'{"op":"threshold.range","params":{"min":-0.0,"max":1}}'
    class Float(float):  # not a type whose value is its key
        pass

    for v in (float("nan"), [1, (2, 3)], tuple(range(9)), (1.0, float("nan")), [Float(1)]):
        _ops._request(name, {"min": v, "max": 255})
        assert _ops._fastReq(reqs, name, {"min": v, "max": 255}, simple) is None
    name = "stats.histogram"
    seen = set()
    for rng in ((0, 256), (0.0, 256), (-0.0, 256), (True, 256), [0, 256], [0.0, 256.5], ("0", None), ()):
        assert _ops._fastReq(reqs, name, {"range": rng}, simple) is None  # not cached yet
        want = _ops._request(name, {"range": rng})
        got = _ops._fastReq(reqs, name, {"range": rng}, simple)
        assert got is want, rng  # the bytes that Python cached, under the key C made
        seen.add(got)
    assert len(seen) == 7  # [0, 256] sends (0, 256)'s request; the key types differ
    lst = [0, 256]
    _ops._request(name, {"range": lst})
    lst[1] = 128
    assert _ops._fastReq(reqs, name, {"range": lst}, simple) is None  # new values: a new key
    rng = (np.float32(0.5), 2)  # a numpy float: keyed in Python only
    _ops._request(name, {"range": rng})
    assert _ops._fastReq(reqs, name, {"range": rng}, simple) is None
    with pytest.raises(TypeError):
        _ops._fastReq(reqs, name, [("min", 1)], simple)
    reqs.clear()


def test_fastcall_params_calls_match_ctypes_path():
    """Calls with parameters through the C-keyed request give what the
    ctypes path gives, for values 1, 1.0 and True alike, -0.0 and numpy
    scalars; True, not a number to Go, is refused every time (its key is
    not 1's)."""
    a = np.arange(64, dtype=np.uint8).reshape(8, 8)
    for v in (1, 1.0, 30, 30.5, -0.0, np.float32(30), np.int16(30), True, 1):
        for _ in range(2):  # the second call's request is cached
            if v is True:
                with pytest.raises(gips.GipsValueError, match="value"):
                    gips.threshold.light(a, value=v)
                continue
            np.testing.assert_array_equal(gips.threshold.light(a, value=v).array, a >= v, err_msg=repr(v))


def test_fastcall_new_tuple_form():
    """_IMAGE_SLOTS names every slot of Image (else _fastcallModule leaves
    them out and new() gives (array, entry), as before): run's handling of
    that form gives the same Image."""
    from gips._image import Image
    cls, var, const = _ops._IMAGE_SLOTS
    assert cls is Image and set(Image.__slots__) - {"__weakref__"} == set(var) | {k for k, _ in const}
    if _ops._fastNew is None:
        pytest.skip("gips._fastcall not built")
    a = np.arange(24, dtype=np.uint8).reshape(4, 6)
    req = _ops._request("arith.invert", {})
    gips.arith.invert(a)
    out = np.invert(a)
    img = _ops._runFast("arith.invert", req, (a,), None, (out, _ops._OUTS[_ops._fastKey(req, (a,))]))
    assert img.__class__ is Image and img.array.base is out  # a view of the array Go wrote
    np.testing.assert_array_equal(img.array, np.invert(a))


def test_run_in_c_matches_python_run():
    """gips.run is _fastcall.run, which makes the common call (no out, a
    cached request, an output _OUTS knows) in C and hands every other call
    to the Python run: both give the same results and errors, for calls
    without and with parameters (out=None among them), into out, on
    images, with numbers, histograms and errors for results."""
    if getattr(_ops._fast, "run", None) is None:
        pytest.skip("gips._fastcall not built")
    assert gips.run is _ops._fast.run and gips.arith.invert.__globals__["_run"] is gips.run
    a = _rand((7, 33), np.uint8, 1)
    b = _rand((7, 33), np.uint8, 2)
    img = gips.fromArray(a)
    calls = [
        (("arith.invert", a), {}),
        (("arith.add", a, b), {"out": None}),
        (("threshold.range", a), {"min": 30, "max": 200.5}),
        (("threshold.light", a), {"value": np.int16(77), "out": None}),
        (("arith.addScalar", img), {"value": 3}),
        (("threshold.otsu", a), {}),
        (("stats.histogram", a), {"nbins": 4, "range": "0,256"}),
    ]
    for args, kw in calls:
        for _ in range(3):  # the first calls fill the caches C reads
            got, want = gips.run(*args, **kw), _ops.runPy(*args, **kw)
            got, want = (x.array if isinstance(x, gips.Image) else x for x in (got, want))
            if isinstance(want, tuple):
                for g, w in zip(got, want):
                    np.testing.assert_array_equal(g, w, err_msg=repr(args[0]))
            else:
                np.testing.assert_array_equal(got, want, err_msg=repr(args[0]))
    # Its recent requests by parameter values: each call's own.
    for v in (10, 200, 10.0, 200.5, 10, -0.0, 0.0, 2**70, 10, 9, 8, 7, 200.5):
        np.testing.assert_array_equal(gips.run("threshold.light", a, value=v).array, a >= v, err_msg=repr(v))
    o = np.empty_like(a)
    assert gips.run("arith.invert", a, out=o) is o
    np.testing.assert_array_equal(o, np.invert(a))
    assert gips.run("arith.add", o, b, out=o) is o  # in place
    np.testing.assert_array_equal(o, _addSat(np.invert(a), b))
    oi = gips.fromArray(np.empty_like(a))
    assert gips.run("arith.invert", a, out=oi) is oi  # into an Image: the Python run
    np.testing.assert_array_equal(oi.array, np.invert(a))
    ro = np.empty_like(a)
    ro.flags.writeable = False
    for bad_out in (np.empty((3, 3), np.uint8), ro):
        with pytest.raises(gips.GipsError) as e:
            gips.run("arith.invert", a, out=bad_out)
        with pytest.raises(type(e.value)):
            _ops.runPy("arith.invert", a, out=bad_out)
    for bad in ((("arith.nope", a), {}), (("threshold.light", a), {"value": True}), (("arith.add", a), {})):
        with pytest.raises(gips.GipsError) as e:
            gips.run(*bad[0], **bad[1])
        with pytest.raises(type(e.value)):
            _ops.runPy(*bad[0], **bad[1])
    with pytest.raises(TypeError):
        gips.run()


def test_fastcall_shared_is_wrapByLayout(monkeypatch):
    """_fastcall.shared, _image._wrapByLayout's writable hit in C: every
    slot as the Python path sets it (the cached geometry, a view of the
    array, the array kept), the array's memory both ways; None for a
    layout not seen, a read-only array or another class."""
    from gips import _image
    if _image._fastShared is None:
        pytest.skip("gips._fastcall not built")
    a = _rand((3, 6, 10), np.uint8, 11)
    assert _image._fastShared(np.zeros((3, 7, 13), np.uint16), "rgb", _image._SHARED) is None
    gips.fromRgbArray(a)  # the plan, cached
    got = _image._fastShared(a, "rgb", _image._SHARED)
    assert got.__class__ is gips.Image
    with monkeypatch.context() as m:
        m.setattr(_image, "_fastShared", None)
        want = gips.fromRgbArray(a)
    for s in _image.Image.__slots__:
        if s == "__weakref__":
            continue
        g, w = getattr(got, s), getattr(want, s)
        if s == "_array":
            assert g.base is a and g.shape == w.shape and g.strides == w.strides and g.dtype == w.dtype
        else:
            assert g is w or (g == w and type(g) is type(w)), s
    got.array[0, 0, 0] = 7
    assert a[0, 0, 0] == 7
    r = a.copy()
    r.flags.writeable = False
    assert _image._fastShared(r, "rgb", _image._SHARED) is None and gips.fromRgbArray(r).readonly
    assert _image._fastShared(np.asarray(a).view(np.ndarray), "binary", _image._SHARED) is None
    assert _image._fastShared(np.ma.masked_array(a), "rgb", _image._SHARED) is None


@pytest.mark.parametrize("api", ["numpy C API", "numpy.empty"])
def test_fastcall_new_output_is_numpy_empty(api):
    """A new output made through numpy's C API table (_fastcall.arrayAPI:
    PyArray_NewFromDescr) is the array numpy.empty makes: exact ndarray,
    shape, dtype, strides, flags, its own memory; and the op's values, for
    every dtype, odd 2D and 3D shapes, as through numpy.empty (the module
    without the table)."""
    if _ops._fastNew is None or not hasattr(_ops._fast, "arrayAPI"):
        pytest.skip("gips._fastcall not built")
    assert _ops._fast.arrayAPI(object()) is False  # not a capsule: not taken
    taken = _ops._fast.arrayAPI(_ops._arrayAPI() if api == "numpy C API" else None)
    assert taken is (api == "numpy C API")
    try:
        for dt in (np.uint8, np.int8, np.uint16, np.int16, np.uint32, np.int32, np.float32, np.float64):
            for shape in ((1, 1), (3, 7), (5, 1, 9), (2, 33, 17)):
                a = _rand(shape, dt, 3)
                for rep in range(3):  # the first through Python (fills _OUTS), then in C
                    r = gips.arith.invert(a)
                    out = r._array
                    e = np.empty(shape, dt)
                    assert type(out) is np.ndarray and out.dtype == e.dtype and out.shape == e.shape
                    assert out.strides == e.strides
                    if rep > 0:  # made in C (the Python path's first output is a view)
                        assert out.base is None
                        for f in ("C_CONTIGUOUS", "F_CONTIGUOUS", "OWNDATA", "WRITEABLE", "ALIGNED"):
                            assert out.flags[f] == e.flags[f], f
                    np.testing.assert_array_equal(out, gips.arith.invert(a, out=np.empty_like(a)))
    finally:
        _ops._fast.arrayAPI(_ops._arrayAPI())


def _spareOn():
    if _ops._fastNew is None:
        pytest.skip("gips._fastcall not built")
    _ops._OUTS.clear()


def test_spare_output_never_overwrites_what_is_held():
    """A call writes into its last output again (_spare.h) only once
    nothing holds it: a result, its array, a view of it, a weak reference
    kept are never overwritten by later calls, and each call's values are
    its own inputs'."""
    _spareOn()
    a = [_rand((7, 9), np.uint8, s) for s in range(6)]
    held = [gips.arith.invert(a[0]) for _ in range(3)]  # results held
    arr = gips.arith.invert(a[1]).array  # a view of a dropped result's array
    base = gips.arith.invert(a[2])._array  # the array itself
    asarr = np.asarray(gips.arith.invert(a[3]))  # numpy's view through the array interface
    import weakref
    r = gips.arith.invert(a[3])
    w = weakref.ref(r)
    del r
    for k in range(4):  # dropped results: written into again
        r = gips.arith.invert(a[4 + k % 2])
        np.testing.assert_array_equal(r.array, np.invert(a[4 + k % 2]))
        del r
    for h in held:
        np.testing.assert_array_equal(h.array, np.invert(a[0]))
    np.testing.assert_array_equal(arr, np.invert(a[1]))
    np.testing.assert_array_equal(base, np.invert(a[2]))
    np.testing.assert_array_equal(asarr, np.invert(a[3]))
    assert w() is None or np.array_equal(w().array, np.invert(a[3]))
    assert len({id(h) for h in held}) == 3 and len({id(h._array) for h in held}) == 3
    _ops._OUTS.clear()


def test_spare_output_is_reused_and_reset():
    """A dropped result is written into again (the same Image and array),
    as a new one would be: its slots are those _outImage sets, whatever
    was done to the dropped one (a calibration, its gips_image struct)."""
    _spareOn()
    from gips._image import _outImage
    a = np.arange(35, dtype=np.uint16).reshape(5, 7)
    first = gips.arith.invert(a)  # the ctypes path: fills _OUTS
    r = gips.arith.invert(a)
    ident = id(r), id(r._array)
    r.calibration = gips.Calibration(0.5, 0.5, 1.0, "um")
    r._callRef()
    del r
    r = gips.arith.invert(a + 1)
    assert (id(r), id(r._array)) == ident  # reused
    ref = _outImage(first._geom, first.array, first._cal)
    for s in gips.Image.__slots__:
        if s not in ("__weakref__", "_array"):
            got, want = getattr(r, s), getattr(ref, s)
            assert got == want and type(got) is type(want), s
    np.testing.assert_array_equal(r.array, np.invert(a + 1))
    _ops._OUTS.clear()


@pytest.mark.parametrize("change", ["readonly", "reshaped", "strides", "dtype", "weakref"])
def test_spare_output_changed_is_not_reused(change):
    """An output array that is no longer as numpy.empty made it (read-only,
    reshaped or restrided in place, viewed as another dtype) or that has a
    weak reference is not written into again: the next call's output is
    as numpy.empty makes it, with that call's values."""
    _spareOn()
    import weakref
    a = _rand((6, 8), np.uint16, 1)
    gips.arith.invert(a)  # fills _OUTS
    gips.arith.invert(a)  # the C path: keeps its output
    r = gips.arith.invert(a)
    arr = r._array
    if change == "readonly":
        arr.flags.writeable = False
    elif change == "reshaped":
        arr.shape = (8, 6)
    elif change == "strides":
        arr.strides = (2, 12)  # the same memory, read otherwise
    elif change == "dtype":
        arr.dtype = np.int16
    keep = weakref.ref(arr) if change == "weakref" else None
    del r, arr
    r = gips.arith.invert(a + 1)
    out, e = r._array, np.empty((6, 8), np.uint16)
    assert out.shape == e.shape and out.dtype == e.dtype and out.strides == e.strides
    assert out.flags.writeable and out.flags.c_contiguous and out.base is None
    assert keep is None or keep() is not out
    np.testing.assert_array_equal(r.array, np.invert(a + 1))
    _ops._OUTS.clear()


def test_spare_output_while_the_last_result_is_held():
    """A loop `r = op(x)` holds its last result while the next call runs:
    the call keeps that result too (a second spare, _spare.h) and writes
    into the one dropped before it, never into the held one; each result
    has its own call's values."""
    import sys

    _spareOn()
    a = [_rand((6, 10), np.uint16, s) for s in range(5)]
    r = gips.arith.invert(a[0])  # the ctypes path: fills _OUTS
    for k in range(1, 12):
        prev = r  # the result before it is dropped here
        r = gips.arith.invert(a[k % 5])
        assert r is not prev
        np.testing.assert_array_equal(r.array, np.invert(a[k % 5]))
        np.testing.assert_array_equal(prev.array, np.invert(a[(k - 1) % 5]))  # held: not written into
        if k >= 3:  # prev: this name, the C module's spare, getrefcount's argument
            assert sys.getrefcount(prev) == 3
    _ops._OUTS.clear()


def test_spare_outputs_at_most_two_kept():
    """The C module keeps the last two outputs of a call at most, and lets
    go of those that can never be written into again (here: weakly
    referenced) at its next call."""
    import weakref

    _spareOn()
    a = _rand((4, 9), np.uint8, 2)
    gips.arith.invert(a)  # fills _OUTS
    held = [gips.arith.invert(a) for _ in range(5)]
    refs = [weakref.ref(h) for h in held]
    del held
    assert [w() is not None for w in refs] == [False, False, False, True, True]
    r = gips.arith.invert(a)
    assert all(w() is None for w in refs)
    np.testing.assert_array_equal(r.array, np.invert(a))
    _ops._OUTS.clear()


def test_spare_outputs_only_small():
    """Outputs over a MiB are not kept: a dropped one is freed at once."""
    _spareOn()
    import weakref
    a = np.zeros((1100, 1000), np.uint8)
    for _ in range(3):
        r = gips.arith.invert(a)
        w = weakref.ref(r)
        del r
        assert w() is None
    _ops._OUTS.clear()


def test_spare_output_threads():
    """Threads calling the same op (one cache entry, one spare, Go run
    without the GIL): every result, held or dropped, has its own call's
    values."""
    _spareOn()
    a = [_rand((5, 11), np.uint8, s) for s in range(4)]
    gips.arith.invert(a[0])
    bad = []

    def work(k):
        held = []
        for i in range(300):
            r = gips.arith.invert(a[k])
            if not np.array_equal(r.array, np.invert(a[k])):
                bad.append((k, i))
            if i % 7 == 0:
                held.append(r)
        bad.extend((k, -1) for h in held if not np.array_equal(h.array, np.invert(a[k])))

    ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert bad == []
    _ops._OUTS.clear()


@pytest.mark.parametrize("shape", [(8, 8), (64, 128), (64, 129), (2, 64, 64)])
def test_calls_on_either_side_of_the_gil_bound(path, shape):
    """Calls on arrays of 16 KiB or less in all keep the GIL while Go runs
    (_fastcall.c, KEEP_GIL_BYTES), larger ones release it: the same values
    either side, into new outputs and in place."""
    a, b = _rand(shape, np.uint8, 4), _rand(shape, np.uint8, 5)
    for _ in range(3):
        np.testing.assert_array_equal(gips.arith.add(a, b).array, _addSat(a, b))
        c = a.copy()
        assert gips.arith.add(c, b, out=c) is c
        np.testing.assert_array_equal(c, _addSat(a, b))


def test_typecode_cache_follows_dtype_objects(path):
    """The C module keeps the codes of the last few dtype objects it saw
    (held, so an address is not reused while cached): dtype objects made
    and dropped call after call (with metadata: a new object each time),
    more kinds than it keeps, each call's result of its own dtype."""
    for rep in range(4):
        for dt in (np.uint8, np.int8, np.uint16, np.int16, np.uint32, np.int32, np.float32, np.float64):
            a = _rand((3, 5), dt, rep)
            v = a.view(np.dtype(dt, metadata={"rep": rep}))
            if np.dtype(dt).kind == "u":
                want = np.iinfo(dt).max - a
            elif np.dtype(dt).kind == "i":
                want = np.clip(-a.astype(np.int64), np.iinfo(dt).min, np.iinfo(dt).max).astype(dt)
            else:
                want = -a
            got = gips.arith.invert(v).array
            assert got.dtype == np.dtype(dt)
            np.testing.assert_array_equal(got, want)
            del v
