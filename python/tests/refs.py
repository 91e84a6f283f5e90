"""Independent references for every gips op: numpy, scipy.ndimage and
scikit-image computations of what each op must give, written from the same
rules as the Go tests of each family (saturating integer arithmetic, rounding
half away from zero, x / 0 = 0 for integers, ...).

REFS maps an op name to a Ref; tests/test_ops.py runs each through the
binding and bench_overhead.py times the ones with a scipy/numpy counterpart.
"""

import numpy as np

NUMERIC = [np.uint8, np.int8, np.uint16, np.int16, np.uint32, np.int32, np.float32, np.float64]
INTEGER = NUMERIC[:6]


def rnd(x):
    """Rounds half away from zero."""
    x = np.asarray(x, dtype=np.float64)
    m = np.abs(x)
    f = np.floor(m)
    return np.copysign(f + (m - f >= 0.5), x)


def sat(x, dt):
    """Converts to dt as gips.Saturate does: floats directly; integers
    rounded half away from zero, clamped, NaN to 0."""
    dt = np.dtype(dt)
    if dt.kind == "f":
        return np.asarray(x).astype(dt)
    info = np.iinfo(dt)
    if np.asarray(x).dtype.kind in "iu":
        return np.clip(x, info.min, info.max).astype(dt)
    x = np.asarray(x, dtype=np.float64)
    return np.clip(rnd(np.where(np.isnan(x), 0, x)), info.min, info.max).astype(dt)


class Ref:
    """How to test one op: n inputs of each dtype in `types` (np.bool_ for
    Binary), the parameters, and f(inputs, dtype) -> the expected array (or
    scalar). `tol` is the allowed absolute difference (0: exact, NaN equal
    to NaN). `ref` is the same computation as a numpy/scipy call for the
    benchmark, or None when the op has no counterpart there."""

    def __init__(self, f, n=1, types=NUMERIC, params=None, tol=0.0, rtol=0.0, extra=None, bench=None):
        self.f, self.n, self.types, self.params = f, n, types, params or {}
        self.tol, self.rtol = tol, rtol
        self.extra = extra      # dtype of the second input when it differs (a mask)
        self.bench = bench      # the counterpart as a function of the arrays, for the benchmark
        self.bench_params = None  # the op's parameters in the benchmark (default: params)
        self.shapes = None  # the input shapes (default: (6, 7) and (3, 5, 7))
        self.wrap = None    # turns the first input array into the op's input (gips.fromRgbArray)
        self.make = None    # make(xs, rng) -> xs: inputs that are not images of the first's shape
        self.rest = None    # rest(xs[1:]) -> the op's other inputs (a channel image of coordinates)


def _ints(fn):
    """An integer-exact binary op: floats in their dtype, integers through
    int64 then saturated."""
    def f(x, dt):
        if np.dtype(dt).kind == "f":
            return fn(x[0], x[1])
        return sat(fn(x[0].astype(np.int64), x[1].astype(np.int64)), dt)
    return f


def _multiply(x, dt):
    if np.dtype(dt).kind == "f":
        return x[0] * x[1]
    info = np.iinfo(dt)
    p = x[0].astype(object) * x[1].astype(object)
    return np.clip(p, info.min, info.max).astype(dt)


def _divide(x, dt):
    if np.dtype(dt).kind == "f":
        with np.errstate(divide="ignore", invalid="ignore"):
            return x[0] / x[1]
    a, b = x[0].astype(np.int64), x[1].astype(np.int64)
    A, B = np.abs(a), np.maximum(np.abs(b), 1)
    q = A // B + (2 * (A % B) >= B)
    q = np.where((a < 0) != (b < 0), -q, q)
    return sat(np.where(b == 0, 0, q), dt)


def _scalar(g, v):
    def f(x, dt):
        if np.dtype(dt).kind == "f":
            with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
                return g(x[0], np.dtype(dt).type(v))
        with np.errstate(divide="ignore", invalid="ignore"):
            r = g(x[0].astype(np.float64), v)
        if g is np.divide and v == 0:
            return np.zeros_like(x[0])
        return sat(r, dt)
    return f


def _invert(x, dt):
    dt = np.dtype(dt)
    if dt.kind == "f":
        return -x[0]
    if dt.kind == "u":
        return np.iinfo(dt).max - x[0]
    return sat(-x[0].astype(np.int64), dt)


def _logic(ufunc):
    def f(x, dt):
        if np.dtype(dt) == np.bool_:
            return ufunc(x[0] != 0, x[1] != 0).astype(np.uint8)
        return ufunc(x[0], x[1])
    return f


def _not(x, dt):
    if np.dtype(dt) == np.bool_:
        return (x[0] == 0).astype(np.uint8)
    return np.invert(x[0])


def _erase(x, dt):
    if np.dtype(dt) == np.bool_:
        return np.ones(x[0].shape, np.uint8)
    return sat(np.full(x[0].shape, -3.5), dt)


_STORE = {np.bool_: np.uint8}
LOGIC = [np.bool_] + INTEGER
ALL = NUMERIC + [np.bool_]


def _convert(x, dt):
    """util.convertImg to Real32 with scaling scale: the input type's range onto [0, 1]."""
    a = x[0]
    if np.dtype(dt) == np.bool_:
        lo, hi = 0.0, 1.0
        a = (a != 0)
    elif np.dtype(dt).kind == "f":
        lo, hi = 0.0, 1.0
    else:
        i = np.iinfo(dt)
        lo, hi = float(i.min), float(i.max)
    return ((a.astype(np.float64) - lo) * (1.0 / (hi - lo))).astype(np.float32)


