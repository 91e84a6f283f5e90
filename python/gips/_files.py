"""Files from Python: gips.load, gips.save and gips.info, through the Go
package imageio (TIFF and BigTIFF, .npy, .npz on read, PNG, raw).

Go never keeps a pointer after a call, and image memory given to Python
is numpy's: gips.load has Go read the file (imageio.Load), ask numpy for a
block of the image's size through the allocator callback that ops use, and
copy the pixels into it. That costs one copy of the pixels more than
imageio.Load itself, and twice the image's size in memory at the peak.
gips.save wraps the image's (or array's) memory for the call only.
"""

import os

import numpy as np

from . import _lib
from ._calibration import Calibration
from ._image import Image, fromArray
from ._types import Geometry

__all__ = ["load", "save", "info", "FileInfo", "loadTiffImageFile", "saveTiffImageFile"]


def _path(path, fn):
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{fn}: path {path!r}: want a str or os.PathLike")
    return os.fspath(path)


def load(path, geometry=None, offset=0, byteOrder="native"):
    """Reads an image file into a new Image whose memory is numpy's.

    The format comes from the file's first bytes (TIFF/BigTIFF, .npy,
    .npz, PNG), not its name; the calibration from the file (TIFF
    resolution and ImageJ spacing/unit) is ``img.calibration``. A raw file
    has no header: give its ``geometry`` (a gips.Geometry), the ``offset``
    of its first pixel and its ``byteOrder`` ("little", "big", "native").
    Label images are stored as their storage type, so they load back as
    plain unsigned images.
    """
    req = {"path": _path(path, "load")}
    if geometry is not None:
        if not isinstance(geometry, Geometry):
            raise TypeError(f"load: geometry {geometry!r}: want a gips.Geometry")
        req.update(geometry=geometry._wire, offset=int(offset), byteOrder=str(byteOrder))
    rep, block = _lib.callLoad(req)
    g = Geometry._fromWire(rep["geometry"], rep["shape"], rep["typestr"])
    n = int(np.prod(g.shape)) * g.dtype.itemsize
    img = Image._new(g, False, array=block[:n].view(g.dtype).reshape(g.shape))
    img._cal = Calibration._fromWire(rep["calibration"])
    return img


def save(img, path, compression="none", predictor=False, bigtiff=False, chunky=False, calibration=None):
    """Writes an Image (or a numpy array, wrapped as fromArray does) to
    path, in the format its extension names: .tif/.tiff (ImageJ hyperstack
    metadata and resolution tags, so that tifffile and ImageJ read the same
    channels, slices, frames and calibration), .npy, .png, .raw. The write
    is atomic (a temporary file renamed). ``compression`` is "none" or
    "deflate" (TIFF); ``predictor`` adds horizontal differencing (integer
    TIFF); ``bigtiff`` forces BigTIFF; ``chunky`` interleaves RGB samples.
    ``calibration`` (a gips.Calibration) overrides the image's."""
    im = img if isinstance(img, Image) else fromArray(img)
    req = {"path": _path(path, "save"), "image": im._describe(), "compression": str(compression),
           "predictor": bool(predictor), "bigtiff": bool(bigtiff), "chunky": bool(chunky)}
    if calibration is not None:
        if not isinstance(calibration, Calibration):
            raise TypeError(f"save: calibration {calibration!r}: want a gips.Calibration")
        req["calibration"] = calibration._wire()
    keep = im._keepAlive()  # noqa: F841  (the memory lives through the call)
    _lib.call("save", req)


class FileInfo:
    """What gips.info says of a file: geometry, dtype, numpy shape,
    calibration, format, and, when the file can be memory-mapped
    (uncompressed TIFF, .npy), where each plane lies: ``planes`` is a list
    of (offset in bytes of pixel (0, 0), row stride in bytes), and
    ``copiedPlanes`` lists the planes that a mapping would have to convert
    (another byte order, interleaved samples)."""

    __slots__ = ("path", "geometry", "calibration", "format", "mappable", "planes", "copiedPlanes")

    shape = property(lambda self: self.geometry.shape, doc="The numpy shape.")
    dtype = property(lambda self: self.geometry.dtype, doc="The numpy dtype.")
    bufferType = property(lambda self: self.geometry.bufferType)

    def __repr__(self):
        return (f"gips.FileInfo({self.path!r}, {self.geometry.text}, shape={self.shape}, dtype={self.dtype}, "
                f"{self.calibration}, format={self.format!r}, mappable={self.mappable})")


def info(path):
    """Describes an image file without reading its pixels when it can be
    mapped (uncompressed TIFF, .npy); other files are read to learn their
    geometry. Returns a FileInfo."""
    p = _path(path, "info")
    rep = _lib.call("info", {"path": p})
    fi = FileInfo()
    fi.path = p
    fi.geometry = Geometry._fromWire(rep["geometry"], rep["shape"], rep["typestr"])
    fi.calibration = Calibration._fromWire(rep["calibration"])
    fi.format = rep.get("format", "")
    fi.mappable = bool(rep.get("mappable"))
    planes = rep.get("planes") or []
    fi.planes = [(q["offset"], q["rowStride"]) for q in planes]
    fi.copiedPlanes = [i for i, q in enumerate(planes) if q.get("copied")]
    return fi


def loadTiffImageFile(path):
    """The reference SDK's name for load (any format load reads)."""
    return load(path)


def saveTiffImageFile(img, path, **options):
    """The reference SDK's name for save(img, path); the arguments may also
    come path first."""
    if isinstance(img, (str, bytes, os.PathLike)) and not isinstance(path, (str, bytes, os.PathLike)):
        img, path = path, img
    return save(img, path, **options)
