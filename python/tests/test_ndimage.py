"""gips.ndimage against scipy.ndimage itself: the same arrays (exact for
integer outputs and selections, float32 rounding for float outputs) on
random 2-D and 3-D inputs of several dtypes, output= as a dtype and as an
array, the fallback switch, and NotImplementedError naming the argument.
scipy's own test suite runs separately: python/tests/ndimage_suite/run.py."""

import numpy as np
import pytest
from scipy import ndimage as sn

import gips.ndimage as ndi

DTYPES = [np.uint8, np.int16, np.uint16, np.int32, np.float32, np.float64]
SHAPES = [(23, 31), (7, 11, 13)]


def rand(shape, dt, seed=0):
    rng = np.random.default_rng(seed)
    if np.dtype(dt).kind == "f":
        return (rng.random(shape) * 100).astype(dt)
    return rng.integers(0, 100, shape).astype(dt)


def same(got, want, exact):
    got, want = np.asarray(got), np.asarray(want)
    assert got.dtype == want.dtype and got.shape == want.shape
    if exact:
        np.testing.assert_array_equal(got, want)
    else:
        tol = 1e-4 if want.dtype == np.float32 else 1e-9
        np.testing.assert_allclose(got, want, rtol=tol, atol=tol * max(1.0, float(np.abs(want).max())))


# (function, args, kwargs, exact for integer dtypes)
CASES = [
    ("gaussian_filter", (1.5,), {}, False),
    ("gaussian_filter", ((1.0, 2.0, 1.5),), {"mode": "constant", "cval": 5.0}, False),
    ("gaussian_filter1d", (2.0,), {"axis": 0, "order": 1, "mode": "nearest"}, False),
    ("uniform_filter", (3,), {"mode": "mirror"}, False),
    ("uniform_filter1d", (5,), {"axis": -1, "mode": "wrap"}, False),
    ("median_filter", (), {"size": 4}, True),
    ("median_filter", (), {"footprint": None, "size": 3, "mode": "constant", "cval": 7}, True),
    ("rank_filter", (-2,), {"size": 3}, True),
    ("percentile_filter", (30,), {"size": (3, 2, 4)}, True),
    ("minimum_filter", (), {"size": (2, 3, 4), "origin": (0, 1, -1)}, True),
    ("maximum_filter", (), {"size": 4}, True),
    ("minimum_filter1d", (4,), {"axis": 0, "origin": 1}, True),
    ("maximum_filter1d", (3,), {"axis": 1, "mode": "reflect"}, True),
    ("sobel", (0,), {}, True),
    ("prewitt", (-1,), {"mode": "nearest"}, True),
    ("laplace", (), {"mode": "wrap"}, True),
    ("gaussian_laplace", (1.5,), {}, False),
    ("gaussian_gradient_magnitude", (1.2,), {}, None),
    ("grey_erosion", (), {"size": (2, 3, 3)}, True),
    ("grey_dilation", (), {"size": (2, 3, 4)}, True),
    ("grey_opening", (), {"size": 3}, True),
    ("grey_closing", (), {"size": 3}, True),
    ("white_tophat", (), {"size": 3}, True),
    ("black_tophat", (), {"size": 3}, True),
    ("morphological_gradient", (), {"size": 3}, True),
    ("shift", ((1.25, -2.5, 0.5),), {"order": 1}, True),
    ("zoom", (1.5,), {"order": 0}, True),
    ("rotate", (25,), {"order": 1, "reshape": False}, False),
]


def _trim(args, kwargs, nd):
    """Per-axis arguments of the cases are written for 3-D; 2-D keeps the
    last two."""
    def cut(v):
        return tuple(v)[-nd:] if isinstance(v, tuple) and len(v) == 3 else v
    return tuple(cut(a) for a in args), {k: cut(v) for k, v in kwargs.items()}


@pytest.mark.parametrize("shape", SHAPES, ids=["2d", "3d"])
@pytest.mark.parametrize("dt", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0] + str(sorted(c[2])))
def test_matches_scipy(case, dt, shape):
    name, args, kwargs, exact = case
    a = rand(shape, dt)
    args, kwargs = _trim(args, kwargs, a.ndim)
    want = getattr(sn, name)(a, *args, **kwargs)
    got = getattr(ndi, name)(a, *args, **kwargs)
    integer = np.asarray(want).dtype.kind in "iu"
    if integer and not exact:
        # scipy truncates after each float pass: a value on an integer edge
        # may land one apart; none further (exact None: scipy then squares
        # the passes in the integer dtype, where one apart wraps anywhere).
        assert got.dtype == want.dtype
        if exact is not None:
            assert np.abs(got.astype(np.int64) - want.astype(np.int64)).max() <= 1
        assert np.mean(got != want) < 0.01
    else:
        same(got, want, exact and integer)


