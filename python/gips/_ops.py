"""Calling gips ops: the machinery behind the generated family modules.

``run(name, *images, out=None, **params)`` calls any registered op by name;
the family modules (util.py, filter.py, ...) are generated from the registry
by python/gen.py and call it with a real signature and docstring.
"""

import array
import base64
import ctypes
import functools
import json
import math

import numpy as np

from . import _lib
from ._image import _TEMPLATES, Image, _address, _addressOf, _outImage, asImage  # _TEMPLATES: _fastcall.c reads it here
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


def halo(name, *images, **params):
    """The border, in pixels, that each output pixel of the op needs with
    these parameters: the overlap to give chunks processed separately.

    In numpy order, as the parameters are. With no images, (z, y, x). With
    the op's inputs (images, arrays or anything with .shape and .dtype,
    such as a dask array, or Geometries), one value per axis of the first
    input's numpy shape, 0 along channels and time, clamped to the input's
    sizes: directly dask's ``map_overlap(..., depth=gips.halo(name, a,
    **params))``.
    """
    ins = [_haloInput(x) for x in images]
    hx, hy, hz = _lib.call("op_halo", {"op": name, "inputs": ins, "params": _params(name, params)})
    if not images:
        return (hz, hy, hx)
    shape, volume = _layout(images[0])
    depth = [0] * len(shape)
    depth[-1], depth[-2] = hx, hy
    if volume:
        depth[-3] = hz
    return tuple(depth)


def _haloInput(x):
    """An op input for op_halo: a geometry, or an array's dtype and shape
    (its memory is not touched: a dask array stays lazy)."""
    if isinstance(x, Geometry):
        return x._wire
    if isinstance(x, Image):
        return x.geometry._wire
    if not (hasattr(x, "shape") and hasattr(x, "dtype")):
        x = np.asarray(x)
    return {"array": {"typestr": np.dtype(x.dtype).str, "shape": [int(n) for n in x.shape]}}


def _layout(x):
    """The numpy shape of an input and whether its third axis from the end
    is z (fromArray: a 3D array is a volume)."""
    g = x if isinstance(x, Geometry) else x.geometry if isinstance(x, Image) else None
    if g is not None:
        return g.shape, g.is3D
    shape = tuple(x.shape) if hasattr(x, "shape") else np.shape(x)
    return shape, len(shape) == 3


# -- parameters ---------------------------------------------------------------
#
# Python's json writes NaN and infinities as bare NaN and Infinity, which are
# not JSON: non-finite numbers travel as the strings Go's parser reads
# ("NaN", "Inf", "-Inf"). Per-axis parameters (kinds floats and ints) are in
# numpy order here, (z, y, x) as the array's shape and as scipy, and x first
# in Go: a sequence is reversed on its way; a scalar stands for every axis.

@functools.lru_cache(maxsize=None)
def _kinds(name):
    """{parameter name: kind} of an op (raises for an unknown op)."""
    return {p["name"]: p["kind"] for p in describe(name)["params"]}


def _params(name, params):
    """The op's parameters as JSON values for Go; None means absent (an
    Optional parameter's None, or the default)."""
    kinds = _kinds(name)
    out = {}
    for k, v in params.items():
        if v is None:
            continue
        t = type(v)
        if t is str or t is int or t is float and v - v == 0:
            out[k] = v  # the common case, as it is (finite, not per-axis or a list)
            continue
        try:
            out[k] = _encode(kinds.get(k), v)
        except (TypeError, ValueError) as e:
            raise _lib.GipsValueError(f"{name}: parameter {k}: {v!r}: {e}") from None
    return out


_SCALARS = (int, float, np.integer, np.floating)


def _encode(kind, v):
    if kind in ("floats", "ints") and isinstance(v, (tuple, list)) and all(isinstance(x, _SCALARS) for x in v):
        return [_number(x) for x in v[::-1]]  # numpy order -> x first
    if kind in ("floats", "ints"):
        a = _numeric(v)
        if a is None and isinstance(v, (list, tuple)):
            return _plain(list(v)[::-1])  # strings, say: Go parses or refuses them, x first
        if a is None or a.ndim == 0:
            return _plain(v)
        if a.ndim != 1:
            raise ValueError(f"want one value or one per axis, not an array of shape {a.shape}")
        return [_number(x) for x in a[::-1].tolist()]
    if kind == "numbers":
        a = _numeric(v)
        if a is None or a.ndim == 0:
            return _plain(v)
        return [_number(x) for x in a.ravel().tolist()]
    if kind == "array":
        return _array(v)
    return _plain(v)


