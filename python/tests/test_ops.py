"""Every registered op through the binding, against an independent numpy /
scipy reference (tests/refs.py), and the op-call contract: numpy inputs,
out=, in place, read-only, errors, threads, lifetime."""

import base64
import gc
import json
import threading

import numpy as np
import pytest

import gips
from refs import REFS

RNG = np.random.default_rng(5)


class _GarbageNumpy:
    """numpy, but empty() gives memory full of 0xA5 bytes."""

    def __getattr__(self, name):
        return getattr(np, name)

    @staticmethod
    def empty(n, dtype):
        return np.full(n, 0xA5, dtype)


@pytest.fixture(autouse=True)
def garbage_outputs(monkeypatch):
    """Op outputs start as garbage (the binding allocates them with
    np.empty): every op must write every pixel. With the C extension every
    output comes from the output pool in its poison mode (0xA5 bytes)."""
    monkeypatch.setattr(gips._lib, "np", _GarbageNumpy())
    fast = gips._ops._fast
    if fast is None:
        yield
        return
    was = fast.outputPool(minBytes=0, poison=1)
    try:
        yield
    finally:
        fast.outputPool(minBytes=was[1], poison=0)
        fast.releasePool()


def _fn(name):
    fam, op = name.split(".", 1)
    mod = getattr(gips, fam)
    return getattr(mod, op if hasattr(mod, op) else op + "_")


def _random(dt, shape, rng):
    dt = np.dtype(dt)
    if dt == np.bool_:
        return rng.random(shape) < 0.5
    if dt.kind == "f":
        a = (rng.standard_normal(shape) * 100).astype(dt)
        a.flat[:3] = [0, -0.0, 2.5]
        return a
    info = np.iinfo(dt)
    a = rng.integers(info.min, info.max, shape, endpoint=True, dtype=np.int64).astype(dt)
    small = rng.integers(max(info.min, -5), 6, shape).astype(dt)  # zeros, small values: x / 0, halves
    return np.where(rng.random(shape) < 0.3, small, a)


def _layouts(a):
    """The array as numpy holds it, and as two zero-copy views of larger
    arrays (rows reversed and padded; planes reversed)."""
    yield "contiguous", a
    big = np.zeros(a.shape[:-1] + (a.shape[-1] + 3,), a.dtype)
    v = big[..., ::-1, 1:a.shape[-1] + 1]
    v[...] = a
    yield "padded, rows reversed", v
    if a.ndim == 3:
        w = np.ascontiguousarray(a[::-1])[::-1]
        yield "planes reversed", w
    s = np.zeros(a.shape[:-1] + (2 * a.shape[-1],), a.dtype)[..., ::2]
    s[...] = a
    yield "x step 2 (planes copied)", s
    if a.dtype.itemsize > 1:
        yield "byte-swapped (planes copied)", a.astype(a.dtype.newbyteorder())


def _check(got, want, ref, xs):
    if isinstance(want, dict):
        assert list(got) == list(want), (list(got), list(want))
        for k in want:
            _check(got[k], want[k], ref, xs)
        return
    if isinstance(want, tuple):
        assert isinstance(got, tuple) and len(got) == len(want)
        for g, w in zip(got, want):
            _check(g, w, ref, xs)
        return
    got, want = np.asarray(got), np.asarray(want)
    assert got.shape == want.shape
    tol = ref.tol(xs) if callable(ref.tol) else ref.tol
    if tol or ref.rtol:
        np.testing.assert_allclose(got, want, rtol=ref.rtol, atol=tol, equal_nan=True)
    else:
        assert got.dtype == want.dtype or (want.dtype == np.bool_ and got.dtype == np.uint8), (got.dtype, want.dtype)
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("name", sorted(REFS))
def test_op_matches_reference(name):
    if name not in gips.ops():
        pytest.skip(f"{name} is not registered")
    ref, fn = REFS[name], _fn(name)
    modifies = gips.describe(name).get("modifies")
    for dt in ref.types:
        for shape in ref.shapes or [(6, 7), (3, 5, 7)]:
            xs = [_random(dt, shape, RNG) for _ in range(ref.n)]
            if ref.extra is not None:
                xs[1] = _random(ref.extra, shape, RNG)
            if ref.make is not None:
                xs = ref.make(xs, RNG)
            want = ref.f([x.copy() for x in xs], dt)
            # An op that modifies its input (util.eraseImg) writes into it:
            # every layout is made before any is written, and the result is
            # read from the caller's own array.
            layouts = list(_layouts(xs[0].copy())) if modifies else _layouts(xs[0])
            for lname, first in layouts:
                args = [ref.wrap(first) if ref.wrap else first] + (ref.rest(xs[1:]) if ref.rest else xs[1:])
                res = fn(*args, **ref.params)
                got = res.array if isinstance(res, gips.Image) else res
                if modifies:  # the caller's array keeps its own dtype and byte order
                    got = first.astype(np.asarray(want).dtype)
                try:
                    _check(got, want, ref, xs)
                except AssertionError as e:
                    raise AssertionError(f"{name} {np.dtype(dt)} {shape} {lname}: {e}") from None
                if not modifies:
                    np.testing.assert_array_equal(first, xs[0])  # inputs are not written


