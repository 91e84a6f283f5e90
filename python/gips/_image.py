"""The Image class and the functions that make images: createImage and the
fromArray family, fromDigisens and toDigisens.

An Image's pixels are numpy memory: the caller's array (shared planes), or a
block that numpy allocated (new images, outputs, copied planes). Go sees that
memory only during a call and never keeps a pointer to it. Which planes can
be shared, which dtypes fit which buffer types and which shapes fit which
geometries are asked of Go (capi/wrap.go, from the gips package's rules);
nothing here restates them.
"""

import collections
import ctypes

import numpy as np

from . import _lib
from ._calibration import Calibration
from ._types import Geometry, geometry2d, geometry3d, geometryRgb2d, geometryRgb3d

__all__ = ["Image", "createImage", "createImageRgb", "fromArray", "fromRgbArray", "fromBinaryArray",
           "fromLabelArray", "fromDigisens", "toDigisens", "DigisensBuffer", "asImage"]


class _Memory:
    """Exposes memory at an address to numpy while keeping its owner alive:
    an array made from it has it as its base, so the owner lives as long as
    the array does."""

    __slots__ = ("__array_interface__", "_owner")

    def __init__(self, iface, owner):
        self.__array_interface__ = iface
        self._owner = owner


def _view(data, typestr, shape, strides, readonly, owner):
    """A numpy array on existing memory (an address from Go inside owner)."""
    iface = {"version": 3, "data": (data, bool(readonly)), "typestr": typestr,
             "shape": tuple(shape), "strides": tuple(strides)}
    return np.asarray(_Memory(iface, owner))


def _arrayWire(a):
    """numpy's own description of an array, as capi reads it."""
    return {"data": a.__array_interface__["data"][0], "typestr": a.dtype.str, "shape": list(a.shape),
            "strides": list(a.strides), "readonly": not a.flags.writeable}