def _numeric(v):
    """v as a numeric numpy array (any sequence, nested lists, an array), or
    None for what is not (a string: Go parses "1,2" and reports the rest)."""
    if isinstance(v, (str, bytes, dict, eImageBufferType)):
        return None
    a = np.asarray(v.array if isinstance(v, Image) else v)
    return a if a.dtype.kind in "biuf" else None


def _number(x):
    """A number as JSON: NaN and infinities as Go's strings."""
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        f = float(x)
        if f != f:
            return "NaN"
        if f == np.inf:
            return "Inf"
        if f == -np.inf:
            return "-Inf"
        return f
    return x


def _plain(v):
    """A parameter of another kind: numbers (non-finite as strings), names
    (a buffer type by its Go name), lists of those."""
    if isinstance(v, eImageBufferType):
        return v.shortName
    if isinstance(v, (np.str_, np.bytes_)):
        return v.item()
    if isinstance(v, np.generic):
        return _number(v.item())
    if isinstance(v, np.ndarray):
        return _plain(v.tolist())
    if isinstance(v, (tuple, list)):
        return [_plain(x) for x in v]
    return _number(v)


def _array(v):
    """A small array parameter (a footprint, a kernel): numpy's shape and
    its values in C order, packed as ops/array.go reads them: {"shape",
    "u8"}, base64 of one byte a value, for bool and uint8 arrays (skimage's
    footprints), else {"shape", "f64le"}, base64 of the little-endian
    float64 values (a ball(20) footprint as a JSON list took 7 ms to write
    and 10 to read; as float64, 735 KB of base64, about 3 and 4.6); a
    string is passed as it is (a nested-list literal)."""
    if isinstance(v, str):
        return v
    a = np.asarray(v.array if isinstance(v, Image) else v)
    if a.dtype.kind not in "biuf":
        raise TypeError(f"want a numeric array, not dtype {a.dtype}")
    if a.dtype in (np.bool_, np.uint8):
        packed = np.ascontiguousarray(a, dtype=np.uint8).tobytes()
        return {"shape": list(a.shape), "u8": base64.b64encode(packed).decode("ascii")}
    packed = np.ascontiguousarray(a, dtype="<f8").tobytes()
    return {"shape": list(a.shape), "f64le": base64.b64encode(packed).decode("ascii")}


def outputGeometry(name, *inputs, **params):
    """The Geometry of the image the op returns for these inputs (images,
    arrays or geometries) and parameters (as for the op's function), or
    None for an op that returns a scalar. Not needed for `out=`: an op
    wraps an out array with its output geometry in the call itself."""
    geoms = [x._wire if isinstance(x, Geometry) else asImage(x)._geom._wire for x in inputs]
    rep = _lib.call("op_output", {"op": name, "inputs": geoms, "params": _params(name, params)})
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


# -- the fast call ------------------------------------------------------------
#
# An op call's fixed cost is what a small image pays (measured by the
# bench's "percall" row): the request text is cached per op and parameters, and
# images travel as int64 records in one array.array (capi/call.go), not as
# ctypes structs built field by field.

_REQS = {}
# Parameter types whose values key the cache: hashable, equal only when
# they encode alike given their type (numpy scalars and buffer types are
# as common as Python's own numbers and names). Floats apart: -0.0 == 0.0
# (a zero's key holds its sign too: linearCombination's default gamma is
# 0.0), and NaN is never equal.
_SIMPLE = frozenset([str, int, bool, type(None), eImageBufferType, np.bool_, np.int8, np.int16, np.int32, np.int64,
                     np.uint8, np.uint16, np.uint32, np.uint64])
_FLOATS = frozenset([float, np.float16, np.float32, np.float64])


