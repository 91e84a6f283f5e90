"""scipy.ndimage's geometric transforms on gips' spline interpolation:
shift, zoom, rotate, affine_transform (orders 0 to 5, scipy's modes, its
rounding and saturation of integer outputs). gips always prefilters for
orders above 1: prefilter=False raises NotImplementedError.
"""

import warnings

import numpy as np

from .. import transform as _gt
from ._support import check_input, complex_parts, get_output, gips_or_scipy, normalize_sequence, to_gips, unsupported

__all__ = ["shift", "zoom", "rotate", "affine_transform", "map_coordinates"]

_NAMES = {np.dtype(np.uint8): "UInt8", np.dtype(np.int8): "Int8", np.dtype(np.uint16): "UInt16",
          np.dtype(np.int16): "Int16", np.dtype(np.uint32): "UInt32", np.dtype(np.int32): "Int32",
          np.dtype(np.float32): "Real32", np.dtype(np.float64): "Real64"}
_MODES = ("constant", "grid-constant", "nearest", "reflect", "grid-mirror", "mirror", "wrap",
          "grid-wrap")


def _common(func, input, order, mode, prefilter, output, shape=None):
    input = check_input(func, input)
    if order < 0 or order > 5:
        raise RuntimeError("spline order not supported")
    if mode not in _MODES:
        raise RuntimeError("boundary mode not supported")
    if not prefilter and order > 1:
        unsupported(func, "prefilter", "prefilter=False (gips always prefilters)")
    out, dt = get_output(func, output, input, shape)
    if dt.kind == "b":
        unsupported(func, "output", "dtype bool")
    gname = _NAMES.get(np.dtype(dt), "Real64")
    if input.ndim == 0 or input.ndim > 3:
        unsupported(func, "input", f"{input.ndim}-D arrays")
    return input, out, dt, gname


def _finish(r, shape, out, dt):
    r = r.array.reshape(shape)
    if r.dtype != dt:
        # An integer dtype gips has no type for: scipy rounds (half away
        # from zero) into it, as gips' float64 result rounded here.
        r = np.where(r < 0, np.ceil(r - 0.5), np.floor(r + 0.5)).astype(dt) if dt.kind in "iu" else r.astype(dt)
    if out is not None:
        out[...] = r
        return out
    return r


@gips_or_scipy
def shift(input, shift, output=None, order=3, mode="constant", cval=0.0, prefilter=True):
    """scipy.ndimage.shift on gips' spline interpolation."""
    func = "shift"
    if np.iscomplexobj(input):
        return complex_parts(func, input, output, cval, lambda p, dt, c: globals()["shift"](
            p, shift, dt, order, mode, c, prefilter))
    input, out, dt, gname = _common(func, input, order, mode, prefilter, output)
    nd = input.ndim
    s = [float(x) for x in normalize_sequence(shift, nd)]
    if nd == 1:
        s = [0.0] + s
    r = _gt.shift(to_gips(func, input), shift=tuple(s), order=int(order), mode=mode, cval=float(cval),
                  output=gname)
    return _finish(r, input.shape, out, dt)


@gips_or_scipy
def zoom(input, zoom, output=None, order=3, mode="constant", cval=0.0, prefilter=True, *,
         grid_mode=False):
    """scipy.ndimage.zoom on gips' spline interpolation."""
    func = "zoom"
    if np.iscomplexobj(input):
        return complex_parts(func, input, output, cval, lambda p, dt, c: globals()["zoom"](
            p, zoom, dt, order, mode, c, prefilter, grid_mode=grid_mode))
    input = check_input(func, input)
    nd = input.ndim
    if nd < 1:
        raise RuntimeError("input and output rank must be > 0")
    z = [float(x) for x in normalize_sequence(zoom, nd)]
    shape = tuple(int(round(ii * jj)) for ii, jj in zip(input.shape, z))
    if grid_mode and mode in ("constant", "wrap"):
        suggest = "grid-constant" if mode == "constant" else "grid-wrap"
        warnings.warn(f"It is recommended to use mode = {suggest} instead of {mode} when "
                      "grid_mode is True.")
    input, out, dt, gname = _common(func, input, order, mode, prefilter, output, shape)
    if nd == 1:
        z = [1.0] + z
    r = _gt.zoom(to_gips(func, input), factor=tuple(z), grid_mode=bool(grid_mode), order=int(order),
                 mode=mode, cval=float(cval), output=gname)
    return _finish(r, shape, out, dt)


