"""Rows of the colour family (issue 13) with integer output: the same
conversions as the float64 rows in rows_transform.py (rgb_grey, rgb_lab, ...,
compared with skimage), here with gips' output="UInt8", OpenCV cvtColor's
output type for a uint8 image, so that the OpenCV column is like for like.

The reference is skimage's float64 result scaled back in numpy (times 255; Lab
as OpenCV's 8-bit Lab: L*255/100, a+128, b+128), rounded half away from zero:
gips' documented rule. Loaded by rows.py after its own rows.
"""

import cv2
import numpy as np
from skimage.color import hsv2rgb, lab2rgb, rgb2gray, rgb2hsv, rgb2lab, rgb2ycbcr

import inputs
from rows import GIPS, Close, Impl, row
from rows_transform import Rgb


def _u8(x):
    """Round half away from zero and saturate to uint8 (x >= 0 here, but clip)."""
    return np.clip(np.floor(x + 0.5), 0, 255).astype(np.uint8)


def _other(a):
    """Marks a peer's result computed with another definition (a speed peer
    only) as read-only: a flag the harness' np.asarray keeps (a subclass it
    would drop). Every other result here is a new, writable array."""
    a.flags.writeable = False
    return a


def _is_other(a):
    return not np.asarray(a).flags.writeable


class NotOther(Close):
    """Close, except for results marked by _other: not compared, the detail says why."""

    def __init__(self, atol, why, other_why):
        super().__init__(atol, why)
        self.other_why = other_why

    def __call__(self, ref, got):
        if _is_other(got):
            return True, f"not compared: {self.other_why}"
        return Close.__call__(self, np.asarray(ref), np.asarray(got))


def _moved(out_channels):
    return lambda d: 3 * d.grey.size + out_channels * d.grey.size


_LAB8 = np.array([255 / 100, 1, 1]), np.array([0, 128, 128])


def _gips_u8(three):
    def call(op, d):
        import gips  # the binding the harness loaded (its path is on sys.path)

        out = op(gips.fromRgbArray(Rgb.of(d)[0]), output="UInt8")
        a = out.array if hasattr(out, "array") else out
        return a.transpose(1, 2, 0) if three else a  # a view: channel last, no copy (moveaxis costs 1.5-6 us a call)

    return call


def _u8_row(key, title, op, channels, check, note, ref, code, other):
    """One row: gips' op with output="UInt8" on the planar RGB image, the
    reference ref(rgb) on the interleaved one, OpenCV cvtColor(rgb, code)
    (other: a speed peer with another definition, not compared)."""
    mark = _other if other else (lambda a: a)

    @row(key, title, dims=(2,), moved=_moved(channels), check=check, note=note)
    def _(d):
        Rgb.of(d)
        return [
            Impl("skimage", lambda d: ref(Rgb.of(d)[1])),
            Impl("opencv", lambda d: mark(cv2.cvtColor(Rgb.of(d)[1], code))),
        ]

    GIPS[key] = ([op], _gips_u8(channels == 3))


_u8_row(
    "rgb_grey_u8", "rgbToGrey, RGB of the 2D size, uint8 out", "color.rgbToGrey", 1,
    NotOther(1, "a tie (x.5) may round either way in float64", "OpenCV's weights 0.299/0.587/0.114"),
    "gips output=UInt8: round(0.2125 R + 0.7154 G + 0.0721 B), skimage's weights; reference "
    "skimage rgb2gray x 255 rounded in numpy; OpenCV cvtColor RGB2GRAY (uint8, BT.601 weights) "
    "is the same work with other weights (speed peer, not compared)",
    lambda rgb: _u8(rgb2gray(rgb) * 255), cv2.COLOR_RGB2GRAY, True,
)
_u8_row(
    "rgb_lab_u8", "rgbToLab, RGB of the 2D size, uint8 out (OpenCV's 8-bit Lab)", "color.rgbToLab", 3,
    Close(2, "OpenCV's fixed-point 8-bit Lab"),
    "gips output=UInt8: L*255/100, a+128, b+128 rounded, as OpenCV cvtColor RGB2Lab on uint8; "
    "reference skimage rgb2lab encoded the same way in numpy; channel last (gips channel first, "
    "compared transposed)",
    lambda rgb: _u8(rgb2lab(rgb) * _LAB8[0] + _LAB8[1]), cv2.COLOR_RGB2Lab, False,
)
_u8_row(
    "rgb_hsv_u8", "rgbToHsv, RGB of the 2D size, uint8 out", "color.rgbToHsv", 3,
    NotOther(1, "gips rounds the exact rational, a tie (x.5) up; skimage's float64 may fall either side", "OpenCV's 8-bit hue is degrees / 2"),
    "gips output=UInt8: h, s, v x 255 rounded; reference skimage rgb2hsv x 255 in numpy; "
    "OpenCV cvtColor RGB2HSV (uint8, hue 0..180) is a speed peer only",
    lambda rgb: _u8(rgb2hsv(rgb) * 255), cv2.COLOR_RGB2HSV, True,
)
_u8_row(
    "rgb_ycbcr_u8", "rgbToYCbCr, RGB of the 2D size, uint8 out", "color.rgbToYCbCr", 3,
    NotOther(1, "a tie may round either way in float64", "OpenCV's YCrCb: full range, Cr before Cb"),
    "gips output=UInt8: skimage's BT.601 Y in [16, 235] rounded; reference skimage rgb2ycbcr "
    "rounded in numpy; OpenCV cvtColor RGB2YCrCb (uint8) is a speed peer only",
    lambda rgb: _u8(rgb2ycbcr(rgb)), cv2.COLOR_RGB2YCrCb, True,
)