def _request(name, params):
    """The JSON request {"op", "params"} as bytes, cached when the
    parameters are plain values (the key holds their types: 1, 1.0 and True
    are equal in Python, not in the request)."""
    key = name
    if params:
        key = [name]
        for k, v in params.items():
            t = v.__class__
            if t in _FLOATS:
                if v != v:  # NaN is never equal: not cached
                    key = None
                    break
                if v == 0:  # -0.0 == 0.0: the sign too (_fastcall.request's key)
                    key.append((k, t, v, math.copysign(1.0, v) < 0))
                    continue
            elif t is tuple or t is list:
                v = _seqKey(v)  # a range or per-axis values: (0, 256), (1, 2, 2)
                if v is None:
                    key = None
                    break
            elif t not in _SIMPLE:
                key = None
                break
            key.append((k, t, v))
        key = tuple(key) if key is not None else None
    r = _REQS.get(key) if key is not None else None
    if r is None:
        r = json.dumps({"op": name, "params": _params(name, params)}, separators=(",", ":")).encode()
        if key is not None:
            if len(_REQS) >= 4096:
                _REQS.clear()
            _REQS[key] = r
    return r


def _seqKey(v):
    """A short tuple or list of plain values as a cache key: each value's
    type and value, and a float's sign (0.0 and -0.0 differ); None for anything else (NaN,
    a nested or long sequence). Without it a call with a range or per-axis
    values encoded its JSON every time (a 8x8 histogram with range=(0,
    256): 6.4 us a call, 2.4 without the range)."""
    if len(v) > 8:
        return None
    key = []
    for x in v:
        t = x.__class__
        if t in _FLOATS:
            if x != x:
                return None
            key.append((t, x, math.copysign(1.0, x) < 0))
        elif t in _SIMPLE:
            key.append((t, x))
        else:
            return None
    return tuple(key)


_TYPESTRS = {}


def _typecode(dt):
    """A dtype's typestr ("<u2") as the int64 of its bytes, little endian."""
    c = _TYPESTRS.get(dt)
    if c is None:
        c = _TYPESTRS[dt] = int.from_bytes(dt.str.encode()[:7], "little")
    return c


def _record(x, words, keep):
    """Appends the record of an op input or output to words (capi/call.go):
    a numpy array object's address (Go reads its layout from the object,
    which the caller holds for the call), an Image's cached gips_image by
    address, or else an array's layout spelled out."""
    if x.__class__ is np.ndarray and _NUMPY_RECORDS:
        words += (3, id(x), _typecode(x.dtype))
        return
    if isinstance(x, Image):
        words += (1, ctypes.addressof(x._cimage()))
        return
    a = x if x.__class__ is np.ndarray else np.asarray(x)
    if a.ndim > 8:
        asImage(a)  # raises the shape error
    keep.append(a)
    if a.__class__ is np.ndarray and _NUMPY_RECORDS:
        words += (3, id(a), _typecode(a.dtype))
        return
    words += (2, 0 if a.flags.writeable else 4, _address(a), _typecode(a.dtype), a.ndim)
    words += a.shape
    words += a.strides


# numpy's PyArrayObject fields that Go reads for a recNumpy record
# (capi/call.go): data, nd, dimensions, strides, flags; and descr, which
# _fastcall.c reads for the dtype, and base and weakreflist, which it reads
# before it writes into an output again (_spare.h).
_NPY_DATA, _NPY_NDIM, _NPY_DIMS, _NPY_STRIDES, _NPY_DESCR, _NPY_FLAGS, _NPY_WRITEABLE = 16, 24, 32, 40, 56, 64, 0x0400
_NPY_BASE, _NPY_WEAKLIST = 48, 72  # _fastcall.c's spare outputs (_spare.h) read these too


def _numpyProbe():
    """Whether Go may read an array's layout from the array object: true
    when, on this Python and numpy, the fields at the offsets Go reads are
    each test array's data, shape, strides and writeable flag (else the
    records spell the layout out), and base and weak reference list."""
    import sys
    import weakref
    if sys.implementation.name != "cpython" or ctypes.sizeof(ctypes.c_void_p) != 8:
        return False
    i64, i32 = ctypes.c_int64.from_address, ctypes.c_int32.from_address
    try:
        b = np.arange(60, dtype=np.float64).reshape(3, 4, 5)
        r = np.zeros((4, 5), np.uint16)
        r.setflags(write=False)
        for a in (b, b[1:], b[:, ::-1], b[..., 2], np.empty(0), np.zeros((2, 2), np.uint8)[1:, 1:], r,
                  np.zeros((1,) * 8, np.int32), np.broadcast_to(np.arange(3), (4, 3))):
            p = id(a)
            nd = i32(p + _NPY_NDIM).value
            dims, strides = i64(p + _NPY_DIMS).value, i64(p + _NPY_STRIDES).value
            got = (ctypes.c_void_p.from_address(p + _NPY_DATA).value or 0, nd,
                   tuple(i64(dims + 8 * k).value for k in range(nd)),
                   tuple(i64(strides + 8 * k).value for k in range(nd)),
                   bool(i32(p + _NPY_FLAGS).value & _NPY_WRITEABLE), i64(p + _NPY_DESCR).value)
            if got != (_addressOf(a), a.ndim, a.shape, a.strides, bool(a.flags.writeable), id(a.dtype)):
                return False
            if i64(p + _NPY_BASE).value != (0 if a.base is None else id(a.base)):
                return False
        w = weakref.ref(r)
        if i64(id(r) + _NPY_WEAKLIST).value == 0 or i64(id(b) + _NPY_WEAKLIST).value != 0:
            return False
        del w
    except Exception:  # pragma: no cover - another Python implementation
        return False
    return True


