"""gips.open: an image file memory-mapped, its pixels read only when used.

Go maps the file (imageio.Open: uncompressed TIFF/BigTIFF, .npy, raw) and
gives the addresses of its planes in the mapping; the Image's arrays are
numpy views on them. This is the one case where the memory behind an
Image is not numpy's: Go keeps the mapping, registered under a handle
(capi/open.go), until every array on it is gone. The handle is held by one
``_Mapping`` object, which is the owner (the numpy ``base``) of every view
of the mapping, so it outlives them all; when it is collected, Go is told
to release the handle and unmaps the file once nothing in Go uses it.

Planes that cannot be mapped as they lie (another byte order, interleaved
RGB samples, a Fortran-order .npy) are read at open into one numpy block;
``flush()`` writes them back into the file along with the mapped planes.
"""

import atexit
import os as _os
import ctypes
import json
import threading
import warnings
import weakref

import numpy as np

from . import _lib
from ._calibration import Calibration
from ._files import _path
from ._image import Image, _view
from ._types import Geometry

__all__ = ["open", "MappedImage"]

_dll = _lib._dll
_dll.gips_open.argtypes = [ctypes.c_char_p, _lib._ALLOC, ctypes.POINTER(ctypes.c_void_p)]
_dll.gips_open.restype = ctypes.c_int
for _name in ("open_flush", "open_close", "open_release"):
    _f = getattr(_dll, "gips_" + _name)
    _f.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
    _f.restype = ctypes.c_int
    _lib._ENTRIES[_name] = _f
del _name, _f

# Handles of files not yet released, with their copied-planes block: at
# interpreter exit they are flushed and closed, not released (arrays may
# still be reachable while the interpreter tears down, so the mapping
# stays until the process ends).
_live = {}
_liveLock = threading.Lock()


def _blockWire(block):
    if block is None:
        return None
    return {"data": block.__array_interface__["data"][0], "nbytes": block.nbytes, "readonly": False}


def _release(handle, block):
    """Finalizer of a _Mapping: flushes (r+) and closes the file and drops
    the handle. It runs when no array on the mapping is left."""
    with _liveLock:
        _live.pop(handle, None)
    try:
        if not _lib._forked:
            _lib.call("open_release", {"handle": handle, "block": _blockWire(block)})
    except Exception as e:  # a finalizer cannot raise: say it
        warnings.warn(f"gips.open: releasing the mapped file failed: {e}", ResourceWarning)


@atexit.register
def _closeAll():
    with _liveLock:
        items = list(_live.items())
    for handle, block in items:
        try:
            if not _lib._forked:
                _lib.call("open_close", {"handle": handle, "block": _blockWire(block)})
        except Exception as e:
            warnings.warn(f"gips.open: closing a mapped file at exit failed: {e}", ResourceWarning)


class _Mapping:
    """Owns one handle: the base of every numpy view on the mapping."""

    __slots__ = ("handle", "block", "__weakref__")

    def __init__(self, handle, block):
        self.handle, self.block = handle, block
        with _liveLock:
            _live[handle] = block
        f = weakref.finalize(self, _release, handle, block)
        f.atexit = False  # _closeAll flushes at exit; unmapping waits for the process end


class MappedImage(Image):
    """An Image whose pixels are a memory-mapped file (see gips.open).

    ``array`` (and views of it, extractPlan, getROI...) are the mapping
    itself: writes go to the file (mode "r+"), ``flush()`` makes sure they
    are on disk. ``close()`` flushes and closes; it is also the end of a
    ``with`` block. Arrays taken from the image stay valid after close (the
    file stays mapped until the last of them is collected), but writes to
    them are then no longer flushed for planes that were copied.
    """

    __slots__ = ("_mapping", "_path", "_mode", "_closed", "_format")

    @property
    def path(self):
        """The mapped file."""
        return self._path

    @property
    def mode(self):
        """"r" (read-only) or "r+" (read-write)."""
        return self._mode

    @property
    def closed(self):
        """True after close()."""
        return self._closed

    @property
    def format(self):
        """The file format ("tiff", "npy", "raw")."""
        return self._format

    def _req(self):
        return {"handle": self._mapping.handle, "block": _blockWire(self._mapping.block)}

    def flush(self):
        """Writes the changes to the file: planes copied at open are
        converted back into the file's layout and byte order, and the
        mapping is written to disk (msync). Raises ReadOnlyError on a file
        opened with mode "r", and GipsError after close()."""
        if self._closed:
            raise _lib.GipsError(f"flush {self._path}: the file is closed")
        _lib.call("open_flush", self._req())

    def sync(self):
        """As flush(): the copied planes' source is the file."""
        self.flush()

    def close(self):
        """Flushes (mode "r+") and closes the file; closing again does
        nothing. Arrays already taken from the image stay readable."""
        if self._closed:
            return
        self._closed = True
        _lib.call("open_close", self._req())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __repr__(self):
        s = super().__repr__()
        return s[:-1] + f", mapped {self._path!r} mode {self._mode!r}{', closed' if self._closed else ''})"


