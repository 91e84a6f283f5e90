"""The ctypes bridge to _gips.so, the Go library built from capi/.

Every call sends a JSON request and receives a JSON reply (or an error text
and a status code). ctypes.CDLL releases the GIL for the length of each call,
so Go kernels run while other Python threads go on. The status codes are
chosen in Go (capi/serve.go) from the gips error kinds; here they only pick
the Python exception class.
"""

import ctypes
import json
import os
import struct
import threading

import numpy as np

__all__ = ["GipsError", "GipsTypeError", "GipsValueError", "CopyRequiredError", "ReadOnlyError", "InternalError", "call"]


class GipsError(Exception):
    """An error reported by gips (the message is Go's)."""


class GipsTypeError(GipsError, TypeError):
    """A dtype or buffer type that gips does not accept here."""


class GipsValueError(GipsError, ValueError):
    """A shape, geometry, range or parameter that gips does not accept."""


class ReadOnlyError(GipsValueError):
    """A write into read-only memory was refused (nothing was written)."""


class CopyRequiredError(GipsValueError):
    """The array's layout needs a copy and copy=False refused it."""


class GipsMemoryError(GipsError, MemoryError):
    """An allocation that a parameter, a header or a shape would make larger
    than gips allows (gips' MaxAlloc: RAM plus swap) was refused before it
    was made."""


class InternalError(GipsError):
    """A bug in gips or in this binding: please report it."""


for _cls in (GipsError, GipsTypeError, GipsValueError, ReadOnlyError, CopyRequiredError, GipsMemoryError, InternalError):
    _cls.__module__ = "gips"

_ERRORS = {1: GipsError, 2: GipsTypeError, 3: GipsValueError, 4: ReadOnlyError,
           5: CopyRequiredError, 6: InternalError, 7: GipsMemoryError}

_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_gips.so")
try:
    _dll = ctypes.CDLL(_PATH)
except OSError as e:  # pragma: no cover - a set-up problem, said plainly
    raise ImportError(f"gips: cannot load {_PATH} ({e}); build it with `make python`") from e

_dll.gips_free.argtypes = [ctypes.c_void_p]
_dll.gips_free.restype = None
_ENTRIES = {}
for _name in ("version", "set_threads", "free_memory", "geometry", "wrap_plan", "sync", "digisens_layout",
              "to_digisens", "ops", "op_output", "op_halo", "save", "info", "stream_run", "upper_state"):
    _f = getattr(_dll, "gips_" + _name)
    _f.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
    _f.restype = ctypes.c_int
    _ENTRIES[_name] = _f


_forked = False


def _afterFork():
    global _forked
    _forked = True


# A Go runtime does not survive fork(): its threads are gone in the child,
# and a call could hang. Refuse clearly instead.
os.register_at_fork(after_in_child=_afterFork)


class GipsImage(ctypes.Structure):
    """capi's gips_image: an image (or, flag 8, an array) for gips_op_run
    (see capi/main.go)."""
    _fields_ = [("data", ctypes.c_int64), ("strides", ctypes.c_int64 * 8), ("shape", ctypes.c_int64 * 8),
                ("planes", ctypes.POINTER(ctypes.c_int64)), ("ndim", ctypes.c_int32), ("type", ctypes.c_int32),
                ("size", ctypes.c_int32 * 5), ("color", ctypes.c_int32), ("flags", ctypes.c_int32),
                ("typestr", ctypes.c_char * 4), ("cal", ctypes.c_double * 3), ("unit", ctypes.c_char * 24)]


_ALLOC = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int64)
_dll.gips_op_run.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(GipsImage), ctypes.POINTER(GipsImage),
                             _ALLOC, ctypes.POINTER(ctypes.c_void_p)]
_dll.gips_op_run.restype = ctypes.c_int

# Outputs that Go asks for during a call (gips_alloc): numpy allocates them,
# so numpy owns them. Go calls back on the calling thread, hence a
# thread-local list.
_allocated = threading.local()

# The output pool's allocator (_fastcall.empty, which _ops sets), when the
# C extension is there.
_emptyBlock = None
_U8 = np.dtype(np.uint8)


@_ALLOC
def _allocate(nbytes):
    try:
        # Not zeroed: an op writes every output pixel, as it must for any
        # caller-given output (and zeroing 128 MiB costs as much as an add).
        b = np.empty(nbytes, np.uint8) if _emptyBlock is None else _emptyBlock(nbytes, _U8)
        _allocated.blocks.append(b)
        return b.__array_interface__["data"][0]
    except BaseException:  # a failed allocation is reported by Go as an error
        return 0


