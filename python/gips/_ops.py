"""Calling gips ops: the machinery behind the generated family modules.

``run(name, *images, out=None, **params)`` calls any registered op by name;
the family modules (util.py, filter.py, ...) are generated from the registry
by python/gen.py and call it with a real signature and docstring.
"""

import functools
import json

import numpy as np

from . import _lib
from ._image import Image, asImage
from ._types import Geometry, eImageBufferType

__all__ = ["ops", "describe", "run", "halo", "outputGeometry"]


@functools.lru_cache(maxsize=None)
def _registry():
    return {d["name"]: d for d in _lib.call("ops")}


def ops():
    """The names of every registered op, sorted ("filter.gaussian", ...)."""
    return sorted(_registry())


def describe(name):
    """The registry's descriptor of an op: name, doc, inputs, params (name,
    kind, default, min, max, choices, doc) and what it returns."""
    try:
        return _registry()[name]
    except KeyError:
        raise _lib.GipsValueError(f"{name!r}: unknown op (see gips.ops())") from None


def halo(name, **params):
    """The border (x, y, z), in pixels, that each output pixel of the op
    needs with these parameters: the overlap to give chunks processed
    separately. x first, as gips sizes: dask's map_overlap depth for a
    (Z, Y, X) array is its reverse."""
    p = {k: _param(v) for k, v in params.items() if v is not None}
    return tuple(_lib.call("op_halo", {"op": name, "params": p}))


def _param(v):
    """A parameter value as JSON: numpy scalars and sequences become plain
    numbers and lists; Go checks kinds and ranges."""
    if isinstance(v, eImageBufferType):
        return v.shortName
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, (tuple, list)):
        return [_param(x) for x in v]
    return v


def outputGeometry(name, *inputs, **params):
    """The Geometry of the image the op returns for these inputs (images,
    arrays or geometries) and parameters, or None for an op that returns a
    scalar: what to allocate for `out=`."""
    geoms = [x._wire if isinstance(x, Geometry) else asImage(x)._geom._wire for x in inputs]
    p = {k: _param(v) for k, v in params.items() if v is not None}
    rep = _lib.call("op_output", {"op": name, "inputs": geoms, "params": p})
    if rep.get("geometry") is None:
        return None
    return Geometry._fromWire(rep["geometry"], rep["shape"], rep["typestr"])


def _input(x, keep):
    """An op input as a gips_image: an Image's own description, or a numpy
    array that Go wraps as fromArray does (copying for the call only what
    it cannot share)."""
    if isinstance(x, Image):
        return x._cimage()
    a = x if isinstance(x, np.ndarray) else np.asarray(x)
    if a.ndim > 8:
        return asImage(a)._cimage()  # raises the shape error
    keep.append(a)
    c = _lib.GipsImage()
    c.flags = 8 | (0 if a.flags.writeable else 4)
    c.data = a.__array_interface__["data"][0]
    c.ndim = a.ndim
    c.shape[:a.ndim] = a.shape
    c.strides[:a.ndim] = a.strides
    c.typestr = a.dtype.str.encode()
    return c


def run(name, *inputs, out=None, **params):
    """Runs the op `name` on the inputs (gips images or numpy arrays) with
    the parameters, and returns its result: a new gips Image (or `out`, an
    Image or array to write into), or the scalar the op computes.

    Arrays are wrapped with fromArray: without a copy when their layout
    allows. An array given as `out` whose planes had to be copied is written
    back when the op returns; an Image given as `out` that holds copies keeps
    the result in them until its sync().
    """
    p = {k: _param(v) for k, v in params.items() if v is not None}
    req = json.dumps({"op": name, "params": p})
    keep = []
    ins = [_input(x, keep) for x in inputs]
    if out is None:
        # One call: Go wraps the inputs, asks numpy for the output's memory
        # (an image op) and says what it holds.
        res, block = _lib.callOp(req, ins, None)
        if block is None:
            return _result(res)
        g = Geometry._fromWire(res["geometry"], res["shape"], res["typestr"])
        return Image._new(g, False, array=block.view(g.dtype).reshape(g.shape))
    syncOut = None
    if not isinstance(out, Image):
        out = asImage(out)
        syncOut = out
    res, _ = _lib.callOp(req, ins, out._cimage())
    if syncOut is not None:
        syncOut.sync()
    return out


def _num(x):
    """A JSON number, or Go's "NaN", "Inf", "-Inf"."""
    return float(x)


def _result(res):
    """A scalar result in Python form: a float, a dict of named values, a
    float64 array, or (counts, edges) as numpy.histogram gives them."""
    kind, v = res.get("kind"), res.get("value")
    if kind == "number":
        return _num(v)
    if kind == "record":
        return {k: _num(x) for k, x in v.items()}
    if kind == "vector":
        return np.array([_num(x) for x in v], np.float64)
    if kind == "histogram":
        return np.array(v["counts"], np.int64), np.array([_num(x) for x in v["edges"]], np.float64)
    return v


def _exposeUngenerated(pkg):
    """Makes functions, at import, for ops registered after the family
    modules were last generated (python/gen.py writes them as files; until
    it is run again, new ops still get a function with a real signature)."""
    import sys
    import types

    from . import _gen
    for name in sorted(_registry()):
        op = _registry()[name]
        fam, fname = op["family"], _gen.pyname(name.split(".", 1)[1])
        mod = getattr(pkg, fam, None)
        if not isinstance(mod, types.ModuleType):
            mod = types.ModuleType(f"{pkg.__name__}.{fam}", f"The {fam} family of gips ops (made at import).")
            mod.__all__ = []
            sys.modules[mod.__name__] = mod
            setattr(pkg, fam, mod)
        if hasattr(mod, fname):
            continue
        ns = {"_run": run}
        exec(_gen.op_source(op), ns)
        fn = ns[fname]
        fn.__module__ = mod.__name__
        setattr(mod, fname, fn)
        mod.__all__ = list(getattr(mod, "__all__", [])) + [fname]
