"""Rows of the transform and colour families (issues 13 and 15): zoom 2.0 linear,
zoom 0.5 and 2.0 cubic, rotate 30 degrees linear, and the colour conversions
rgbToGrey, rgbToLab, rgbToHsv, hsvToRgb, labToRgb, rgbToYCbCr, greyToRgb.

zoom 0.5 linear, sobel and gradmag are in rows.py. Loaded by rows.py after its own
rows (see the end of rows.py).
"""

import cv2
import numpy as np
import scipy.ndimage as ndi
from skimage.color import gray2rgb, hsv2rgb, lab2rgb, rgb2gray, rgb2hsv, rgb2lab, rgb2ycbcr

import inputs
from rows import GIPS, Close, Impl, PerAxis, cv_along_z, cv_planes, row

# ---- zoom -------------------------------------------------------------------------


def _zoom_shape(n, f):
    return int(round(n * f))  # scipy's rule (half to even; the sizes here are exact)


def cv_zoom(v, f, interp=cv2.INTER_LINEAR):
    """cv2.resize by factor f; a volume: every plane, then a 1D resize along z
    (OpenCV's resize is separable with the same kernel on every axis)."""
    if v.ndim == 2:
        h, w = v.shape
        return cv2.resize(v, (_zoom_shape(w, f), _zoom_shape(h, f)), interpolation=interp)
    z, h, w = v.shape
    oh, ow, oz = _zoom_shape(h, f), _zoom_shape(w, f), _zoom_shape(z, f)
    f2 = lambda s, o: cv2.resize(s, (ow, oh), dst=o, interpolation=interp)
    planes = cv_planes(v, f2, (z, oh, ow))
    fz = lambda m: cv2.resize(m, (m.shape[1], oz), interpolation=interp)
    return cv_along_z(planes, fz)


@row(
    "zoom2",
    "zoom 2.0, linear",
    check=PerAxis("rounding of integer output"),
    note="pixel-centre grid (scipy grid_mode=True, OpenCV's convention), mode nearest = OpenCV's replicated edge",
)
def _(d):
    return [
        Impl("scipy", lambda d: ndi.zoom(d.grey, 2.0, order=1, mode="nearest", grid_mode=True)),
        Impl("opencv", lambda d: cv_zoom(d.grey, 2.0), composed=d.ndim == 3),
    ]


_CUBIC_NOTE = ("scipy's cubic B-spline (order 3, prefiltered); no OpenCV peer: INTER_CUBIC is Keys' "
               "a=-0.75 convolution kernel, a different interpolant")


@row("zoom_half_cubic", "zoom 0.5, cubic spline", check=Close(1, "rounding of integer output"), note=_CUBIC_NOTE)
def _(d):
    return [Impl("scipy", lambda d: ndi.zoom(d.grey, 0.5, order=3, mode="nearest", grid_mode=True))]


# 3D: the 1 GiB uint16 output of a 2x cubic zoom costs scipy minutes per call, so
# the row runs on the 2D input only.
@row("zoom2_cubic", "zoom 2.0, cubic spline", dims=(2,), check=Close(1, "rounding of integer output"),
     note=_CUBIC_NOTE + "; 2D only (scipy takes minutes on the 3D input's 1 GiB output)")
def _(d):
    return [Impl("scipy", lambda d: ndi.zoom(d.grey, 2.0, order=3, mode="nearest", grid_mode=True))]


# ---- rotate -----------------------------------------------------------------------

ANGLE = 30.0


def _rot_matrix_cv(shape, angle):
    """OpenCV's inverse map for scipy.ndimage.rotate(reshape=False) in the (y, x)
    plane: scipy reads the input at R (o - c) + c, R = [[cos, sin], [-sin, cos]] in
    (y, x) order, c the centre ((n - 1) / 2); in OpenCV's (x, y) order that is
    src = [[cos, -sin], [sin, cos]] dst + offset."""
    h, w = shape
    a = np.deg2rad(angle)
    c, s = np.cos(a), np.sin(a)
    rot = np.array([[c, s], [-s, c]])
    centre = (np.array([h, w], float) - 1) / 2
    off = centre - rot @ centre  # (y, x)
    return np.array([[c, -s, off[1]], [s, c, off[0]]])


def cv_rotate(v, angle):
    m = _rot_matrix_cv(v.shape[-2:], angle)
    flags = cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP
    f2 = lambda s, o: cv2.warpAffine(s, m, (s.shape[1], s.shape[0]), dst=o, flags=flags,
                                     borderMode=cv2.BORDER_REPLICATE)
    if v.ndim == 2:
        return f2(v, None)
    return cv_planes(v, f2)