@gips_or_scipy
def affine_transform(input, matrix, offset=0.0, output_shape=None, output=None, order=3,
                     mode="constant", cval=0.0, prefilter=True):
    """scipy.ndimage.affine_transform on gips' spline interpolation (the same
    matrix forms: n x n, n x n+1, homogeneous, or a diagonal)."""
    func = "affine_transform"
    if np.iscomplexobj(input):
        return complex_parts(func, input, output, cval, lambda p, dt, c: affine_transform(
            p, matrix, offset, output_shape, dt, order, mode, c, prefilter))
    input = check_input(func, input)
    nd = input.ndim
    if output_shape is None:
        output_shape = output.shape if isinstance(output, np.ndarray) else input.shape
    output_shape = tuple(int(x) for x in output_shape)
    input, out, dt, gname = _common(func, input, order, mode, prefilter, output, output_shape)
    if len(output_shape) != nd:
        unsupported(func, "output_shape", "an output rank other than the input's")
    m = np.asarray(matrix, dtype=np.float64)
    if m.ndim not in (1, 2) or m.shape[0] < 1:
        raise RuntimeError("no proper affine matrix provided")
    if m.ndim == 2 and m.shape[0] == nd + 1 and m.shape[1] == nd + 1:
        pass
    elif m.ndim == 2 and not (m.shape[0] == nd and m.shape[1] in (nd, nd + 1)):
        raise RuntimeError("affine matrix has wrong number of rows")
    elif m.ndim == 1 and m.shape[0] != nd:
        raise RuntimeError("affine matrix has wrong number of rows")
    off = [float(x) for x in normalize_sequence(offset, nd)]
    gshape = output_shape
    if nd == 1:
        # A 1-D input runs as a (1, n) image: the identity along the added axis.
        if m.ndim == 2:
            if m.shape[1] == 2:
                off = [float(m[0, 1])]
            m = m[:1, :1].ravel()
        m = np.array([1.0, float(m[0])])
        off = [0.0] + off
        gshape = (1,) + output_shape
    r = _gt.affine(to_gips(func, input), matrix=m, offset=tuple(off), output_shape=gshape,
                   order=int(order), mode=mode, cval=float(cval), output=gname)
    return _finish(r, output_shape, out, dt)


@gips_or_scipy
def rotate(input, angle, axes=(1, 0), reshape=True, output=None, order=3, mode="constant",
           cval=0.0, prefilter=True):
    """scipy.ndimage.rotate on gips' rotation (the same matrix, centre and
    grown shape; a volume turns plane by plane)."""
    func = "rotate"
    if np.iscomplexobj(input):
        return complex_parts(func, input, output, cval, lambda p, dt, c: rotate(
            p, angle, axes, reshape, dt, order, mode, c, prefilter))
    input = check_input(func, input)
    nd = input.ndim
    if nd < 2:
        raise ValueError("input array should be at least 2D")
    axes = list(axes)
    if len(axes) != 2:
        raise ValueError("axes should contain exactly two values")
    if not all(float(ax).is_integer() for ax in axes):
        raise ValueError("axes should contain only integer values")
    axes = [int(a) + nd if int(a) < 0 else int(a) for a in axes]
    if min(axes) < 0 or max(axes) >= nd or axes[0] == axes[1]:
        raise ValueError("invalid rotation plane specified")
    axes.sort()
    plane = {(0, 1): "xy", (1, 2): "xy"}[tuple(axes)] if nd == 2 else \
        {(0, 1): "yz", (0, 2): "xz", (1, 2): "xy"}[tuple(axes)]
    if output is not None and not isinstance(output, np.ndarray):
        _, dt = get_output(func, output, input)
    elif isinstance(output, np.ndarray):
        dt = output.dtype
    else:
        dt = input.dtype
    _common(func, input, order, mode, prefilter, dt)
    gname = _NAMES.get(np.dtype(dt), "Real64")
    r = _gt.rotate(to_gips(func, input), angle=float(angle), axes=plane, reshape=bool(reshape),
                   order=int(order), mode=mode, cval=float(cval), output=gname)
    shape = r.array.shape
    if isinstance(output, np.ndarray) and output.shape != shape:
        raise RuntimeError("output shape not correct")
    return _finish(r, shape, output if isinstance(output, np.ndarray) else None, dt)


@gips_or_scipy
def map_coordinates(input, coordinates, output=None, order=3, mode="constant", cval=0.0,
                    prefilter=True):
    """scipy.ndimage.map_coordinates on gips' spline interpolation
    (transform.mapCoordinates): the coordinates array, (input.ndim, ...) in
    numpy order, reaches gips as a view with its first axis reversed (gips
    takes x first); an output of up to 3 dimensions."""
    from .._image import fromArray
    from .._types import Geometry

    func = "map_coordinates"
    if np.iscomplexobj(input):
        return complex_parts(func, input, output, cval, lambda p, dt, c: globals()["map_coordinates"](
            p, coordinates, dt, order, mode, c, prefilter))
    coordinates = np.asarray(coordinates)
    if np.iscomplexobj(coordinates):
        raise TypeError("Complex type not supported")
    input = check_input(func, input)
    if coordinates.ndim < 1 or coordinates.shape[0] != input.ndim:
        raise RuntimeError("invalid shape for coordinate array")
    shape = coordinates.shape[1:]
    if len(shape) > 3:
        unsupported(func, "coordinates", f"an output of {len(shape)} dimensions (gips images are 2-D or 3-D)")
    input, out, dt, gname = _common(func, input, order, mode, prefilter, output, shape)
    if coordinates.dtype not in (np.float32, np.float64) or not coordinates.dtype.isnative:
        coordinates = coordinates.astype(np.float64)
    c = coordinates[::-1]  # x first, as gips: a view
    if input.ndim == 1:  # the input runs as a (1, n) image: y = 0 everywhere
        c = np.concatenate([c, np.zeros_like(c)])
    c = c.reshape((c.shape[0],) + (1,) * (3 - len(shape)) + shape)
    sz, sy, sx = c.shape[1:]
    g = Geometry("Real64" if c.dtype == np.float64 else "Real32", sx, sy, sz, sizeC=c.shape[0], color="multichannel")
    if sx * sy * sz == 0:
        r = np.zeros(shape, dt)
        if out is not None:
            out[...] = r
            return out
        return r
    r = _gt.mapCoordinates(to_gips(func, input), fromArray(c, g), order=int(order), mode=mode,
                           cval=float(cval), output=gname)
    return _finish(r, shape, out, dt)