REFS = {
    "arith.add": Ref(_ints(np.add), 2, bench=lambda x: np.add(x[0], x[1])),
    "arith.subtract": Ref(_ints(np.subtract), 2, bench=lambda x: np.subtract(x[0], x[1])),
    "arith.absDiff": Ref(_ints(lambda a, b: np.abs(a - b)), 2),
    "arith.min": Ref(lambda x, dt: np.minimum(x[0], x[1]), 2, bench=lambda x: np.minimum(x[0], x[1])),
    "arith.max": Ref(lambda x, dt: np.maximum(x[0], x[1]), 2, bench=lambda x: np.maximum(x[0], x[1])),
    "arith.multiply": Ref(_multiply, 2, bench=lambda x: np.multiply(x[0], x[1])),
    "arith.divide": Ref(_divide, 2),
    "arith.addScalar": Ref(_scalar(np.add, -2.5), params={"value": -2.5}, bench=lambda x: x[0] + 3),
    "arith.subtractScalar": Ref(_scalar(np.subtract, 7.0), params={"value": 7.0}, bench=lambda x: x[0] - 3),
    "arith.multiplyScalar": Ref(_scalar(np.multiply, 0.3), params={"value": 0.3}, bench=lambda x: x[0] * 3),
    "arith.divideScalar": Ref(_scalar(np.divide, 0.0), params={"value": 0.0}),
    "arith.invert": Ref(_invert, bench=lambda x: np.invert(x[0])),
    "arith.linearCombination": Ref(
        lambda x, dt: sat(0.75 * x[0].astype(np.float64) + (-1.5) * x[1].astype(np.float64) + 3.25, dt), 2,
        params={"alpha": 0.75, "beta": -1.5, "gamma": 3.25}),
    "logic.and": Ref(_logic(np.bitwise_and), 2, LOGIC, bench=lambda x: np.bitwise_and(x[0], x[1])),
    "logic.or": Ref(_logic(np.bitwise_or), 2, LOGIC, bench=lambda x: np.bitwise_or(x[0], x[1])),
    "logic.xor": Ref(_logic(np.bitwise_xor), 2, LOGIC, bench=lambda x: np.bitwise_xor(x[0], x[1])),
    "logic.not": Ref(_not, 1, LOGIC, bench=lambda x: np.invert(x[0])),
    "logic.mask": Ref(lambda x, dt: np.where(x[1] != 0, x[0], np.zeros_like(x[0])), 2, ALL, extra=np.bool_),
    "util.eraseImg": Ref(_erase, 1, ALL, params={"value": -3.5}),
    "util.copyImg": Ref(lambda x, dt: x[0], 1, ALL, bench=lambda x: x[0].copy()),
    "util.convertImg": Ref(_convert, 1, ALL, params={"output": "Real32", "scaling": "scale"}, tol=0, rtol=1e-6),
}


# -- filter: scipy.ndimage ---------------------------------------------------

def _f64(a):
    return np.asarray(a).astype(np.float64)


def _range_tol(k):
    """A tolerance of k times the input's value range (at least 1)."""
    def tol(x):
        a = _f64(x[0])
        return k * max(float(a.max() - a.min()), 1.0)
    return tol


def _gaussian(sigma, mode, cval=0.0, truncate=4.0):
    """filter.gaussian with Real32 output; sigma in numpy order (z, y, x) for
    scipy when a tuple."""
    def f(x, dt):
        import scipy.ndimage as ndi
        s = sigma if np.ndim(sigma) == 0 else tuple(sigma)[-x[0].ndim:]
        return ndi.gaussian_filter(_f64(x[0]), s, mode=mode, cval=cval, truncate=truncate).astype(np.float32)
    return f


def _mean(size, mode, cval=0.0):
    """filter.mean with the default output (the input's type; Real32 for
    Binary): integers are the exact box sum's quotient rounded half away
    from zero."""
    def f(x, dt):
        import scipy.ndimage as ndi
        a = x[0]
        n = size ** a.ndim
        r = ndi.uniform_filter(_f64(a), size, mode=mode, cval=cval)
        dt = np.dtype(dt)
        if dt == np.bool_:
            return r.astype(np.float32)
        if dt.kind == "f":
            return r.astype(dt)
        S = np.rint(r * n).astype(np.int64)
        q = (2 * np.abs(S) + n) // (2 * n)
        return sat(np.sign(S) * q, dt)
    return f


def _label(f, name):
    f.label = name
    return f


def _scipy_gaussian(x):
    import scipy.ndimage as ndi
    return ndi.gaussian_filter(x[0], 2.0, output=np.float32, mode="reflect")


def _scipy_uniform(x):
    import scipy.ndimage as ndi
    return ndi.uniform_filter(x[0], 3, mode="reflect")


REFS.update({
    "filter.gaussian": Ref(_gaussian(1.5, "reflect"), 1, NUMERIC + [np.bool_], params={"sigma": 1.5},
                           tol=_range_tol(1e-5),
                           bench=_label(_scipy_gaussian, "scipy.ndimage.gaussian_filter(sigma=2, float32)")),
    "filter.mean": Ref(_mean(3, "reflect"), 1, NUMERIC + [np.bool_], params={"size": 3},
                       tol=lambda x: 0 if np.asarray(x[0]).dtype.kind in "iu" else _range_tol(1e-6)(x),
                       bench=_label(_scipy_uniform, "scipy.ndimage.uniform_filter(size=3)")),
})
# The benchmark runs gips with the parameters of its scipy counterpart.
REFS["filter.gaussian"].bench_params = {"sigma": 2.0}


# -- morpho (and filter.median / filter.rank): scipy.ndimage, skimage ---------

def _grey(name, sat_diff=None):
    """A grey op with its default size=3 box, mode reflect: scipy's function,
    or (sat_diff) the difference of two of them saturated to the dtype
    (gips saturates where scipy's unsigned arithmetic wraps)."""
    def f(x, dt):
        import scipy.ndimage as ndi
        if sat_diff is None:
            return getattr(ndi, name)(x[0], size=3, mode="reflect")
        a, b = sat_diff(ndi, x[0])
        return sat(_f64(a) - _f64(b), dt)
    return f


