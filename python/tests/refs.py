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
