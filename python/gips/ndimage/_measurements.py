"""scipy.ndimage's labelling and labelled measurements on gips kernels:
label (gips' connected components), find_objects (gips' bounding boxes),
sum/mean/variance/standard_deviation/minimum/maximum/center_of_mass (gips'
per-label intensity analysis). Labels are non-negative integers of the
input's shape; negative labels or labels to broadcast raise
NotImplementedError (scipy serves them with the fallback on).
"""

import numpy as np

from .. import label as _gl
from .. import measure as _gmeas
from ._morphology import generate_binary_structure
from ._support import check_input, get_output, gips_or_scipy, to_gips, unsupported

__all__ = ["label", "find_objects", "sum", "sum_labels", "mean", "variance", "standard_deviation",
           "minimum", "maximum", "median", "center_of_mass"]



@gips_or_scipy
def label(input, structure=None, output=None):
    """scipy.ndimage.label on gips' connected components: the same labels
    (numbered in C scan order) for the structures generate_binary_structure
    makes; any other structure raises NotImplementedError."""
    func = "label"
    input = np.asarray(input)
    if np.iscomplexobj(input):
        raise TypeError("Complex type not supported")
    nd = input.ndim
    if structure is None:
        conn = 1
    else:
        structure = np.asarray(structure, dtype=bool)
        if structure.ndim != nd:
            raise RuntimeError("structure and input must have equal rank")
        for ii in structure.shape:
            if ii != 3:
                raise ValueError("structure dimensions must be equal to 3")
        conn = None
        for c in range(1, max(nd, 1) + 1):
            if np.array_equal(structure, generate_binary_structure(nd, c)):
                conn = c
                break
        if conn is None:
            unsupported(func, "structure", "a structure other than generate_binary_structure(ndim, c)")
    if nd > 3:
        unsupported(func, "input", f"{nd}-D arrays")
    b = (input != 0).view(np.uint8)
    if nd < 2:
        b = b.reshape(1, -1)
    if isinstance(output, np.ndarray):
        if output.shape != input.shape:
            raise ValueError("output shape not correct")
        out, dt = output, output.dtype
    else:
        out, dt = get_output(func, np.int32 if output is None else output, input)
    r = _gl.components(b.view(bool), connectivity=conn, output="Int32").array.reshape(input.shape)
    n = int(r.max()) if r.size else 0
    if dt.kind in "iu" and n > np.iinfo(dt).max:
        raise RuntimeError("insufficient bit-depth in requested output type")
    if out is not None:
        out[...] = r
        return n
    return r.astype(dt, copy=False), n


def _labels_for_gips(func, labels, shape):
    labels = np.asarray(labels)
    if labels.shape != tuple(shape):
        try:
            labels = np.ascontiguousarray(np.broadcast_to(labels, shape))
        except ValueError:
            raise ValueError(f"labels of shape {labels.shape} do not broadcast to {tuple(shape)}") from None
    if labels.dtype.kind == "b":
        labels = labels.view(np.uint8)
    if labels.dtype.kind not in "iu":
        unsupported(func, "labels", f"dtype {labels.dtype}")
    if labels.size and labels.min() < 0:
        unsupported(func, "labels", "negative labels")
    return labels


@gips_or_scipy
def find_objects(input, max_label=0):
    """scipy.ndimage.find_objects on gips' bounding boxes: a list of slice
    tuples, None for a label without pixels."""
    func = "find_objects"
    input = np.asarray(input)
    if input.dtype.kind not in "biu":
        raise TypeError("input must be an integer array")
    if max_label < 1:
        max_label = int(input.max()) if input.size else 0
    if input.ndim == 0:
        unsupported(func, "input", "0-D arrays")
    labels = _labels_for_gips(func, input, input.shape)
    g = to_gips(func, labels)
    nd = input.ndim
    out = [None] * int(max_label)
    if not g.any():
        return out
    t = _gmeas.labelAnalysis(g, measures="label,bboxMinX,bboxMaxX,bboxMinY,bboxMaxY,bboxMinZ,bboxMaxZ"
                             if g.ndim == 3 else "label,bboxMinX,bboxMaxX,bboxMinY,bboxMaxY")
    names = "ZYX"[3 - g.ndim:]
    for i, lab in enumerate(t["label"]):
        lab = int(lab)
        if 1 <= lab <= max_label:
            sl = tuple(slice(int(t["bboxMin" + a][i]), int(t["bboxMax" + a][i])) for a in names)
            out[lab - 1] = sl[-nd:] if nd == 1 else sl
    return out


_COLS = {"count": "area", "sum": "intensitySum", "mean": "intensityMean", "std": "intensityStd",
         "min": "intensityMin", "max": "intensityMax", "median": "intensityMedian"}