def _binary(name, **kw):
    def f(x, dt):
        import scipy.ndimage as ndi
        return getattr(ndi, name)(x[0] != 0, **kw)
    return f


def _reconstruct(x, dt):
    from skimage.morphology import reconstruction
    seed, mask = x
    return reconstruction(np.minimum(seed, mask), mask, "dilation").astype(dt)


def _h_extrema(name, h):
    def f(x, dt):
        import skimage.morphology as skm
        return getattr(skm, name)(x[0], h).astype(bool)
    return f


def _regional(name):
    def f(x, dt):
        import skimage.morphology as skm
        return getattr(skm, name)(x[0], connectivity=x[0].ndim)
    return f


def _scipy_grey_erosion(x):
    import scipy.ndimage as ndi
    return ndi.grey_erosion(x[0], size=3, mode="reflect")


def _scipy_median(x):
    import scipy.ndimage as ndi
    return ndi.median_filter(x[0], size=3, mode="reflect")


_BYTES = [np.bool_, np.uint8]
_UNSIGNED_AND_FLOAT = [np.uint8, np.uint16, np.float32, np.float64]  # skimage's np.ptp overflows on signed ranges
REFS.update({
    "morpho.erode": Ref(_grey("grey_erosion"), bench=_label(_scipy_grey_erosion, "scipy.ndimage.grey_erosion(size=3)")),
    "morpho.dilate": Ref(_grey("grey_dilation")),
    "morpho.opening": Ref(_grey("grey_opening")),
    "morpho.closing": Ref(_grey("grey_closing")),
    "morpho.whiteTophat": Ref(_grey(None, lambda ndi, a: (a, ndi.grey_opening(a, size=3)))),
    "morpho.blackTophat": Ref(_grey(None, lambda ndi, a: (ndi.grey_closing(a, size=3), a))),
    "morpho.gradient": Ref(_grey(None, lambda ndi, a: (ndi.grey_dilation(a, size=3), ndi.grey_erosion(a, size=3)))),
    "morpho.binaryErode": Ref(_binary("binary_erosion"), 1, _BYTES),
    "morpho.binaryDilate": Ref(_binary("binary_dilation"), 1, _BYTES),
    "morpho.binaryOpening": Ref(_binary("binary_opening", iterations=2), 1, _BYTES, params={"iterations": 2}),
    "morpho.binaryClosing": Ref(_binary("binary_closing", border_value=1), 1, _BYTES, params={"border_value": 1}),
    "morpho.fillHoles": Ref(_binary("binary_fill_holes"), 1, _BYTES),
    "morpho.reconstruct": Ref(_reconstruct, 2),
    "morpho.hMaxima": Ref(_h_extrema("h_maxima", 10), 1, _UNSIGNED_AND_FLOAT, params={"h": 10}),
    "morpho.hMinima": Ref(_h_extrema("h_minima", 10), 1, _UNSIGNED_AND_FLOAT, params={"h": 10}),
    "morpho.regionalMaxima": Ref(_regional("local_maxima")),
    "morpho.regionalMinima": Ref(_regional("local_minima")),
    "filter.median": Ref(lambda x, dt: _scipy_median(x), bench=_label(_scipy_median, "scipy.ndimage.median_filter(size=3)")),
    "filter.rank": Ref(lambda x, dt: __import__("scipy.ndimage").ndimage.rank_filter(x[0], 2, size=3, mode="reflect"), params={"rank": 2}),
})
# -- filter: derivatives and edges (scipy.ndimage, scikit-image, numpy) -------

def _gain_tol(k, gain):
    """k times the input's value range times the filter's gain."""
    def tol(x):
        return _range_tol(k)(x) * gain
    return tol


def _nd(f):
    """A reference on a float64 copy, as float32 (the ops' default output)."""
    def g(x, dt):
        return np.asarray(f(_f64(x[0]))).astype(np.float32)
    return g


def _local(std):
    def f(a):
        import scipy.ndimage as ndi
        v = np.maximum(ndi.uniform_filter(a * a, 3) - ndi.uniform_filter(a, 3) ** 2, 0)
        return np.sqrt(v) if std else v
    return f


def _hessian(a):
    from skimage.feature import hessian_matrix, hessian_matrix_eigvals
    return hessian_matrix_eigvals(hessian_matrix(a, 1.0, mode="reflect", order="rc"))


def _frangi(x, dt):
    import skimage.filters as skf
    return skf.frangi(x[0]).astype(np.float32)  # skimage inverts and scales the input's dtype itself


def _bilateral(a, ss=1.0, sr=50.0):
    """The bilateral filter written out: a ball of radius round(1.5 ss) = 2,
    reflect padding (numpy's symmetric)."""
    import itertools
    r = 2
    p = np.pad(a, r, mode="symmetric")
    num, den = np.zeros_like(a), np.zeros_like(a)
    for off in itertools.product(range(-r, r + 1), repeat=a.ndim):
        d2 = sum(o * o for o in off)
        if d2 > r * r:
            continue
        q = p[tuple(slice(r + o, r + o + n) for o, n in zip(off, a.shape))]
        w = np.exp(-d2 / (2 * ss * ss)) * np.exp(-(q - a) ** 2 / (2 * sr * sr))
        num += w * q
        den += w
    return num / den


def _scipy_sobel(x):
    import scipy.ndimage as ndi
    return ndi.generic_gradient_magnitude(x[0], ndi.sobel, output=np.float32)


def _scipy_ggm(x):
    import scipy.ndimage as ndi
    return ndi.gaussian_gradient_magnitude(x[0], 2.0, output=np.float32)


def _sobel_magnitude(a):
    import scipy.ndimage as ndi
    return ndi.generic_gradient_magnitude(a, ndi.sobel)