class Image:
    """A 2D or 3D image (grey, RGB, multi-channel, sequence) whose pixels are
    numpy memory.

    ``img.array`` is a numpy array on the image's own memory, shape in numpy
    order: (Y, X), (Z, Y, X), (3, Y, X), (3, Z, Y, X), time first. A write
    through either is seen by the other. ``np.asarray(img)`` is the same
    memory. The array keeps the memory alive after the image is gone.

    An image made from an array whose layout gips cannot share (x stride
    not the item size, misaligned, other byte order) holds a copy of those
    planes: ``shared`` is False, ``copiedPlanes`` lists them, and ``sync()``
    writes them back into the source array.
    """

    __slots__ = ("_geom", "_readonly", "_array", "_planes", "_source", "_copied", "_reason", "_keep",
                 "_wire", "_cimg", "_cplanes", "_cal", "_cref", "__weakref__")

    def __init__(self, *args, **kwargs):
        raise TypeError("make an Image with gips.createImage or gips.fromArray")

    @classmethod
    def _new(cls, geom, readonly, array=None, planes=None, keep=None, source=None, copied=(), reason=""):
        img = object.__new__(cls)
        img._geom, img._readonly = geom, bool(readonly)
        img._array, img._planes = array, planes
        img._keep, img._source = keep, source
        img._copied, img._reason = tuple(copied), reason
        img._wire = img._cimg = img._cplanes = img._cref = None
        img._cal = None  # None: gips' default calibration, not sent to Go
        return img

    # -- calibration -----------------------------------------------------
    @property
    def calibration(self):
        """The physical voxel size, a gips.Calibration(x, y, z, unit);
        settable. Loaded from and saved to files, and read by the ops whose
        spacing or sampling defaults to it (distance.edt, measure...)."""
        return self._cal if self._cal is not None else Calibration()

    @calibration.setter
    def calibration(self, cal):
        if cal is None:
            cal = None
        elif not isinstance(cal, Calibration):
            raise TypeError(f"calibration: {cal!r}: want a gips.Calibration(x, y, z, unit)")
        self._cal = cal
        self._wire = self._cimg = self._cplanes = self._cref = None  # the descriptions carry it

    # -- geometry --------------------------------------------------------
    geometry = property(lambda self: self._geom, doc="The image's Geometry.")
    bufferType = property(lambda self: self._geom.bufferType, doc="The eImageBufferType.")
    sizeX = property(lambda self: self._geom.sizeX)
    sizeY = property(lambda self: self._geom.sizeY)
    sizeZ = property(lambda self: self._geom.sizeZ)
    sizeC = property(lambda self: self._geom.sizeC)
    sizeT = property(lambda self: self._geom.sizeT)
    shape = property(lambda self: self._geom.shape, doc="The numpy shape.")
    readonly = property(lambda self: self._readonly, doc="Whether the memory must not be written.")

    # -- memory ----------------------------------------------------------
    @property
    def array(self):
        """A numpy array on the image's memory (no copy): each access gives
        a new view, so that reshaping it (``img.array.shape = ...``) cannot
        change what ops read, while writes through it are the image's. An
        image whose planes are not evenly spaced in one block (some shared,
        some copied) has none: use planeArrays()."""
        if self._array is None:
            raise _lib.GipsError(f"array: {self!r}: planes are not evenly spaced in one block; "
                                 "use planeArrays()")
        return self._array.view()

    @property
    def __array_interface__(self):
        return self.array.__array_interface__

    def planeArrays(self):
        """A list of 2D (Y, X) arrays, one per plane on the image's memory, in
        plane order (z fastest, then c, then t)."""
        if self._planes is not None:
            return [p.view() for p in self._planes]
        a = self._array
        return [a[i] for i in np.ndindex(a.shape[:-2])]  # views whatever the strides

    @property
    def shared(self):
        """True when every plane is the source array's own memory."""
        return not self._copied

    @property
    def copiedPlanes(self):
        """The indices of the planes that hold a copy of the source."""
        return self._copied

    @property
    def copyReason(self):
        """Why planes were copied (gips' words), or ""."""
        return self._reason

    def sync(self):
        """Writes the copied planes back into the source array, in its layout
        and byte order. Shared planes need nothing; a read-only image raises."""
        if not self._copied:
            return
        if self._readonly:
            raise _lib.ReadOnlyError(f"sync: {self!r}: the image is read-only")
        block = self._array if self._planes is None else self._block()
        _lib.call("sync", {"source": self._source, "block": _bufferWire(block), "planes": list(self._copied)})

    def _block(self):
        return self._keep[1]

    def _keepAlive(self):
        """What keeps the image's memory alive."""
        return self._array if self._planes is None else self._planes

    def _describe(self):
        """The image as capi reads it (cached: the memory does not move)."""
        if self._wire is None:
            w = {"geometry": self._geom._wire, "readonly": self._readonly}
            if self._cal is not None:
                w["calibration"] = self._cal._wire()
            if self._planes is None:
                a = self._array
                w.update(typestr=a.dtype.str, data=a.__array_interface__["data"][0], strides=list(a.strides))
            else:
                p0 = self._planes[0]
                w["typestr"] = p0.dtype.str
                w["planes"] = [{"data": p.__array_interface__["data"][0], "stride": p.strides[0]}
                               for p in self._planes]
            self._wire = w
        return self._wire

    def _cimage(self):
        """The image as a gips_image struct for op calls (cached: the memory
        does not move)."""
        if self._cimg is None:
            if self._planes is None and self._cal is None and self._fromTemplate():
                return self._cimg
            w = self._describe()
            g = w["geometry"]
            c = _lib.GipsImage()
            c.type = int(self._geom.bufferType)
            c.size[:] = [g["sizeX"], g["sizeY"], g["sizeZ"], g["sizeC"], g["sizeT"]]
            c.color = ("grey", "rgb", "multichannel").index(g["color"])
            c.flags = (1 if g["volume"] else 0) | (2 if g["sequence"] else 0) | (4 if w["readonly"] else 0)
            c.typestr = w["typestr"].encode()
            if self._cal is not None:
                c.flags |= 16
                c.cal[:] = [self._cal.x, self._cal.y, self._cal.z]
                c.unit = self._cal.unit.encode()
            if "planes" in w:
                flat = [v for p in w["planes"] for v in (p["data"], p["stride"])]
                self._cplanes = (ctypes.c_int64 * len(flat))(*flat)  # lives as long as the image
                c.planes = ctypes.cast(self._cplanes, ctypes.POINTER(ctypes.c_int64))
            else:
                c.data = w["data"]
                c.strides[:len(w["strides"])] = w["strides"]
            self._cimg = c
        return self._cimg

    def _callRef(self):
        """The image for the fast op call (_ops._runFast): the address of its
        gips_image struct, which lives as long as the image, and the key of
        what an op's output depends on (geometry, dtype, calibration), for
        the output cache. Cached as _cimage is: reset with the calibration."""
        r = self._cref
        if r is None:
            c = self._cimage()
            r = self._cref
            if r is None:
                g = self._geom._wire
                r = self._cref = (ctypes.addressof(c), ("image", tuple(sorted(g.items())), bytes(c.typestr), self._cal))
                if self._planes is None and self._cal is None:
                    if len(_TEMPLATES) >= 4096:
                        _TEMPLATES.clear()
                    _TEMPLATES[self._templateKey()] = (self._geom, self._array.dtype, bytes(c), r[1])
        return r

    def _templateKey(self):
        a = self._array
        return id(self._geom), id(a.dtype), a.strides, self._readonly

    def _fromTemplate(self):
        """Sets _cimg and _cref from the struct of an image described before
        with the same geometry object, dtype, strides and read-only flag
        (all of the struct but the data address, which is this image's):
        each new image (a fromArray of an array seen before, an op's output)
        described afresh cost ten times the op call's other Python work
        (issue 15). False when there is none."""
        t = _TEMPLATES.get(self._templateKey())
        if t is None or t[0] is not self._geom or t[1] is not self._array.dtype:
            return False
        c = _lib.GipsImage.from_buffer_copy(t[2])
        c.data = _address(self._array)
        self._cimg = c
        self._cref = (ctypes.addressof(c), t[3])
        return True

    def copy(self):
        """A new image with the same geometry and pixels, in new memory."""
        if self._planes is None:
            a = np.array(self._array, order="C")
        else:
            a = np.stack(self._planes).reshape(self.shape)
        img = Image._new(self._geom, False, array=a)
        img._cal = self._cal
        return img

    def __reduce__(self):
        # Pickled as its pixels (a copy) and geometry: for spawned workers.
        if self._planes is None:
            a = np.ascontiguousarray(self._array)
        else:
            a = np.stack(self._planes).reshape(self.shape)
        return _unpickle, (self._geom, a, self._readonly, self._cal)

    def __repr__(self):
        s = f"gips.Image({self._geom.text}, shape={self.shape}"
        if self._readonly:
            s += ", read-only"
        if self._copied:
            s += f", {len(self._copied)} of {self._geom.numPlanes} planes copied"
        return s + ")"