def _reply(code, out):
    """Decodes a reply (or raises its error) and frees it."""
    try:
        text = ctypes.string_at(out.value).decode() if out.value else ""
    finally:
        if out.value:
            _dll.gips_free(out)
    if code != 0:
        raise _ERRORS.get(code, GipsError)(text)
    return json.loads(text)


def callOp(request, inputs, output):
    """Runs gips_op_run: request is the JSON text {"op", "params"}, inputs a
    sequence of GipsImage, output a GipsImage or None (then Go asks numpy
    for the output's memory). Returns the reply and the blocks Go asked
    numpy for during the call (uint8 arrays, in the order asked): an image
    op's output, a vector, or a histogram's counts then edges."""
    if _forked:
        call("version")  # raises the fork error
    n = len(inputs)
    ins = (GipsImage * n)(*inputs) if n else None
    out = ctypes.c_void_p()
    _allocated.blocks = []
    try:
        code = _dll.gips_op_run(request.encode(), n, ins, ctypes.byref(output) if output is not None else None,
                                _allocate, ctypes.byref(out))
        blocks = _allocated.blocks
    finally:
        _allocated.blocks = None
    return _reply(code, out), blocks


_dll.gips_op_call.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_void_p, ctypes.c_int,
                              _ALLOC, ctypes.c_void_p]
_dll.gips_op_call.restype = ctypes.c_int
_opCall = _dll.gips_op_call
_NOALLOC = _ALLOC()  # a NULL gips_alloc
_TAIL = (0, 0, 0)
_F64, _Q = struct.Struct("<d"), struct.Struct("<q")
_TAGGED = {2: "histogram", 3: "vector", 4: "table"}


def callFast(request, n, hasOut, recs):
    """Runs gips_op_call: request is the JSON request (bytes), recs an
    array.array('q') of the image records (capi/call.go) of the n inputs
    and, when hasOut, the output. Returns the decoded reply (None when Go
    had nothing to say: the op wrote into the output) and the blocks Go
    asked numpy for during the call."""
    if _forked:
        call("version")  # raises the fork error
    # Go writes the reply's address into one more word of recs (no ctypes
    # object to make for it), and a number, histogram or vector result,
    # without JSON, into the two after it: a tag (1: a number, 2: a
    # histogram, 3: a vector, 4: a table) and the number's float64 bits or
    # the count.
    recs.extend(_TAIL)
    addr, nrec = recs.buffer_info()
    nrec -= 3
    tail = addr + 8 * nrec
    if hasOut:
        # No allocator: an image op that writes into out asks for no
        # memory (any other result then comes back in the JSON reply).
        code = _opCall(request, len(request), n, 1, addr, nrec, _NOALLOC, tail)
        blocks = None
    else:
        _allocated.blocks = blocks = []
        try:
            code = _opCall(request, len(request), n, 0, addr, nrec, _allocate, tail)
        finally:
            _allocated.blocks = None
    reply = recs[-3]
    if code == 0 and not reply:
        tag = recs[-2]
        if tag == 1:
            return _F64.unpack(_Q.pack(recs[-1]))[0], blocks
        if tag in _TAGGED:  # a histogram, vector or table in blocks (capi/call.go's tags)
            return {"kind": _TAGGED[tag], "n": recs[-1]}, blocks
        return None, blocks
    return _reply(code, ctypes.c_void_p(reply)), blocks


_dll.gips_load.argtypes = [ctypes.c_char_p, _ALLOC, ctypes.POINTER(ctypes.c_void_p)]
_dll.gips_load.restype = ctypes.c_int


def callLoad(request):
    """Runs gips_load: Go reads the file and copies its pixels into one block
    numpy allocates. Returns the reply and that block (uint8)."""
    if _forked:
        call("version")  # raises the fork error
    body = json.dumps(request, separators=(",", ":")).encode()
    out = ctypes.c_void_p()
    _allocated.blocks = []
    try:
        code = _dll.gips_load(body, _allocate, ctypes.byref(out))
        blocks = _allocated.blocks
    finally:
        _allocated.blocks = None
    return _reply(code, out), blocks[0] if blocks else None


def call(name, request=None):
    """Calls gips_<name> with the request (any JSON value) and returns the
    decoded reply; a failure raises the exception class its code names.
    A request already encoded (str) is sent as it is."""
    if _forked:
        raise GipsError("gips cannot run in a process made by fork(): the Go runtime does not survive it; "
                        "use multiprocessing.get_context('spawn')")
    body = (request if isinstance(request, str) else json.dumps(request, separators=(",", ":"))).encode()
    out = ctypes.c_void_p()
    code = _ENTRIES[name](body, ctypes.byref(out))
    return _reply(code, out)
