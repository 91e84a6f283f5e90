"""gips: the Go Image Processing SDK for 2D and 3D scientific images.

An Image's pixels are numpy memory: ``img.array`` (shape (Y, X), (Z, Y, X),
(3, Y, X), (3, Z, Y, X), time first) is the image's own memory, and
``gips.fromArray(a)`` wraps an array without copying whenever the layout
allows. Every gips op is a function in a module per family
(``gips.filter.gaussian(img, sigma=2.0)``) that takes images or arrays.

The algorithms run in a Go library loaded with ctypes (one Go runtime per
process). A Go runtime does not survive fork(): multiprocessing pools must
use the "spawn" start method (``multiprocessing.get_context("spawn")``).
The GIL is released while Go runs, so threads run ops in parallel.
"""

import sys as _sys

__version__ = "0.1.0"

from . import _lib
from ._lib import GipsError, GipsTypeError, GipsValueError, GipsMemoryError, CopyRequiredError, ReadOnlyError, InternalError
from ._types import (eImageBufferType, Geometry, geometry2d, geometry3d, geometryRgb2d, geometryRgb3d,
                     geometryMultiChannel2d, geometryMultiChannel3d, geometrySequence2d, geometrySequence3d)
from ._image import (Image, createImage, createImageRgb, fromArray, fromRgbArray, fromBinaryArray,
                     fromLabelArray, fromDigisens, toDigisens, DigisensBuffer, asImage)

# Short aliases for the buffer types: gips.UInt8 is eImageBufferType.eIBT_UInt8.
for _t in eImageBufferType:
    globals()[_t.shortName] = _t
del _t

from ._calibration import Calibration  # noqa: E402
from ._files import load, save, info, FileInfo, loadTiffImageFile, saveTiffImageFile  # noqa: E402
from ._open import open, MappedImage  # noqa: E402  (memory-mapped files)
from ._views import extractPlan, extractVolume, getROI2d, getROI3d, flipView, rot90View  # noqa: E402
from ._show import show, PNG  # noqa: E402

from . import _ops  # noqa: E402
from . import footprints  # noqa: E402  (hand-written: numpy footprints for gips.morpho)
from ._families import *  # noqa: E402,F401,F403  (generated: one module per op family)

# gips.morpho.disk(r) and the others, as the morphology issue and skimage
# users spell them: the footprints also live in the family that takes them
# (outside morpho.__all__, which lists the ops).
for _n in footprints.__all__:
    setattr(morpho, _n, getattr(footprints, _n))  # noqa: F405
del _n
from ._mapcoords import mapCoordinates as _mapCoordinates  # noqa: E402  (scipy's coordinates layout too)
transform.mapCoordinates = _mapCoordinates  # noqa: F405
from ._ops import ops, describe, run, halo, outputGeometry  # noqa: E402
from ._stream import runFile  # noqa: E402  (ops out of core on files)


def setNumThreads(n):
    """Sets how many threads gips ops use (0: one per CPU, the default) and
    returns the previous count. More than max(64, 4 x the CPU count) is
    refused with a ValueError (the count is left as it was): thousands of
    threads only slow every op down, and a million hang it."""
    return _lib.call("set_threads", {"n": int(n)})


def freeMemory():
    """Runs the library's garbage collector and returns its free memory to
    the OS, the output pool's blocks too (setOutputPool); returns the bytes
    the library still holds. gips keeps up to 64 MiB of dead scratch
    buffers between calls, and pools some volume-sized ones (so that a loop
    of calls neither collects nor page-faults on every call); a process that lives long between bursts of
    work, such as a dask worker (gips.dask calls it after each block), gives
    that memory back with this call."""
    if _ops._fast is not None:
        _ops._fast.releasePool()
    return int(_lib.call("free_memory"))


def setOutputPool(maxBytes):
    """Sets how many bytes of freed op outputs gips keeps for the next
    outputs (0: none) and returns the previous limit. An op's output of
    32 MiB or more is a numpy array over pool memory (its .base is the
    block): when it dies its memory goes back to the pool, and the next
    output of about its size reuses it without the kernel zeroing fresh
    pages again (13 ms of a 268 MB volume's labelling). The default is a
    sixteenth of the RAM, at most 2 GiB (GIPS_OUTPUT_POOL_MB sets it at
    import); the oldest blocks go first, freeMemory() empties the pool.
    Without the C extension (GIPS_NO_FASTCALL=1) outputs are plain
    np.empty arrays and this returns 0."""
    if maxBytes < 0:
        raise ValueError(f"setOutputPool: maxBytes={maxBytes}: want >= 0")
    if _ops._fast is None:
        return 0
    return _ops._fast.outputPool(maxBytes=int(maxBytes))[0]


_ops._exposeUngenerated(_sys.modules[__name__])
del _sys