def _unpickle(geom, a, readonly, cal=None):
    if readonly:
        a.flags.writeable = False
    img = fromArray(a, geom)
    img._cal = cal
    return img


def createImage(bufferTypeOrGeometry, sizeX=None, sizeY=None, sizeZ=None):
    """A new image of zeros: createImage(geometry), createImage(bufferType,
    sizeX, sizeY) (2D) or createImage(bufferType, sizeX, sizeY, sizeZ) (3D).
    Sizes are x first; the array's shape is their reverse."""
    g = bufferTypeOrGeometry
    if not isinstance(g, Geometry):
        if sizeX is None or sizeY is None:
            raise TypeError("createImage(bufferType, sizeX, sizeY[, sizeZ]) or createImage(geometry)")
        g = geometry2d(g, sizeX, sizeY) if sizeZ is None else geometry3d(g, sizeX, sizeY, sizeZ)
    elif sizeX is not None:
        raise TypeError("createImage(geometry) takes no sizes")
    return Image._new(g, False, array=np.zeros(g.shape, g.dtype))


def createImageRgb(bufferType, sizeX, sizeY, sizeZ=None):
    """A new RGB image of zeros, 2D (3, Y, X) or 3D (3, Z, Y, X)."""
    g = geometryRgb2d(bufferType, sizeX, sizeY) if sizeZ is None else geometryRgb3d(bufferType, sizeX, sizeY, sizeZ)
    return createImage(g)


def _wrap(request, owner):
    """Asks Go how to hold the source, then holds it: a view of the source
    when every plane is shared (one call); else Go says how many bytes the
    copies need, numpy allocates them, and Go copies the planes that need it
    into that block (a second call)."""
    plan = _lib.call("wrap_plan", request)
    ro = plan["readonly"]
    a = plan.get("array")
    if a is not None:
        geom = Geometry._fromWire(plan["geometry"], plan["shape"], plan["typestr"])
        return Image._new(geom, ro, array=_view(a["data"], a["typestr"], a["shape"], a["strides"], ro, owner),
                          keep=owner)
    raw = np.zeros(plan["blockBytes"], np.uint8)
    plan = _lib.call("wrap_plan", dict(request, block=_bufferWire(raw)))
    geom = Geometry._fromWire(plan["geometry"], plan["shape"], plan["typestr"])
    ro = plan["readonly"]
    block = raw.view(np.dtype(plan["typestr"])).reshape(plan["shape"])
    if ro:
        block.flags.writeable = False
    pa = plan.get("planeArrays")
    planes = None
    if pa:
        isz = block.dtype.itemsize
        bp = block.reshape((-1,) + block.shape[-2:])
        planes = [bp[i] if p is None else
                  _view(p["data"], plan["typestr"], block.shape[-2:], (p["stride"], isz), ro, owner)
                  for i, p in enumerate(pa)]
    return Image._new(geom, ro, array=None if planes else block, planes=planes, keep=(owner, block),
                      source=request, copied=plan["copied"], reason=plan.get("reason", ""))