@row(
    "rotate30",
    "rotate 30°, linear (same shape)",
    check=Close(0, "OpenCV snaps source coordinates to 1/32 pixel", rtol=0.02),
    note="scipy rotate(reshape=False, order=1, mode nearest) in the (y, x) plane (a volume plane by plane); "
         "OpenCV warpAffine with the same inverse matrix, BORDER_REPLICATE (= nearest), per plane; "
         "OpenCV's integer path rounds the source coordinates to 1/32 pixel",
)
def _(d):
    axes = (1, 0) if d.ndim == 2 else (2, 1)
    return [
        Impl("scipy", lambda d: ndi.rotate(d.grey, ANGLE, axes=axes, reshape=False, order=1, mode="nearest")),
        Impl("opencv", lambda d: cv_rotate(d.grey, ANGLE)),
    ]


# ---- colour -----------------------------------------------------------------------


class Rgb:
    """An RGB image of the 2D input's size: three smooth noisy uint8 fields. skimage
    and OpenCV get it interleaved (Y, X, 3), their native layout; gips planar
    (3, Y, X), its own (fromRgbArray). The same pixels, built once (not timed)."""

    @staticmethod
    def _build(d):
        planar = np.stack([inputs.smooth_noisy(d.grey.shape, np.uint8, seed=200 + i) for i in range(3)])
        return planar, np.ascontiguousarray(np.moveaxis(planar, 0, -1))

    of = staticmethod(inputs.per_size(_build.__func__))


class OtherDefinition(Close):
    """Close, except for results that other(got) marks as computing another
    definition (a speed peer only): those are not compared, and the detail says so."""

    def __init__(self, atol, why, other, other_why):
        super().__init__(atol, why)
        self.other, self.other_why = other, other_why

    def __call__(self, ref, got):
        if self.other(np.asarray(got)):
            return True, f"not compared: {self.other_why}"
        return Close.__call__(self, ref, got)


def _is_u8(a):
    return a.dtype == np.uint8


@row(
    "rgb_grey",
    "rgbToGrey, RGB of the 2D size, float64 out",
    dims=(2,),
    check=OtherDefinition(1e-6, "float64", _is_u8, "OpenCV's weights 0.299/0.587/0.114, rounded to uint8"),
    note="skimage rgb2gray: 0.2125 R + 0.7154 G + 0.0721 B of img_as_float, float64; "
         "OpenCV cvtColor RGB2GRAY is a speed peer only (other weights, uint8 output)",
)
def _(d):
    Rgb.of(d)
    return [
        Impl("skimage", lambda d: rgb2gray(Rgb.of(d)[1])),
        Impl("opencv", lambda d: cv2.cvtColor(Rgb.of(d)[1], cv2.COLOR_RGB2GRAY)),
    ]


@row(
    "rgb_lab",
    "rgbToLab, RGB of the 2D size, float64 out",
    dims=(2,),
    check=OtherDefinition(1e-6, "float64", _is_u8, "OpenCV's 8-bit Lab (L*255/100, a+128, b+128, rounded)"),
    note="skimage rgb2lab (sRGB, D65, 2°), float64, channel last (gips: channel first, compared transposed); "
         "OpenCV cvtColor RGB2Lab on uint8 is a speed peer only (8-bit scaled output)",
)
def _(d):
    Rgb.of(d)
    return [
        Impl("skimage", lambda d: rgb2lab(Rgb.of(d)[1])),
        Impl("opencv", lambda d: cv2.cvtColor(Rgb.of(d)[1], cv2.COLOR_RGB2Lab)),
    ]


def _is_f32(a):
    return a.dtype == np.float32


class Derived:
    """Inputs of the inverse conversions, made once from the Rgb image with
    skimage (not timed): HSV and Lab, float64, channel last (skimage) and
    channel first (gips), and OpenCV's float32 forms (HSV with hue in degrees)."""

    _cache = {}

    @classmethod
    def of(cls, d, what):
        key = (d.grey.shape, what)
        if key not in cls._cache:
            last = {"hsv": rgb2hsv, "lab": rgb2lab}[what](Rgb.of(d)[1])
            cv = last.astype(np.float32)
            if what == "hsv":
                cv[..., 0] *= 360
            cls._cache[key] = (last, np.ascontiguousarray(np.moveaxis(last, -1, 0)), cv)
        return cls._cache[key]


@row(
    "rgb_hsv",
    "rgbToHsv, RGB of the 2D size, float64 out",
    dims=(2,),
    check=OtherDefinition(1e-6, "float64", _is_u8, "OpenCV's 8-bit HSV (hue / 2, S and V x 255)"),
    note="skimage rgb2hsv, float64, channel last (gips: channel first, compared transposed); "
         "OpenCV cvtColor RGB2HSV on uint8 is a speed peer only (8-bit scaled output)",
)
def _(d):
    Rgb.of(d)
    return [
        Impl("skimage", lambda d: rgb2hsv(Rgb.of(d)[1])),
        Impl("opencv", lambda d: cv2.cvtColor(Rgb.of(d)[1], cv2.COLOR_RGB2HSV)),
    ]


