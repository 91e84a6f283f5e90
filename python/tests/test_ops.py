"""Every registered op through the binding, against an independent numpy /
scipy reference (tests/refs.py), and the op-call contract: numpy inputs,
out=, in place, read-only, errors, threads, lifetime."""

import gc
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
    np.empty): every op must write every pixel."""
    monkeypatch.setattr(gips._lib, "np", _GarbageNumpy())


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
            want = ref.f([x.copy() for x in xs], dt)
            # An op that modifies its input (util.eraseImg) writes into it:
            # every layout is made before any is written, and the result is
            # read from the caller's own array.
            layouts = list(_layouts(xs[0].copy())) if modifies else _layouts(xs[0])
            for lname, first in layouts:
                args = [ref.wrap(first) if ref.wrap else first] + xs[1:]
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
    # out= an array: written in place, same memory.
    o = np.zeros_like(a)
    res = gips.arith.addScalar(a, 1, out=o)
    np.testing.assert_array_equal(o, a + 1)
    assert np.shares_memory(res.array, o)
    # out= a strided array: its planes are copied and written back.
    big = np.zeros((2, 3, 8), np.uint16)
    gips.arith.addScalar(a, 2, out=big[:, :, ::2])
    np.testing.assert_array_equal(big[:, :, ::2], a + 2)
    assert (big[:, :, 1::2] == 0).all()
    # out= an image: in place on an input (the op works pixel for pixel).
    img = gips.fromArray(a.copy())
    assert gips.arith.multiplyScalar(img, 2, out=img) is img
    np.testing.assert_array_equal(img.array, a * 2)


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
def test_filters_every_mode_and_per_axis_parameters_x_first(mode):
    if "filter.gaussian" not in gips.ops():
        pytest.skip("no filters registered")
    import scipy.ndimage as ndi
    a = _random(np.float32, (5, 9, 11), np.random.default_rng(7))
    # Per-axis values are x first (gips order); scipy's are z, y, x.
    g = gips.filter.gaussian(a, sigma=(1.5, 2.5, 0.8), mode=mode, cval=7.5)
    want = ndi.gaussian_filter(a.astype(np.float64), (0.8, 2.5, 1.5), mode=mode, cval=7.5)
    np.testing.assert_allclose(g.array, want, atol=1e-5 * float(np.ptp(a)))
    u = _random(np.uint16, (5, 9, 11), np.random.default_rng(8))
    m = gips.filter.mean(u, size=(3, 5, 1), mode=mode, cval=7, output="Real64")
    want = ndi.uniform_filter(u.astype(np.float64), (1, 5, 3), mode=mode, cval=7)
    np.testing.assert_allclose(m.array, want, atol=1e-6 * float(np.ptp(u)))
    with pytest.raises(ValueError, match="sigma"):
        gips.filter.gaussian(a[0], sigma=(1, 2, 3))
    with pytest.raises(ValueError, match="mode"):
        gips.filter.gaussian(a, mode="bogus")


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
    """While an op runs in one thread, Python code runs in another."""
    if "filter.gaussian" not in gips.ops():
        pytest.skip("no filters registered")
    vol = np.zeros((32, 256, 256), np.float32)
    img = gips.fromArray(vol)
    ticks = []
    done = threading.Event()

    def op():
        for _ in range(3):
            gips.filter.gaussian(img, sigma=3.0, out=img)
        done.set()

    t = threading.Thread(target=op)
    t.start()
    while not done.is_set():
        ticks.append(1)
        done.wait(0.001)
    t.join()
    assert len(ticks) > 20, f"the main thread ran {len(ticks)} times while Go ran"


def test_generator_honours_an_in_place_default():
    from gips import _gen
    d = dict(gips.describe("util.eraseImg"), modifies="image")
    src = _gen.op_source(d)
    ns = {"_run": gips.run}
    exec(src, ns)
    img = gips.createImage(gips.UInt8, 3, 2)
    assert ns["eraseImg"](img, 7) is img and (img.array == 7).all()
    assert "in place" in ns["eraseImg"].__doc__


def test_halo():
    assert gips.halo("arith.add") == (0, 0, 0)
    if "filter.gaussian" in gips.ops():
        assert gips.halo("filter.gaussian", sigma=2.0) == (8, 8, 8)
        assert gips.halo("filter.gaussian", sigma=(1, 2, 0.5), truncate=3) == (3, 6, 2)
    with pytest.raises(ValueError, match="unknown op"):
        gips.halo("nope.nothing")


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