def _bufferWire(b):
    """A contiguous array as a byte buffer for capi."""
    return {"data": b.__array_interface__["data"][0], "nbytes": b.nbytes, "readonly": not b.flags.writeable}


def _source(a):
    if not isinstance(a, np.ndarray):
        a = np.asarray(a)
    return a


def fromArray(a, geometry=None, copy=True):
    """Wraps a numpy array as an image, without copying when gips can.

    fromArray(a): 2D (Y, X) -> 2D grey, 3D (Z, Y, X) -> 3D grey, buffer type
    from the dtype (bool -> Binary). fromArray(a, geometry): any array whose
    shape is the geometry's numpy shape up to axes of size 1 (a (3, Z, Y, X)
    array as geometryRgb3d(t, X, Y, Z)).

    Planes are shared when their pixels are contiguous along x, aligned and
    in native byte order, whatever the row and plane strides (padding,
    negative strides): writes through the image are seen in `a` and the
    other way round. Other planes are copied (img.shared is False,
    img.sync() writes them back); copy=False raises CopyRequiredError
    instead. A Fortran-order 2D array has an x stride of a whole column, so
    it is copied. A read-only array gives a read-only image.
    """
    a = _source(a)
    if geometry is None:
        return _wrapByLayout("array", a, copy)
    if not isinstance(geometry, Geometry):
        raise TypeError(f"fromArray: geometry {geometry!r}: want a gips.Geometry")
    return _wrap({"kind": "geometry", "array": _arrayWire(a), "strict": not copy, "geometry": geometry._wire}, a)


def _wrapByLayout(kind, a, copy):
    """_wrap of a plain array as `kind`, remembering the plans that shared
    the whole array as it is. The plan depends on the layout, not the
    pixels: an array laid out as one seen before, which Go shared whole,
    is wrapped as a view of itself with the geometry it gave then (no JSON,
    no call into Go: the per-call cost of a small image)."""
    key = None
    if a.__class__ is np.ndarray:
        if _fastShared is not None:
            img = _fastShared(a, kind, _SHARED)  # the writable hit, in C
            if img is not None:
                return img
        key = (a.shape, a.strides, a.dtype, a.flags.writeable, _address(a) % 64, kind)
        hit = _SHARED.get(key)
        if hit is not None:
            geom, ro = hit
            v = a.view()
            if ro:
                v.flags.writeable = False
            return Image._new(geom, ro, array=v, keep=a)
    img = _wrap({"kind": kind, "array": _arrayWire(a), "strict": not copy}, a)
    v = img._array
    if key is not None and img._planes is None and not img._copied and v is not None and v.shape == a.shape \
            and v.strides == a.strides and v.dtype == a.dtype \
            and v.__array_interface__["data"][0] == a.__array_interface__["data"][0]:
        if len(_SHARED) >= 4096:
            _SHARED.clear()
        _SHARED[key] = (img._geom, img._readonly)
    return img


# The plans that shared the whole array as it is, by layout (shape,
# strides, dtype, read-only, address modulo 64: what Go's plan reads) and
# kind (array, rgb, binary, label).
_SHARED = {}

# _fastcall.shared, which _ops sets once the module is initialised.
_fastShared = None

# The gips_image structs of images described before (Image._fromTemplate),
# by the ids of their geometry and dtype objects (each entry holds both,
# so an id in a key is not reused while the entry lives), strides and
# read-only flag; each with the _callRef key. Without calibration or
# planes: those images are described afresh.
_TEMPLATES = {}


def _addressOf(a):
    return a.__array_interface__["data"][0]


