"""Rows of the geometric transforms that had none (issue 15, "every registered op
that a peer has gets a row"): affine, shift, mapCoordinates, resize, resample,
flip and pad. Zoom and rotate are in rows.py and rows_transform.py. Loaded by
rows.py.

The interpolating rows are linear with mode nearest, scipy.ndimage the reference
and OpenCV (warpAffine, remap) a speed peer on the 2D input: OpenCV's integer path
snaps source coordinates to 1/32 pixel, so its check allows what rotate30's does.
The 3D input runs only the cheap copies (flip, pad) and resample (scipy's zoom):
scipy's 3D affine and map_coordinates take minutes on 64 Mi voxels.
"""

import cv2
import numpy as np
import scipy.ndimage as ndi
from skimage.transform import resize as sk_resize

from rows import GIPS, Close, Impl, PerAxis, flat2d, row
from rows_transform import OtherDefinition

ANGLE = np.deg2rad(20.0)
SCALE = 1.1
SHIFT = (0.5, -1.25)  # (y, x): half and quarter pixels, the dyadic weights of the integer path
PAD = 16
_SNAP = Close(0, "OpenCV snaps source coordinates to 1/32 pixel", rtol=0.02)


def _affine(shape):
    """scipy's (matrix, offset) in (y, x) order: rotate by ANGLE and scale by SCALE
    about the centre (output o reads the input at m o + offset)."""
    c, s = np.cos(ANGLE) / SCALE, np.sin(ANGLE) / SCALE
    m = np.array([[c, s], [-s, c]])
    centre = (np.array(shape, float) - 1) / 2
    return m, centre - m @ centre


def _cv_warp(v, m, off):
    """warpAffine with scipy's inverse map (x first for OpenCV), replicated edge."""
    mx = np.array([[m[1, 1], m[1, 0], off[1]], [m[0, 1], m[0, 0], off[0]]])
    return cv2.warpAffine(v, mx, (v.shape[1], v.shape[0]), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                          borderMode=cv2.BORDER_REPLICATE)


@row("affine", "affine (rotate 20° and scale 1.1 about the centre), linear", dims=(2,), check=_SNAP,
     note="scipy affine_transform(order=1, mode nearest); OpenCV warpAffine with the same inverse map, "
          "BORDER_REPLICATE; 2D only (scipy's 3D affine takes minutes on the 3D input)")
def _(d):
    m, off = _affine(d.grey.shape)
    return [
        Impl("scipy", lambda d: ndi.affine_transform(d.grey, m, off, order=1, mode="nearest")),
        Impl("opencv", lambda d: _cv_warp(d.grey, m, off)),
    ]


@row("shift", "shift by (0.5, -1.25) pixels (y, x), linear", dims=(2,), check=_SNAP,
     note="scipy shift(order=1, mode nearest); OpenCV warpAffine translation, BORDER_REPLICATE; 2D only")
def _(d):
    eye = np.eye(2)
    return [
        Impl("scipy", lambda d: ndi.shift(d.grey, SHIFT, order=1, mode="nearest")),
        Impl("opencv", lambda d: _cv_warp(d.grey, eye, -np.array(SHIFT))),
    ]


_coords = {}


def _coordinates(shape):
    """The points of _affine as a (2, Y, X) float32 array in numpy order (scipy's
    map_coordinates), built once per shape."""
    if shape not in _coords:
        _coords.clear()
        m, off = _affine(shape)
        yy, xx = np.indices(shape, dtype=np.float64)
        c = np.stack([m[0, 0] * yy + m[0, 1] * xx + off[0], m[1, 0] * yy + m[1, 1] * xx + off[1]])
        _coords[shape] = c.astype(np.float32)
    return _coords[shape]


def _gips_map(op, d):
    import gips

    c = _coordinates(d.grey.shape)
    y, x = c.shape[1:]
    g = gips.Geometry("Real32", x, y, 1, sizeC=2, color="multichannel")
    out = op(d.grey, gips.fromArray(c[::-1].reshape(2, 1, y, x), g), order=1, mode="nearest")
    a = out.array if hasattr(out, "array") else out
    return a.reshape(d.grey.shape)


@row("map_coordinates", "mapCoordinates at the points of the affine row, linear", dims=(2,), check=_SNAP,
     note="scipy map_coordinates(order=1, mode nearest) with float32 coordinates; OpenCV remap (float32 maps, "
          "INTER_LINEAR, BORDER_REPLICATE); gips takes the coordinates as one channel per axis, x first (a view)")
def _(d):
    _coordinates(d.grey.shape)
    return [
        Impl("scipy", lambda d: ndi.map_coordinates(d.grey, _coordinates(d.grey.shape), order=1, mode="nearest")),
        Impl("opencv", lambda d: cv2.remap(d.grey, _coordinates(d.grey.shape)[1], _coordinates(d.grey.shape)[0],
                                           cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)),
    ]


