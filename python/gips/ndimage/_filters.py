"""scipy.ndimage's filters on gips kernels.

Integer outputs follow scipy's per-pass rule: each 1-D pass is computed in
float64 and cast (truncated toward zero) into the output's dtype before the
next pass reads it. gips' own ops round half away from zero once at the end;
here integer outputs therefore run pass by pass through gips in float64 and
are cast by numpy as scipy's C code casts. Float outputs run in one gips call.
"""

import numbers
import operator

import numpy as np

from .. import filter as _gf
from .. import morpho as _gm
from ._support import (check_input, complex_parts, filter_mode, finish, get_output, gips_or_scipy, lift,
                       normalize_axis, normalize_sequence, real_name, to_gips, unsupported)

__all__ = ["gaussian_filter", "gaussian_filter1d", "uniform_filter", "uniform_filter1d",
           "median_filter", "rank_filter", "percentile_filter", "minimum_filter",
           "maximum_filter", "minimum_filter1d", "maximum_filter1d", "sobel", "prewitt",
           "laplace", "gaussian_laplace", "gaussian_gradient_magnitude"]


def _for_output(func, input, dt):
    """The input for a one-call float filter: float64 when the output is,
    since gips accumulates small integer and float32 inputs in float32."""
    g = to_gips(func, input)
    if np.dtype(dt) == np.float64 and g.dtype.itemsize < 4 or g.dtype == np.float32 and np.dtype(dt) == np.float64:
        g = g.astype(np.float64)
    return g


def _uint64_check(func, x, dt):
    """scipy's C cast of a negative double into uint64 is undefined (it
    gives 0 on x86-64 builds, not the wrap of the smaller types)."""
    if np.dtype(dt) == np.uint64 and np.asarray(x).size and np.asarray(x).min() < 0:
        unsupported(func, "output", "uint64 with negative intermediate values (C's cast is undefined)")


def ccast(x, dt, func="gaussian_filter"):
    """x cast into dt as scipy's C code casts a double on x86-64: toward
    zero, through a 64-bit integer for integer types (so negative values
    wrap into unsigned ones, where numpy's direct cast is undefined)."""
    dt = np.dtype(dt)
    x = np.asarray(x)
    _uint64_check(func, x, dt)
    if dt.kind == "u" and x.dtype.kind == "f" and x.size and x.min() < 0:
        return x.astype(np.int64).astype(dt)
    return x.astype(dt)


def _isfloat(dt):
    return np.dtype(dt) in (np.dtype(np.float32), np.dtype(np.float64))


# -- Gaussian -------------------------------------------------------------------

def _gauss_pass(func, a, axis, sigma, order, mode, cval, truncate):
    """One 1-D Gaussian pass along axis, in float64, with a's shape (the
    input in float64 too: gips accumulates small types in float32, and a
    truncated integer output must see scipy's float64 sums)."""
    g = to_gips(func, a).astype(np.float64, copy=False)
    sig = [0.0] * a.ndim
    sig[axis] = float(sigma)
    sig = lift(sig, a.ndim, 0.0)
    if order:
        orders = [0] * a.ndim
        orders[axis] = int(order)
        r = _gf.gaussianDerivative(g, sigma=sig, order=lift(orders, a.ndim, 0), truncate=truncate,
                                   output="Real64", mode=mode, cval=cval)
    else:
        r = _gf.gaussian(g, sigma=sig, truncate=truncate, output="Real64", mode=mode, cval=cval,
                         precise=True)
    return r.array.reshape(a.shape)


def _radii(radius, nd):
    """scipy's radius: None, or a nonnegative integer per axis."""
    if radius is None:
        return [None] * nd
    radii = normalize_sequence(radius, nd)
    for r in radii:
        if not isinstance(r, numbers.Integral) or r < 0:
            raise ValueError("Radius must be a nonnegative integer.")
    return [int(r) for r in radii]


