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
        self.bench = bench      # (function of the arrays, params) for the benchmark


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
    """util.convertImg to Real32 with mode scale: the input type's range onto [0, 1]."""
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
    "util.convertImg": Ref(_convert, 1, ALL, params={"type": "Real32", "mode": "scale"}, tol=0, rtol=1e-6),
}