@row(
    "hsv_rgb",
    "hsvToRgb, HSV float64 of the 2D size",
    dims=(2,),
    check=OtherDefinition(1e-6, "float64", _is_f32, "OpenCV's float32 HSV2RGB (hue in degrees)"),
    note="skimage hsv2rgb of rgb2hsv(the RGB image), float64; "
         "OpenCV cvtColor HSV2RGB on the same HSV in float32 (hue x 360) is a speed peer only",
)
def _(d):
    Derived.of(d, "hsv")
    return [
        Impl("skimage", lambda d: hsv2rgb(Derived.of(d, "hsv")[0])),
        Impl("opencv", lambda d: cv2.cvtColor(Derived.of(d, "hsv")[2], cv2.COLOR_HSV2RGB)),
    ]


@row(
    "lab_rgb",
    "labToRgb, Lab float64 of the 2D size",
    dims=(2,),
    check=OtherDefinition(1e-6, "float64", _is_f32, "OpenCV's float32 Lab2RGB"),
    note="skimage lab2rgb of rgb2lab(the RGB image), float64; "
         "OpenCV cvtColor Lab2RGB on the same Lab in float32 is a speed peer only",
)
def _(d):
    Derived.of(d, "lab")
    return [
        Impl("skimage", lambda d: lab2rgb(Derived.of(d, "lab")[0])),
        Impl("opencv", lambda d: cv2.cvtColor(Derived.of(d, "lab")[2], cv2.COLOR_Lab2RGB)),
    ]


@row(
    "rgb_ycbcr",
    "rgbToYCbCr, RGB of the 2D size, float64 out",
    dims=(2,),
    check=OtherDefinition(1e-6, "float64", _is_u8, "OpenCV's 8-bit YCrCb (another channel order and range)"),
    note="skimage rgb2ycbcr (ITU-R BT.601), float64; OpenCV cvtColor RGB2YCrCb on uint8 is a speed peer only",
)
def _(d):
    Rgb.of(d)
    return [
        Impl("skimage", lambda d: rgb2ycbcr(Rgb.of(d)[1])),
        Impl("opencv", lambda d: cv2.cvtColor(Rgb.of(d)[1], cv2.COLOR_RGB2YCrCb)),
    ]


@row(
    "grey_rgb",
    "greyToRgb, the 2D grey image, uint8 out",
    dims=(2,),
    check=Close(0),
    note="skimage gray2rgb and OpenCV cvtColor GRAY2RGB, channel last; gips channel first (compared transposed)",
)
def _(d):
    return [
        Impl("skimage", lambda d: gray2rgb(d.grey)),
        Impl("opencv", lambda d: cv2.cvtColor(d.grey, cv2.COLOR_GRAY2RGB)),
    ]


def _gips_rgb(op, d, **kw):
    import gips  # the binding the harness loaded (its path is on sys.path)

    return op(gips.fromRgbArray(Rgb.of(d)[0]), **kw)


def _gips_lab(op, d):
    out = _gips_rgb(op, d)
    a = out.array if hasattr(out, "array") else out
    return a.transpose(1, 2, 0)  # a view: channel last as skimage, no copy


def _gips_inverse(what):
    def call(op, d):
        import gips

        out = op(gips.fromRgbArray(Derived.of(d, what)[1]))
        a = out.array if hasattr(out, "array") else out
        return a.transpose(1, 2, 0)

    return call


def _gips_grey_rgb(op, d):
    out = op(d.grey)
    a = out.array if hasattr(out, "array") else out
    return a.transpose(1, 2, 0)


GIPS.update({
    "zoom2": (["transform.zoom"], lambda op, d: op(d.grey, factor=2.0, order=1, mode="nearest", grid_mode=True)),
    "zoom_half_cubic": (["transform.zoom"], lambda op, d: op(d.grey, factor=0.5, order=3, mode="nearest", grid_mode=True)),
    "zoom2_cubic": (["transform.zoom"], lambda op, d: op(d.grey, factor=2.0, order=3, mode="nearest", grid_mode=True)),
    "rotate30": (["transform.rotate"], lambda op, d: op(d.grey, ANGLE, axes="xy", reshape=False, order=1, mode="nearest")),
    "rgb_grey": (["color.rgbToGrey"], _gips_rgb),
    "rgb_lab": (["color.rgbToLab"], _gips_lab),
    "rgb_hsv": (["color.rgbToHsv"], _gips_lab),
    "hsv_rgb": (["color.hsvToRgb"], _gips_inverse("hsv")),
    "lab_rgb": (["color.labToRgb"], _gips_inverse("lab")),
    "rgb_ycbcr": (["color.rgbToYCbCr"], _gips_lab),
    "grey_rgb": (["color.greyToRgb"], _gips_grey_rgb),
})