def test_every_registered_op_has_a_reference():
    missing = [n for n in gips.ops() if n not in REFS]
    assert not missing, f"ops without a reference in tests/refs.py: {missing}"


def test_generated_signatures_and_docs():
    import inspect
    for name in gips.ops():
        fn = _fn(name)
        d = gips.describe(name)
        sig = inspect.signature(fn)
        names = list(sig.parameters)
        assert names[:len(d["inputs"])] == [i["name"] for i in d["inputs"]]
        for p in d["params"]:
            pn = p["name"] if p["name"] in names else p["name"] + "_"
            assert pn in names, (name, p["name"])
            if p.get("default") is not None:
                assert sig.parameters[pn].default is not inspect.Parameter.empty
        assert (d["returns"] == "image") == ("out" in names)
        assert d["doc"].split()[0] in fn.__doc__ and name in fn.__doc__


# -- the reference page's op example ----------------------------------------

def test_reference_erase():
    # The reference page, line by line: eraseImg fills the image itself.
    img = gips.createImage(gips.eImageBufferType.eIBT_UInt8, 5, 7)
    img.array[...] = 3  # not zeros already, so the fill is seen
    gips.util.eraseImg(img, 0)
    assert img.array.shape == (7, 5) and (img.array == 0).all()
    # Given an output, the output is filled and the image is left alone.
    other = gips.createImage(gips.eImageBufferType.eIBT_UInt8, 5, 7)
    res = gips.util.eraseImg(img, 9, out=other)
    assert res is other and (other.array == 9).all() and (img.array == 0).all()
    # A numpy array is filled in place too.
    a = np.ones((4, 6), np.int16)
    gips.util.eraseImg(a, -2)
    assert (a == -2).all()


# -- the call contract --------------------------------------------------------

def test_numpy_in_gips_image_out_and_out_forms():
    a = np.arange(24, dtype=np.uint16).reshape(2, 3, 4)
    r = gips.arith.addScalar(a, 10)
    assert isinstance(r, gips.Image) and r.geometry == gips.geometry3d(gips.UInt16, 4, 3, 2)
    np.testing.assert_array_equal(r.array, a + 10)
    # out= an array: written in place, and returned itself (as numpy's out=).
    o = np.zeros_like(a)
    res = gips.arith.addScalar(a, 1, out=o)
    assert res is o
    np.testing.assert_array_equal(o, a + 1)
    # out= a strided array: its planes are copied and written back.
    big = np.zeros((2, 3, 8), np.uint16)
    gips.arith.addScalar(a, 2, out=big[:, :, ::2])
    np.testing.assert_array_equal(big[:, :, ::2], a + 2)
    assert (big[:, :, 1::2] == 0).all()
    # out= an image: in place on an input (the op works pixel for pixel).
    img = gips.fromArray(a.copy())
    assert gips.arith.multiplyScalar(img, 2, out=img) is img
    np.testing.assert_array_equal(img.array, a * 2)


