"""Audit of issues 10, 11 and 13: each op against scipy/skimage on random
configurations the family tests pick by hand (random footprints, every
mode, 1-pixel axes, 2D and 3D, iterations < 1, masks), and the bad input
the issues list, which must be an error naming the parameter."""

import numpy as np
import pytest

import gips

ndi = pytest.importorskip("scipy.ndimage")
skm = pytest.importorskip("skimage.morphology")
skme = pytest.importorskip("skimage.measure")
sks = pytest.importorskip("skimage.segmentation")

MODES = ["reflect", "nearest", "mirror", "constant", "wrap"]
SHAPES = [(1, 1), (1, 9), (9, 1), (4, 5), (13, 17), (1, 1, 1), (1, 4, 5), (3, 1, 4), (4, 5, 1), (5, 6, 7)]
TYPES = [np.uint8, np.int8, np.uint16, np.int16, np.uint32, np.int32, np.float32, np.float64]


def _arr(x):
    return x.array if isinstance(x, gips.Image) else np.asarray(x)


def _sample(rng, shape, dt):
    """Random values, or few levels (plateaus and ties) half of the time."""
    if rng.random() < 0.5:
        return rng.integers(0, 3, shape).astype(dt)
    if np.dtype(dt).kind == "f":
        return (rng.random(shape) * 10 - 3).astype(dt)
    info = np.iinfo(dt)
    return rng.integers(max(info.min, -50), min(info.max, 50) + 1, shape).astype(dt)


def _footprints(rng, nd):
    fps = [np.ones((2, 2), bool), np.ones((1, 4), bool), np.ones((5, 1), bool), skm.disk(1).astype(bool),
           skm.disk(3).astype(bool), rng.random((4, 3)) > 0.4, rng.random((2, 5)) > 0.3, np.ones((9, 9), bool)]
    if nd == 3:
        fps += [np.ones((2, 2, 2), bool), skm.ball(1).astype(bool), skm.octahedron(2).astype(bool),
                rng.random((2, 3, 4)) > 0.4, np.ones((4, 1, 1), bool)]
    return [f for f in fps if f.any()]


@pytest.mark.parametrize("seed", range(4))
def test_grey_and_rank_match_scipy_random_configurations(seed):
    rng = np.random.default_rng(seed)
    grey = {"erode": ndi.grey_erosion, "dilate": ndi.grey_dilation,
            "opening": ndi.grey_opening, "closing": ndi.grey_closing}
    for _ in range(25):
        shape = SHAPES[rng.integers(len(SHAPES))]
        nd, dt = len(shape), TYPES[rng.integers(len(TYPES))]
        a = _sample(rng, shape, dt)
        fps = _footprints(rng, nd)
        fp = fps[rng.integers(len(fps))]
        fpn = fp if fp.ndim == nd else fp[None]  # a 2D footprint on a volume: plane by plane
        m = MODES[rng.integers(5)]
        cval = float(rng.integers(0 if np.dtype(dt).kind == "u" else -2, 5))  # in range: gips clamps, scipy wraps
        size = tuple(int(s) for s in rng.integers(1, 5, nd))
        what = f"{shape} {np.dtype(dt)} fp{fp.astype(int).tolist()} size{size} {m} cval {cval}"
        for op, ref in grey.items():
            f = getattr(gips.morpho, op)
            np.testing.assert_array_equal(_arr(f(a, footprint=fp, mode=m, cval=cval)),
                                          ref(a, footprint=fpn, mode=m, cval=cval), err_msg=op + " " + what)
            np.testing.assert_array_equal(_arr(f(a, size=size, mode=m, cval=cval)),
                                          ref(a, size=size, mode=m, cval=cval), err_msg=op + " " + what)
        np.testing.assert_array_equal(_arr(gips.filter.median(a, footprint=fp, mode=m, cval=cval)),
                                      ndi.median_filter(a, footprint=fpn, mode=m, cval=cval), err_msg="median " + what)
        n = int(fpn.sum())
        r = int(rng.integers(-n, n))
        np.testing.assert_array_equal(_arr(gips.filter.rank(a, rank=r, footprint=fp, mode=m, cval=cval)),
                                      ndi.rank_filter(a, r, footprint=fpn, mode=m, cval=cval), err_msg=f"rank {r} " + what)
        p = float(rng.integers(0, 101))
        np.testing.assert_array_equal(_arr(gips.filter.rank(a, percentile=p, size=size, mode=m, cval=cval)),
                                      ndi.percentile_filter(a, p, size=size, mode=m, cval=cval), err_msg=f"pct {p} " + what)


