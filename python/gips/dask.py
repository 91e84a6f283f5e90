"""gips ops on dask arrays, chunk by chunk.

Every op that the registry marks local (its output at a pixel depends only
on the inputs within the op's halo: pointwise ops, thresholds with fixed
values, filters) is here as a function on dask arrays, with the name and
parameters of its gips function (numpy axis order for per-axis values)::

    import dask.array as da, gips.dask
    vol = da.from_zarr(...)                          # (z, y, x), any chunks
    smooth = gips.dask.gaussian(vol, sigma=(1, 2, 2))
    mask = gips.dask.threshold.range(smooth, min=100, max=4000)

``gips.dask.<family>.<op>`` is every local op; ``gips.dask.<op>`` is the
same function when the op's name is unique across families.

Each chunk is computed with the halo the op needs for these parameters and
the whole array's shape (``gips.halo``, numpy order), never a depth the
user chooses: the neighbours' halo pieces (copied where they lie, so that
only the halo travels) and the chunk go slab by slab along axis 0 into a
padded buffer reused for the chunk, and the op's output interior into the
result chunk (gips/_dask_halo.py: about one input chunk of working memory
instead of map_overlap's padded copy plus padded output). At the array's
true edges no padding is added, so the op's own border mode applies
there, as in the unchunked call (``mode='wrap'`` uses
``dask.array.map_overlap`` with dask's periodic boundary instead). The
chunked result is therefore identical to the whole array's, for every
chunking, chunks thinner than the halo included (the pieces then come
from several chunks away). Ops that look at the whole image (Otsu, statistics) are not
here, except three written for dask (gips/_dask_global.py), each equal to
the op on the whole array for every chunking: ``label(darr, connectivity)``
(connected components numbered as scipy.ndimage.label), ``edt(darr,
sampling)`` (the exact Euclidean distance transform) and
``labelAnalysis(labels, intensity)`` (the measurements that merge from
per-block sums).

The GIL is released while gips runs, so the threaded scheduler uses every
core; on ``dask.distributed`` each worker process loads the gips library
(start workers with the spawn or forkserver method, never fork, as for any
gips process).
"""

import sys
import types

import numpy as np

from . import _gen, _ops

__all__ = ["apply", "localOps"]

def localOps():
    """The registry names of the ops this module serves."""
    return [n for n in _ops.ops() if _ops.describe(n).get("local")]


def _block(fn, params):
    """The function map_overlap calls on each block: the gips op on numpy
    blocks (bool blocks as Binary), returning a numpy array."""
    def run(*blocks):
        res = fn(*[np.ascontiguousarray(b) for b in blocks], **params)
        arr = np.asarray(res.array if hasattr(res, "array") else res)
        _release(blocks)
        return arr.astype(np.bool_) if arr.dtype == np.uint8 and _binary(res) else arr
    return run


def _release(blocks):
    """After a block of a MiB or more, the op's dead scratch goes back to
    the OS (gips.freeMemory: one collection of a near-empty Go heap, a
    millisecond or so), so that a worker's memory between blocks is its
    data, not up to 64 MiB of garbage the library would keep for the next
    call."""
    if sum(b.nbytes for b in blocks) >= 1 << 20:
        import gips
        gips.freeMemory()


def _binary(res):
    t = getattr(res, "bufferType", None)
    return t is not None and t.shortName == "Binary"


def apply(name, *arrays, **params):
    """Runs the local op `name` on dask arrays (or arrays dask can wrap) of
    one shape, chunk by chunk, and returns a dask array identical to the
    op's result on the whole array. Binary results are bool arrays."""
    import dask.array as da

    desc = _ops.describe(name)
    if not desc.get("local"):
        raise ValueError(f"gips.dask: {name} looks at the whole image; it cannot run chunk by chunk "
                         f"(local ops: gips.dask.localOps())")
    if len(arrays) != len(desc["inputs"]):
        raise TypeError(f"gips.dask: {name} takes {len(desc['inputs'])} arrays, got {len(arrays)}")
    arrays = [da.asarray(a) for a in arrays]
    if any(a.shape != arrays[0].shape for a in arrays):
        raise ValueError(f"gips.dask: {name}: arrays of shapes {[a.shape for a in arrays]}: want one shape")
    arrays = [arrays[0]] + [a.rechunk(arrays[0].chunks) for a in arrays[1:]]
    fam, short = name.split(".", 1)
    import gips
    fn = getattr(getattr(gips, fam), _gen.pyname(short))
    if arrays[0].ndim not in (2, 3):
        raise ValueError(f"gips.dask: {name}: array of shape {arrays[0].shape}: want 2D (y, x) or 3D (z, y, x)")
    # gips.halo reads only the arrays' shapes and dtypes: numpy order, one
    # value per axis, clamped to the array's size.
    depth = tuple(int(d) for d in gips.halo(name, *arrays, **params))
    # The result's dtype, from the op on a one-pixel array of each input.
    probe = _block(fn, params)(*[np.zeros((1,) * a.ndim, a.dtype) for a in arrays])
    boundary = "periodic" if str(params.get("mode", "")).lower() in ("wrap", "grid-wrap") else "none"
    if not any(depth):
        return da.map_blocks(_block(fn, params), *arrays, dtype=probe.dtype, meta=probe[:0])
    if boundary == "periodic":
        return da.map_overlap(_block(fn, params), *arrays, depth=depth, boundary=boundary,
                              dtype=probe.dtype, meta=probe[:0], trim=True, align_arrays=False)
    from ._dask_halo import haloMap
    return haloMap(name, fn, params, arrays, depth, probe)


def _function(name):
    desc = _ops.describe(name)

    def f(*arrays, **params):
        return apply(name, *arrays, **params)
    f.__name__ = f.__qualname__ = _gen.pyname(name.split(".", 1)[1])
    f.__doc__ = (f"{name} on dask arrays, chunk by chunk (see gips.dask); parameters as "
                 f"gips.{name}:\n\n" + desc.get("doc", ""))
    return f


def _expose():
    mod = sys.modules[__name__]
    seen = {}
    for name in localOps():
        fam, short = name.split(".", 1)
        sub = getattr(mod, fam, None)
        if not isinstance(sub, types.ModuleType):
            sub = types.ModuleType(f"{__name__}.{fam}", f"The local ops of gips.{fam} on dask arrays.")
            sub.__all__ = []
            sys.modules[sub.__name__] = sub
            setattr(mod, fam, sub)
            __all__.append(fam)
        f = _function(name)
        setattr(sub, f.__name__, f)
        sub.__all__.append(f.__name__)
        seen.setdefault(f.__name__, []).append(f)
    for short, fs in seen.items():
        if len(fs) == 1 and not hasattr(mod, short):
            setattr(mod, short, fs[0])
            __all__.append(short)


_expose()


# Hand-written whole-image ops (not from the registry): labelling, EDT and
# mergeable label measurements.
from ._dask_global import label, edt, labelAnalysis, MERGEABLE  # noqa: E402
__all__ += ["label", "edt", "labelAnalysis"]
