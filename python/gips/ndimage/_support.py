"""The plumbing of gips.ndimage: the fallback switch, scipy's argument and
output rules, and the conversion of numpy arrays into what gips kernels take.

gips kernels take 2-D and 3-D images of the types uint8, int8, uint16, int16,
uint32, int32, float32 and float64. A 1-D array runs as a (1, n) image (only
where a singleton axis is exactly the identity: a size 1 or sigma 0 there);
bool runs as uint8; 64-bit integers and float16 run in a 32-bit type when
every value fits exactly, so the result is the same array. What cannot be
served exactly raises `Unsupported`, a NotImplementedError that names the
argument, unless `fallback(True)` hands the call to scipy.
"""

import functools
import threading
from collections.abc import Iterable

import numpy as np

__all__ = ["fallback", "Unsupported"]

_state = {"fallback": False, "trace": None}
_local = threading.local()


class Unsupported(NotImplementedError):
    """A call gips.ndimage cannot serve exactly (the message names the
    argument). With gips.ndimage.fallback(True) scipy serves it instead."""


def fallback(on=None):
    """Returns whether calls gips cannot serve go to scipy.ndimage, and with
    `on` sets it (returning the previous value). Off by default: a call that
    gips cannot serve raises NotImplementedError naming the argument, so
    that nobody believes gips ran when it did not."""
    prev = _state["fallback"]
    if on is not None:
        _state["fallback"] = bool(on)
    return prev


def unsupported(func, arg, why):
    raise Unsupported(f"gips.ndimage.{func}: {arg}: {why} "
                      "(gips.ndimage.fallback(True) hands such calls to scipy.ndimage)")


def gips_or_scipy(fn):
    """Marks a public function: an Unsupported raised inside goes to scipy's
    function of the same name when the fallback is on. A tracer (the test
    suite runner's) sees each outermost call: trace(name, event)."""
    name = fn.__name__

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        depth = getattr(_local, "depth", 0)
        trace = _state["trace"] if depth == 0 else None
        if trace:
            trace(name, "call")
        _local.depth = depth + 1
        try:
            return fn(*args, **kwargs)
        except Unsupported:
            if trace:
                trace(name, "unsupported")
            if not _state["fallback"]:
                raise
            if trace:
                trace(name, "fallback")
            import scipy.ndimage as sn
            return getattr(sn, name)(*args, **kwargs)
        except Exception:
            if trace:
                trace(name, "error")
            raise
        finally:
            _local.depth = depth

    wrapper._gips = True
    return wrapper


def not_served(name, why="not implemented by gips"):
    """A scipy.ndimage function gips has no kernel for: raises Unsupported
    (or calls scipy's with the fallback on)."""
    def fn(*args, **kwargs):
        unsupported(name, name, why)
    fn.__name__ = name
    fn.__qualname__ = name
    fn.__doc__ = (f"scipy.ndimage.{name}: {why}. Raises NotImplementedError; with "
                  "gips.ndimage.fallback(True) it calls scipy.ndimage." + name + ".")
    return gips_or_scipy(fn)


# -- scipy's argument rules ---------------------------------------------------

def normalize_sequence(x, rank):
    """scipy's _ni_support._normalize_sequence."""
    if not isinstance(x, str) and isinstance(x, Iterable):
        x = list(x)
        if len(x) != rank:
            raise RuntimeError("sequence argument must have length equal to input rank")
        return x
    return [x] * rank


def normalize_axis(axis, ndim):
    axis = int(axis)
    if not -ndim <= axis < ndim:
        raise np.AxisError(axis, ndim)
    return axis % ndim


_FILTER_MODES = {"reflect": "reflect", "grid-mirror": "reflect", "nearest": "nearest",
                 "mirror": "mirror", "constant": "constant", "grid-constant": "constant",
                 "wrap": "wrap", "grid-wrap": "wrap"}


def filter_mode(mode):
    """A filter's border mode as gips names it (scipy's filters read
    grid-constant as constant, grid-mirror as reflect, grid-wrap as wrap)."""
    try:
        return _FILTER_MODES[mode]
    except (KeyError, TypeError):
        raise RuntimeError("boundary mode not supported") from None


def check_input(func, x, scipy_complex=True):
    """x as an array; a complex one raises NotImplementedError where scipy
    serves it (scipy_complex), scipy's TypeError where scipy does not."""
    a = np.asarray(x)
    if a.dtype.kind == "c":
        if not scipy_complex:
            raise TypeError("Complex type not supported")
        unsupported(func, "input", "complex dtype")
    if a.dtype.kind not in "biuf":
        raise TypeError(f"{func}: input dtype {a.dtype} not supported")
    return a