def test_out_array_is_wrapped_in_the_call_with_the_output_geometry(monkeypatch):
    """An out= array costs one call into Go, the op's own: no request for
    the output geometry and no separate wrapping of the array (which would
    also read a (3, Y, X) array as a volume, not as the RGB result)."""
    calls = []
    real = gips._lib.call
    monkeypatch.setattr(gips._lib, "call", lambda name, req=None: calls.append(name) or real(name, req))
    rgb = gips.fromRgbArray(np.arange(60, dtype=np.uint8).reshape(3, 4, 5))
    gips.run("arith.addScalar", rgb, value=1)  # the registry is read once, before counting
    calls.clear()
    out = np.zeros((3, 4, 5), np.uint8)
    assert gips.arith.addScalar(rgb, 1, out=out) is out
    np.testing.assert_array_equal(out, rgb.array + 1)
    # A strided out (planes copied for the call and written back) is one call too.
    big = np.zeros((3, 4, 10), np.uint8)
    gips.arith.addScalar(rgb, 2, out=big[..., ::2])
    np.testing.assert_array_equal(big[..., ::2], rgb.array + 2)
    assert calls == [], calls
    # A Binary result goes into a bool or uint8 array.
    m = np.zeros((4, 5), np.bool_)
    gips.threshold.light(rgb.array[0], 30, out=m)
    np.testing.assert_array_equal(m, rgb.array[0] >= 30)
    with pytest.raises(TypeError, match="out"):
        gips.arith.addScalar(rgb, 1, out=[0] * 60)
    with pytest.raises(ValueError, match="output"):
        gips.arith.addScalar(rgb, 1, out=np.zeros((4, 5), np.uint8))


def test_nan_and_infinite_parameters_are_carried():
    import scipy.ndimage as ndi
    a = np.array([[0.5, 3, -2], [np.inf, 7, 1e30]], np.float64)
    r = gips.threshold.range(a, min=0, max=np.inf)
    np.testing.assert_array_equal(r.array, ((a >= 0) & (a <= np.inf)).astype(np.uint8))
    r = gips.threshold.range(a, min=-np.inf, max=np.float32(2))
    np.testing.assert_array_equal(r.array, (a <= 2).astype(np.uint8))
    # A NaN cval, as scipy allows: NaN reaches exactly the pixels whose
    # window crosses the border.
    v = _random(np.float32, (4, 6, 7), np.random.default_rng(11))
    for cval in (np.nan, np.inf, -np.inf):
        g = gips.filter.gaussian(v, sigma=(0.7, 1, 1.5), mode="constant", cval=cval)
        want = ndi.gaussian_filter(v.astype(np.float64), (0.7, 1, 1.5), mode="constant", cval=cval)
        np.testing.assert_array_equal(np.isnan(g.array), np.isnan(want))
        np.testing.assert_array_equal(np.isinf(g.array), np.isinf(want))
        fin = np.isfinite(want)
        np.testing.assert_allclose(g.array[fin], want[fin], atol=1e-4)
    h, e = gips.stats.histogram(a[np.isfinite(a)].reshape(1, -1)[:, :3], nbins=2, range=(0.0, np.float64(4)))
    np.testing.assert_array_equal(h, [1, 1])
    np.testing.assert_array_equal(e, [0, 2, 4])


def test_vectors_and_histograms_come_back_as_numpy_memory(monkeypatch):
    """Vectors and histograms are written by Go into memory numpy allocates,
    not sent as JSON numbers: the reply carries only their length."""
    replies = []
    real = gips._lib._reply

    def spy(code, out):
        r = real(code, out)
        replies.append(r)
        return r

    monkeypatch.setattr(gips._lib, "_reply", spy)
    a = np.random.default_rng(2).integers(0, 65536, (64, 64)).astype(np.uint16)
    counts, edges = gips.stats.histogram(a, nbins=65536, range=(0, 65536))
    want_c, want_e = np.histogram(a, 65536, (0, 65536))
    np.testing.assert_array_equal(counts, want_c)
    np.testing.assert_array_equal(edges, want_e)
    assert counts.dtype == np.int64 and edges.dtype == np.float64
    q = np.linspace(0, 100, 1001)
    p = gips.stats.percentiles(a, q=q)
    np.testing.assert_allclose(p, np.percentile(a, q), rtol=1e-12)
    assert p.dtype == np.float64 and p.shape == q.shape
    assert all(len(json.dumps(r)) < 100 for r in replies), replies
    # Results are independent arrays that outlive everything else.
    del a
    gc.collect()
    assert counts.sum() == 64 * 64 and p.shape == (1001,) and p[-1] == want_c.nonzero()[0][-1]