_NUMPY_RECORDS = _numpyProbe()


def _fastcallModule():
    """gips._fastcall (python/gips/_fastcall.c, built by `make python`),
    initialised, or None: then every call takes the ctypes path, which gives
    the same results (the C module only makes the records and the call that
    callFast makes, for calls on arrays and images it knows). It needs the
    numpy records (recNumpy), so it is used only where _numpyProbe passed;
    GIPS_NO_FASTCALL=1 turns it off."""
    import os
    if not _NUMPY_RECORDS or os.environ.get("GIPS_NO_FASTCALL"):
        return None
    try:
        from . import _fastcall
    except ImportError:
        return None
    args = (ctypes.cast(_lib._dll.gips_op_call, ctypes.c_void_p).value, np.ndarray, _TYPESTRS, np.empty,
            np.dtype(np.uint8))
    cls, var, const = _IMAGE_SLOTS
    if set(cls.__slots__) - {"__weakref__"} == set(var) | {k for k, _ in const}:
        args += (_IMAGE_SLOTS,)  # else (a slot added to Image alone) new() gives (array, entry)
    _fastcall.init(*args)
    if hasattr(_fastcall, "arrayAPI"):
        _fastcall.arrayAPI(_arrayAPI())
    return _fastcall


def _arrayAPI():
    """numpy's C API table (the capsule that numpy's import_array reads),
    or None: _fastcall.arrayAPI makes new outputs through it."""
    import importlib
    for mod in ("numpy._core._multiarray_umath", "numpy.core._multiarray_umath"):  # 2.x, 1.x
        try:
            return importlib.import_module(mod)._ARRAY_API
        except (ImportError, AttributeError):
            pass
    return None


# How _fastcall.new makes a new output Image: the slots it sets from the
# call (geometry, array, calibration), then every other slot and its value,
# as _image._outImage sets them (tests/test_fastcall_c.py compares the two;
# _fastcallModule checks that these are all of Image's slots).
_IMAGE_SLOTS = (Image, ("_geom", "_array", "_cal"),
                (("_readonly", False), ("_planes", None), ("_keep", None), ("_source", None), ("_wire", None),
                 ("_cimg", None), ("_cplanes", None), ("_cref", None), ("_copied", ()), ("_reason", "")))


_fast = _fastcallModule()
_fastCall = _fast.call if _fast is not None else None
_fastKey = _fast.outkey if _fast is not None else None
_fastNew = getattr(_fast, "new", None)
_fastReq = getattr(_fast, "request", None)
# An output's memory: a large one from the output pool (python/gips/_pool.c).
_empty = getattr(_fast, "empty", np.empty)
_lib._emptyBlock = getattr(_fast, "empty", None)
if _fast is not None:  # shared() makes images only when init took _IMAGE_SLOTS
    from . import _image
    _image._fastShared = getattr(_fast, "shared", None)