def _gaussian(func, input, sigma, order, output, mode, cval, truncate, radius=None):
    """scipy's gaussian_filter: the passes along axes with sigma > 1e-15."""
    input = check_input(func, input)
    out, dt = get_output(func, output, input)
    nd = input.ndim
    orders = normalize_sequence(order, nd)
    sigmas = normalize_sequence(sigma, nd)
    modes = [filter_mode(m) for m in normalize_sequence(mode, nd)]
    for o in orders:
        if int(o) < 0:
            raise ValueError("order must be non-negative")
    radii = _radii(radius, nd)
    # gips' radius is int(truncate*sigma+0.5): a radius r is truncate r/sigma.
    axes = [(ii, float(sigmas[ii]), int(orders[ii]), modes[ii],
             float(truncate) if radii[ii] is None else radii[ii] / float(sigmas[ii]))
            for ii in range(nd) if float(sigmas[ii]) > 1e-15]
    if not axes:
        return finish(input if out is not None else input.astype(dt), out, dt)  # a new array, as scipy
    if _isfloat(dt) and len({(m, t) for _, _, _, m, t in axes}) == 1:
        truncate = axes[0][4]
        # One gips call: every axis at once (in float64 for a float64
        # output, as scipy accumulates).
        g = _for_output(func, input, dt)
        sig = [0.0] * nd
        ords = [0] * nd
        for ii, s, o, _, _ in axes:
            sig[ii], ords[ii] = s, o
        kw = dict(sigma=lift(sig, nd, 0.0), truncate=truncate, output=real_name(dt),
                  mode=axes[0][3], cval=float(cval))
        if any(ords):
            r = _gf.gaussianDerivative(g, order=lift(ords, nd, 0), **kw)
        else:
            # precise: the exact (float) path, never the fixed-point
            # UInt8 one (this call has a float output anyway).
            r = _gf.gaussian(g, precise=True, **kw)
        return finish(r.array.reshape(input.shape), out, dt)
    cur = input
    for ii, s, o, m, t in axes:
        cur = ccast(_gauss_pass(func, cur, ii, s, o, m, float(cval), t), dt, func)
    return finish(cur, out, dt)


@gips_or_scipy
def gaussian_filter1d(input, sigma, axis=-1, order=0, output=None, mode="reflect", cval=0.0,
                      truncate=4.0, *, radius=None):
    """scipy.ndimage.gaussian_filter1d on gips' Gaussian (order 0) or
    Gaussian derivative (orders 1 and more)."""
    if np.iscomplexobj(input):
        return complex_parts("gaussian_filter1d", input, output, cval, lambda p, dt, c: gaussian_filter1d(
            p, sigma, axis, order, dt, mode, c, truncate, radius=radius))
    input = check_input("gaussian_filter1d", input)
    _radii(radius, 1)
    axis = normalize_axis(axis, input.ndim)
    if int(order) < 0:
        raise ValueError("order must be non-negative")
    if float(sigma) <= 0:
        # scipy: a zero sigma is a kernel of one weight, the identity.
        out, dt = get_output("gaussian_filter1d", output, input)
        return finish(input if out is not None else input.astype(dt), out, dt)  # a new array, as scipy
    sig = [0.0] * input.ndim
    sig[axis] = sigma
    ords = [0] * input.ndim
    ords[axis] = order
    modes = [mode] * input.ndim
    radii = None
    if radius is not None:
        radii = [0] * input.ndim
        radii[axis] = radius
    return _gaussian("gaussian_filter1d", input, sig, ords, output, modes, cval, truncate, radii)


@gips_or_scipy
def gaussian_filter(input, sigma, order=0, output=None, mode="reflect", cval=0.0, truncate=4.0,
                    *, radius=None):
    """scipy.ndimage.gaussian_filter on gips' separable Gaussian: one call for
    a float output, pass by pass with scipy's truncation for an integer one."""
    if np.iscomplexobj(input):
        return complex_parts("gaussian_filter", input, output, cval, lambda p, dt, c: gaussian_filter(
            p, sigma, order, dt, mode, c, truncate, radius=radius))
    return _gaussian("gaussian_filter", input, sigma, order, output, mode, cval, truncate, radius)