def _per_label(func, input, labels, index, what):
    """{name: values per index} from gips' per-label analysis, with scipy's
    index rules: no labels = one region, the whole input; no index = every
    label > 0 as one region; a scalar index gives scalars."""
    input = check_input(func, input)
    if labels is not None:
        # scipy broadcasts input and labels against each other.
        input, labels = (np.ascontiguousarray(x) for x in np.broadcast_arrays(input, labels))
    if input.ndim == 0:
        input = input.reshape(1)
        labels = None if labels is None else np.asarray(labels).reshape(1)
    if labels is None:
        lab = np.ones(input.shape, np.uint8)
        index, scalar = [1], True
    else:
        labels = np.asarray(labels)
        if index is None:
            lab = np.ascontiguousarray(np.broadcast_to(labels > 0, input.shape)).view(np.uint8)
            index, scalar = [1], True
        else:
            scalar = np.isscalar(index)
            index = np.atleast_1d(np.asarray(index))
            if labels.dtype.kind in "biu" and (labels.size == 0 or labels.min() >= 0) and \
                    index.dtype.kind in "biu":
                lab = _labels_for_gips(func, labels, input.shape)
            else:
                # Labels of any value (negative, float): numbered 1..k by
                # their sorted unique values, as scipy's np.unique path.
                uniq, inv = np.unique(np.broadcast_to(labels, input.shape), return_inverse=True)
                lab = (inv.reshape(input.shape) + 1).astype(np.int64)
                pos = np.searchsorted(uniq, index)
                pos[pos >= uniq.size] = 0
                found = uniq[pos] == index if uniq.size else np.zeros(index.shape, bool)
                index = np.where(found, pos + 1, -1)
    if input.size == 0:
        # No pixel anywhere: scipy's empty sums and counts, NaN means.
        empty = {"count": 0.0, "sum": 0.0, "mean": np.nan, "std": np.nan}
        res = {}
        for c in what:
            if c not in empty and not c.startswith("weighted"):
                unsupported(func, "input", "an empty array")
            v = empty.get(c, np.nan)
            res[c] = v if scalar else np.full(len(index), v)
        return res
    if any(int(ix) == 0 for ix in index):  # (-1: a label that is absent)
        # gips measures labels >= 1; scipy measures label 0 too: shift by one.
        lab = lab.astype(np.int64) + 1
        index = [int(ix) + 1 for ix in index]
    lab = to_gips(func, lab, "labels")
    img = to_gips(func, input)
    cols = ["label"] + [c for c in what if c.startswith("weighted")] + \
        [_COLS[c] for c in what if c in _COLS]
    t = _gmeas.labelIntensityAnalysis(lab, img, measures=",".join(dict.fromkeys(cols)))
    row = {int(v): i for i, v in enumerate(t["label"])}
    res = {}
    for c in what:
        col = t[_COLS.get(c, c)]
        vals = []
        for ix in index:
            ix = int(ix)
            if ix in row:
                vals.append(col[row[ix]])
            elif c in ("count", "sum", "min", "max", "median"):
                vals.append(0.0)  # scipy's value for a label without pixels
            elif c in ("mean", "std") or c.startswith("weighted"):
                vals.append(np.nan)
            else:
                unsupported(func, "index", f"label {ix} has no pixel")
        res[c] = vals[0] if scalar else np.asarray(vals, np.float64)
    return res


def _as_input_type(input, v):
    """A sum or extreme in the input's kind, as scipy returns it."""
    kind = np.asarray(input).dtype.kind
    if kind in "iub":
        if np.isscalar(v):
            return np.int64(v) if kind != "u" else np.uint64(v)
        return np.asarray(v).astype(np.int64)
    return v


@gips_or_scipy
def sum_labels(input, labels=None, index=None):
    """scipy.ndimage.sum_labels on gips' per-label intensity sums."""
    return _as_input_type(input, _per_label("sum_labels", input, labels, index, ["sum"])["sum"])


@gips_or_scipy
def sum(input, labels=None, index=None):
    """scipy.ndimage.sum (sum_labels) on gips' per-label intensity sums."""
    return _as_input_type(input, _per_label("sum", input, labels, index, ["sum"])["sum"])


@gips_or_scipy
def mean(input, labels=None, index=None):
    """scipy.ndimage.mean on gips' per-label intensity means."""
    return _per_label("mean", input, labels, index, ["mean"])["mean"]


@gips_or_scipy
def variance(input, labels=None, index=None):
    """scipy.ndimage.variance (population variance) on gips' per-label
    intensity standard deviations."""
    s = _per_label("variance", input, labels, index, ["std"])["std"]
    return s * s


@gips_or_scipy
def standard_deviation(input, labels=None, index=None):
    """scipy.ndimage.standard_deviation on gips' per-label intensity
    standard deviations (population)."""
    return _per_label("standard_deviation", input, labels, index, ["std"])["std"]


def _extreme(func, input, labels, index, which):
    v = _per_label(func, input, labels, index, [which])[which]
    kind = np.asarray(input).dtype.kind
    dt = np.asarray(input).dtype
    if np.isscalar(v):
        return dt.type(v) if kind != "b" else v
    return np.asarray(v).astype(dt) if kind != "b" else np.asarray(v)


@gips_or_scipy
def minimum(input, labels=None, index=None):
    """scipy.ndimage.minimum on gips' per-label intensity minima."""
    return _extreme("minimum", input, labels, index, "min")


@gips_or_scipy
def maximum(input, labels=None, index=None):
    """scipy.ndimage.maximum on gips' per-label intensity maxima."""
    return _extreme("maximum", input, labels, index, "max")


@gips_or_scipy
def median(input, labels=None, index=None):
    """scipy.ndimage.median on gips' per-label intensity medians (the mean
    of the two middle values for an even count, as numpy)."""
    return _per_label("median", input, labels, index, ["median"])["median"]


@gips_or_scipy
def center_of_mass(input, labels=None, index=None):
    """scipy.ndimage.center_of_mass on gips' intensity-weighted centroids
    (numpy axis order, as scipy)."""
    func = "center_of_mass"
    a = np.asarray(input)
    nd = a.ndim
    if nd == 0 or nd > 3:
        unsupported(func, "input", f"{nd}-D arrays")
    names = ["weightedCentroid" + c for c in "ZYX"[3 - max(nd, 2):]]
    r = _per_label(func, a, labels, index, names)
    vals = [r[n] for n in names]
    if nd == 1:
        vals = vals[1:]
    if np.isscalar(vals[0]):
        return tuple(float(v) for v in vals)
    return [tuple(v) for v in np.array(vals).T]