def runPy(name, *inputs, out=None, **params):
    """Runs the op `name` on the inputs (gips images or numpy arrays) with
    the parameters (as the op's function takes them: per-axis values in
    numpy order (z, y, x)), and returns its result: a new gips Image, or
    `out` itself, or the scalar, record, vector or histogram the op computes.

    Arrays are wrapped with fromArray: without a copy when their layout
    allows. `out` is an Image or a numpy array; an array is wrapped in the
    same call with the op's output geometry (so a (3, Y, X) array receives
    an RGB result), and planes that had to be copied are written back before
    the call returns. An Image given as `out` that holds copies keeps the
    result in them until its sync().
    """
    if not params:
        req = _REQS.get(name)
    elif _fastReq is not None:
        req = _fastReq(_REQS, name, params, _SIMPLE)  # _request's cache, keyed in C
    else:
        req = None
    if req is None:
        req = _request(name, params)
    if _fastCall is not None and not _lib._forked:
        if out is None and _fastNew is not None:
            # The common call, on arrays, into a new output: here rather
            # than in _runFast (a Python call less; issue 15).
            r = _fastNew(req, inputs, _OUTS)
            if r.__class__ is Image:
                return r
            return _afterNew(name, req, inputs, r)
        r = _runFast(name, req, inputs, out)
        if r is not NotImplemented:
            return r
    return _runSlow(name, req, inputs, out)


_REQUIRED = object()  # bindOps' mark of a parameter without a default


def bindOps(ns, ops):
    """Replaces the generated op functions ns[fname] named in ops ({fname:
    (op name, number of image inputs[, the input written into when out is
    None])}) by C callables that make the same call of ns["_run"] without
    the function's Python frame (_fastcall.bind, python/gips/_opfunc.c:
    about 28 ns of a 290 ns small call; util.eraseImg's two Python frames
    were 2 us of a 3 us 256² fill). Each keeps the function as __wrapped__,
    with its signature, docstring and name. Without _fastcall the functions
    stay as they are."""
    bind = getattr(_fast, "bind", None)
    if bind is None:
        return
    import inspect
    for fname, spec in ops.items():
        name, nin = spec[:2]
        modifies = spec[2] if len(spec) > 2 else -1
        fn = ns[fname]
        ps = list(inspect.signature(fn).parameters.values())[nin:]
        names = [p.name for p in ps if p.name != "out"]
        if any(p.name == "out" for p in ps):
            names.insert(0, "out")  # the generated call passes out= first
        by = {p.name: p for p in ps}
        defaults = tuple(_REQUIRED if by[n].default is inspect.Parameter.empty else by[n].default for n in names)
        pos = tuple(names.index(p.name) for p in ps if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD)
        ns[fname] = bind(fn, ns["_run"], name, nin, tuple(names), defaults, _REQUIRED, pos, modifies)


def _afterNew(name, req, inputs, r):
    """The rest of run's call into a new output after _fastcall.new gave
    r (run's fast path in C calls it for anything but an Image or a
    number)."""
    c = r.__class__
    if c is Image or c is float:
        return r
    if c is tuple:
        if len(r) == 3:
            return _tagged(r)
        a, o = r
        return _outImage(o[0], a, o[3]) if a is not None else _fastReply(o)
    r = _runFast(name, req, inputs, None, r)
    if r is not NotImplemented:
        return r
    return _runSlow(name, req, inputs, None)


def _runSlow(name, req, inputs, out):
    """run through ctypes: the reference path, and the whole path without
    _fastcall."""
    keep = []
    words = []
    for x in inputs:
        _record(x, words, keep)
    key = None
    if out is None and _NUMPY_RECORDS:
        key = _outKey(req, inputs, words)
        o = _OUTS.get(key) if key is not None else None
        if o is not None:
            # An image op seen before with these arrays' shapes and dtypes:
            # numpy makes the output here and Go writes into it, with no
            # allocation callback and no reply to decode.
            g, dt, code = o[:3]
            a = _empty(g._shape, dt)
            words += (3, id(a), code)
            res, blocks = _lib.callFast(req, len(inputs), True, array.array("q", words))
            if res is None:
                return Image._new(g, False, array=a)
            return _result(res, blocks)  # not an image after all: as Go says
    if out is not None:
        if not isinstance(out, (Image, np.ndarray)):
            raise TypeError(f"{name}: out={type(out).__name__}: want a gips.Image or a numpy array")
        _record(out, words, keep)
    # One call: Go wraps the inputs, and for a new image asks numpy for the
    # memory of the output (or of a vector or histogram) and says what it
    # holds; an op that wrote into `out` has nothing to say.
    res, blocks = _lib.callFast(req, len(inputs), out is not None, array.array("q", words))
    if out is not None:
        return out
    r = _result(res, blocks)
    if r.__class__ is Image and "geometry" in res and _NUMPY_RECORDS:
        if key is None and _fastCall is not None:
            key = _imageRefs(req, inputs)[0]  # inputs that are images
        if key is not None and (r._cal is None or key[0] is _IMAGES):
            if len(_OUTS) >= 4096:
                _OUTS.clear()
            dt = r._array.dtype
            _OUTS[key] = (r._geom, dt, _typecode(dt), r._cal, r._geom._shape)  # see _fastcall.new
    return r