def _skimage_scharr_y(a):
    """skimage's normalised scharr along y: axis given as a non-negative
    number (with -2, skimage 0.19.3 also smooths along the derivative)."""
    import skimage.filters as skf
    return skf.scharr(a, axis=a.ndim - 2)


def _ndi(name, *args, **kw):
    def f(a):
        import scipy.ndimage as ndi
        return getattr(ndi, name)(a, *args, **kw)
    return f


def _skf(name, *args, **kw):
    def f(a):
        import skimage.filters as skf
        return getattr(skf, name)(a, *args, **kw)
    return f


_EDGE_TYPES = NUMERIC + [np.bool_]
REFS.update({
    "filter.sobel": Ref(_nd(_sobel_magnitude),
                        1, _EDGE_TYPES, tol=_gain_tol(1e-5, 64),
                        bench=_label(_scipy_sobel, "scipy.ndimage.generic_gradient_magnitude(sobel, float32)")),
    "filter.prewitt": Ref(_nd(_ndi("prewitt", -1)), 1, _EDGE_TYPES, params={"axis": "x"}, tol=_gain_tol(1e-5, 18)),
    "filter.scharr": Ref(_nd(_skimage_scharr_y), 1, _EDGE_TYPES,
                         params={"axis": "y", "normalize": True}, tol=_gain_tol(1e-5, 2)),
    "filter.laplace": Ref(_nd(_ndi("laplace")), 1, _EDGE_TYPES, tol=_gain_tol(1e-5, 12)),
    "filter.gaussianDerivative": Ref(_nd(_ndi("gaussian_filter", 1.5, order=1)), 1, _EDGE_TYPES,
                                     params={"sigma": 1.5, "order": 1}, tol=_gain_tol(1e-5, 1)),
    "filter.gaussianGradientMagnitude": Ref(_nd(_ndi("gaussian_gradient_magnitude", 2.0)), 1, _EDGE_TYPES,
                                            params={"sigma": 2.0}, tol=_gain_tol(1e-5, 1),
                                            bench=_label(_scipy_ggm, "scipy.ndimage.gaussian_gradient_magnitude(sigma=2, float32)")),
    "filter.gaussianLaplace": Ref(_nd(_ndi("gaussian_laplace", 1.0)), 1, _EDGE_TYPES, params={"sigma": 1.0}, tol=_gain_tol(1e-5, 4)),
    "filter.differenceOfGaussians": Ref(_nd(_skf("difference_of_gaussians", 1.0, mode="reflect")), 1, _EDGE_TYPES,
                                        params={"low_sigma": 1.0}, tol=_gain_tol(1e-5, 1)),
    "filter.unsharpMask": Ref(_nd(_skf("unsharp_mask", 1.0, 2.0, preserve_range=True)), 1, _EDGE_TYPES,
                              params={"sigma": 1.0, "amount": 2.0}, tol=_gain_tol(1e-5, 5)),
    "filter.localVariance": Ref(_nd(_local(False)), 1, _EDGE_TYPES, params={"size": 3},
                                tol=lambda x: 1e-6 * _range_tol(1)(x) ** 2),
    "filter.localStd": Ref(_nd(_local(True)), 1, _EDGE_TYPES, params={"size": 3}, tol=_range_tol(1e-6)),
    "filter.hessianEigenvalues": Ref(_nd(_hessian), 1, _EDGE_TYPES, params={"sigma": 1.0}, tol=_gain_tol(1e-6, 1)),
    # Within 1e-5 of the largest response: 1 - exp(-S^2/2gamma^2) of a tiny S^2 magnifies rounding.
    "filter.frangi": Ref(_frangi, 1, [np.uint8, np.int16, np.uint16, np.uint32, np.float64, np.bool_],
                         tol=lambda x: 1e-5 * float(np.abs(_frangi(x, None)).max())),
    "filter.bilateral": Ref(_nd(_bilateral), 1, _EDGE_TYPES, params={"sigma_spatial": 1.0, "sigma_range": 50.0},
                            tol=_range_tol(1e-6)),
})
REFS["filter.sobel"].bench_params = {}
REFS["filter.gaussianGradientMagnitude"].bench_params = {"sigma": 2.0}


# -- stats: numpy ------------------------------------------------------------

def _exact_sum(a):
    a = np.asarray(a)
    if a.dtype.kind in "iub":
        return float(int(a.astype(np.int64).sum()))
    import math
    return math.fsum(a.astype(np.float64).ravel())


def _measure(x, dt):
    a = _f64(x[0])
    return {"count": float(a.size), "min": float(a.min()), "max": float(a.max()), "sum": _exact_sum(x[0]),
            "mean": _exact_sum(x[0]) / a.size, "std": float(np.std(a))}


def _histogram(x, dt):
    a = x[0].astype(np.uint8) if x[0].dtype == np.bool_ else x[0]
    counts, edges = np.histogram(a, bins=256, range=(float(a.min()), float(a.max())))
    return counts, edges


REFS.update({
    "stats.min": Ref(lambda x, dt: float(_f64(x[0]).min()), 1, ALL, bench=_label(lambda x: x[0].min(), "a.min()")),
    "stats.max": Ref(lambda x, dt: float(_f64(x[0]).max()), 1, ALL, bench=_label(lambda x: x[0].max(), "a.max()")),
    "stats.sum": Ref(lambda x, dt: _exact_sum(x[0]), 1, ALL, rtol=1e-13,
                     bench=_label(lambda x: x[0].sum(dtype=np.int64), "a.sum(dtype=int64)")),
    "stats.mean": Ref(lambda x, dt: _exact_sum(x[0]) / x[0].size, 1, ALL, rtol=1e-13,
                      bench=_label(lambda x: x[0].mean(), "a.mean()")),
    "stats.std": Ref(lambda x, dt: float(np.std(_f64(x[0]), ddof=1)), 1, ALL, params={"ddof": 1}, rtol=1e-10,
                     bench=_label(lambda x: x[0].std(), "a.std()")),
    "stats.measure": Ref(_measure, 1, ALL, rtol=1e-10),
    "stats.histogram": Ref(_histogram, 1, ALL, rtol=1e-12,
                           bench=_label(lambda x: np.histogram(x[0], 256), "np.histogram(a, 256)")),
    "stats.percentiles": Ref(lambda x, dt: np.percentile(_f64(x[0]), [10, 50, 90]), 1, ALL,
                             params={"q": "10,50,90"}, rtol=1e-12,
                             bench=_label(lambda x: np.percentile(x[0], [10, 50, 90]), "np.percentile")),
})