def _addressProbe():
    """The fastest correct way to read an array's data address: numpy's
    PyArrayObject starts with PyObject_HEAD and then `char *data` (its
    public C layout, numpy 1 and 2); checked here on arrays, else the
    array interface."""
    off = 2 * ctypes.sizeof(ctypes.c_void_p)
    at = ctypes.c_void_p.from_address

    def fast(a):
        return at(id(a) + off).value or 0
    try:
        for t in (np.zeros(3, np.uint8), np.zeros((4, 5), np.float64)[1:, ::2], np.empty(0)):
            if fast(t) != _addressOf(t):
                return _addressOf
    except Exception:  # pragma: no cover - another Python implementation
        return _addressOf
    return fast


_address = _addressProbe()


def fromRgbArray(a, copy=True):
    """Wraps a (3, Y, X) array as a 2D RGB image (see fromArray)."""
    return _wrapByLayout("rgb", _source(a), copy)


def fromBinaryArray(a, copy=True):
    """Wraps a 2D or 3D array of dtype bool, int8 or uint8 as a Binary image;
    binary algorithms read any non-zero byte as 1 (see fromArray)."""
    return _wrapByLayout("binary", _source(a), copy)


def fromLabelArray(a, copy=True):
    """Wraps a 2D or 3D array of dtype uint16 or uint32 as a Label16 or
    Label32 image (see fromArray)."""
    return _wrapByLayout("label", _source(a), copy)


def fromDigisens(buffer, geometry, rowAlign, planeAlign, copy=True):
    """Wraps a Digisens/DigiXCT buffer (bytes-like or a contiguous numpy
    array, planes in order) whose lines are padded to rowAlign bytes and
    planes to planeAlign bytes, without copying when the padding keeps the
    pixels aligned."""
    b = buffer if isinstance(buffer, np.ndarray) else np.frombuffer(buffer, np.uint8)
    if not b.flags.c_contiguous:
        raise ValueError(f"fromDigisens: buffer of shape {b.shape} strides {b.strides}: want contiguous bytes")
    if not isinstance(geometry, Geometry):
        raise TypeError(f"fromDigisens: geometry {geometry!r}: want a gips.Geometry")
    req = {"kind": "digisens", "geometry": geometry._wire, "rowAlign": int(rowAlign), "planeAlign": int(planeAlign),
           "buffer": _bufferWire(b),
           "strict": not copy}
    return _wrap(req, b)


DigisensBuffer = collections.namedtuple("DigisensBuffer", "data rowStride planeStride view")
DigisensBuffer.__doc__ = """An image's pixels in Digisens layout: data is a 1D uint8
array; view is True when data is the image's own memory."""


def toDigisens(img, rowAlign, planeAlign):
    """The image's pixels in the Digisens layout (lines padded to rowAlign
    bytes, planes to planeAlign): a view of the image's memory when it
    already has that layout, one copy otherwise."""
    img = asImage(img)
    # The block the image lies in, so that Go can see the padding after
    # the last plane and give a view when the layout is already Digisens.
    desc = dict(img._describe())
    base = _allocation(img._keepAlive())
    if base is not None:
        desc["base"] = _bufferWire(base)
    req = {"image": desc, "rowAlign": int(rowAlign), "planeAlign": int(planeAlign)}
    lay = _lib.call("digisens_layout", req)
    block = np.zeros(lay["nbytes"], np.uint8)
    req["block"] = _arrayWire(block)
    rep = _lib.call("to_digisens", req)
    if rep["view"]:
        data = _view(rep["data"], "|u1", (rep["nbytes"],), (1,), img.readonly, img._keepAlive())
    else:
        data = block
    return DigisensBuffer(data, rep["rowStride"], rep["planeStride"], rep["view"])


def _allocation(a):
    """The contiguous array that owns a's memory (a's base, through views and
    _Memory owners), or None."""
    if not isinstance(a, np.ndarray):
        return None
    while True:
        b = a.base
        if isinstance(b, _Memory):
            b = b._owner
        if not isinstance(b, np.ndarray):
            break
        a = b
    return a if a.flags.c_contiguous else None


def asImage(x):
    """x if it is an Image, else fromArray(x)."""
    return x if isinstance(x, Image) else fromArray(x)


def _outImage(geom, array, cal, _new=object.__new__):
    """Image._new(geom, False, array=array) with calibration cal, for the
    op call's new output (_ops._runFast): the same fields, set without
    _new's keyword handling (a small op call's fixed cost, issue 15)."""
    img = _new(Image)
    img._geom, img._readonly, img._array = geom, False, array
    img._planes = img._keep = img._source = img._wire = img._cimg = img._cplanes = img._cref = None
    img._copied, img._reason, img._cal = (), "", cal
    return img
