"""Views: planes, volumes and regions of an image that share its memory.

The reference SDK's extractPlan, extractVolume and getROI2d/getROI3d
return copies; here they are VIEWS: numpy slices of the image's memory
wrapped with fromArray, so a write through the view is a write into the
source image (and its ``.array``), and the other way round. Take
``.copy()`` for an independent image. A view keeps the source's memory
alive and has the source's calibration and read-only flag.
"""

import numpy as np

from . import _lib
from ._lib import CopyRequiredError
from ._image import Image, asImage, fromArray
from ._types import Geometry

__all__ = ["extractPlan", "extractVolume", "getROI2d", "getROI3d", "flipView", "rot90View"]


def _index(name, v, n, axis):
    if isinstance(v, bool) or not hasattr(v, "__index__"):
        raise TypeError(f"{name}: {axis}={v!r}: want an integer")
    v = int(v)
    if not 0 <= v < n:
        raise _lib.GipsValueError(f"{name}: {axis}={v}: want 0 <= {axis} < {n}")
    return v


def _five(img, name):
    """The image's memory as a (T, C, Z, Y, X) view (no copy)."""
    g = img.geometry
    a = img.array.view()
    a.shape = (g.sizeT, g.sizeC, g.sizeZ, g.sizeY, g.sizeX)  # raises rather than copy
    return a


def _wrapView(img, a, geom):
    v = fromArray(a, geom, copy=False)
    v._cal = img._cal
    return v


def _planeView(img, z, c, t, name):
    g = img.geometry
    z = _index(name, z, g.sizeZ, "z")
    c = _index(name, c, g.sizeC, "c")
    t = _index(name, t, g.sizeT, "t")
    if img._array is None:
        return img.planeArrays()[z + g.sizeZ * (c + g.sizeC * t)]
    return _five(img, name)[t, c, z]


def _extractPlan(self, z, c=0, t=0):
    """The plane (z, c, t) as a 2D grey image of the same buffer type that
    is a VIEW of this image's memory (the reference SDK returns a copy)."""
    a = _planeView(self, z, c, t, "extractPlan")
    g = self.geometry
    return _wrapView(self, a, Geometry(g.bufferType, g.sizeX, g.sizeY, volume=False))


def _extractVolume(self, c=0, t=0):
    """The volume of channel c at time t as a 3D grey image of the same
    buffer type that is a VIEW of this image's memory (the reference SDK
    returns a copy)."""
    g = self.geometry
    c = _index("extractVolume", c, g.sizeC, "c")
    t = _index("extractVolume", t, g.sizeT, "t")
    if self._array is None:
        raise _lib.GipsError(f"extractVolume: {self!r}: planes are not evenly spaced in one block")
    a = _five(self, "extractVolume")[t, c]
    return _wrapView(self, a, Geometry(g.bufferType, g.sizeX, g.sizeY, g.sizeZ, volume=True))


def _roi(img, name, x, y, z, w, h, d):
    g = img.geometry
    for axis, lo, n, size in (("x", x, w, g.sizeX), ("y", y, h, g.sizeY), ("z", z, d, g.sizeZ)):
        for nm, v in ((axis, lo), ("size" + axis.upper(), n)):
            if isinstance(v, bool) or not hasattr(v, "__index__"):
                raise TypeError(f"{name}: {nm}={v!r}: want an integer")
        if not (0 <= lo and 1 <= n and lo + n <= size):
            raise _lib.GipsValueError(f"{name}: {axis}={lo} size {n}: outside 0..{size} along {axis}")
    if img._array is None:
        raise _lib.GipsError(f"{name}: {img!r}: planes are not evenly spaced in one block")
    a = _five(img, name)[:, :, z:z + d, y:y + h, x:x + w]
    geom = Geometry(g.bufferType, w, h, d, g.sizeC, g.sizeT, g.colorModel,
                    volume=g.is3D, sequence=g.isSequence)
    v = a.view()
    v.shape = geom.shape  # drops axes of size 1: raises rather than copy
    return _wrapView(img, v, geom)


def _getROI2d(self, x, y, w, h):
    """The region x..x+w, y..y+h (of every plane) as a VIEW of this image's
    memory, with its colour model, channels and frames (the reference SDK
    returns a copy)."""
    return _roi(self, "getROI2d", x, y, 0, w, h, self.sizeZ)


def _getROI3d(self, x, y, z, w, h, d):
    """The box x..x+w, y..y+h, z..z+d as a VIEW of this image's memory (the
    reference SDK returns a copy)."""
    return _roi(self, "getROI3d", x, y, z, w, h, d)