def _runFast(name, req, inputs, out, new=NotImplemented):
    """run through gips._fastcall: an image op into `out`, or into an
    output numpy allocates when _OUTS knows the call (a first call, a
    non-image result without out, or an input the C module does not read
    give NotImplemented: the ctypes path then runs the call). new is what
    _fastcall.new said of this call when run asked it (False or None)."""
    if out is None:
        if _fastNew is not None:
            # Arrays only: the key, the lookup, the output's np.empty and
            # the call in C.
            r = _fastNew(req, inputs, _OUTS) if new is NotImplemented else new
            if r.__class__ is Image:
                return r
            if r.__class__ is tuple:
                if len(r) == 3:
                    return _tagged(r)
                a, o = r
                if a is not None:
                    return _outImage(o[0], a, o[3])
                return _fastReply(o)
            if r.__class__ is float:
                return r
            key, items = (None, inputs) if r is False else _imageRefs(req, inputs)
        else:
            key, items = _fastKey(req, inputs), inputs
            if key is None:
                key, items = _imageRefs(req, inputs)
        o = _OUTS.get(key) if key is not None else None
        if o is None:
            if items is None or not _noImage(name):
                return NotImplemented
            if key is None and _fastKey is not None and items is inputs:
                # Arrays only: from now on new() makes this call in C.
                key = _fastKey(req, inputs)
                if key is not None:
                    if len(_OUTS) >= 4096:
                        _OUTS.clear()
                    _OUTS[key] = _NO_IMAGE
            # A number comes back as a float, a histogram or vector in blocks.
            r = _fastCall(req, len(inputs), 0, items, [])
            if r.__class__ is tuple and len(r) == 3:
                return _tagged(r)
            return r if r is NotImplemented else _fastReply(r)
        g, dt, code, cal = o[:4]
        a = _empty(g._shape, dt)
        r = _fastCall(req, len(inputs), 1, items + (a,))
        if r is None:
            return _outImage(g, a, cal)
        if r is NotImplemented:
            return r
        return _fastReply(r)
    if out.__class__ is np.ndarray:
        o = out
    elif out.__class__ is Image:
        o = out._callRef()[0]  # out keeps its struct alive
    else:
        return NotImplemented  # the ctypes path says what is wrong with it
    r = _fastCall(req, len(inputs), 1, inputs + (o,))
    if r is NotImplemented:
        # Images among the inputs: as their cached gips_image structs
        # (inputs keeps each image, and so its struct, alive for the call).
        items = _imageRefs(req, inputs)[1]
        if items is None:
            return r
        r = _fastCall(req, len(inputs), 1, items + (o,))
        if r is NotImplemented:
            return r
    return _outReply(out, r)


def _outReply(out, r):
    """out, once Go said r of a call into it (None: nothing to say); a
    reply that is an error raises it (run's C path calls this too)."""
    if r is not None and r.__class__ is not float:
        _lib._reply(r[0], ctypes.c_void_p(r[1]))  # raises Go's error (a reply is dropped, as callFast's)
    return out


# The first word of an _OUTS key for a call with images among its inputs
# (an Image's geometry is not its array's shape: an RGB image, a sequence).
_IMAGES = "images"


def _imageRefs(req, inputs):
    """For inputs that are arrays and images: the _OUTS key (the request,
    each array's shape and dtype and each image's geometry, dtype and
    calibration, on which the output geometry and calibration depend) and
    the items of a fast call (an image as its struct's address); else
    (None, None)."""
    key, items = [_IMAGES, req], []
    for x in inputs:
        if x.__class__ is np.ndarray:
            key.append((x.shape, _typecode(x.dtype)))
            items.append(x)
        elif x.__class__ is Image:
            addr, k = x._callRef()
            key.append(k)
            items.append(addr)
        else:
            return None, None
    return tuple(key), tuple(items)


@functools.lru_cache(maxsize=None)
def _noImage(name):
    """Whether the op returns a number, histogram or vector: what a fast
    call without an output gives (_fastcall's call with blocks)."""
    try:
        return describe(name)["returns"] in ("number", "histogram", "vector")
    except _lib.GipsError:
        return False  # an unknown op: the ctypes path says so