def test_generator_is_general_by_parameter_kind(monkeypatch):
    """What the generated function of an op with every parameter kind sends
    to Go: per-axis values reversed to x first, a scalar for all axes,
    numbers from any sequence, an array as {"shape", "f64le"} (packed
    float64, C order) or, bool and uint8, {"shape", "u8"}, None for an optional parameter left out, NaN and
    infinities as strings."""
    from gips import _gen, _ops
    d = {"name": "fake.kinds", "family": "fake", "doc": "All kinds.", "returns": "number",
         "inputs": [{"name": "image", "types": ["Real64"]}],
         "params": [{"name": "sigma", "kind": "floats", "default": [1, 2, 3]},
                    {"name": "size", "kind": "ints", "default": [3]},
                    {"name": "q", "kind": "numbers", "default": [50]},
                    {"name": "range", "kind": "numbers", "default": None, "optional": True, "len": 2},
                    {"name": "footprint", "kind": "array", "default": None, "optional": True},
                    {"name": "cval", "kind": "float", "default": 0},
                    {"name": "output", "kind": "enum", "default": "same", "choices": ["Real64", "same"]},
                    {"name": "lambda", "kind": "float", "default": 1}]}
    monkeypatch.setitem(_ops._registry(), "fake.kinds", d)
    _ops._kinds.cache_clear()
    sent = []
    monkeypatch.setattr(_ops, "_fastCall", None)  # every request through callFast, to be read here
    monkeypatch.setattr(gips._lib, "callFast", lambda req, n, hasOut, recs: sent.append(json.loads(req)) or
                        ({"kind": "number", "value": 0}, []))
    ns = {"_run": gips.run}
    src = _gen.op_source(d)
    exec(src, ns)
    fn = ns["kinds"]
    import inspect
    sig = inspect.signature(fn)
    assert sig.parameters["sigma"].default == (3.0, 2.0, 1.0)  # numpy order
    assert sig.parameters["size"].default == 3
    assert sig.parameters["range"].default is None and sig.parameters["footprint"].default is None
    assert "numpy order (z, y, x)" in fn.__doc__
    img = np.zeros((2, 2))
    fn(img)
    fp = np.array([[[True, False, True], [False, True, False]]])
    fn(img, sigma=(4, 0.5, 1), size=np.array([5, 1]), q=range(10, 40, 10), range=np.array([0, np.inf]),
       footprint=fp, cval=np.float32("nan"), output=gips.Real64, lambda_=np.inf)
    fn(img, sigma=np.float64(2), size=7, q=(np.int64(5),), footprint=[[1.0, np.nan], [-np.inf, 2]], cval=-np.inf)
    _ops._kinds.cache_clear()
    assert sent[0]["params"] == {"sigma": [1.0, 2.0, 3.0], "size": 3, "q": [50.0], "cval": 0.0, "output": "same",
                                 "lambda": 1.0}
    # Arrays go packed: numpy's shape and base64 of the little-endian
    # float64 values in C order (non-finite values as they are), or of
    # one byte a value for bool and uint8 arrays.
    def unpack(p, key="f64le"):
        assert set(p) == {"shape", key}
        return p["shape"], np.frombuffer(base64.b64decode(p[key]), dtype="<f8" if key == "f64le" else "u1").tolist()
    fp1 = sent[1]["params"].pop("footprint")
    assert unpack(fp1, "u8") == ([1, 2, 3], [1, 0, 1, 0, 1, 0])
    assert sent[1]["params"] == {"sigma": [1, 0.5, 4], "size": [1, 5], "q": [10, 20, 30], "range": [0.0, "Inf"],
                                 "cval": "NaN", "output": "Real64", "lambda": "Inf"}
    assert sent[2]["params"]["sigma"] == 2.0 and sent[2]["params"]["size"] == 7
    shape, vals = unpack(sent[2]["params"]["footprint"])
    assert shape == [2, 2] and vals[0] == 1.0 and np.isnan(vals[1]) and vals[2:] == [-np.inf, 2.0]
    assert sent[2]["params"]["cval"] == "-Inf"
    fn(img, footprint=np.array([[0, 7], [255, 1]], np.uint8))
    fn(img, footprint=np.array([[0, 7], [256, 1]], np.int16))
    assert unpack(sent[3]["params"]["footprint"], "u8") == ([2, 2], [0, 7, 255, 1])
    assert unpack(sent[4]["params"]["footprint"]) == ([2, 2], [0.0, 7.0, 256.0, 1.0])
    with pytest.raises(ValueError, match="sigma"):
        fn(img, sigma=np.ones((2, 2)))