_AXES = {"x": -1, "y": -2, "z": -3}


def _xForward(name, what):
    return CopyRequiredError(
        f"{name}: {what} reverses or moves x, which a gips image cannot view (its rows run forwards along x): "
        "np.flip/np.rot90 of img.array is a numpy view, gips.transform.flip/rot90 a copy")


def _reordered(img, name, a, geom):
    if img._array is None:
        raise _lib.GipsError(f"{name}: {img!r}: planes are not evenly spaced in one block")
    return _wrapView(img, a, geom)


def _flipView(self, axis):
    """The image reversed along axis ('y' or 'z') as a VIEW of this image's
    memory: numpy.flip, with no pixel copied, so a write through either is
    read through the other. 'x' raises CopyRequiredError (a gips image's
    rows run forwards along x): np.flip(img.array, -1) is numpy's view,
    gips.transform.flip(img, 'x') a copy."""
    g = self.geometry
    if self._array is None:
        raise _lib.GipsError(f"flipView: {self!r}: planes are not evenly spaced in one block")
    if axis not in _AXES or (axis == "z" and not g.is3D):
        want = "'y' or 'z'" if g.is3D else "'y'"
        raise _lib.GipsValueError(f"flipView: axis {axis!r}: want {want} ('x' is a copy)")
    if axis == "x":
        raise _xForward("flipView", "flipping x")
    return _reordered(self, "flipView", np.flip(self.array, _AXES[axis]), g)


def _rot90View(self, k=1, axes="xy"):
    """The image turned by k quarter turns in a plane (numpy.rot90, axes as
    gips.transform.rot90: 'xy', 'xz', 'yz') as a VIEW of this image's
    memory: turns in yz (of a volume in one block), and any multiple of 4
    turns. Turns that move x raise CopyRequiredError (gips.transform.rot90
    copies; np.rot90 of img.array is numpy's view)."""
    g = self.geometry
    planes = {"xy": ("y", "x"), "xz": ("z", "x"), "yz": ("z", "y")}
    if axes not in planes or (axes != "xy" and not g.is3D):
        want = "'xy', 'xz' or 'yz'" if g.is3D else "'xy'"
        raise _lib.GipsValueError(f"rot90View: axes {axes!r}: want {want}")
    if isinstance(k, bool) or not hasattr(k, "__index__"):
        raise TypeError(f"rot90View: k={k!r}: want an integer")
    k = int(k) % 4
    if self._array is None:
        raise _lib.GipsError(f"rot90View: {self!r}: planes are not evenly spaced in one block")
    if axes != "yz" and k != 0:
        raise _xForward("rot90View", f"a quarter turn in {axes}")
    a = np.rot90(self.array, k, axes=tuple(_AXES[n] for n in planes[axes]))
    sx, sy, sz = g.sizeX, g.sizeY, g.sizeZ
    if k % 2:
        sy, sz = sz, sy
    geom = Geometry(g.bufferType, sx, sy, sz, g.sizeC, g.sizeT, g.colorModel, volume=g.is3D, sequence=g.isSequence)
    v = _reordered(self, "rot90View", a, geom)
    if k % 2:
        cal = self._cal
        if cal is not None:
            v._cal = type(cal)(cal.x, cal.z, cal.y, cal.unit)
    return v


def flipView(img, axis):
    """img.flipView(axis): a view."""
    return asImage(img).flipView(axis)


def rot90View(img, k=1, axes="xy"):
    """img.rot90View(k, axes): a view."""
    return asImage(img).rot90View(k, axes)


def extractPlan(z, c, t, img):
    """The reference SDK's argument order for img.extractPlan(z, c, t): a
    view, not a copy."""
    return asImage(img).extractPlan(z, c, t)


def extractVolume(c, t, img):
    """The reference SDK's argument order for img.extractVolume(c, t): a
    view, not a copy."""
    return asImage(img).extractVolume(c, t)


def getROI2d(img, x, y, w, h):
    """img.getROI2d(x, y, w, h): a view."""
    return asImage(img).getROI2d(x, y, w, h)


def getROI3d(img, x, y, z, w, h, d):
    """img.getROI3d(x, y, z, w, h, d): a view."""
    return asImage(img).getROI3d(x, y, z, w, h, d)


Image.extractPlan = _extractPlan
Image.extractVolume = _extractVolume
Image.getROI2d = _getROI2d
Image.getROI3d = _getROI3d
Image.flipView = _flipView
Image.rot90View = _rot90View