def _is_u8(a):
    return a.dtype == np.uint8


@row("resize_half", "resize to half size, linear, anti-aliased (skimage's defaults)", dims=(2,),
     check=OtherDefinition(1e-6, "float64", _is_u8, "OpenCV INTER_AREA: a 2x2 mean in uint8, no Gaussian"),
     note="skimage.transform.resize(order=1, anti_aliasing=True): float64 in [0, 1]; OpenCV resize INTER_AREA "
          "is a speed peer only (another definition: its 2x2 mean is gips' resample by 2, the resample2 row); "
          "2D only")
def _(d):
    shape = tuple(n // 2 for n in d.grey.shape)
    return [
        Impl("skimage", lambda d: sk_resize(d.grey, shape, order=1, anti_aliasing=True)),
        Impl("opencv", lambda d: cv2.resize(d.grey, shape[::-1], interpolation=cv2.INTER_AREA)),
    ]


@row("resample2", "resample to voxels twice as large (zoom 0.5, grid mode, linear)",
     check=PerAxis("rounding of integer output"),
     note="scipy zoom(0.5, order=1, mode nearest, grid_mode=True): what resample computes from the spacings; "
          "at a factor of 2 each output pixel is the mean of a 2x2 block, OpenCV resize INTER_AREA's result on "
          "even 2D sizes (the same pixels), so OpenCV is a peer in 2D")
def _(d):
    peers = [Impl("scipy", lambda d: ndi.zoom(d.grey, 0.5, order=1, mode="nearest", grid_mode=True))]
    if d.grey.ndim == 2 and not any(n % 2 for n in d.grey.shape):
        shape = tuple(n // 2 for n in d.grey.shape)
        peers.append(Impl("opencv", lambda d: cv2.resize(d.grey, shape[::-1], interpolation=cv2.INTER_AREA)))
    return peers


@row("flip_x", "flip along x (a copy)", check=Close(0),
     note="gips transform.flip is a copy (registry ops return new images); compared with numpy flip(...).copy() "
          "(the view made contiguous); OpenCV flip(code 1) per 2D view (a volume as one tall image). The views "
          "themselves (np.flip, gips Image.flipView along y/z) copy nothing")
def _(d):
    return [
        Impl("numpy", lambda d: np.flip(d.grey, -1).copy()),
        Impl("opencv", lambda d: cv2.flip(flat2d(d.grey), 1).reshape(d.grey.shape)),
    ]


@row("pad_reflect", f"pad {PAD} pixels on every side, reflect", check=Close(0),
     note="numpy pad(mode='reflect'); OpenCV copyMakeBorder BORDER_REFLECT_101 (2D: the same pixels)")
def _(d):
    peers = [Impl("numpy", lambda d: np.pad(d.grey, PAD, mode="reflect"))]
    if d.grey.ndim == 2:
        peers.append(Impl("opencv", lambda d: cv2.copyMakeBorder(d.grey, PAD, PAD, PAD, PAD, cv2.BORDER_REFLECT_101)))
    return peers


@row("rot90", "a quarter turn in the (y, x) plane (a copy)", check=Close(0),
     note="gips transform.rot90 is a copy (a tiled transpose); compared with numpy rot90(a, axes=(-2, -1)).copy() "
          "(the view made contiguous); OpenCV rotate(ROTATE_90_COUNTERCLOCKWISE) per plane. gips Image.rot90View "
          "is a view for turns in yz")
def _(d):
    def cv(v):
        f = lambda p: cv2.rotate(p, cv2.ROTATE_90_COUNTERCLOCKWISE)
        return f(v) if v.ndim == 2 else np.stack([f(p) for p in v])

    return [
        Impl("numpy", lambda d: np.rot90(d.grey, axes=(-2, -1)).copy()),
        Impl("opencv", lambda d: cv(d.grey)),
    ]


GIPS.update({
    "affine": (["transform.affine"], lambda op, d: op(d.grey, _affine(d.grey.shape)[0],
                                                      offset=list(_affine(d.grey.shape)[1]), order=1,
                                                      mode="nearest")),
    "shift": (["transform.shift"], lambda op, d: op(d.grey, list(SHIFT), order=1, mode="nearest")),
    "map_coordinates": (["transform.mapCoordinates"], _gips_map),
    "resize_half": (["transform.resize"], lambda op, d: op(d.grey, [n // 2 for n in d.grey.shape], order=1,
                                                          anti_aliasing="true")),
    "resample2": (["transform.resample"], lambda op, d: op(d.grey, 2.0)),
    "flip_x": (["transform.flip"], lambda op, d: op(d.grey, "x")),
    "rot90": (["transform.rot90"], lambda op, d: op(d.grey, 1, axes="xy")),
    "pad_reflect": (["transform.pad"], lambda op, d: op(d.grey, PAD, mode="reflect")),
})