def test_read_only_never_written():
    a = np.arange(12, dtype=np.uint8).reshape(3, 4)
    a.setflags(write=False)
    with pytest.raises(gips.ReadOnlyError, match="read-only"):
        gips.util.eraseImg(a, 5, out=a)
    img = gips.fromArray(a)
    with pytest.raises(ValueError, match="read-only"):
        gips.arith.addScalar(img, 1, out=img)
    np.testing.assert_array_equal(a, np.arange(12).reshape(3, 4))
    # Reading a read-only array is fine.
    np.testing.assert_array_equal(gips.arith.addScalar(a, 1).array, a + 1)


def test_errors_are_python_exceptions_with_gos_message():
    a = np.zeros((3, 4), np.uint8)
    with pytest.raises(TypeError, match="accepts"):
        gips.arith.invert(np.zeros((3, 4), np.bool_))
    with pytest.raises(TypeError):
        gips.arith.addScalar(np.zeros((3, 4), np.float16), 1)
    with pytest.raises(ValueError, match="value"):
        gips.arith.addScalar(a, "x")
    with pytest.raises(ValueError, match="output"):
        gips.util.convertImg(a, "Float16")
    with pytest.raises(ValueError, match="output"):
        gips.arith.addScalar(a, 1, out=np.zeros((4, 3), np.uint8))
    with pytest.raises(ValueError):
        gips.arith.add(a, np.zeros((4, 3), np.uint8))
    with pytest.raises(TypeError):
        gips.arith.addScalar(a, 1, bogus=2)  # a real signature
    with pytest.raises(ValueError, match="unknown op"):
        gips.run("nope.nothing", a)
    with pytest.raises(ValueError, match="shares memory"):
        gips.arith.add(a, a, out=a[::-1])
    with pytest.raises(ValueError, match=r"shape \[3\]") as e:
        gips.arith.addScalar(np.zeros((3,), np.uint8), 1)
    assert isinstance(e.value, gips.GipsError)


def test_buffer_type_parameters_take_the_enum():
    a = np.arange(6, dtype=np.uint8).reshape(2, 3)
    r = gips.util.convertImg(a, gips.Real64)
    assert r.bufferType == gips.Real64 and r.array.dtype == np.float64
    r = gips.util.convertImg(a, gips.eImageBufferType.eIBT_Binary)
    assert r.bufferType == gips.Binary
    np.testing.assert_array_equal(r.array, (a != 0).astype(np.uint8))


def test_threads_give_the_serial_results():
    xs = [_random(np.int16, (8, 64, 64), np.random.default_rng(i)) for i in range(8)]
    ys = [_random(np.int16, (8, 64, 64), np.random.default_rng(100 + i)) for i in range(8)]
    ops = [lambda x, y: gips.arith.linearCombination(x, y, 0.5, -2, 3).array,
           lambda x, y: gips.arith.multiply(x, y[::-1]).array,
           lambda x, y: gips.util.convertImg(x[:, :, ::2], gips.Real32, scaling="minmax").array]
    serial = [[op(x, y) for op in ops] for x, y in zip(xs, ys)]
    results = [None] * len(xs)
    errors = []

    def work(i):
        try:
            for _ in range(5):
                results[i] = [op(xs[i], ys[i]) for op in ops]
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    ts = [threading.Thread(target=work, args=(i,)) for i in range(len(xs))]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not errors, errors
    for s, r in zip(serial, results):
        for a, b in zip(s, r):
            np.testing.assert_array_equal(a, b)


def test_results_and_inputs_outlive_their_owners():
    a = np.arange(5000, dtype=np.float32).reshape(50, 100)
    img = gips.fromArray(a[::-1])
    del a
    gc.collect()
    r = gips.arith.multiplyScalar(img, 2)
    arr = r.array
    del r, img
    gc.collect()
    assert arr[0, 0] == 2 * 4900 and arr.sum() == 2 * sum(range(5000))