def _callOpen(request):
    if _lib._forked:
        _lib.call("version")  # raises the fork error
    body = json.dumps(request, separators=(",", ":")).encode()
    out = ctypes.c_void_p()
    _lib._allocated.blocks = []
    try:
        code = _dll.gips_open(body, _lib._allocate, ctypes.byref(out))
        blocks = _lib._allocated.blocks
    finally:
        _lib._allocated.blocks = None
    return _lib._reply(code, out), blocks[0] if blocks else None


def open(path, mode="r", geometry=None, offset=0, byteOrder="native"):
    """Opens an image file as a memory mapping: no pixel is read until used.

    ``mode`` is "r" (read-only: the arrays are read-only, writing raises)
    or "r+" (read-write: writes through ``img.array`` and its views go to
    the file; ``img.flush()`` puts them on disk). Mappable files are
    uncompressed TIFF/BigTIFF (ImageJ hyperstacks included) and .npy; a
    compressed TIFF or a PNG raises (use gips.load). A raw file has no
    header: give its ``geometry`` (a gips.Geometry), the ``offset`` of its
    first pixel and its ``byteOrder`` ("little", "big", "native"), as for
    gips.load.

    Returns a MappedImage, usable as a context manager::

        with gips.open("volume.tif", "r+") as img:
            img.extractPlan(0).array[:] = 0   # written into the file

    ``img.array`` is a view on the mapping (np.shares_memory with any other
    view of it). Planes that cannot be mapped in place (another byte order,
    interleaved RGB, Fortran order) are read into memory at open
    (``img.copiedPlanes``) and written back by flush()/close(). A file whose
    planes are not evenly spaced has no single ``array``: use
    ``planeArrays()``.
    """
    p = _path(path, "open")
    if mode not in ("r", "r+"):
        raise _lib.GipsValueError(f"open {p}: mode {mode!r}: want 'r' (read-only) or 'r+' (read-write)")
    if _os.path.isdir(p):
        raise _lib.GipsValueError(f"open {p}: is a directory, not an image file")
    req = {"path": p, "mode": mode}
    if geometry is not None:
        if not isinstance(geometry, Geometry):
            raise TypeError(f"open: geometry {geometry!r}: want a gips.Geometry")
        if isinstance(offset, bool) or not hasattr(offset, "__index__"):
            raise TypeError(f"open: offset {offset!r}: want an integer")
        req.update(geometry=geometry._wire, offset=int(offset), byteOrder=str(byteOrder))
    rep, raw = _callOpen(req)
    # The owner first: should anything below fail, collecting it releases
    # the handle. raw (bytes, or None) is the copied planes' block.
    owner = _Mapping(rep["handle"], raw)
    return _mappedImage(rep, raw, owner, p, mode)


def _mappedImage(rep, raw, owner, p, mode):
    ro = bool(rep["readonly"])
    g = Geometry._fromWire(rep["geometry"], rep["shape"], rep["typestr"])
    copied = rep.get("copied") or []
    block = None
    if copied:
        n = len(copied) * g.sizeY * g.sizeX * g.dtype.itemsize
        block = raw[:n].view(g.dtype).reshape((len(copied), g.sizeY, g.sizeX))
    if block is not None:
        # The image's arrays on the block keep the owner alive too, so that
        # flush at release sees their last writes; the finalizer holds the
        # plain block (holding a view of the owner would keep it forever).
        block = _view(block.__array_interface__["data"][0], block.dtype.str, block.shape, block.strides, ro,
                      (owner, block))
    array = planes = None
    a = rep.get("array")
    if a is not None:
        array = _view(a["data"], a["typestr"], a["shape"], a["strides"], ro, owner)
    elif len(copied) == g.numPlanes:
        array = block.reshape(g.shape)
    else:
        isz = g.dtype.itemsize
        k = {i: j for j, i in enumerate(copied)}
        planes = [block[k[i]] if q is None else
                  _view(q["data"], rep["typestr"], (g.sizeY, g.sizeX), (q["stride"], isz), ro, owner)
                  for i, q in enumerate(rep["planeArrays"])]
    img = MappedImage._new(g, ro, array=array, planes=planes, keep=owner, copied=copied,
                           reason="planes not mappable in place (byte order, interleaved samples or layout)"
                           if copied else "")
    img._mapping, img._path, img._mode, img._closed = owner, p, mode, False
    img._format = rep.get("format", "")
    img._cal = Calibration._fromWire(rep["calibration"])
    return img
