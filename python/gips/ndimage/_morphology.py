"""scipy.ndimage's morphology on gips kernels: grey erosion and dilation
(running extrema for boxes), binary erosion and dilation with iterations and
border_value, hole filling, and scipy's own compositions of those
(opening, closing, top-hats, gradient, Laplacian) over them; the Euclidean
distance transform.
"""

import operator
import warnings

import numpy as np

from .. import distance as _gd
from .. import morpho as _gm
from ._filters import _minmax, _offsets_footprint
from ._support import (check_input, finish, get_output, gips_or_scipy, normalize_sequence,
                       to_gips, unsupported)

__all__ = ["generate_binary_structure", "iterate_structure", "grey_erosion", "grey_dilation",
           "grey_opening", "grey_closing", "morphological_gradient", "morphological_laplace",
           "white_tophat", "black_tophat", "binary_erosion", "binary_dilation", "binary_opening",
           "binary_closing", "binary_fill_holes", "binary_propagation", "binary_hit_or_miss",
           "distance_transform_edt",
           "distance_transform_bf"]


def generate_binary_structure(rank, connectivity):
    """scipy.ndimage.generate_binary_structure: the 3**rank structure whose
    elements lie within `connectivity` unit steps of the centre."""
    if connectivity < 1:
        connectivity = 1
    if rank < 1:
        return np.array(True, dtype=bool)
    steps = np.abs(np.indices([3] * rank) - 1).sum(axis=0)
    return steps <= connectivity