# ---- float32 in, float32 out (issue 15): the like-for-like peers of OpenCV's
# float32 cvtColor. skimage keeps float32 for a float32 input (it computes in
# float32); gips' auto output is Real32 for a Real32 input (computed in float32
# too, Lab with float64 last steps). The float64 rows of rows_transform.py stay:
# they are skimage's default output for uint8 input.


class Rgb32:
    """The Rgb image as float32 in [0, 1] (uint8 / 255), interleaved (skimage,
    OpenCV) and planar (gips), and the float32 HSV and Lab that skimage makes of
    it (the inverse rows' inputs; OpenCV's HSV with the hue in degrees). Built
    once per size (not timed)."""

    @staticmethod
    def _build(d):
        planar, last = Rgb.of(d)
        p32, l32 = (planar / np.float32(255)).astype(np.float32), (last / np.float32(255)).astype(np.float32)
        hsv, lab = rgb2hsv(l32), rgb2lab(l32)
        cvhsv = hsv.copy()
        cvhsv[..., 0] *= 360
        planar_of = lambda a: np.ascontiguousarray(np.moveaxis(a, -1, 0))
        return {"rgb": (p32, l32, l32), "hsv": (planar_of(hsv), hsv, cvhsv), "lab": (planar_of(lab), lab, lab)}

    of = staticmethod(inputs.per_size(_build.__func__))


def _gips_f32(what, three):
    def call(op, d):
        import gips

        out = op(gips.fromRgbArray(Rgb32.of(d)[what][0]))
        a = out.array if hasattr(out, "array") else out
        return a.transpose(1, 2, 0) if three else a

    return call


def _f32_row(key, title, op, what, channels, ref, code, tol, why, cv_why):
    """One float32 row: skimage ref on the float32 input (the reference), OpenCV
    cvtColor(input, code) on the same float32 (a speed peer: its float32
    definitions differ, see cv_why), gips' op with its default (Real32) output."""

    @row(key, title, dims=(2,), moved=lambda d: 4 * (3 + channels) * d.grey.size,
         check=NotOther(0, why, cv_why) if tol is None else _rel(tol, why, cv_why),
         note=f"float32 in and out: skimage {ref.__name__} of float32 (computed in float32), the reference; "
              f"gips {op} (Real32 for Real32: Lab in float32 with float64 last steps, within about one float32 ulp of "
              f"the float64 formulas; the others in float32 as skimage, grey and YCbCr with fused multiply-adds); "
              f"OpenCV cvtColor on the same float32 (channel last; gips channel first, compared transposed) is a speed peer: {cv_why}")
    def _(d):
        Rgb32.of(d)
        return [
            Impl("skimage", lambda d: ref(Rgb32.of(d)[what][1])),
            Impl("opencv", lambda d: _other(cv2.cvtColor(Rgb32.of(d)[what][2], code))),
        ]

    GIPS[key] = ([op], _gips_f32(what, channels == 3))


def _rel(rtol, why, cv_why):
    c = NotOther(0, why, cv_why)
    c.rtol = rtol
    c.desc = f"max abs diff <= {rtol:g} x max |value| ({why})"
    return c


_F32 = "both compute in float32, rounding in other orders (gips: fused multiply-adds for grey and YCbCr)"
# skimage's lab2rgb in float32 is up to 3.4e-6 (values in [0, 1]) from its own
# float64 answer on the same input, gips 3e-8 (this input at 4096², 2026-11-30):
# the difference is skimage's float32 rounding.
_F32_RGBLAB = ("skimage's float32 rgb2lab is up to 1e-6 x max from its own float64 answer; gips' float32 "
               "Lab is within 1e-5 (L) and 2e-5 (a, b) of the float64 formulas")
_F32_LAB = "skimage's float32 lab2rgb is 3.4e-6 from its own float64 answer at 4096², gips within 2.5e-7"
_f32_row("rgb_grey_f32", "rgbToGrey, RGB float32 of the 2D size, float32 out", "color.rgbToGrey", "rgb", 1,
         rgb2gray, cv2.COLOR_RGB2GRAY, 1e-6, _F32, "BT.601 weights 0.299/0.587/0.114")
_f32_row("rgb_hsv_f32", "rgbToHsv, RGB float32 of the 2D size, float32 out", "color.rgbToHsv", "rgb", 3,
         rgb2hsv, cv2.COLOR_RGB2HSV, 1e-6, _F32, "hue in degrees")
_f32_row("hsv_rgb_f32", "hsvToRgb, HSV float32 of the 2D size, float32 out", "color.hsvToRgb", "hsv", 3,
         hsv2rgb, cv2.COLOR_HSV2RGB, 1e-6, _F32, "hue in degrees (the input's hue x 360)")
_f32_row("rgb_lab_f32", "rgbToLab, RGB float32 of the 2D size, float32 out", "color.rgbToLab", "rgb", 3,
         rgb2lab, cv2.COLOR_RGB2Lab, 2e-6, _F32_RGBLAB, "OpenCV's float Lab uses its own gamma table (0.2-0.5 off skimage)")
_f32_row("lab_rgb_f32", "labToRgb, Lab float32 of the 2D size, float32 out", "color.labToRgb", "lab", 3,
         lab2rgb, cv2.COLOR_Lab2RGB, 4e-6, _F32_LAB, "OpenCV's float Lab2RGB uses its own gamma approximation")
_f32_row("rgb_ycbcr_f32", "rgbToYCbCr, RGB float32 of the 2D size, float32 out", "color.rgbToYCbCr", "rgb", 3,
         rgb2ycbcr, cv2.COLOR_RGB2YCrCb, 1e-6, _F32, "full-range YCrCb, Cr before Cb")