@pytest.mark.parametrize("out", ["dtype", "array"])
@pytest.mark.parametrize("name,args", [("gaussian_filter", (2.0,)), ("uniform_filter", (3,)),
                                        ("sobel", (1,)), ("median_filter", (3,)),
                                        ("grey_erosion", (3,))])
def test_output_dtype_and_array(name, args, out):
    a = rand((19, 27), np.uint8, 3)
    for odt in (np.float32, np.int16, np.float64):
        if out == "dtype":
            want = getattr(sn, name)(a, *args, output=odt)
            got = getattr(ndi, name)(a, *args, output=odt)
        else:
            want = getattr(sn, name)(a, *args, output=np.zeros(a.shape, odt))
            buf = np.full(a.shape, 99, odt)
            got = getattr(ndi, name)(a, *args, output=buf)
            assert got is buf
        if np.dtype(odt).kind == "f":
            same(got, want, False)
        else:
            assert got.dtype == want.dtype
            assert np.abs(got.astype(int) - want.astype(int)).max() <= 1


def test_integer_gaussian_truncates_per_pass_as_scipy():
    # 0.9 everywhere after smoothing a constant 1 in a 0 border: scipy
    # truncates to 0, where rounding would give 1.
    a = np.ones((9, 9), np.uint8)
    want = sn.gaussian_filter(a, 1.0, mode="constant")
    got = ndi.gaussian_filter(a, 1.0, mode="constant")
    np.testing.assert_array_equal(got, want)
    assert (got == 0).any()


@pytest.mark.parametrize("shape", SHAPES, ids=["2d", "3d"])
def test_binary_morphology_and_labels(shape):
    rng = np.random.default_rng(5)
    b = rng.random(shape) > 0.45
    st = ndi.generate_binary_structure(b.ndim, 2)
    np.testing.assert_array_equal(st, sn.generate_binary_structure(b.ndim, 2))
    np.testing.assert_array_equal(ndi.iterate_structure(st, 3), sn.iterate_structure(st, 3))
    for name, kw in [("binary_erosion", {}), ("binary_dilation", {"iterations": 2}),
                     ("binary_erosion", {"structure": st, "border_value": 1}),
                     ("binary_dilation", {"iterations": 0}),
                     ("binary_opening", {"structure": st}), ("binary_closing", {"iterations": 2}),
                     ("binary_fill_holes", {}), ("binary_propagation", {"mask": b}),
                     ("binary_hit_or_miss", {}), ("binary_hit_or_miss", {"structure1": st, "origin1": 1})]:
        arg = b if name != "binary_propagation" else (b & (rng.random(shape) > 0.9))
        np.testing.assert_array_equal(getattr(ndi, name)(arg, **kw), getattr(sn, name)(arg, **kw),
                                      err_msg=f"{name} {kw}")
    for c in range(1, b.ndim + 1):
        s = sn.generate_binary_structure(b.ndim, c)
        got, n = ndi.label(b, s)
        want, m = sn.label(b, s)
        assert n == m
        np.testing.assert_array_equal(got, want)
    lab = sn.label(b)[0]
    assert ndi.find_objects(lab) == sn.find_objects(lab)
    img = rand(shape, np.float64, 7)
    idx = list(range(0, int(lab.max()) + 2))
    for name in ["sum", "mean", "variance", "standard_deviation"]:
        np.testing.assert_allclose(getattr(ndi, name)(img, lab, idx),
                                   getattr(sn, name)(img, lab, idx), rtol=1e-9, atol=1e-9)
    for name in ["minimum", "maximum"]:
        np.testing.assert_array_equal(getattr(ndi, name)(img, lab, idx[1:-1]),
                                      getattr(sn, name)(img, lab, idx[1:-1]))
    np.testing.assert_allclose(ndi.center_of_mass(img, lab, idx[1:4]),
                               sn.center_of_mass(img, lab, idx[1:4]), rtol=1e-9)
    np.testing.assert_allclose(ndi.center_of_mass(img), sn.center_of_mass(img), rtol=1e-9)