def get_output(func, output, input, shape=None):
    """scipy's _get_output: (the array given, or None; the output dtype)."""
    if shape is None:
        shape = input.shape
    if output is None:
        return None, input.dtype
    if isinstance(output, np.ndarray):
        if output.shape != tuple(shape):
            raise RuntimeError("output shape not correct")
        if output.dtype.kind == "c":
            unsupported(func, "output", "complex dtype")
        return output, output.dtype
    if isinstance(output, str) and output in np.sctypeDict:
        dt = np.dtype(np.sctypeDict[output])
    else:
        dt = np.dtype(output)
    if dt.kind == "c":
        unsupported(func, "output", "complex dtype")
    return None, dt


def finish(res, out, dt):
    """The result as scipy returns it: written into the output array given
    (C casts: floats truncate toward zero), or a new array of dtype dt."""
    if out is not None:
        np.copyto(out, res, casting="unsafe")
        return out
    res = np.asarray(res)
    if res.dtype != dt:
        res = res.astype(dt)
    return res


_GIPS_TYPES = {np.dtype(t) for t in (np.uint8, np.int8, np.uint16, np.int16,
                                     np.uint32, np.int32, np.float32, np.float64)}
_REAL = {np.dtype(np.float32): "Real32", np.dtype(np.float64): "Real64"}


def real_name(dt):
    return _REAL[np.dtype(dt)]


def to_gips(func, a, arg="input"):
    """a (2-D or 3-D, or 1-D as (1, n)) in a dtype gips takes, without
    changing a value; the caller reshapes results to a's shape."""
    if a.ndim == 0 or a.ndim > 3:
        unsupported(func, arg, f"{a.ndim}-D arrays (gips images are 2-D or 3-D; 1-D runs as 2-D)")
    if a.ndim == 1:
        a = a.reshape(1, -1)
    if not a.dtype.isnative:
        a = a.astype(a.dtype.newbyteorder("="))
    if a.dtype in _GIPS_TYPES:
        return a
    if a.dtype.kind == "b":
        return a.view(np.uint8)
    if a.dtype.kind in "iu":
        if a.size == 0:
            return a.astype(np.int32)
        lo, hi = int(a.min()), int(a.max())
        for t in (np.int32, np.uint32):
            info = np.iinfo(t)
            if info.min <= lo and hi <= info.max:
                return a.astype(t)
        unsupported(func, arg, f"dtype {a.dtype} with values beyond 32 bits")
    if a.dtype == np.float16:
        raise RuntimeError("array type not supported")  # as scipy's C code
    if a.dtype.kind == "f":
        unsupported(func, arg, f"dtype {a.dtype}")
    unsupported(func, arg, f"dtype {a.dtype}")


def lift(values, ndim, identity):
    """Per-axis values for the image gips sees: a 1-D array's run as (1, n)."""
    values = list(values)
    return tuple([identity] + values) if ndim == 1 else tuple(values)


def complex_parts(func, input, output, cval, run):
    """scipy's complex path (linear filters and transforms): the real and
    imaginary parts through run(part, real output dtype, cval part), each a
    gips call, into scipy's complex output (input promoted to complex64 at
    least; a real output dtype promoted with a warning; a real output array
    or dtype name refused)."""
    import warnings
    a = np.asarray(input)
    if isinstance(output, np.ndarray):
        if output.dtype.kind != "c":
            raise RuntimeError("output must have complex dtype")
        cdt = output.dtype
    elif output is None:
        cdt = np.promote_types(a.dtype, np.complex64)
    elif isinstance(output, str):
        cdt = np.dtype(np.sctypeDict[output])
        if cdt.kind != "c":
            raise RuntimeError("output must have complex dtype")
    else:
        cdt = np.dtype(output)
        if cdt.kind != "c":
            warnings.warn("promoting specified output dtype to complex")
            cdt = np.promote_types(cdt, np.complex64)
    rdt = np.empty(0, cdt).real.dtype
    re = run(np.ascontiguousarray(a.real), rdt, float(np.real(cval)))
    im = run(np.ascontiguousarray(a.imag), rdt, float(np.imag(cval)))
    if isinstance(output, np.ndarray):
        if output.shape != re.shape:
            raise RuntimeError("output shape not correct")
        out = output
    else:
        out = np.empty(re.shape, cdt)
    out.real[...] = re
    out.imag[...] = im
    return out