def iterate_structure(structure, iterations, origin=None):
    """scipy.ndimage.iterate_structure: the structure dilated by itself
    iterations-1 times (with origin, also the origin times iterations)."""
    structure = np.asarray(structure)
    if iterations < 2:
        return structure.copy()
    ni = iterations - 1
    shape = [ii + ni * (ii - 1) for ii in structure.shape]
    pos = [ni * (structure.shape[ii] // 2) for ii in range(len(shape))]
    slc = tuple(slice(pos[ii], pos[ii] + structure.shape[ii]) for ii in range(len(shape)))
    out = np.zeros(shape, bool)
    out[slc] = structure != 0
    out = binary_dilation(out, structure, iterations=ni)
    if origin is None:
        return out
    origin = normalize_sequence(origin, structure.ndim)
    return out, [iterations * o for o in origin]


# -- grey -----------------------------------------------------------------------

@gips_or_scipy
def grey_erosion(input, size=None, footprint=None, structure=None, output=None, mode="reflect",
                 cval=0.0, origin=0):
    """scipy.ndimage.grey_erosion (flat footprints) on gips' erosion."""
    if size is None and footprint is None and structure is None:
        raise ValueError("size, footprint, or structure must be specified")
    return _minmax("grey_erosion", input, size, footprint, structure, output, mode, cval, origin,
                   True)


@gips_or_scipy
def grey_dilation(input, size=None, footprint=None, structure=None, output=None, mode="reflect",
                  cval=0.0, origin=0):
    """scipy.ndimage.grey_dilation (flat footprints) on gips' dilation, which
    is scipy's (the reflected footprint, its centre moved for even sizes)."""
    if size is None and footprint is None and structure is None:
        raise ValueError("size, footprint, or structure must be specified")
    if structure is not None:
        structure = np.asarray(structure)
        structure = structure[tuple([slice(None, None, -1)] * structure.ndim)]
    if footprint is not None:
        footprint = np.asarray(footprint)
        footprint = footprint[tuple([slice(None, None, -1)] * footprint.ndim)]
    input = check_input("grey_dilation", input)
    origin = normalize_sequence(origin, input.ndim)
    for ii in range(len(origin)):
        origin[ii] = -origin[ii]
        if footprint is not None:
            sz = footprint.shape[ii]
        elif structure is not None:
            sz = structure.shape[ii]
        elif np.isscalar(size):
            sz = size
        else:
            sz = size[ii]
        if not sz & 1:
            origin[ii] -= 1
    return _minmax("grey_dilation", input, size, footprint, structure, output, mode, cval, origin,
                   False)


def _warn_size(size, footprint):
    if size is not None and footprint is not None:
        warnings.warn("ignoring size because footprint is set", UserWarning, stacklevel=3)


@gips_or_scipy
def grey_opening(input, size=None, footprint=None, structure=None, output=None, mode="reflect",
                 cval=0.0, origin=0):
    """scipy.ndimage.grey_opening: grey_dilation(grey_erosion(input))."""
    _warn_size(size, footprint)
    tmp = grey_erosion(input, size, footprint, structure, None, mode, cval, origin)
    return grey_dilation(tmp, size, footprint, structure, output, mode, cval, origin)


@gips_or_scipy
def grey_closing(input, size=None, footprint=None, structure=None, output=None, mode="reflect",
                 cval=0.0, origin=0):
    """scipy.ndimage.grey_closing: grey_erosion(grey_dilation(input))."""
    _warn_size(size, footprint)
    tmp = grey_dilation(input, size, footprint, structure, None, mode, cval, origin)
    return grey_erosion(tmp, size, footprint, structure, output, mode, cval, origin)


@gips_or_scipy
def morphological_gradient(input, size=None, footprint=None, structure=None, output=None,
                           mode="reflect", cval=0.0, origin=0):
    """scipy.ndimage.morphological_gradient: dilation minus erosion (in the
    input's dtype, as scipy)."""
    tmp = grey_dilation(input, size, footprint, structure, None, mode, cval, origin)
    if isinstance(output, np.ndarray):
        grey_erosion(input, size, footprint, structure, output, mode, cval, origin)
        return np.subtract(tmp, output, output)
    return tmp - grey_erosion(input, size, footprint, structure, None, mode, cval, origin)


@gips_or_scipy
def morphological_laplace(input, size=None, footprint=None, structure=None, output=None,
                          mode="reflect", cval=0.0, origin=0):
    """scipy.ndimage.morphological_laplace: dilation + erosion - 2 input."""
    input = np.asarray(input)
    tmp1 = grey_dilation(input, size, footprint, structure, None, mode, cval, origin)
    if isinstance(output, np.ndarray):
        grey_erosion(input, size, footprint, structure, output, mode, cval, origin)
        np.add(tmp1, output, output)
        np.subtract(output, input, output)
        return np.subtract(output, input, output)
    tmp2 = grey_erosion(input, size, footprint, structure, None, mode, cval, origin)
    np.add(tmp1, tmp2, tmp2)
    np.subtract(tmp2, input, tmp2)
    np.subtract(tmp2, input, tmp2)
    return tmp2


@gips_or_scipy
def white_tophat(input, size=None, footprint=None, structure=None, output=None, mode="reflect",
                 cval=0.0, origin=0):
    """scipy.ndimage.white_tophat: input minus its grey opening."""
    _warn_size(size, footprint)
    input = np.asarray(input)
    tmp = grey_erosion(input, size, footprint, structure, None, mode, cval, origin)
    tmp = grey_dilation(tmp, size, footprint, structure, output, mode, cval, origin)
    if input.dtype == np.bool_ and tmp.dtype == np.bool_:
        np.bitwise_xor(input, tmp, out=tmp)
    else:
        np.subtract(input, tmp, out=tmp)
    return tmp


@gips_or_scipy
def black_tophat(input, size=None, footprint=None, structure=None, output=None, mode="reflect",
                 cval=0.0, origin=0):
    """scipy.ndimage.black_tophat: the grey closing minus input."""
    _warn_size(size, footprint)
    input = np.asarray(input)
    tmp = grey_dilation(input, size, footprint, structure, None, mode, cval, origin)
    tmp = grey_erosion(tmp, size, footprint, structure, output, mode, cval, origin)
    if input.dtype == np.bool_ and tmp.dtype == np.bool_:
        np.bitwise_xor(tmp, input, out=tmp)
    else:
        np.subtract(tmp, input, out=tmp)
    return tmp


# -- binary ---------------------------------------------------------------------

def _binary_input(func, input):
    input = np.asarray(input)
    if np.iscomplexobj(input):
        raise TypeError("Complex type not supported")
    return input


def _berode(func, input, structure, iterations, mask, output, border_value, origin, invert):
    """scipy's _binary_erosion (invert: its dilation form) on gips' binary
    erosion and dilation; a mask runs the iterations here."""
    try:
        iterations = operator.index(iterations)
    except TypeError as e:
        raise TypeError("iterations parameter should be an integer") from e
    input = _binary_input(func, input)
    if structure is None:
        structure = generate_binary_structure(input.ndim, 1)
    else:
        structure = np.asarray(structure, dtype=bool)
    if structure.ndim != input.ndim:
        raise RuntimeError("structure and input must have same dimensionality")
    if np.prod(structure.shape, axis=0) < 1:
        raise RuntimeError("structure must not be empty")
    if mask is not None:
        mask = np.asarray(mask)
        if mask.shape != input.shape:
            raise RuntimeError("mask and input must have equal sizes")
    origin = [int(o) for o in normalize_sequence(origin, input.ndim)]
    for o, n in zip(origin, structure.shape):
        if not -(n // 2) <= o <= (n - 1) // 2:
            unsupported(func, "origin", "an origin outside the structure")
    if isinstance(output, np.ndarray):
        if np.iscomplexobj(output):
            raise TypeError("Complex output type not supported")
        out, dt = get_output(func, output, input)
    else:
        out, dt = None, np.dtype(bool)
    if input.ndim > 3:
        unsupported(func, "input", f"{input.ndim}-D arrays")
    if not structure.any():
        # No element to test: an erosion is true everywhere, a dilation
        # false (as scipy's loops over no offsets), where mask allows.
        r = np.full(input.shape, not invert)
        if mask is not None:
            r = np.where(mask != 0, r, input != 0)
        return finish(r, out, dt)
    f = _offsets_footprint(structure, origin, reflect=invert)
    nd = input.ndim
    b = (input != 0).view(np.uint8)
    if nd < 2:
        b, f = b.reshape(1, -1), f.reshape(1, -1)
    op = _gm.binaryDilate if invert else _gm.binaryErode
    bv = int(bool(border_value))
    if mask is None:
        r = op(b, structure=f, iterations=iterations, border_value=bv).array.view(bool)
    else:
        m = (mask != 0).reshape(b.shape)
        r = b.view(bool)
        n = 0
        while True:
            new = np.where(m, op(r.view(np.uint8), structure=f, border_value=bv).array.view(bool), r)
            n += 1
            changed = not np.array_equal(new, r)
            r = new
            if (iterations >= 1 and n >= iterations) or (iterations < 1 and not changed):
                break
    return finish(r.reshape(input.shape), out, dt)


@gips_or_scipy
def binary_erosion(input, structure=None, iterations=1, mask=None, output=None, border_value=0,
                   origin=0, brute_force=False):
    """scipy.ndimage.binary_erosion on gips' binary erosion."""
    return _berode("binary_erosion", input, structure, iterations, mask, output, border_value,
                   origin, False)


def _dilation_args(input, structure, origin):
    """scipy's binary_dilation: the reflected structure and the origin that
    keeps the even sizes' centres."""
    input = np.asarray(input)
    if structure is None:
        structure = generate_binary_structure(input.ndim, 1)
    origin = normalize_sequence(origin, input.ndim)
    structure = np.asarray(structure)
    structure = structure[tuple([slice(None, None, -1)] * structure.ndim)]
    for ii in range(len(origin)):
        origin[ii] = -origin[ii]
        if not structure.shape[ii] & 1:
            origin[ii] -= 1
    return input, structure, origin


@gips_or_scipy
def binary_dilation(input, structure=None, iterations=1, mask=None, output=None, border_value=0,
                    origin=0, brute_force=False):
    """scipy.ndimage.binary_dilation on gips' binary dilation."""
    input, structure, origin = _dilation_args(input, structure, origin)
    return _berode("binary_dilation", input, structure, iterations, mask, output, border_value,
                   origin, True)


@gips_or_scipy
def binary_opening(input, structure=None, iterations=1, output=None, origin=0, mask=None,
                   border_value=0, brute_force=False):
    """scipy.ndimage.binary_opening: binary_dilation(binary_erosion(input))."""
    input = np.asarray(input)
    if structure is None:
        structure = generate_binary_structure(input.ndim, 1)
    tmp = binary_erosion(input, structure, iterations, mask, None, border_value, origin, brute_force)
    return binary_dilation(tmp, structure, iterations, mask, output, border_value, origin,
                           brute_force)


@gips_or_scipy
def binary_closing(input, structure=None, iterations=1, output=None, origin=0, mask=None,
                   border_value=0, brute_force=False):
    """scipy.ndimage.binary_closing: binary_erosion(binary_dilation(input))."""
    input = np.asarray(input)
    if structure is None:
        structure = generate_binary_structure(input.ndim, 1)
    tmp = binary_dilation(input, structure, iterations, mask, None, border_value, origin,
                          brute_force)
    return binary_erosion(tmp, structure, iterations, mask, output, border_value, origin,
                          brute_force)


@gips_or_scipy
def binary_hit_or_miss(input, structure1=None, structure2=None, output=None, origin1=0,
                       origin2=None):
    """scipy.ndimage.binary_hit_or_miss: the erosion of input by structure1
    and of its complement by structure2 (default: not structure1)."""
    func = "binary_hit_or_miss"
    input = _binary_input(func, input)
    if structure1 is None:
        structure1 = generate_binary_structure(input.ndim, 1)
    if structure2 is None:
        structure2 = np.logical_not(structure1)
    origin1 = normalize_sequence(origin1, input.ndim)
    origin2 = origin1 if origin2 is None else normalize_sequence(origin2, input.ndim)
    tmp1 = _berode(func, input, structure1, 1, None, None, 0, origin1, False)
    inplace = isinstance(output, np.ndarray)
    result = _berode(func, input, structure2, 1, None, output, 0, origin2, True)
    if inplace:
        np.logical_not(output, output)
        np.logical_and(tmp1, output, output)
        return output
    np.logical_not(result, result)
    return np.logical_and(tmp1, result)


@gips_or_scipy
def binary_propagation(input, structure=None, mask=None, output=None, border_value=0, origin=0):
    """scipy.ndimage.binary_propagation: binary_dilation until nothing
    changes, inside mask."""
    return binary_dilation(input, structure, -1, mask, output, border_value, origin)


@gips_or_scipy
def binary_fill_holes(input, structure=None, output=None, origin=0):
    """scipy.ndimage.binary_fill_holes on gips' hole filling."""
    func = "binary_fill_holes"
    input = _binary_input(func, input)
    nd = input.ndim
    if any(int(o) != 0 for o in normalize_sequence(origin, nd)):
        unsupported(func, "origin", "a nonzero origin")
    if nd == 0 or nd > 3:
        unsupported(func, "input", f"{nd}-D arrays")
    if structure is None:
        structure = generate_binary_structure(nd, 1)
    structure = np.asarray(structure, dtype=bool)
    if structure.ndim != nd:
        raise RuntimeError("structure and input must have same dimensionality")
    if isinstance(output, np.ndarray):
        out, dt = get_output(func, output, input)
    else:
        out, dt = None, np.dtype(bool)
    b = (input != 0).view(np.uint8)
    s = structure.astype(np.uint8)
    if nd == 1:
        b, s = b.reshape(1, -1), s.reshape(1, -1)
    r = _gm.fillHoles(b, structure=s).array.view(bool).reshape(input.shape)
    return finish(r, out, dt)


# -- distance ---------------------------------------------------------------------

def _edt_arg_check(distances_out, indices_out, return_distances, return_indices):
    """scipy's _distance_tranform_arg_check."""
    msgs = []
    if not return_distances and not return_indices:
        msgs.append("at least one of return_distances/return_indices must be True")
    if distances_out and not return_distances:
        msgs.append("return_distances must be True if distances is supplied")
    if indices_out and not return_indices:
        msgs.append("return_indices must be True if indices is supplied")
    if msgs:
        raise RuntimeError(", ".join(msgs))


@gips_or_scipy
def distance_transform_edt(input, sampling=None, return_distances=True, return_indices=False,
                           distances=None, indices=None):
    """scipy.ndimage.distance_transform_edt on gips' exact linear-time EDT
    (float64 inside); indices by gips' feature transform (among equally near
    background pixels gips may pick another one than scipy)."""
    func = "distance_transform_edt"
    ft_inplace = isinstance(indices, np.ndarray)
    dt_inplace = isinstance(distances, np.ndarray)
    _edt_arg_check(dt_inplace, ft_inplace, return_distances, return_indices)
    input = np.atleast_1d(np.where(input, 1, 0).astype(np.int8))
    nd = input.ndim
    if sampling is not None:
        sampling = normalize_sequence(sampling, nd)
        sampling = tuple(float(s) for s in sampling)
    if dt_inplace and (distances.dtype.type != np.float64 or distances.shape != input.shape):
        raise RuntimeError("distances array has wrong shape or type")
    if ft_inplace and (indices.dtype.type != np.int32 or indices.shape != (nd,) + input.shape):
        raise RuntimeError("indices array has wrong shape or type")
    if input.size and input.all():
        unsupported(func, "input", "no background element (scipy's result there is undefined)")
    g = to_gips(func, input)
    samp = None if sampling is None else (sampling if nd > 1 else (1.0,) + sampling)
    result = []
    if return_distances:
        d = _gd.edt(g, sampling=samp, output="Real64").array.reshape(input.shape)
        if dt_inplace:
            distances[...] = d
        else:
            result.append(d)
    if return_indices:
        ft = _gd.featureTransform(g, sampling=samp).array
        ft = ft.reshape((ft.shape[0],) + input.shape) if nd > 1 else ft[1:].reshape((1,) + input.shape)
        if ft_inplace:
            indices[...] = ft
        else:
            result.append(ft.astype(np.int32, copy=False))
    if len(result) == 2:
        return tuple(result)
    if len(result) == 1:
        return result[0]
    return None


@gips_or_scipy
def distance_transform_bf(input, metric="euclidean", sampling=None, return_distances=True,
                          return_indices=False, distances=None, indices=None):
    """scipy.ndimage.distance_transform_bf for metric 'euclidean': the same
    distances by gips' exact linear-time EDT instead of brute force. The
    taxicab and chessboard metrics, and return_indices (brute force picks
    among equally near background elements in its own order), raise
    NotImplementedError."""
    metric = metric.lower()
    if metric not in ("euclidean", "taxicab", "cityblock", "manhattan", "chessboard"):
        raise RuntimeError("distance metric not supported")
    _edt_arg_check(isinstance(distances, np.ndarray), isinstance(indices, np.ndarray),
                   return_distances, return_indices)
    if metric != "euclidean":
        unsupported("distance_transform_bf", "metric", f"{metric!r} (gips has the Euclidean EDT only)")
    if return_indices:
        unsupported("distance_transform_bf", "return_indices",
                    "brute force's choice among equally near background elements")
    return distance_transform_edt(input, sampling, return_distances, return_indices, distances, indices)