@pytest.mark.parametrize("mode", ["reflect", "nearest", "mirror", "constant", "wrap"])
def test_per_axis_parameters_are_in_numpy_order_as_scipy(mode):
    """sigma and size are (z, y, x) for a volume and (y, x) for a 2D image,
    as the array's shape and as scipy.ndimage: the same call as scipy's
    gives scipy's result, with a different value along every axis."""
    if "filter.gaussian" not in gips.ops():
        pytest.skip("no filters registered")
    import scipy.ndimage as ndi
    a = _random(np.float32, (6, 9, 11), np.random.default_rng(7))
    for sigma in [(2, 1, 1), (0.8, 2.5, 1.5), np.array([0, 1.2, 0.6])]:
        g = gips.filter.gaussian(a, sigma=sigma, mode=mode, cval=7.5)
        want = ndi.gaussian_filter(a.astype(np.float64), sigma, mode=mode, cval=7.5)
        np.testing.assert_allclose(g.array, want, atol=1e-5 * float(np.ptp(a)), err_msg=str(sigma))
    u = _random(np.uint16, (5, 9, 11), np.random.default_rng(8))
    for size in [(1, 5, 3), [4, 1, 2], (3, 3, 1)]:
        m = gips.filter.mean(u, size=size, mode=mode, cval=7, output="Real64")
        want = ndi.uniform_filter(u.astype(np.float64), size, mode=mode, cval=7)
        np.testing.assert_allclose(m.array, want, atol=1e-6 * float(np.ptp(u)), err_msg=str(size))
    # 2D: (y, x).
    b = a[2]
    g = gips.filter.gaussian(b, sigma=(2.5, 0.7), mode=mode)
    np.testing.assert_allclose(g.array, ndi.gaussian_filter(b.astype(np.float64), (2.5, 0.7), mode=mode),
                               atol=1e-5 * float(np.ptp(b)))
    m = gips.filter.mean(u[0], size=(5, 2), mode=mode, output="Real64")
    np.testing.assert_allclose(m.array, ndi.uniform_filter(u[0].astype(np.float64), (5, 2), mode=mode),
                               atol=1e-6 * float(np.ptp(u)))
    # gips.run takes the same order as the functions.
    np.testing.assert_array_equal(gips.run("filter.gaussian", b, sigma=(2.5, 0.7), mode=mode).array, g.array)
    with pytest.raises(ValueError, match="sigma"):
        gips.filter.gaussian(a[0], sigma=(1, 2, 3))
    with pytest.raises(ValueError, match="mode"):
        gips.filter.gaussian(a, mode="bogus")


def test_smoothing_along_z_only_leaves_each_plane_alone():
    # The example: sigma=(2, 1, 1) smooths z by 2. A volume whose
    # planes are constant stays constant along y and x whatever sigma z is.
    vol = np.repeat(np.arange(8, dtype=np.float32)[:, None, None] ** 2, 5 * 6).reshape(8, 5, 6)
    g = gips.filter.gaussian(vol, sigma=(2, 0, 0)).array
    assert np.ptp(g, axis=(1, 2)).max() == 0
    assert np.abs(g - vol).max() > 1
    g = gips.filter.gaussian(vol, sigma=(0, 2, 1)).array
    np.testing.assert_allclose(g, vol, rtol=1e-6)


def test_ops_on_every_kind_of_image():
    import scipy.ndimage as ndi
    rng = np.random.default_rng(9)
    # RGB: channels are filtered alone.
    rgb = _random(np.uint8, (3, 12, 10), rng)
    g = gips.filter.gaussian(gips.fromRgbArray(rgb), sigma=1.2)
    assert g.geometry == gips.geometryRgb2d(gips.Real32, 10, 12)
    want = np.stack([ndi.gaussian_filter(c.astype(np.float64), 1.2) for c in rgb])
    np.testing.assert_allclose(g.array, want, atol=1e-5 * 255)
    # A sequence of volumes, through a geometry.
    seq = _random(np.int16, (2, 3, 4, 5), rng)
    img = gips.fromArray(seq, gips.geometrySequence3d(gips.Int16, 5, 4, 3, 2))
    r = gips.arith.addScalar(img, 3)
    assert r.array.shape == (2, 3, 4, 5)
    np.testing.assert_array_equal(r.array, np.clip(seq.astype(np.int64) + 3, -32768, 32767))
    # Labels and Binary.
    lab = gips.fromLabelArray(rng.integers(0, 9, (4, 6)).astype(np.uint16))
    assert gips.stats.max(lab) == float(lab.array.max())
    binimg = gips.threshold.light(rgb[0], 128)
    assert binimg.bufferType == gips.Binary
    np.testing.assert_array_equal(gips.logic.not_(binimg).array, (rgb[0] < 128).astype(np.uint8))
    # A volume held as separate planes (one shared, one copied).
    buf = np.zeros(200, np.uint8)
    a = np.ndarray((3, 4, 5), np.uint16, buffer=buf, strides=(41, 10, 2))
    a[...] = np.arange(60).reshape(3, 4, 5)
    mixed = gips.fromArray(a)
    assert mixed.copiedPlanes == (1,)
    np.testing.assert_array_equal(gips.arith.multiplyScalar(mixed, 2).array, a * 2)
    gips.arith.addScalar(mixed, 1, out=mixed)
    mixed.sync()
    np.testing.assert_array_equal(a, np.arange(60).reshape(3, 4, 5) + 1)