def test_distance_transform_edt():
    rng = np.random.default_rng(9)
    b = rng.random((25, 33)) > 0.2
    for sampling in (None, (1.5, 0.7)):
        np.testing.assert_allclose(ndi.distance_transform_edt(b, sampling),
                                   sn.distance_transform_edt(b, sampling), rtol=1e-12)
    d, ind = ndi.distance_transform_edt(b, return_indices=True)
    assert ind.shape == (2,) + b.shape
    # The indices name a background pixel at the distance (ties may differ).
    yy, xx = np.indices(b.shape)
    assert not b[ind[0], ind[1]].any()
    np.testing.assert_allclose(np.hypot(ind[0] - yy, ind[1] - xx), d, rtol=1e-12)


def test_affine_and_zoom_shapes():
    a = rand((17, 21), np.float64, 2)
    m = np.array([[0.9, 0.2], [-0.1, 1.1]])
    for order in (0, 1, 3):
        same(ndi.affine_transform(a, m, (1.0, -2.0), order=order, mode="nearest"),
             sn.affine_transform(a, m, (1.0, -2.0), order=order, mode="nearest"), False)
    same(ndi.zoom(a, (0.5, 1.3), order=1), sn.zoom(a, (0.5, 1.3), order=1), False)
    same(ndi.rotate(a, 33, order=1), sn.rotate(a, 33, order=1), False)


def test_unsupported_names_the_argument_and_fallback_delegates():
    a = rand((9, 9), np.float64)
    assert ndi.fallback() is False
    with pytest.raises(NotImplementedError, match="metric"):
        ndi.distance_transform_bf(a > 50, "taxicab")
    with pytest.raises(TypeError, match="Complex"):  # as scipy: no NotImplementedError
        ndi.median_filter(a + 1j, 3)
    a32 = a.astype(np.float32)
    with pytest.raises(NotImplementedError, match="structure: a non-flat structure on float32"):
        ndi.grey_erosion(a32, structure=np.ones((3, 3)))
    with pytest.raises(NotImplementedError, match="origin: an origin outside"):
        ndi.binary_erosion(a > 50, np.ones((3, 3)), origin=(0, 2))
    with pytest.raises(NotImplementedError, match="correlate"):
        ndi.correlate(a, np.ones((3, 3)))
    with pytest.raises(NotImplementedError, match="prefilter"):
        ndi.shift(a, 1.5, prefilter=False)
    prev = ndi.fallback(True)
    try:
        assert prev is False
        np.testing.assert_array_equal(ndi.grey_erosion(a32, structure=np.ones((3, 3))),
                                      sn.grey_erosion(a32, structure=np.ones((3, 3))))
        np.testing.assert_array_equal(ndi.correlate(a, np.ones((3, 3))), sn.correlate(a, np.ones((3, 3))))
        np.testing.assert_array_equal(ndi.distance_transform_bf(a > 50, "taxicab"),
                                      sn.distance_transform_bf(a > 50, "taxicab"))
    finally:
        ndi.fallback(False)
    with pytest.raises(NotImplementedError):
        ndi.correlate(a, np.ones((3, 3)))


def test_scipy_errors_kept():
    a = rand((9, 9), np.float64)
    with pytest.raises(RuntimeError):
        ndi.gaussian_filter(a, 1.0, mode="bogus")
    with pytest.raises(RuntimeError):
        ndi.rank_filter(a, 9, size=3)
    with pytest.raises(RuntimeError):
        ndi.uniform_filter(a, 3, output=np.zeros((3, 3)))
    with pytest.raises(RuntimeError):
        ndi.binary_erosion(a > 50, structure=np.ones(3))


