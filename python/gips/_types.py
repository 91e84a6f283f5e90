"""Buffer types and geometries, named as in the reference SDK.

A Geometry is validated by Go when it is made, and carries what Go says
about it: its numpy shape (the reverse of x, y, z, c, t with absent axes
dropped) and the native dtype that stores it.
"""

import enum

from . import _lib

__all__ = [
    "eImageBufferType", "Geometry", "geometry2d", "geometry3d", "geometryRgb2d", "geometryRgb3d",
    "geometryMultiChannel2d", "geometryMultiChannel3d", "geometrySequence2d", "geometrySequence3d",
]


class eImageBufferType(enum.IntEnum):
    """The buffer types, numbered as gips.BufferType in Go."""
    eIBT_UInt8 = 1
    eIBT_Int8 = 2
    eIBT_UInt16 = 3
    eIBT_Int16 = 4
    eIBT_UInt32 = 5
    eIBT_Int32 = 6
    eIBT_Real32 = 7
    eIBT_Real64 = 8
    eIBT_Binary = 9    # 1 byte per pixel, values 0 and 1
    eIBT_Label8 = 10   # object labels, 0 is background
    eIBT_Label16 = 11
    eIBT_Label32 = 12

    @property
    def shortName(self):
        """The Go name: "UInt8", "Real32", "Label16"."""
        return self.name[len("eIBT_"):]

    def __repr__(self):
        return "gips." + self.shortName

    __str__ = __repr__


def _typeName(t):
    """The Go name of a buffer type given as eImageBufferType, its short
    name ("uint16", any case) or its number."""
    if isinstance(t, eImageBufferType):
        return t.shortName
    if isinstance(t, str):
        return t
    if isinstance(t, int) and not isinstance(t, bool):
        try:
            return eImageBufferType(t).shortName
        except ValueError:
            pass
    raise TypeError(f"buffer type {t!r}: want a gips.eImageBufferType such as gips.UInt8")


def _fromName(name):
    return eImageBufferType["eIBT_" + name]


class Geometry:
    """The sizes (x first), buffer type and colour model of an image.

    Made by geometry2d, geometry3d, geometryRgb2d, ...; valid by
    construction (Go checks it). `shape` is the numpy shape of an image of
    this geometry, `dtype` the numpy dtype that stores its pixels.
    """

    __slots__ = ("_wire", "_shape", "_typestr", "_text", "_planes")

    def __init__(self, bufferType, sizeX, sizeY, sizeZ=1, sizeC=1, sizeT=1, color="grey",
                 volume=None, sequence=None):
        wire = {"type": _typeName(bufferType), "sizeX": _size(sizeX), "sizeY": _size(sizeY),
                "sizeZ": _size(sizeZ), "sizeC": _size(sizeC), "sizeT": _size(sizeT), "color": color,
                "volume": bool(sizeZ != 1 if volume is None else volume),
                "sequence": bool(sizeT != 1 if sequence is None else sequence)}
        self._set(_lib.call("geometry", wire))

    def _set(self, reply):
        self._wire = reply["geometry"]
        self._shape = tuple(reply["shape"])
        self._typestr = reply["typestr"]
        self._text = reply["text"]
        self._planes = reply["planes"]

    @classmethod
    def _fromWire(cls, wire, shape=None, typestr=None):
        g = cls.__new__(cls)
        if shape is None or typestr is None:
            g._set(_lib.call("geometry", wire))
        else:
            g._wire, g._shape, g._typestr, g._planes = wire, tuple(shape), typestr, None
            g._text = None
        return g

    bufferType = property(lambda self: _fromName(self._wire["type"]), doc="The buffer type.")
    sizeX = property(lambda self: self._wire["sizeX"])
    sizeY = property(lambda self: self._wire["sizeY"])
    sizeZ = property(lambda self: self._wire["sizeZ"])
    sizeC = property(lambda self: self._wire["sizeC"])
    sizeT = property(lambda self: self._wire["sizeT"])
    colorModel = property(lambda self: self._wire["color"], doc='"grey", "rgb" or "multichannel".')
    is3D = property(lambda self: self._wire["volume"], doc="Whether the z axis exists.")
    isSequence = property(lambda self: self._wire["sequence"], doc="Whether the t axis exists.")
    shape = property(lambda self: self._shape, doc="The numpy shape, e.g. (Z, Y, X).")

    @property
    def dtype(self):
        """The native numpy dtype that stores the pixels (uint8 for Binary)."""
        import numpy as np
        return np.dtype(self._typestr)

    @property
    def numPlanes(self):
        """The number of 2D planes: sizeZ * sizeC * sizeT."""
        return self.sizeZ * self.sizeC * self.sizeT

    def withType(self, bufferType):
        """The same geometry with another buffer type."""
        w = dict(self._wire, type=_typeName(bufferType))
        return Geometry._fromWire(w)

    def __reduce__(self):
        return Geometry._fromWire, (self._wire,)

    def __eq__(self, other):
        return isinstance(other, Geometry) and self._wire == other._wire

    def __hash__(self):
        return hash(tuple(sorted(self._wire.items())))

    @property
    def text(self):
        """Go's text form: "UInt16 512x512x256 rgb(3)"."""
        if self._text is None:
            self._set(_lib.call("geometry", self._wire))
        return self._text

    def __repr__(self):
        return f"gips.Geometry({self.text})"


def _size(n):
    if isinstance(n, bool) or not hasattr(n, "__index__"):
        raise TypeError(f"size {n!r}: want an integer")
    return int(n)


def geometry2d(bufferType, sizeX, sizeY):
    """A 2D grey image of sizeX by sizeY pixels; numpy shape (Y, X)."""
    return Geometry(bufferType, sizeX, sizeY, volume=False)


def geometry3d(bufferType, sizeX, sizeY, sizeZ):
    """A 3D grey volume; numpy shape (Z, Y, X)."""
    return Geometry(bufferType, sizeX, sizeY, sizeZ, volume=True)


def geometryRgb2d(bufferType, sizeX, sizeY):
    """A 2D colour image; numpy shape (3, Y, X)."""
    return Geometry(bufferType, sizeX, sizeY, sizeC=3, color="rgb", volume=False)


def geometryRgb3d(bufferType, sizeX, sizeY, sizeZ):
    """A 3D colour volume; numpy shape (3, Z, Y, X)."""
    return Geometry(bufferType, sizeX, sizeY, sizeZ, sizeC=3, color="rgb", volume=True)


def geometryMultiChannel2d(bufferType, sizeX, sizeY, sizeC):
    """A 2D image of sizeC channels; numpy shape (C, Y, X)."""
    return Geometry(bufferType, sizeX, sizeY, sizeC=sizeC, color="multichannel", volume=False)


def geometryMultiChannel3d(bufferType, sizeX, sizeY, sizeZ, sizeC):
    """A 3D volume of sizeC channels; numpy shape (C, Z, Y, X)."""
    return Geometry(bufferType, sizeX, sizeY, sizeZ, sizeC=sizeC, color="multichannel", volume=True)


def geometrySequence2d(bufferType, sizeX, sizeY, sizeT):
    """A time series of sizeT 2D images; numpy shape (T, Y, X)."""
    return Geometry(bufferType, sizeX, sizeY, sizeT=sizeT, volume=False, sequence=True)


def geometrySequence3d(bufferType, sizeX, sizeY, sizeZ, sizeT):
    """A time series of sizeT volumes; numpy shape (T, Z, Y, X)."""
    return Geometry(bufferType, sizeX, sizeY, sizeZ, sizeT=sizeT, volume=True, sequence=True)