def _until_stable(f, a, iterations, **kw):
    """scipy's iterations < 1 (repeat until nothing changes) by repeated
    single iterations: scipy's own loop for it is avoided here."""
    if iterations >= 1:
        return f(a, iterations=iterations, **kw)
    while True:
        b = f(a, iterations=1, **kw)
        if np.array_equal(a, b):
            return b
        a = b


@pytest.mark.parametrize("seed", range(3))
def test_binary_ops_match_scipy_iterations_border_structure(seed):
    rng = np.random.default_rng(100 + seed)
    for _ in range(40):
        shape = SHAPES[rng.integers(len(SHAPES))]
        nd = len(shape)
        a = rng.random(shape) > rng.choice([0.2, 0.5, 0.8])
        # Structures no larger than the image: scipy's binary ops have
        # corrupted the heap on tiny images with larger structures.
        fps = [f for f in _footprints(rng, nd) if f.ndim == nd and all(s <= n for s, n in zip(f.shape, shape))]
        st = fps[rng.integers(len(fps))] if fps and rng.random() < 0.7 else None
        iters = int(rng.choice([1, 2, 3, 0, -1]))
        if iters < 1 and st is not None and not st[tuple(s // 2 for s in st.shape)]:
            iters = 2  # without its centre, repeating need not converge
        bv = int(rng.integers(0, 2))
        kw = dict(structure=st, border_value=bv)
        E = lambda x: _until_stable(ndi.binary_erosion, x, iters, **kw)  # noqa: E731
        D = lambda x: _until_stable(ndi.binary_dilation, x, iters, **kw)  # noqa: E731
        refs = {"binaryErode": E, "binaryDilate": D, "binaryOpening": lambda x: D(E(x)), "binaryClosing": lambda x: E(D(x))}
        for op, ref in refs.items():
            want = ref(a)
            what = f"{op} {shape} st{None if st is None else st.astype(int).tolist()} it{iters} bv{bv}"
            f = getattr(gips.morpho, op)
            np.testing.assert_array_equal(_arr(f(a, iterations=iters, **kw)), want, err_msg=what)
            np.testing.assert_array_equal(_arr(f(a.astype(np.uint8) * 3, iterations=iters, **kw)) != 0, want, err_msg="u8 " + what)
        s2 = ndi.generate_binary_structure(nd, int(rng.integers(1, nd + 1)))
        np.testing.assert_array_equal(_arr(gips.morpho.fillHoles(a, structure=s2)), ndi.binary_fill_holes(a, structure=s2))


@pytest.mark.parametrize("seed", range(3))
def test_segmentation_matches_scipy_skimage_random_configurations(seed):
    rng = np.random.default_rng(200 + seed)
    for _ in range(20):
        shape = SHAPES[rng.integers(len(SHAPES))]
        nd = len(shape)
        b = rng.random(shape) > rng.choice([0.2, 0.5, 0.8])
        for conn in range(1, nd + 1):
            np.testing.assert_array_equal(_arr(gips.label.components(b, connectivity=conn)), skme.label(b, connectivity=conn))
            ms = int(rng.integers(0, 6))
            np.testing.assert_array_equal(_arr(gips.label.removeSmallObjects(b, min_size=ms, connectivity=conn)),
                                          skm.remove_small_objects(b, min_size=ms, connectivity=conn))
        lab = skme.label(b).astype(np.uint16)
        bs = int(rng.integers(0, min(3, min(shape))))
        np.testing.assert_array_equal(_arr(gips.label.clearBorder(lab, buffer_size=bs)), sks.clear_border(lab, buffer_size=bs))
        samp = tuple(float(x) for x in rng.choice([0.5, 1.0, 1.7, 3.0], nd))
        if b.any() and not b.all():
            want = ndi.distance_transform_edt(b, sampling=samp)
            np.testing.assert_allclose(_arr(gips.distance.edt(b, sampling=samp, output="Real64")), want, rtol=1e-12)
            np.testing.assert_allclose(_arr(gips.distance.edt(b, sampling=samp)), want, rtol=1e-6, atol=1e-6)
            ft = _arr(gips.distance.featureTransform(b, sampling=samp))
            idx = np.indices(shape)
            d = np.sqrt(sum(((ft[i] - idx[i]) * samp[i]) ** 2 for i in range(nd)))  # ties may pick either zero
            np.testing.assert_allclose(d, want, rtol=1e-12)
        im = rng.integers(0, 5, shape).astype([np.uint8, np.uint16, np.float32][rng.integers(3)])
        mk = np.zeros(shape, np.int32)
        pos = rng.choice(b.size, size=max(1, b.size // 10), replace=False)
        mk.flat[pos] = np.arange(1, len(pos) + 1)
        for conn in range(1, nd + 1):
            for comp in [0.0, 0.5]:
                for wl in [False, True]:
                    kw = dict(connectivity=conn, compactness=comp, watershed_line=wl)
                    what = f"{shape} {im.dtype} {kw}"
                    np.testing.assert_array_equal(_arr(gips.segment.watershed(im, mk, **kw)), sks.watershed(im, mk, **kw), err_msg=what)
                    np.testing.assert_array_equal(_arr(gips.segment.watershedMasked(im, mk, b, **kw)),
                                                  sks.watershed(im, mk, mask=b, **kw), err_msg="mask " + what)


def test_transforms_match_scipy_random_configurations():
    rng = np.random.default_rng(300)
    modes = MODES + ["grid-wrap", "grid-constant", "grid-mirror"]
    for _ in range(60):
        shape = SHAPES[rng.integers(len(SHAPES))]
        nd = len(shape)
        a = rng.random(shape) * 100
        order, m, gm = int(rng.integers(0, 6)), modes[rng.integers(len(modes))], bool(rng.integers(0, 2))
        if gm and m == "wrap":
            m = "grid-wrap"
        # Factors that keep at least one pixel (scipy returns an empty array there, gips an error).
        fac = tuple(float(x) if s > 2 else max(float(x), 1.0) for x, s in zip(rng.choice([0.5, 0.37, 1.0, 1.6, 2.0, 3.0], nd), shape))
        what = f"{shape} order {order} {m}"
        tol = 0 if order < 2 else 1e-4
        np.testing.assert_allclose(_arr(gips.transform.zoom(a, fac, order=order, mode=m, cval=1.5, grid_mode=gm)),
                                   ndi.zoom(a, fac, order=order, mode=m, cval=1.5, grid_mode=gm), atol=tol or 1e-12, err_msg=f"zoom {fac} gm {gm} " + what)
        sh = tuple(float(x) for x in rng.uniform(-3, 3, nd))
        np.testing.assert_allclose(_arr(gips.transform.shift(a, sh, order=order, mode=m, cval=1.5)),
                                   ndi.shift(a, sh, order=order, mode=m, cval=1.5), atol=tol or 1e-9, err_msg="shift " + what)
        M, off = np.eye(nd) + rng.uniform(-0.3, 0.3, (nd, nd)), rng.uniform(-2, 2, nd)
        osh = tuple(int(x) for x in rng.integers(1, 10, nd))
        np.testing.assert_allclose(_arr(gips.transform.affine(a, M, offset=off, output_shape=osh, order=order, mode=m, cval=1.5)),
                                   ndi.affine_transform(a, M, offset=off, output_shape=osh, order=order, mode=m, cval=1.5),
                                   atol=tol or 1e-9, err_msg="affine " + what)
        ang, rs = float(rng.uniform(-180, 180)), bool(rng.integers(0, 2))
        np.testing.assert_allclose(_arr(gips.transform.rotate(a, ang, reshape=rs, order=order, mode=m, cval=1.5)),
                                   ndi.rotate(a, ang, axes=(-1, -2), reshape=rs, order=order, mode=m, cval=1.5),
                                   atol=tol or 1e-9, err_msg=f"rotate {ang} reshape {rs} " + what)
        pm, w = ["constant", "edge", "reflect", "symmetric", "wrap"][rng.integers(5)], int(rng.integers(0, 4))
        np.testing.assert_array_equal(_arr(gips.transform.pad(a, w, mode=pm)), np.pad(a, w, mode=pm), err_msg=f"pad {w} {pm}")


def test_edge_filters_match_scipy_every_mode_thin_axes():
    skf = pytest.importorskip("skimage.filters")
    rng = np.random.default_rng(400)
    ax = {"x": -1, "y": -2, "z": -3}
    for shape in SHAPES:
        a = rng.random(shape) * 100
        for m in MODES:
            def close(name, got, want, rtol=2e-5):
                scale = max(1.0, float(np.abs(want).max()))
                np.testing.assert_allclose(_arr(got), want, atol=rtol * scale, rtol=0, err_msg=f"{name} {shape} {m}")
            for name in ["sobel", "prewitt"]:
                f = getattr(gips.filter, name)
                for axis in "xyz"[:len(shape)]:
                    close(f"{name} {axis}", f(a, axis=axis, mode=m, cval=2, output="Real64"), getattr(ndi, name)(a, axis=ax[axis], mode=m, cval=2))
                close(name, f(a, mode=m, cval=2, output="Real64"), ndi.generic_gradient_magnitude(a, getattr(ndi, name), mode=m, cval=2))
            close("laplace", gips.filter.laplace(a, mode=m, cval=2, output="Real64"), ndi.laplace(a, mode=m, cval=2))
            close("ggm", gips.filter.gaussianGradientMagnitude(a, sigma=1.3, mode=m, cval=2, output="Real64"),
                  ndi.gaussian_gradient_magnitude(a, 1.3, mode=m, cval=2))
            close("LoG", gips.filter.gaussianLaplace(a, sigma=1.3, mode=m, cval=2, output="Real64"), ndi.gaussian_laplace(a, 1.3, mode=m, cval=2))
            close("DoG", gips.filter.differenceOfGaussians(a, low_sigma=1, high_sigma=2, mode=m, cval=2, output="Real64"),
                  skf.difference_of_gaussians(a, 1, 2, mode=m, cval=2))
            close("unsharp", gips.filter.unsharpMask(a, sigma=1.3, amount=1.5, mode=m, cval=2, output="Real64"),
                  a + 1.5 * (a - ndi.gaussian_filter(a, 1.3, mode=m, cval=2)))


@pytest.mark.parametrize("name,call,param", [
    ("empty footprint", lambda a, v, b, f: gips.morpho.erode(a, footprint=np.zeros((3, 3), bool)), "footprint"),
    ("4D footprint", lambda a, v, b, f: gips.morpho.erode(a, footprint=np.ones((1, 1, 3, 3), bool)), "footprint"),
    ("3D footprint on 2D", lambda a, v, b, f: gips.morpho.dilate(a, footprint=np.ones((3, 3, 3), bool)), "footprint"),
    ("empty structure", lambda a, v, b, f: gips.morpho.binaryDilate(b, structure=np.zeros((3, 3), bool)), "footprint"),
    ("binary op on float", lambda a, v, b, f: gips.morpho.binaryErode(f), "Real32"),
    ("fillHoles on float", lambda a, v, b, f: gips.morpho.fillHoles(f), "Real32"),
    ("median empty footprint", lambda a, v, b, f: gips.filter.median(a, footprint=np.zeros((3, 3), bool)), "footprint"),
    ("rank out of range", lambda a, v, b, f: gips.filter.rank(a, rank=100, size=3), "rank"),
    ("markers of another size", lambda a, v, b, f: gips.segment.watershed(a, np.zeros((10, 30), np.uint16)), "markers"),
    ("float markers", lambda a, v, b, f: gips.segment.watershed(a, np.zeros(a.shape, np.float32)), "markers"),
    ("mask of another size", lambda a, v, b, f: gips.segment.watershedMasked(a, np.zeros(a.shape, np.uint16), b[:10]), "mask"),
    ("connectivity 4 on a volume", lambda a, v, b, f: gips.segment.watershed(v, np.zeros(v.shape, np.uint16), connectivity=4), "connectivity"),
    ("negative sampling", lambda a, v, b, f: gips.distance.edt(b, sampling=[-1, 1]), "sampling"),
    ("NaN sampling", lambda a, v, b, f: gips.distance.edt(b, sampling=[float("nan"), 1]), "sampling"),
    ("labelling connectivity 4 on a volume", lambda a, v, b, f: gips.label.components(v > 9, connectivity=4), "connectivity"),
    ("labelling connectivity 3 in 2D", lambda a, v, b, f: gips.label.components(b, connectivity=3), "connectivity"),
    ("zoom order 6", lambda a, v, b, f: gips.transform.zoom(a, 2, order=6), "order"),
    ("resample negative spacing", lambda a, v, b, f: gips.transform.resample(a, [-1, 1]), "spacing"),
    ("rotate xz in 2D", lambda a, v, b, f: gips.transform.rotate(a, 30, axes="xz"), "axes"),
])
def test_bad_input_is_an_error_naming_the_parameter(name, call, param):
    rng = np.random.default_rng(5)
    a = rng.integers(0, 255, (20, 30)).astype(np.uint8)
    v = rng.integers(0, 255, (6, 20, 30)).astype(np.uint8)
    with pytest.raises(gips.GipsError) as e:
        call(a, v, a > 128, a.astype(np.float32))
    assert param in str(e.value), (name, str(e.value))


@pytest.mark.parametrize("call", [
    lambda a, b, o: gips.morpho.erode(a, out=o),
    lambda a, b, o: gips.morpho.binaryErode(b, out=o.view(bool)),
    lambda a, b, o: gips.filter.median(a, out=o),
    lambda a, b, o: gips.transform.zoom(a, 1, out=o),
])
def test_read_only_output_is_refused_and_left_alone(call):
    a = np.arange(600, dtype=np.uint8).reshape(20, 30)
    o = np.full(a.shape, 7, np.uint8)
    o.flags.writeable = False
    with pytest.raises(gips.GipsError):
        call(a, a > 128, o)
    assert (o == 7).all()


def test_resize_takes_skimage_boolean_anti_aliasing():
    skt = pytest.importorskip("skimage.transform")
    rng = np.random.default_rng(500)
    for shape, osh in [((17, 23), (5, 9)), ((6, 7, 8), (3, 11, 2)), ((1, 9), (1, 4))]:
        a = rng.random(shape) * 100
        for order in [0, 1, 3]:
            for aa in [False, True]:
                want = skt.resize(a, osh, order=order, anti_aliasing=aa, mode="reflect")
                got = gips.transform.resize(a, osh, order=order, anti_aliasing=aa, mode="reflect")
                np.testing.assert_allclose(_arr(got), want, atol=1e-4, err_msg=f"{shape} {osh} order {order} aa {aa}")


def test_map_coordinates_takes_scipy_coordinates():
    rng = np.random.default_rng(600)
    for ish in [(5, 6), (4, 5, 6), (1, 7), (3, 1, 5)]:
        for dt in [np.float64, np.uint8]:
            a = (rng.random(ish) * 200).astype(dt)
            for csh in [(7,), (1,), (3, 7), (2, 3, 4)]:
                c = rng.uniform(-2, max(ish) + 1, (len(ish),) + csh)
                for order in [0, 1, 3]:
                    for m in ["constant", "reflect", "wrap", "nearest", "grid-constant"]:
                        got = gips.transform.mapCoordinates(a, c, order=order, mode=m, cval=1.5)
                        # Orders 2-5 are within 1e-6 of scipy: a uint8 near .5 may round the other way.
                        tol = 1 if order > 1 and dt == np.uint8 else 1e-9
                        np.testing.assert_allclose(_arr(got).astype(float), ndi.map_coordinates(a, c, order=order, mode=m, cval=1.5),
                                                   atol=tol, err_msg=f"{ish} {np.dtype(dt)} {csh} order {order} {m}")