@pytest.mark.parametrize("seed", range(6))
def test_footprints_and_origins(seed):
    # Asymmetric, even and odd footprints with every origin scipy allows:
    # gips' centred kernels on the footprint of the offsets scipy reads.
    rng = np.random.default_rng(seed)
    nd = 2 + seed % 2
    shape = (13, 17, 11)[:nd]
    a = rng.integers(0, 50, shape).astype(np.int16)
    fshape = tuple(int(x) for x in rng.integers(1, 5, nd))
    fp = rng.random(fshape) > 0.4
    fp.flat[0] = True
    origin = tuple(int(rng.integers(-(n // 2), (n - 1) // 2 + 1)) for n in fshape)
    mode = ["reflect", "constant", "nearest", "mirror", "wrap"][seed % 5]
    kw = dict(footprint=fp, origin=origin, mode=mode, cval=7)
    for name in ["minimum_filter", "maximum_filter", "median_filter", "grey_erosion", "grey_dilation",
                 "grey_opening", "morphological_gradient"]:
        np.testing.assert_array_equal(getattr(ndi, name)(a, **kw), getattr(sn, name)(a, **kw),
                                      err_msg=f"{name} {fshape} {origin}")
    n = int(fp.sum())
    for rank in {0, n // 3, n - 1}:
        np.testing.assert_array_equal(ndi.rank_filter(a, rank, **kw), sn.rank_filter(a, rank, **kw))
    b = a > 25
    for name in ["binary_erosion", "binary_dilation"]:
        for it in (1, 2):
            np.testing.assert_array_equal(
                getattr(ndi, name)(b, fp, it, origin=origin, border_value=seed % 2),
                getattr(sn, name)(b, fp, it, origin=origin, border_value=seed % 2),
                err_msg=f"{name} {fshape} {origin} iterations {it}")
    mask = rng.random(shape) > 0.3
    np.testing.assert_array_equal(ndi.binary_dilation(b, fp, 2, mask=mask, origin=origin),
                                  sn.binary_dilation(b, fp, 2, mask=mask, origin=origin))


def test_one_dimensional_inputs():
    rng = np.random.default_rng(4)
    a = rng.integers(0, 100, 57).astype(np.uint8)
    f = a.astype(np.float64)
    for name, args, kw in [("gaussian_filter", (2.0,), {}), ("uniform_filter1d", (4,), {}),
                           ("minimum_filter1d", (3,), {"origin": 1}), ("median_filter", (), {"size": 5}),
                           ("grey_dilation", (), {"size": 4}), ("shift", (2.5,), {"order": 1}),
                           ("zoom", (1.5,), {"order": 0})]:
        for x in (a, f):
            same(getattr(ndi, name)(x, *args, **kw), getattr(sn, name)(x, *args, **kw),
                 x.dtype.kind != "f")
    b = a > 40
    np.testing.assert_array_equal(ndi.binary_erosion(b, iterations=2), sn.binary_erosion(b, iterations=2))
    lab, n = ndi.label(b)
    np.testing.assert_array_equal(lab, sn.label(b)[0])
    assert ndi.find_objects(lab) == sn.find_objects(lab)
    np.testing.assert_allclose(ndi.distance_transform_edt(b), sn.distance_transform_edt(b))


def test_in_place_and_labelled_median():
    a = rand((21, 26), np.float64, 11)
    want = sn.gaussian_filter(a, 2.0)
    got = ndi.gaussian_filter(a, 2.0, output=a)  # input and output the same array
    assert got is a
    same(a, want, False)
    lab = sn.label(rand((21, 26), np.float64, 12) > 40)[0]
    idx = np.arange(1, lab.max() + 1)
    np.testing.assert_array_equal(ndi.median(a, lab, idx), sn.median(a, lab, idx))
    assert ndi.median(a, lab) == sn.median(a, lab)
    np.testing.assert_allclose(ndi.distance_transform_bf(lab == 0), sn.distance_transform_bf(lab == 0))
    with pytest.raises(NotImplementedError, match="metric"):
        ndi.distance_transform_bf(lab == 0, "chessboard")


def test_every_scipy_function_exists():
    public = {n for n in dir(sn) if not n.startswith("_") and callable(getattr(sn, n))}
    public -= {"filters", "fourier", "interpolation", "measurements", "morphology", "test"}
    assert public <= set(dir(ndi))
    assert set(ndi.served) | set(ndi.not_served) == public


def test_radius_and_uint64_casts():
    a = rand((15, 19), np.float64, 13)
    for kw in [dict(sigma=2.0, radius=3), dict(sigma=(1.0, 2.5), radius=(2, 6))]:
        same(ndi.gaussian_filter(a, **kw), sn.gaussian_filter(a, **kw), False)
    same(ndi.gaussian_filter1d(a, 1.5, axis=0, radius=4), sn.gaussian_filter1d(a, 1.5, axis=0, radius=4),
         False)
    with pytest.raises(ValueError):
        ndi.gaussian_filter1d(a, 1.0, radius=-1)
    # scipy's cast of a negative double into uint64 is undefined: refused.
    u = rand((9, 9), np.uint64, 14)
    with pytest.raises(NotImplementedError, match="output: uint64"):
        ndi.sobel(u, 0)


@pytest.mark.parametrize("dt", [np.complex64, np.complex128])
def test_complex_inputs_by_parts(dt):
    rng = np.random.default_rng(21)
    a = (rng.random((14, 17)) + 1j * rng.random((14, 17))).astype(dt)
    m = np.array([[0.9, 0.1], [-0.2, 1.05]])
    for name, args, kw in [("gaussian_filter", (1.5,), {"mode": "constant", "cval": 2 - 1j}),
                           ("gaussian_filter1d", (2.0,), {"axis": 0, "order": 1}),
                           ("uniform_filter", (3,), {}), ("uniform_filter1d", (4,), {}),
                           ("sobel", (0,), {}), ("prewitt", (1,), {}), ("laplace", (), {}),
                           ("gaussian_laplace", (1.5,), {}), ("gaussian_gradient_magnitude", (1.2,), {}),
                           ("shift", ((0.5, -1.25),), {"order": 3, "cval": 1j}),
                           ("zoom", (1.3,), {"order": 1}), ("rotate", (20,), {"order": 1}),
                           ("affine_transform", (m,), {"order": 1})]:
        want = getattr(sn, name)(a, *args, **kw)
        got = getattr(ndi, name)(a, *args, **kw)
        assert got.dtype == want.dtype and got.shape == want.shape, name
        tol = 2e-5 if dt == np.complex64 else 1e-9
        np.testing.assert_allclose(got, want, rtol=tol, atol=tol, err_msg=name)
    out = np.zeros(a.shape, np.complex128)
    assert ndi.gaussian_filter(a, 1.0, output=out) is out
    np.testing.assert_allclose(out, sn.gaussian_filter(a, 1.0, output=np.complex128), rtol=2e-5, atol=2e-5)


def test_labels_of_any_value():
    # Negative and float labels, an index with absent labels: scipy's
    # np.unique numbering.
    rng = np.random.default_rng(31)
    a = rng.random((9, 11))
    lab = rng.integers(-2, 4, (9, 11)).astype(float) * 0.5
    idx = [-1, 0, 0.5, 1.5, 7]
    for name in ["sum", "mean", "variance", "standard_deviation", "minimum", "maximum"]:
        np.testing.assert_allclose(getattr(ndi, name)(a, lab, idx), getattr(sn, name)(a, lab, idx),
                                   rtol=1e-12, err_msg=name)
    np.testing.assert_allclose(ndi.center_of_mass(a, lab, idx[:4]), sn.center_of_mass(a, lab, idx[:4]),
                               rtol=1e-12)
    np.testing.assert_allclose(ndi.median(a, lab, idx[:4]), sn.median(a, lab, idx[:4]), rtol=1e-12)


@pytest.mark.parametrize("dt", [np.float64, np.int16, np.uint8, np.int32])
def test_non_flat_structures(dt):
    # min(input - structure) / max(input + structure): one gips erosion or
    # dilation per structure value (integer values on integer inputs).
    rng = np.random.default_rng(41)
    a = (rng.random((12, 15)) * 100 + 10).astype(dt)
    st = rng.integers(0, 8, (3, 4)).astype(float)
    if dt == np.float64:
        st *= 0.7
    fp = rng.random((3, 4)) > 0.3
    fp[0, 0] = True
    for name in ["grey_erosion", "grey_dilation", "grey_opening", "grey_closing", "white_tophat",
                 "black_tophat", "morphological_gradient"]:
        for kw in [dict(structure=st), dict(structure=st, footprint=fp, origin=(0, 1), mode="constant",
                                            cval=50)]:
            np.testing.assert_array_equal(getattr(ndi, name)(a, **kw), getattr(sn, name)(a, **kw),
                                          err_msg=f"{name} {sorted(kw)}")


@pytest.mark.parametrize("mode", ["reflect", "mirror", "nearest", "wrap", "constant"])
def test_uniform_origin(mode):
    # A shifted box: gips' centred mean of the input extended as the mode
    # extends it, sliced; windows wider than the array included.
    rng = np.random.default_rng(51)
    for dt in (np.float64, np.uint8):
        for shape in ((13, 17), (4,)):
            a = (rng.random(shape) * 100).astype(dt)
            for size in (2, 4, 9):
                for o in range(-(size // 2), (size - 1) // 2 + 1):
                    got = ndi.uniform_filter(a, size, mode=mode, cval=3.5, origin=o)
                    want = sn.uniform_filter(a, size, mode=mode, cval=3.5, origin=o)
                    if dt == np.float64:
                        same(got, want, False)
                    else:
                        assert got.dtype == want.dtype
                        assert np.abs(got.astype(int) - want.astype(int)).max() <= 1


@pytest.mark.parametrize("dt", [np.uint8, np.int16, np.float32, np.float64])
@pytest.mark.parametrize("order", [0, 1, 3])
@pytest.mark.parametrize("mode", ["constant", "nearest", "mirror", "reflect", "grid-wrap"])
def test_map_coordinates_matches_scipy(dt, order, mode):
    """Points inside and outside the image, in 1-D (a list of points), 2-D and
    3-D output grids, from 1-D, 2-D and 3-D inputs."""
    rng = np.random.default_rng(order * 7 + len(mode))
    for shape, out_shape in [((17,), (9,)), ((9, 11), (13,)), ((9, 11), (4, 6)), ((5, 7, 6), (3, 4, 5)),
                             ((5, 7, 6), (8,))]:
        a = (rng.random(shape) * 200).astype(dt)
        c = np.stack([rng.uniform(-2, n + 1, out_shape) for n in shape])
        want = sn.map_coordinates(a, c, order=order, mode=mode, cval=3)
        got = ndi.map_coordinates(a, c, order=order, mode=mode, cval=3)
        assert got.shape == want.shape and got.dtype == want.dtype
        tol = 0 if order < 2 else (1 if np.dtype(dt).kind in "iu" else 1e-6 * 200)
        np.testing.assert_allclose(got.astype(float), want.astype(float), atol=tol)


def test_map_coordinates_output_and_errors():
    a = np.arange(30, dtype=np.float32).reshape(5, 6)
    c = np.array([[0.5, 4, 1.25], [0, 5, 2.5]], np.float32)
    out = np.zeros(3, np.float64)
    r = ndi.map_coordinates(a, c, output=out, order=1)
    assert r is out
    np.testing.assert_array_equal(out, sn.map_coordinates(a, c, output=np.float64, order=1))
    with pytest.raises(RuntimeError, match="invalid shape for coordinate array"):
        ndi.map_coordinates(a, c[:1])
    with pytest.raises(NotImplementedError, match="coordinates"):
        ndi.map_coordinates(a, np.zeros((2, 1, 1, 1, 1)))


@pytest.mark.parametrize("name", ["grey_erosion", "grey_dilation", "minimum_filter", "maximum_filter",
                                  "rank_filter", "median_filter"])
def test_reflect_far_beyond_the_border(name):
    """A footprint reaching 4, 6, ... times an axis' length before its
    start reflects there as anywhere (numpy's pad 'symmetric', brute
    force), on a view inside a larger array of another value. scipy's
    offset table maps those exact distances to the element before the
    array (ni_support.c, NI_EXTEND_REFLECT) and reads the parent's 200:
    a deliberate difference, in the module docstring."""
    parent = np.full((5, 8), 200, np.uint8)
    a = parent[1:4, 1:3]  # 3 rows of 2: x - 8 is 4 lengths before x = 0
    a[:] = np.arange(10, 16).reshape(3, 2)
    fp = np.zeros((3, 17), bool)
    fp[0, 0] = fp[2, 16] = fp[1, 8] = fp[2, 4] = True  # (y, x) offsets (-1, -8), (1, 8), (0, 0), (1, -4)
    pad = np.pad(a, ((1, 1), (8, 8)), mode="symmetric")
    offsets = np.argwhere(fp) - (1, 8)
    if name == "grey_dilation":
        offsets = -offsets  # scipy's dilations read the footprint reflected
    stack = np.stack([pad[1 + dy:4 + dy, 8 + dx:10 + dx] for dy, dx in offsets])
    want = {"grey_erosion": stack.min(0), "minimum_filter": stack.min(0), "rank_filter": stack.min(0),
            "grey_dilation": stack.max(0), "maximum_filter": stack.max(0),
            "median_filter": np.sort(stack, 0)[len(offsets) // 2]}[name]
    args = (0,) if name == "rank_filter" else ()
    got = getattr(ndi, name)(a, *args, footprint=fp, mode="reflect")
    np.testing.assert_array_equal(got, want)
    assert (parent[0] == 200).all() and (parent[:, 0] == 200).all()