# -- threshold: numpy and scikit-image --------------------------------------

OTSU = [np.uint8, np.int8, np.uint16, np.int16, np.float32, np.float64]  # skimage bins integers per value


def _otsu(x, dt):
    import skimage.filters as skf
    return float(skf.threshold_otsu(x[0]))


def _otsu_apply(x, dt):
    import skimage.filters as skf
    return (x[0] > skf.threshold_otsu(x[0])).astype(np.uint8)


def _hysteresis(low, high, full):
    def f(x, dt):
        import scipy.ndimage as ndi
        a = _f64(x[0])
        lo, hi = a > low, a > high
        structure = np.ones((3,) * a.ndim) if full else None
        lab, n = ndi.label(lo, structure)
        keep = np.zeros(n + 1, bool)
        keep[np.unique(lab[hi])] = True
        keep[0] = False
        return keep[lab].astype(np.uint8)
    return f


def _skimage_hysteresis(x):
    import skimage.filters as skf
    return skf.apply_hysteresis_threshold(x[0], 1000, 3000)


REFS.update({
    "threshold.range": Ref(lambda x, dt: ((_f64(x[0]) >= -3.5) & (_f64(x[0]) <= 20.25)).astype(np.uint8), 1, ALL,
                           params={"min": -3.5, "max": 20.25},
                           bench=_label(lambda x: (x[0] >= 1000) & (x[0] <= 3000), "(a >= lo) & (a <= hi)")),
    "threshold.light": Ref(lambda x, dt: (_f64(x[0]) >= 10).astype(np.uint8), 1, ALL, params={"value": 10},
                           bench=_label(lambda x: x[0] >= 2000, "a >= v")),
    "threshold.dark": Ref(lambda x, dt: (_f64(x[0]) <= 10).astype(np.uint8), 1, ALL, params={"value": 10},
                          bench=_label(lambda x: x[0] <= 2000, "a <= v")),
    "threshold.otsu": Ref(_otsu, 1, OTSU,
                          bench=_label(lambda x: _otsu(x, None), "skimage threshold_otsu")),
    "threshold.otsuApply": Ref(_otsu_apply, 1, OTSU),
    "threshold.hysteresis": Ref(_hysteresis(30, 100, False), 1, NUMERIC, params={"low": 30, "high": 100},
                                bench=_label(_skimage_hysteresis, "skimage apply_hysteresis_threshold")),
})
REFS["threshold.range"].bench_params = {"min": 1000, "max": 3000}
REFS["threshold.light"].bench_params = {"value": 2000}
REFS["threshold.dark"].bench_params = {"value": 2000}
REFS["threshold.hysteresis"].bench_params = {"low": 1000, "high": 3000}


# --- measure -------------------------------------------------------------
# Tables come back as dicts of lists (ops.ResultTable); each is compared
# column by column with scikit-image's regionprops on the labels renumbered
# 1..n (np.unique), which changes no property and keeps find_objects small
# for sparse uint32 labels.

MEASURE_COLUMNS = ["area", "areaPhysical", "bboxMinX", "bboxMinY", "bboxMaxX", "bboxMaxY", "centroidX", "centroidY",
                   "equivalentDiameter", "eulerNumber", "extent", "inertiaEigen1", "inertiaEigen2",
                   "majorAxisLength", "minorAxisLength"]
INTENSITY_COLUMNS = ["area", "intensityMin", "intensityMax", "intensityMean", "intensityStd", "intensitySum", "intensityMedian"]


def _regions(lab, inten=None):
    from skimage.measure import regionprops
    u, inv = np.unique(lab, return_inverse=True)
    c = inv.reshape(lab.shape).astype(np.int64) + (0 if u[0] == 0 else 1)
    return u[u != 0], regionprops(c, intensity_image=inten)


def _measure_value(r, name, nd, f=None):
    ax = "XYZ"[:nd][::-1]
    if name.startswith("bboxMin"):
        return r.bbox[ax.index(name[-1])]
    if name.startswith("bboxMax"):
        return r.bbox[nd + ax.index(name[-1])]
    if name.startswith("centroid"):
        return r.centroid[ax.index(name[-1])]
    if name.startswith("inertiaEigen"):
        return r.inertia_tensor_eigvals[int(name[-1]) - 1]
    if name == "majorAxisLength":
        return r.axis_major_length
    if name == "minorAxisLength":
        return r.axis_minor_length if nd == 2 else np.sqrt(10 * max(-sum(r.inertia_tensor_eigvals[:1]) + sum(r.inertia_tensor_eigvals[1:]), 0))
    vals = r.image_intensity[r.image] if f is not None else None
    return {"area": r.area, "areaPhysical": r.area, "equivalentDiameter": r.equivalent_diameter_area,
            "eulerNumber": r.euler_number, "extent": r.extent,
            "intensityMin": None if vals is None else vals.min(), "intensityMax": None if vals is None else vals.max(),
            "intensityMean": None if vals is None else vals.mean(), "intensityStd": None if vals is None else vals.std(),
            "intensitySum": None if vals is None else vals.sum(), "intensityMedian": None if vals is None else np.median(vals)}[name]