def test_generator_is_current_or_ops_are_made_at_import():
    import subprocess
    import sys
    import os
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    r = subprocess.run([sys.executable, os.path.join(here, "gen.py"), "--check"], capture_output=True, text=True)
    assert "ops" in r.stdout or "out of date" in r.stdout, r.stdout + r.stderr
    # Current or not, every registered op has its function.
    for name in gips.ops():
        assert callable(_fn(name)), name


def test_go_runs_without_the_gil():
    """While an op runs in one thread, Python code runs in another.

    The main thread stamps its ticks; the other stamps each call's start and
    end. A call that held the GIL would let through at most a tick or two
    (at a bytecode switch in the wrapper), so ten ticks inside one call show
    that Go ran without it. How many calls that takes depends on the
    machine's speed, not on the claim: calls go on until one qualifies or a
    deadline passes.
    """
    import time
    if "filter.gaussian" not in gips.ops():
        pytest.skip("no filters registered")
    vol = np.zeros((64, 512, 512), np.float32)
    img = gips.fromArray(vol)
    ticks, calls = [], []
    done = threading.Event()

    def inside(call):
        return sum(1 for t in ticks if call[0] < t < call[1])

    def op():
        deadline = time.perf_counter() + 30
        while time.perf_counter() < deadline:
            t0 = time.perf_counter()
            gips.filter.gaussian(img, sigma=3.0, out=img)
            calls.append((t0, time.perf_counter()))
            if inside(calls[-1]) >= 10:
                break
        done.set()

    t = threading.Thread(target=op)
    t.start()
    while not done.is_set():
        ticks.append(time.perf_counter())
        done.wait(0.001)
    t.join()
    best = max(inside(c) for c in calls)
    assert best >= 10, f"at most {best} ticks of the main thread inside one of {len(calls)} calls"


def test_generator_honours_an_in_place_default():
    from gips import _gen
    d = dict(gips.describe("util.eraseImg"), modifies="image")
    src = _gen.op_source(d)
    ns = {"_run": gips.run}
    exec(src, ns)
    img = gips.createImage(gips.UInt8, 3, 2)
    assert ns["eraseImg"](img, 7) is img and (img.array == 7).all()
    assert "in place" in ns["eraseImg"].__doc__