# The _OUTS entry of a call that returns no image (_fastcall.c, noOutput).
_NO_IMAGE = (None,)


def _tagged(r):
    """A histogram (counts, edges) or vector from a fast call's (tag, n,
    blocks), as _result gives them; here without _result's dict (half of
    this function's time on a small histogram)."""
    tag, n, blocks = r
    if tag == 2:
        return _blockView(blocks[0], n, np.int64), _blockView(blocks[1], n + 1, np.float64)
    if tag == 3:
        return _blockView(blocks[0], n, np.float64)
    return _result({"kind": _lib._TAGGED[tag], "n": n}, blocks)


def _blockView(b, n, dt):
    """The n 8-byte values at the start of block b as dtype dt: Go asks for
    blocks of their exact size (capi/ops.go, allocCopy), but for an empty
    result's byte."""
    return b.view(dt) if b.size == 8 * n else b[:8 * n].view(dt)


def _fastReply(r):
    """What a fast call gave besides nothing: a number, or a reply or error
    (code, address of Go's text) that _lib._reply decodes, frees or raises."""
    if r.__class__ is float:
        return r
    return _result(_lib._reply(r[0], ctypes.c_void_p(r[1])), None)


# The output geometry of an image op is a function of its inputs'
# geometries and its parameters (ops.Op.OutputGeometry), and a numpy
# array's geometry of its shape and dtype (fromArray): so the reply of a
# first call, keyed by the request text and the inputs' shapes and dtypes,
# says what every later such call returns, and Python can allocate it.
# An entry is (geometry, dtype, typecode, calibration, numpy shape); the
# C module's new() reads the dtype and the shape.
_OUTS = {}


def _outKey(req, inputs, words):
    """The key of an op call in _OUTS, or None when an input is not a plain
    numpy array (an Image may carry a calibration, or planes): the request,
    the shapes and the dtypes' typestr codes, which are the third word of
    each array's record (3, id, code) in words (hashing ints is cheaper
    than hashing dtypes)."""
    key = [req]
    for x in inputs:
        if x.__class__ is not np.ndarray:
            return None
        key.append(x.shape)
    key += words[2::3]
    return tuple(key)


def _fromJSON(x):
    """A JSON number, or Go's "NaN", "Inf", "-Inf"."""
    return float(x)


def _result(res, blocks):
    """An op's result in Python form: a new Image, a float, a dict of named
    values, a float64 array, or (counts, edges) as numpy.histogram gives
    them. Images, vectors and histograms are in blocks numpy allocated."""
    if res.__class__ is float:  # a number, sent without JSON (_lib.callFast)
        return res
    kind = res.get("kind") or res.get("returns")  # a new image: gips_op_output's reply
    if kind == "image":
        g = Geometry._fromWire(res["geometry"], res["shape"], res["typestr"])
        img = Image._new(g, False, array=blocks[0].view(g.dtype).reshape(g.shape))
        if "calibration" in res:  # the first input's, as the op gave it
            from ._calibration import Calibration
            img._cal = Calibration._fromWire(res["calibration"])
        return img
    if kind == "vector":
        return blocks[0][:8 * res["n"]].view(np.float64)
    if kind == "histogram":
        n = res["n"]
        return blocks[0][:8 * n].view(np.int64), blocks[1][:8 * (n + 1)].view(np.float64)
    v = res.get("value")
    if kind == "number":
        return _fromJSON(v)
    if kind == "record":
        return {k: _fromJSON(x) for k, x in v.items()}
    if kind == "table":
        from .tables import Table
        if blocks:  # capi's tagTable: a header, then a float64 block per column
            head = json.loads(blocks[0].tobytes())
            n = res["n"]
            cols = {k: _blockView(b, n, np.float64) for k, b in zip(head["names"], blocks[1:])}
            return Table(cols, {k: u for k, u in zip(head["names"], head["units"]) if u})
        return Table(v, res.get("units"))
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


# run is _fastcall.run when the module has it: the common call in C, any
# other handed to runPy (same arguments, same result).
run = runPy
if getattr(_fast, "run", None) is not None:
    _fast.setRun(runPy, _afterNew, _outReply, _REQS, _OUTS, _SIMPLE, globals())
    run = _fast.run