def _label_analysis(columns, intensity=False):
    def f(x, dt):
        lab = x[0]
        inten = x[1].astype(np.float64) if intensity else None
        labels, regions = _regions(lab, inten)
        out = {"label": labels.astype(np.float64)}
        for name in columns:
            out[name] = np.array([float(_measure_value(r, name, lab.ndim, inten)) for r in regions], np.float64)
        return out
    return f


def _shape_filtering(x, dt):
    lab = x[0]
    labels, regions = _regions(lab)
    keep = [l for l, r in zip(labels, regions) if r.area > 1 and r.extent >= 0.5]
    return np.where(np.isin(lab, keep), lab, 0).astype(lab.dtype)


def _overlay_colour(l):
    h = ((float(l) * 0.6180339887498949) % 1) * 6
    fr = h - np.floor(h)
    q, t = int(255 * (1 - fr) + 0.5), int(255 * fr + 0.5)
    return [(255, t, 0), (q, 255, 0), (0, 255, t), (0, q, 255), (t, 0, 255), (255, 0, q)][min(int(h), 5)]


def _overlay(x, dt):
    g, lab = x[0], x[1].astype(np.int64)
    if g.ndim == 3:
        g, lab = g[g.shape[0] // 2], lab[lab.shape[0] // 2]
    g = g.astype(np.float64)
    lo, hi = g.min(), g.max()
    scale = 255 / (hi - lo) if hi > lo else 0.0
    f = (g - lo) * scale
    grey = np.where(f > 0, np.floor(np.minimum(f + 0.5, 255)), 0).astype(np.uint8)
    p = np.pad(lab, 1, mode="edge")
    edge = (lab != 0) & ((p[:-2, 1:-1] != lab) | (p[2:, 1:-1] != lab) | (p[1:-1, :-2] != lab) | (p[1:-1, 2:] != lab))
    out = np.stack([grey, grey, grey])
    for y, xx in zip(*np.nonzero(edge)):
        out[:, y, xx] = _overlay_colour(lab[y, xx])
    return out


LABEL_TYPES = [np.uint8, np.uint16, np.uint32]
REFS.update({
    "measure.labelAnalysis": Ref(_label_analysis(MEASURE_COLUMNS), 1, LABEL_TYPES,
                                 params={"measures": ",".join(MEASURE_COLUMNS)}, tol=1e-6, rtol=1e-9),
    "measure.labelIntensityAnalysis": Ref(_label_analysis(INTENSITY_COLUMNS, True), 2, [np.uint8, np.uint16], extra=np.float32,
                                          params={"measures": ",".join(INTENSITY_COLUMNS)}, tol=0, rtol=1e-9),
    "measure.shapeFiltering": Ref(_shape_filtering, 1, LABEL_TYPES, params={"expression": "area > 1 and extent >= 0.5"}),
    "measure.overlay": Ref(_overlay, 2, [np.float32, np.uint16], extra=np.uint8),
})


# -- transform: scipy.ndimage ------------------------------------------------

def _ndi(name, **kw):
    """scipy.ndimage.<name> on the input in its own dtype (scipy's output
    type and integer rounding, which gips follows)."""
    def f(x, dt):
        import scipy.ndimage as ndi
        return getattr(ndi, name)(x[0], **kw)
    return f


def _rotate_xy(angle, **kw):
    """transform.rotate(axes='xy'): scipy's axes (1, 0) on a 2D array,
    (2, 1) on a volume."""
    def f(x, dt):
        import scipy.ndimage as ndi
        axes = (1, 0) if x[0].ndim == 2 else (2, 1)
        return ndi.rotate(x[0], angle, axes=axes, **kw)
    return f


# A 3x3 matrix: homogeneous (matrix and offset) for a 2D image, a plain
# matrix for a volume, in numpy order on both sides.
_AFFINE = [[1.0, 0.05, 0.5], [0.1, 0.9, -0.3], [0.0, 0.0, 1.0]]

REFS.update({
    "transform.zoom": Ref(_ndi("zoom", zoom=1.7, order=1, mode="reflect"), 1, NUMERIC,
                          params={"factor": 1.7, "order": 1, "mode": "reflect"},
                          bench=_label(lambda x: __import__("scipy.ndimage").ndimage.zoom(x[0], 0.5, order=1, grid_mode=True, mode="nearest"),
                                       "scipy.ndimage.zoom(0.5, order=1)")),
    "transform.shift": Ref(_ndi("shift", shift=0.4, order=1, mode="nearest"), 1, NUMERIC,
                           params={"shift": 0.4, "order": 1, "mode": "nearest"}),
    "transform.affine": Ref(_ndi("affine_transform", matrix=np.array(_AFFINE), order=3, mode="grid-wrap"), 1, NUMERIC,
                            params={"matrix": _AFFINE, "order": 3, "mode": "grid-wrap"}, tol=_range_tol(1e-6)),
    "transform.rotate": Ref(_rotate_xy(30, order=1), 1, NUMERIC, params={"angle": 30, "order": 1}),
})
def _map_coords_make(xs, rng):
    """scipy's coordinates array for x[0]: (ndim, 4, 5) points, some
    outside the image (the mode decides them)."""
    a = xs[0]
    c = np.stack([rng.uniform(-1.5, n + 0.5, (4, 5)) for n in a.shape])
    return [a, c]


def _map_coords_rest(rest):
    """The coordinates as gips takes them: one channel per axis, x first
    (a reversed view of scipy's array)."""
    import gips
    c = rest[0][::-1]
    return [gips.fromArray(c[:, None], gips.Geometry("Real64", c.shape[2], c.shape[1], 1, sizeC=c.shape[0], color="multichannel"))]


_MAPC = Ref(lambda x, dt: __import__("scipy.ndimage").ndimage.map_coordinates(x[0], x[1], order=1, mode="mirror"),
            2, NUMERIC, params={"order": 1, "mode": "mirror"})
_MAPC.make, _MAPC.rest = _map_coords_make, _map_coords_rest

REFS.update({
    "transform.mapCoordinates": _MAPC,
    "transform.flip": Ref(lambda x, dt: np.flip(x[0], -1), 1, ALL, params={"axis": "x"}),
    "transform.rot90": Ref(lambda x, dt: np.rot90(x[0], 1, axes=(-2, -1)), 1, ALL, params={"k": 1, "axes": "xy"}),
    "transform.pad": Ref(lambda x, dt: np.pad(x[0], (2, 3), mode="symmetric"), 1, ALL,
                         params={"width": 2, "after": 3, "mode": "symmetric"}),
})
def _resize(x, dt):
    from skimage.transform import resize
    return resize(x[0], (4,) * x[0].ndim, order=1)


REFS.update({
    "transform.resize": Ref(_resize, 1, NUMERIC, params={"output_shape": 4, "order": 1}, tol=1e-6, rtol=2e-5),
    "transform.resample": Ref(_ndi("zoom", zoom=1 / 0.6, order=1, mode="nearest", grid_mode=True), 1, NUMERIC,
                              params={"spacing": 0.6, "input_spacing": 1.0}),
})
REFS["transform.zoom"].bench_params = {"factor": 0.5, "order": 1, "grid_mode": True, "mode": "nearest"}


# -- color: scikit-image -----------------------------------------------------

def _skc(name, three=True):
    """skimage.color.<name> on a channel-first (3, Y, X) array, the result
    channel first again (three channels) or grey."""
    def f(x, dt):
        import skimage.color as skc
        r = getattr(skc, name)(np.moveaxis(x[0], 0, -1))
        return np.moveaxis(r, -1, 0) if three else r
    return f


def _rgb(ref):
    """A colour op's reference: one (3, 5, 7) input wrapped as RGB."""
    import gips
    ref.shapes, ref.wrap = [(3, 5, 7)], gips.fromRgbArray
    return ref


REFS.update({
    "color.rgbToGrey": _rgb(Ref(_skc("rgb2gray", False), 1, NUMERIC, tol=1e-6, rtol=2e-5)),
    "color.rgbToHsv": _rgb(Ref(_skc("rgb2hsv"), 1, NUMERIC, tol=1e-6, rtol=2e-5)),
    # hues outside [0, 1] (negative or huge floats) meet numpy's undefined uint8 cast
    "color.hsvToRgb": _rgb(Ref(_skc("hsv2rgb"), 1, [np.uint8, np.uint16, np.uint32], tol=1e-6, rtol=2e-5)),
    "color.rgbToLab": _rgb(Ref(_skc("rgb2lab"), 1, NUMERIC, tol=1e-6, rtol=2e-5)),
    "color.labToRgb": _rgb(Ref(_skc("lab2rgb"), 1, NUMERIC, tol=1e-6, rtol=2e-5)),
    "color.rgbToYCbCr": _rgb(Ref(_skc("rgb2ycbcr"), 1, NUMERIC, tol=1e-6, rtol=2e-5)),
    "color.greyToRgb": Ref(lambda x, dt: np.stack([x[0]] * 3), 1, ALL),
})


# ---- label: scipy.ndimage.label, skimage.measure / segmentation / morphology -------

def _components(x, dt):
    import scipy.ndimage as ndi
    import skimage.measure as skm
    a = x[0]
    if np.dtype(dt) == np.bool_:
        lab = ndi.label(a, np.ones((3,) * a.ndim))[0]
    else:
        lab = skm.label(a, background=0, connectivity=a.ndim)
    return lab.astype(np.uint16)  # output auto: Label16 up to 65535 pixels


def _remove_small(x, dt):
    import skimage.morphology as skmo
    return skmo.remove_small_objects(x[0], 3, connectivity=1)


def _clear_border(x, dt):
    import skimage.segmentation as sks
    return sks.clear_border(x[0], 1, 0)


def _relabel(x, dt):
    import skimage.segmentation as sks
    return sks.relabel_sequential(x[0])[0].astype(dt)


def _bench_label(x):
    import scipy.ndimage as ndi
    return ndi.label(x[0] != 0, np.ones((3,) * x[0].ndim))[0]


LABEL_IN = [np.bool_] + INTEGER
REFS.update({
    "label.components": Ref(_components, 1, LABEL_IN, bench=_label(_bench_label, "scipy.ndimage.label, full connectivity")),
    "label.count": Ref(lambda x, dt: float(_components(x, dt).max()), 1, LABEL_IN),
    "label.relabelSequential": Ref(_relabel, 1, [np.uint8, np.uint16, np.uint32]),
    "label.labelSizes": Ref(lambda x, dt: np.bincount(x[0].ravel()).astype(np.float64), 1, [np.uint8, np.uint16]),
    "label.removeSmallObjects": Ref(_remove_small, 1, [np.bool_, np.uint8, np.uint16], params={"min_size": 3, "connectivity": 1}),
    "label.clearBorder": Ref(_clear_border, 1, [np.bool_, np.uint8, np.int16, np.uint32], params={"buffer_size": 1}),
})


# label's block passes for gips.dask.label (label/blocks.go): plain numpy.

def _block_labels(xs, rng):
    import scipy.ndimage as ndi
    return [ndi.label(xs[0] % 3 == 0)[0].astype(xs[0].dtype)]


def _block_firsts(x, dt):
    u, first = np.unique(x[0].ravel(), return_index=True)
    return first[u != 0].astype(np.float64)


def _table_make(xs, rng):
    return [xs[0] % 6, rng.integers(-2 ** 31, 2 ** 31, (1, 6)).astype(np.int32)]


def _faces_make(xs, rng):
    sh = xs[0].shape
    return [rng.integers(0, 4, sh).astype(np.uint32), rng.integers(0, 4, sh).astype(np.uint32),
            rng.integers(0, 2, sh).astype(xs[0].dtype), rng.integers(0, 2, sh).astype(xs[0].dtype)]


def _block_faces(x, dt):
    left, right, lv, rv = x
    h, w = left.shape
    blk = np.add.outer(np.searchsorted([0, 2, 5], np.arange(h), "right") - 1,
                       np.zeros(w, np.int64)) * 2 + (np.searchsorted([0, 3], np.arange(w), "right") - 1)
    out = []
    for dy, dx in [(0, 0), (0, 1), (0, -1), (1, 0), (-1, 0)]:  # connectivity 2: one in-plane step
        for y in range(h):
            for x_ in range(w):
                y2, x2 = y + dy, x_ + dx
                if 0 <= y2 < h and 0 <= x2 < w and left[y, x_] and right[y2, x2] and \
                        (dt == np.bool_ or lv[y, x_] == rv[y2, x2]):
                    out.append((blk[y, x_], left[y, x_], blk[y2, x2], right[y2, x2]))
    return np.unique(np.array(out, np.float64).reshape(-1, 4), axis=0).ravel()


_BFIRSTS = Ref(_block_firsts, 1, [np.uint8, np.uint16, np.uint32])
_BFIRSTS.make = _block_labels
_BTABLE = Ref(lambda x, dt: x[1][0][x[0]], 2, [np.uint8, np.uint16, np.uint32])
_BTABLE.make = _table_make
_BFACES = Ref(_block_faces, 4, [np.bool_, np.uint16], params={"x_starts": [0, 3], "y_starts": [0, 2, 5], "connectivity": 2})
_BFACES.make, _BFACES.shapes = _faces_make, [(6, 7)]
REFS.update({"label.blockFirsts": _BFIRSTS, "label.relabelTable": _BTABLE, "label.blockFaces": _BFACES})


# ---- distance: scipy.ndimage.distance_transform_edt ---------------------------------

def _edt1(m):
    import scipy.ndimage as ndi
    if m.all():  # no zero pixel: gips gives +inf (scipy's answer there is a known bug)
        return np.full(m.shape, np.inf)
    return ndi.distance_transform_edt(m)


def _edt(x, dt):
    return _edt1(x[0] != 0).astype(np.float32)


def _signed_edt(x, dt):
    m = x[0] != 0
    neg = np.full(m.shape, np.inf) if not m.any() else _edt1(~m)
    return (_edt1(m) - neg).astype(np.float32)


def _feature_transform(x, dt):
    """Brute force: of the nearest zero pixels, the first in C order (gips'
    rule for ties with unit sampling; scipy may pick another)."""
    m = x[0] != 0
    idx = np.indices(m.shape).reshape(m.ndim, -1)
    zeros = idx[:, ~m.ravel()]
    if zeros.shape[1] == 0:
        return np.full((m.ndim,) + m.shape, -1, np.int32)
    d2 = ((idx[:, :, None] - zeros[:, None, :]) ** 2).sum(axis=0)
    return zeros[:, d2.argmin(axis=1)].reshape((m.ndim,) + m.shape).astype(np.int32)


def _bench_edt(x):
    import scipy.ndimage as ndi
    return ndi.distance_transform_edt(x[0])


REFS.update({
    "distance.edt": Ref(_edt, 1, ALL, rtol=1e-6, bench=_label(_bench_edt, "scipy.ndimage.distance_transform_edt")),
    "distance.signedEdt": Ref(_signed_edt, 1, ALL, rtol=1e-6),
    "distance.featureTransform": Ref(_feature_transform, 1, ALL),
})


def _label_edt(x, dt):
    """Per label l: distance_transform_edt(a == l) on l's pixels; one label
    everywhere: +inf (as distance.edt)."""
    import scipy.ndimage as ndi
    a = x[0]
    out = np.zeros(a.shape)
    for l in np.unique(a):
        m = a == l
        if l != 0:
            out[m] = _edt1(m)[m]
    return out.astype(np.float32)


REFS.update({
    "distance.labelEdt": Ref(_label_edt, 1, INTEGER, rtol=1e-6),
})


# ---- segment: skimage.segmentation.watershed ----------------------------------------

def _watershed(x, dt):
    import skimage.segmentation as sks
    mask = x[2] != 0 if len(x) == 3 else None
    return sks.watershed(x[0], x[1], mask=mask, watershed_line=True).astype(x[1].dtype)


def _separate(a, h=1.0, conn=1):
    """scipy's EDT, skimage's h_maxima, ndimage.label and the masked
    watershed of -distance; components no seed reaches labelled whole after
    the seeded ones, as segment.separate documents."""
    import scipy.ndimage as ndi
    import skimage.morphology as skm
    import skimage.segmentation as sks
    fg = a != 0
    d = ndi.distance_transform_edt(fg)
    st = ndi.generate_binary_structure(a.ndim, conn)
    m, n = ndi.label(skm.h_maxima(d, h, footprint=st), structure=st)
    out = sks.watershed(-d, m, mask=fg, connectivity=conn).astype(np.uint32)
    left = ndi.label(fg & (out == 0), structure=st)[0]
    out[left > 0] = left[left > 0] + n
    return out


def _bench_watershed(x):
    import skimage.segmentation as sks
    return sks.watershed(x[0], x[1])


REFS.update({
    "segment.watershed": Ref(_watershed, 2, [np.uint8, np.uint16, np.int32, np.float32, np.float64], extra=np.uint16,
                             params={"watershed_line": True}, bench=_label(_bench_watershed, "skimage watershed")),
    "segment.watershedMasked": Ref(_watershed, 3, [np.uint8], extra=np.uint8, params={"watershed_line": True}),
    "segment.separate": Ref(lambda x, dt: _separate(x[0]), 1, [np.bool_, np.uint8]),
})
# skimage's defaults in bench_overhead.py (the plain watershed, as _bench_watershed calls it).
REFS["segment.watershed"].bench_params = {}