def test_halo_is_in_numpy_order_and_is_dasks_depth():
    assert gips.halo("arith.add") == (0, 0, 0)
    with pytest.raises(ValueError, match="unknown op"):
        gips.halo("nope.nothing")
    if "filter.gaussian" not in gips.ops():
        return
    assert gips.halo("filter.gaussian", sigma=2.0) == (8, 8, 8)
    # (z, y, x), as sigma: radius int(truncate*sigma + 0.5).
    assert gips.halo("filter.gaussian", sigma=(1, 2, 0.5), truncate=3) == (3, 6, 2)
    assert gips.halo("filter.gaussian", sigma=(2, 1, 1)) == (8, 4, 4)
    assert gips.halo("filter.mean", size=(5, 3, 1)) == (2, 1, 0)
    # With the inputs: one value per axis of the array, clamped to its size.
    vol = np.zeros((4, 30, 40), np.float32)
    assert gips.halo("filter.gaussian", vol, sigma=(2, 1, 1)) == (3, 4, 4)
    assert gips.halo("filter.gaussian", vol[0], sigma=(3, 1)) == (12, 4)
    rgb = gips.fromRgbArray(np.zeros((3, 30, 40), np.uint8))
    assert gips.halo("filter.gaussian", rgb, sigma=(1, 2)) == (0, 4, 8)
    assert gips.halo("filter.gaussian", gips.geometry3d(gips.UInt8, 40, 30, 4), sigma=1) == (3, 4, 4)

    class Lazy:  # an array-like whose memory is never touched (a dask array)
        shape, dtype = (4, 30, 40), np.dtype(np.uint16)

        def __array__(self, *a):
            raise AssertionError("halo read the array")

    assert gips.halo("filter.gaussian", Lazy(), sigma=(2, 1, 1)) == (3, 4, 4)
    # The depth that map_overlap needs: chunks filtered separately and
    # trimmed give the whole-array result.
    a = _random(np.float32, (6, 20, 24), np.random.default_rng(4))
    sigma = (0.8, 1.5, 1)
    depth = gips.halo("filter.gaussian", a, sigma=sigma)
    whole = gips.filter.gaussian(a, sigma=sigma).array
    z0, y0, x0 = 3, 10, 12
    d = depth
    chunk = a[max(z0 - d[0], 0):z0 + 3 + d[0], max(y0 - d[1], 0):y0 + 10 + d[1], max(x0 - d[2], 0):x0 + 12 + d[2]]
    part = gips.filter.gaussian(chunk, sigma=sigma).array
    lo = (z0 - max(z0 - d[0], 0), y0 - max(y0 - d[1], 0), x0 - max(x0 - d[2], 0))
    np.testing.assert_allclose(part[lo[0]:lo[0] + 3, lo[1]:lo[1] + 10, lo[2]:lo[2] + 12],
                               whole[z0:z0 + 3, y0:y0 + 10, x0:x0 + 12], atol=1e-4)


def test_halo_is_dask_map_overlap_depth():
    da = pytest.importorskip("dask.array")
    import dask
    a = _random(np.float32, (9, 20, 22), np.random.default_rng(12))
    d = da.from_array(a, chunks=(4, 7, 8))
    for name, params in [("filter.gaussian", {"sigma": (1.2, 0.6, 2), "mode": "nearest"}),
                         ("filter.mean", {"size": (3, 1, 4), "mode": "wrap", "output": "Real32"})]:
        depth = gips.halo(name, d, **params)
        f = lambda c: gips.run(name, c, **params).array  # noqa: E731
        got = da.map_overlap(f, d, depth=depth, boundary="none", dtype=np.float32)
        with dask.config.set(scheduler="synchronous"):
            got = got.compute()
        if params.get("mode") == "wrap":
            # A chunk at the array's edge does not see the other side:
            # compare the chunks' inner parts, where the depth suffices.
            inner = tuple(slice(h, n - h) for h, n in zip(depth, a.shape))
            np.testing.assert_allclose(got[inner], f(a)[inner], atol=1e-4, err_msg=name)
        else:
            np.testing.assert_allclose(got, f(a), atol=1e-4, err_msg=name)


def test_output_geometry_for_preallocated_outputs():
    a = np.zeros((4, 6), np.uint16)
    g = gips.outputGeometry("util.convertImg", a, output=gips.Real32)
    assert g == gips.geometry2d(gips.Real32, 6, 4)
    assert gips.outputGeometry("stats.sum", a) is None
    out = gips.createImage(g)
    assert gips.util.convertImg(a, gips.Real32, out=out) is out
    assert gips.outputGeometry("arith.add", g, g) == g
    with pytest.raises(TypeError, match="accepts"):
        gips.outputGeometry("arith.add", gips.geometry2d(gips.Binary, 2, 2), gips.geometry2d(gips.Binary, 2, 2))


def test_threads_setting_gives_the_same_results():
    a = _random(np.float32, (8, 40, 50), np.random.default_rng(3))
    want = gips.arith.multiplyScalar(a, 3).array
    old = gips.setNumThreads(1)
    try:
        assert gips.setNumThreads(1) == 1
        np.testing.assert_array_equal(gips.arith.multiplyScalar(a, 3).array, want)
    finally:
        gips.setNumThreads(0)
    assert old >= 1
    with pytest.raises(ValueError):
        gips.setNumThreads(-1)