# -- uniform ----------------------------------------------------------------------

def _uniform(func, input, sizes, output, modes, cval, origins):
    input = check_input(func, input)
    out, dt = get_output(func, output, input)
    nd = input.ndim
    for s, o in zip(sizes, origins):
        if s <= 1:
            continue  # scipy skips these axes unchecked
        if not -(s // 2) <= o <= (s - 1) // 2:
            raise ValueError("invalid origin")
    axes = [ii for ii in range(nd) if sizes[ii] > 1]
    if not axes:
        return finish(input if out is not None else input.astype(dt), out, dt)  # a new array, as scipy
    shifted = any(origins[ii] for ii in axes)
    if _isfloat(dt) and len({modes[ii] for ii in axes}) == 1 and not shifted:
        sz = [1] * nd
        for ii in axes:
            sz[ii] = sizes[ii]
        r = _gf.mean(to_gips(func, input), size=lift(sz, nd, 1), output=real_name(dt),
                     mode=modes[axes[0]], cval=float(cval))
        return finish(r.array.reshape(input.shape), out, dt)
    cur = input
    for ii in axes:
        r = _mean_pass(func, cur, ii, sizes[ii], origins[ii], modes[ii], float(cval),
                       real_name(dt) if _isfloat(dt) else "Real64")
        cur = ccast(r, dt, func)
    return finish(cur, out, dt)


_NP_PAD = {"reflect": "symmetric", "mirror": "reflect", "nearest": "edge", "wrap": "wrap",
           "constant": "constant"}


def _mean_pass(func, a, axis, size, origin, mode, cval, outname):
    """One box mean along axis (a's shape). A nonzero origin reads the
    window shifted (scipy: out[i] = centred[i - origin]): the centred mean
    of the input extended by numpy's pad of the same border mode, sliced."""
    nd = a.ndim
    sz = [1] * nd
    sz[axis] = size
    if not origin:
        return _gf.mean(to_gips(func, a), size=lift(sz, nd, 1), output=outname, mode=mode,
                        cval=cval).array.reshape(a.shape)
    pad = size + abs(origin)
    widths = [(0, 0)] * nd
    widths[axis] = (pad, pad)
    if mode == "constant":
        if a.dtype.kind != "f" and cval != int(cval):
            a = a.astype(np.float64)  # scipy reads cval as it is, not cast to the type
        p = np.pad(a, widths, mode="constant", constant_values=cval)
    else:
        p = np.pad(a, widths, mode=_NP_PAD[mode])
    r = _gf.mean(to_gips(func, p), size=lift(sz, nd, 1), output=outname, mode=mode,
                 cval=cval).array.reshape(p.shape)
    sl = [slice(None)] * nd
    sl[axis] = slice(pad - origin, pad - origin + a.shape[axis])
    return r[tuple(sl)]


@gips_or_scipy
def uniform_filter1d(input, size, axis=-1, output=None, mode="reflect", cval=0.0, origin=0):
    """scipy.ndimage.uniform_filter1d on gips' running-sum box mean (exact:
    an integer output is the exact mean truncated, where scipy's running
    float sum can land one below)."""
    if np.iscomplexobj(input):
        return complex_parts("uniform_filter1d", input, output, cval, lambda p, dt, c: uniform_filter1d(
            p, size, axis, dt, mode, c, origin))
    input = check_input("uniform_filter1d", input)
    axis = normalize_axis(axis, input.ndim)
    if size < 1:
        raise RuntimeError("incorrect filter size")
    sizes = [1] * input.ndim
    sizes[axis] = int(size)
    origins = [0] * input.ndim
    origins[axis] = int(origin)
    return _uniform("uniform_filter1d", input, sizes, output, [filter_mode(mode)] * input.ndim,
                    cval, origins)


@gips_or_scipy
def uniform_filter(input, size=3, output=None, mode="reflect", cval=0.0, origin=0):
    """scipy.ndimage.uniform_filter on gips' running-sum box mean."""
    if np.iscomplexobj(input):
        return complex_parts("uniform_filter", input, output, cval, lambda p, dt, c: uniform_filter(
            p, size, dt, mode, c, origin))
    input = check_input("uniform_filter", input)
    nd = input.ndim
    sizes = [int(s) for s in normalize_sequence(size, nd)]
    modes = [filter_mode(m) for m in normalize_sequence(mode, nd)]
    origins = [int(o) for o in normalize_sequence(origin, nd)]
    return _uniform("uniform_filter", input, sizes, output, modes, cval, origins)


# -- minimum, maximum, rank -----------------------------------------------------------

def _offsets_footprint(fp, origins, reflect):
    """An odd footprint, centred, holding the offsets scipy reads for footprint
    fp and origins (offset = index - (n//2 + origin)); reflected for gips'
    dilation, which is scipy's grey_dilation (a reflected maximum)."""
    idx = np.nonzero(fp)
    offs = [i - (n // 2 + o) for i, n, o in zip(idx, fp.shape, origins)]
    radii = [int(np.abs(x).max()) if x.size else 0 for x in offs]
    f = np.zeros([2 * r + 1 for r in radii], np.uint8)
    f[tuple((r - x if reflect else r + x) for x, r in zip(offs, radii))] = 1
    return f


def _neighbourhood(func, input, size, footprint, origin, strict_footprint=True):
    """(footprint bool array or None, sizes or None, origins) as scipy reads
    size/footprint/origin."""
    nd = input.ndim
    origins = [int(o) for o in normalize_sequence(origin, nd)]
    if footprint is None:
        if size is None:
            raise RuntimeError("no footprint provided")
        sizes = [int(s) for s in normalize_sequence(size, nd)]
        fp = np.ones(sizes, bool)
    else:
        fp = np.asarray(footprint, dtype=bool)
    fshape = [ii for ii in fp.shape if ii > 0]
    if len(fshape) != nd:
        raise RuntimeError("footprint array has incorrect shape.")
    for o, lenf in zip(origins, fshape):
        if (lenf // 2 + o < 0) or (lenf // 2 + o >= lenf):
            raise ValueError("invalid origin")
    if not fp.any():
        unsupported(func, "footprint", "an empty footprint")
    return fp, origins


def _minmax(func, input, size, footprint, structure, output, mode, cval, origin, minimum):
    """scipy's _min_or_max_filter on gips' erosion/dilation (flat
    footprints; a box by running extrema)."""
    if size is None and footprint is None and structure is None:
        raise RuntimeError("no footprint provided")
    input = check_input(func, input, scipy_complex=False)
    out, dt = get_output(func, output, input)
    nonflat = False
    if structure is not None:
        structure = np.asarray(structure, dtype=np.float64)
        nonflat = bool(structure.any())
        if footprint is None:
            footprint = np.ones(structure.shape, bool)
    fp, origins = _neighbourhood(func, input, size, footprint, origin)
    if nonflat:
        return _nonflat(func, input, fp, structure, out, dt, mode, cval, origins, minimum)
    nd = input.ndim
    if isinstance(mode, str):
        gmode = filter_mode(mode)
    else:
        modes = {filter_mode(m) for m in normalize_sequence(mode, nd)}
        if len(modes) != 1 or not fp.all():
            unsupported(func, "mode", "a mode per axis")
        gmode = modes.pop()
    g = to_gips(func, input)
    op = _gm.erode if minimum else _gm.dilate
    if fp.all() and not any(origins) and (minimum or all(n & 1 for n in fp.shape)):
        # A box by running extrema (gips' dilation is scipy's grey_dilation,
        # whose even boxes reach the other way: those take the footprint path).
        r = op(g, size=lift(fp.shape, nd, 1), mode=gmode, cval=float(cval))
    else:
        f = _offsets_footprint(fp, origins, reflect=not minimum)
        if nd == 1:
            f = f.reshape(1, -1)
        r = op(g, footprint=f, mode=gmode, cval=float(cval))
    res = r.array.reshape(input.shape)
    if input.dtype.kind == "b":
        res = res.view(bool)
    elif res.dtype != input.dtype:
        res = res.astype(input.dtype)
    return finish(res, out, dt)


def _nonflat(func, input, fp, structure, out, dt, mode, cval, origins, minimum):
    """A non-flat structuring element, as scipy: min of input - structure
    (max of input + structure) in float64, cast into the output. One gips
    erosion (dilation) per distinct structure value over the elements that
    hold it: float subtraction is monotone, so min(x) - v is min(x - v)
    exactly."""
    if structure.shape != fp.shape:
        raise RuntimeError("structure array has incorrect shape")
    if not isinstance(mode, str):
        unsupported(func, "mode", "a mode per axis")
    gmode = filter_mode(mode)
    nd = input.ndim
    g = to_gips(func, input)
    op = _gm.erode if minimum else _gm.dilate
    if input.dtype.kind == "b" or input.dtype.kind == "f" and input.dtype != np.float64:
        # scipy mixes float64 and the input's type element by element.
        unsupported(func, "structure", f"a non-flat structure on {input.dtype} input")
    if input.dtype.kind in "iu":
        # scipy computes input -/+ structure partly in the input's integer
        # type (wrapping, truncating): served for integer structure values
        # where nothing can wrap, where every form of it is exact.
        vals = structure[fp]
        if not np.array_equal(vals, np.trunc(vals)):
            unsupported(func, "structure", f"non-integer structure values on {input.dtype} input")
        lo, hi = (float(input.min()), float(input.max())) if input.size else (0.0, 0.0)
        if gmode == "constant":
            lo, hi = min(lo, float(cval)), max(hi, float(cval))
        info = np.iinfo(input.dtype)
        span = (lo - vals.max(), hi - vals.min()) if minimum else (lo + vals.min(), hi + vals.max())
        if span[0] < info.min or span[1] > info.max:
            unsupported(func, "structure", f"values that wrap around in {input.dtype} (scipy's arithmetic)")
    acc = None
    for v in np.unique(structure[fp]):
        f = _offsets_footprint(fp & (structure == v), origins, reflect=not minimum)
        r = op(g, footprint=f.reshape(1, -1) if nd == 1 else f, mode=gmode, cval=float(cval))
        r = r.array.reshape(input.shape).astype(np.float64)
        r = r - v if minimum else r + v
        acc = r if acc is None else (np.minimum(acc, r) if minimum else np.maximum(acc, r))
    return finish(ccast(acc, dt, func), out, dt)


def _minmax1d(func, input, size, axis, output, mode, cval, origin, minimum):
    input = check_input(func, input, scipy_complex=False)
    axis = normalize_axis(axis, input.ndim)
    if size < 1:
        raise RuntimeError("incorrect filter size")
    sizes = [1] * input.ndim
    sizes[axis] = int(size)
    origins = [0] * input.ndim
    origins[axis] = int(origin)
    if not -(size // 2) <= origin <= (size - 1) // 2:
        raise ValueError("invalid origin")
    return _minmax(func, input, sizes, None, None, output, mode, cval, origins, minimum)


@gips_or_scipy
def minimum_filter1d(input, size, axis=-1, output=None, mode="reflect", cval=0.0, origin=0):
    """scipy.ndimage.minimum_filter1d on gips' running-minimum erosion."""
    return _minmax1d("minimum_filter1d", input, size, axis, output, mode, cval, origin, True)


@gips_or_scipy
def maximum_filter1d(input, size, axis=-1, output=None, mode="reflect", cval=0.0, origin=0):
    """scipy.ndimage.maximum_filter1d on gips' running-maximum dilation."""
    return _minmax1d("maximum_filter1d", input, size, axis, output, mode, cval, origin, False)


@gips_or_scipy
def minimum_filter(input, size=None, footprint=None, output=None, mode="reflect", cval=0.0,
                   origin=0):
    """scipy.ndimage.minimum_filter on gips' erosion (flat footprints)."""
    return _minmax("minimum_filter", input, size, footprint, None, output, mode, cval, origin, True)


@gips_or_scipy
def maximum_filter(input, size=None, footprint=None, output=None, mode="reflect", cval=0.0,
                   origin=0):
    """scipy.ndimage.maximum_filter on gips' dilation (flat footprints)."""
    return _minmax("maximum_filter", input, size, footprint, None, output, mode, cval, origin, False)


def _rank(func, input, rank, size, footprint, output, mode, cval, origin, operation):
    """scipy's _rank_filter on gips' rank and median filters."""
    import warnings
    if size is not None and footprint is not None:
        warnings.warn("ignoring size because footprint is set", UserWarning, stacklevel=3)
    input = check_input(func, input, scipy_complex=False)
    fp, origins = _neighbourhood(func, input, size, footprint, origin)
    n = int(fp.sum())
    if operation == "median":
        rank = n // 2
    elif operation == "percentile":
        p = float(rank)
        if p < 0.0:
            p += 100.0
        if p < 0 or p > 100:
            raise RuntimeError("invalid percentile")
        rank = n - 1 if p == 100.0 else int(float(n) * p / 100.0)
    rank = operator.index(rank)
    if rank < 0:
        rank += n
    if rank < 0 or rank >= n:
        raise RuntimeError("rank not within filter footprint size")
    if rank == 0:
        return _minmax(func, input, None, fp, None, output, mode, cval, origins, True)
    if rank == n - 1:
        return _minmax(func, input, None, fp, None, output, mode, cval, origins, False)
    out, dt = get_output(func, output, input)
    gmode = filter_mode(mode)
    nd = input.ndim
    g = to_gips(func, input)
    if fp.all() and not any(origins):
        kw = dict(size=lift(fp.shape, nd, 1))
    else:
        f = _offsets_footprint(fp, origins, reflect=False)
        kw = dict(footprint=f.reshape(1, -1) if nd == 1 else f)
    if operation == "median":
        r = _gf.median(g, mode=gmode, cval=float(cval), **kw)
    else:
        r = _gf.rank(g, rank=rank, mode=gmode, cval=float(cval), **kw)
    res = r.array.reshape(input.shape)
    res = res.view(bool) if input.dtype.kind == "b" else res.astype(input.dtype, copy=False)
    return finish(res, out, dt)


@gips_or_scipy
def rank_filter(input, rank, size=None, footprint=None, output=None, mode="reflect", cval=0.0,
                origin=0):
    """scipy.ndimage.rank_filter on gips' rank filter."""
    return _rank("rank_filter", input, rank, size, footprint, output, mode, cval, origin, "rank")


@gips_or_scipy
def median_filter(input, size=None, footprint=None, output=None, mode="reflect", cval=0.0,
                  origin=0):
    """scipy.ndimage.median_filter on gips' median filter (sorting networks,
    selection)."""
    return _rank("median_filter", input, 0, size, footprint, output, mode, cval, origin, "median")


@gips_or_scipy
def percentile_filter(input, percentile, size=None, footprint=None, output=None, mode="reflect",
                      cval=0.0, origin=0):
    """scipy.ndimage.percentile_filter on gips' rank filter."""
    return _rank("percentile_filter", input, percentile, size, footprint, output, mode, cval, origin,
                 "percentile")


# -- derivatives ------------------------------------------------------------------------

def _edge(func, op, input, axis, output, mode, cval):
    """scipy's sobel / prewitt: the derivative along axis, then the smoothing
    along each other axis, every pass cast into the output dtype. The
    kernels are integers, so for an integer output the passes' casts are
    arithmetic modulo 2**bits: one exact float64 result, reduced once."""
    input = check_input(func, input)
    nd = input.ndim
    if nd == 1:
        unsupported(func, "input", "1-D arrays (gips' edge filters smooth along every other axis)")
    axis = normalize_axis(axis, nd)
    out, dt = get_output(func, output, input)
    modes = {filter_mode(m) for m in normalize_sequence(mode, nd)}
    if len(modes) != 1:
        unsupported(func, "mode", "a mode per axis")
    gaxis = "zyx"[3 - nd + axis]
    g = to_gips(func, input)
    if _isfloat(dt):
        r = op(g, axis=gaxis, output=real_name(dt), mode=modes.pop(), cval=float(cval))
        return finish(r.array.reshape(input.shape), out, dt)
    if dt.kind == "b":
        unsupported(func, "output", "dtype bool")
    r = op(g, axis=gaxis, output="Real64", mode=modes.pop(), cval=float(cval)).array
    return finish(_modular(func, r, dt).reshape(input.shape), out, dt)


def _modular(func, r, dt):
    """An exact integer-valued float64 array reduced modulo 2**bits into dt,
    as C casts of the in-range per-pass values wrap."""
    bits = 8 * np.dtype(dt).itemsize
    if bits == 64:
        _uint64_check(func, r, dt)
        return np.asarray(r).astype(np.int64).astype(dt)
    v = np.asarray(r).astype(np.int64) & ((1 << bits) - 1)
    return v.astype(np.dtype(f"u{np.dtype(dt).itemsize}")).view(dt)


@gips_or_scipy
def sobel(input, axis=-1, output=None, mode="reflect", cval=0.0):
    """scipy.ndimage.sobel on gips' Sobel filter."""
    if np.iscomplexobj(input):
        return complex_parts("sobel", input, output, cval,
                             lambda p, dt, c: sobel(p, axis, dt, mode, c))
    return _edge("sobel", _gf.sobel, input, axis, output, mode, cval)


@gips_or_scipy
def prewitt(input, axis=-1, output=None, mode="reflect", cval=0.0):
    """scipy.ndimage.prewitt on gips' Prewitt filter."""
    if np.iscomplexobj(input):
        return complex_parts("prewitt", input, output, cval,
                             lambda p, dt, c: prewitt(p, axis, dt, mode, c))
    return _edge("prewitt", _gf.prewitt, input, axis, output, mode, cval)


@gips_or_scipy
def laplace(input, output=None, mode="reflect", cval=0.0):
    """scipy.ndimage.laplace on gips' Laplace filter (integer outputs
    modulo 2**bits, as scipy's per-axis casts and sums wrap)."""
    func = "laplace"
    if np.iscomplexobj(input):
        return complex_parts(func, input, output, cval, lambda p, dt, c: laplace(p, dt, mode, c))
    input = check_input(func, input)
    nd = input.ndim
    if nd == 1:
        unsupported(func, "input", "1-D arrays (gips' Laplacian sums over every axis)")
    out, dt = get_output(func, output, input)
    modes = {filter_mode(m) for m in normalize_sequence(mode, nd)}
    if len(modes) != 1:
        unsupported(func, "mode", "a mode per axis")
    g = to_gips(func, input)
    if _isfloat(dt):
        r = _gf.laplace(g, output=real_name(dt), mode=modes.pop(), cval=float(cval))
        return finish(r.array.reshape(input.shape), out, dt)
    if dt.kind == "b":
        unsupported(func, "output", "dtype bool")
    r = _gf.laplace(g, output="Real64", mode=modes.pop(), cval=float(cval)).array
    return finish(_modular(func, r, dt).reshape(input.shape), out, dt)


@gips_or_scipy
def gaussian_laplace(input, sigma, output=None, mode="reflect", cval=0.0, **kwargs):
    """scipy.ndimage.gaussian_laplace on gips: one call for a float output;
    for an integer one scipy's sequence (each axis' second derivative as a
    truncated gaussian_filter, summed in the output dtype)."""
    func = "gaussian_laplace"
    truncate = kwargs.pop("truncate", 4.0)
    radius = kwargs.pop("radius", None)
    if kwargs:
        raise TypeError(f"{func}: unexpected keyword arguments {sorted(kwargs)}")
    if np.iscomplexobj(input):
        return complex_parts(func, input, output, cval, lambda p, dt, c: gaussian_laplace(
            p, sigma, dt, mode, c, truncate=truncate, radius=radius))
    input = check_input(func, input)
    nd = input.ndim
    out, dt = get_output(func, output, input)
    modes = [filter_mode(m) for m in normalize_sequence(mode, nd)]
    sigmas = normalize_sequence(sigma, nd)
    if _isfloat(dt) and len(set(modes)) == 1 and nd > 1 and all(float(s) > 1e-15 for s in sigmas) \
            and radius is None:
        r = _gf.gaussianLaplace(_for_output(func, input, dt), sigma=tuple(float(s) for s in sigmas),
                                truncate=float(truncate), output=real_name(dt), mode=modes[0],
                                cval=float(cval))
        return finish(r.array.reshape(input.shape), out, dt)
    acc = None
    for ax in range(nd):
        order = [0] * nd
        order[ax] = 2
        # scipy's generic_laplace: each axis' term runs with that axis' mode.
        t = _gaussian(func, input, sigmas, order, dt, [modes[ax]] * nd, cval, truncate, radius)
        acc = t if acc is None else acc + t
    return finish(acc, out, dt)


@gips_or_scipy
def gaussian_gradient_magnitude(input, sigma, output=None, mode="reflect", cval=0.0, **kwargs):
    """scipy.ndimage.gaussian_gradient_magnitude on gips: one call for a float
    output; for an integer one scipy's sequence (squares and sums in the
    output dtype, then the square root cast)."""
    func = "gaussian_gradient_magnitude"
    truncate = kwargs.pop("truncate", 4.0)
    radius = kwargs.pop("radius", None)
    if kwargs:
        raise TypeError(f"{func}: unexpected keyword arguments {sorted(kwargs)}")
    if np.iscomplexobj(input):
        return _complex_gradient_magnitude(func, np.asarray(input), sigma, output, mode, cval,
                                           truncate, radius)
    input = check_input(func, input)
    nd = input.ndim
    out, dt = get_output(func, output, input)
    modes = [filter_mode(m) for m in normalize_sequence(mode, nd)]
    sigmas = normalize_sequence(sigma, nd)
    if _isfloat(dt) and len(set(modes)) == 1 and nd > 1 and all(float(s) > 1e-15 for s in sigmas) \
            and radius is None:
        r = _gf.gaussianGradientMagnitude(_for_output(func, input, dt), sigma=tuple(float(s) for s in sigmas),
                                          truncate=float(truncate), output=real_name(dt),
                                          mode=modes[0], cval=float(cval))
        return finish(r.array.reshape(input.shape), out, dt)
    acc = None
    for ax in range(nd):
        order = [0] * nd
        order[ax] = 1
        t = _gaussian(func, input, sigmas, order, dt, [modes[ax]] * nd, cval, truncate, radius)
        np.multiply(t, t, t)
        acc = t if acc is None else acc + t
    np.sqrt(acc, acc, casting="unsafe")
    return finish(acc, out, dt)


def _complex_gradient_magnitude(func, a, sigma, output, mode, cval, truncate, radius):
    """scipy's generic_gradient_magnitude on a complex input: the complex
    derivatives (by parts, through gips) squared, summed and square-rooted
    in the complex output dtype, as numpy does in scipy."""
    nd = a.ndim
    if isinstance(output, np.ndarray):
        if output.shape != a.shape:
            raise RuntimeError("output shape not correct")
        cdt = output.dtype
    else:
        cdt = a.dtype if output is None else np.dtype(output)
    if cdt.kind != "c":
        unsupported(func, "output", "a real output for a complex input")
    modes = normalize_sequence(mode, nd)
    acc = None
    for ax in range(nd):
        order = [0] * nd
        order[ax] = 1
        t = gaussian_filter(a, sigma, order, cdt, modes[ax], cval, truncate, radius=radius)
        np.multiply(t, t, t)
        acc = t if acc is None else acc + t
    np.sqrt(acc, acc)
    return finish(acc, output if isinstance(output, np.ndarray) else None, cdt)
