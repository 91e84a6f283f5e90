"""Rows of the morphology and median family (issues 10 and 15): opening and closing,
a disk, binary dilation and erosion by the default cross, the 5x5 median, beside the
rows in rows.py."""

import cv2
import numpy as np
import scipy.ndimage as ndi
from skimage.morphology import ball, disk

from rows import GIPS, MODE, Impl, cv_morph, row

# skimage.morphology.disk(5) (scipy's footprint here) is not OpenCV's
# getStructuringElement(MORPH_ELLIPSE, (11, 11)): the ellipse is wider on rows 3
# and 7 (11 pixels, not 9). OpenCV is given the disk itself, so all compute the same.
DISK5 = disk(5).astype(bool)
# The 3D footprint row's radius: scipy's grey_erosion costs the footprint's
# size per voxel (123 for ball(3)), about 14 s a call on the 3D input here.
BALL3 = ball(3).astype(bool)


def _cv_open_close(v, first, second):
    if v.ndim == 2:
        k = np.ones((3, 3), np.uint8)
        return second(first(v, k), k)
    return cv_morph(cv_morph(v, first, 3), second, 3)


@row("opening3", "grey opening 3", note="flat square/cube; reflect = OpenCV's default border for min/max")
def _(d):
    return [
        Impl("scipy", lambda d: ndi.grey_opening(d.grey, size=(3,) * d.ndim, mode=MODE)),
        Impl("opencv", lambda d: _cv_open_close(d.grey, cv2.erode, cv2.dilate), composed=d.ndim == 3),
    ]


@row("closing3", "grey closing 3", note="flat square/cube; reflect = OpenCV's default border for min/max")
def _(d):
    return [
        Impl("scipy", lambda d: ndi.grey_closing(d.grey, size=(3,) * d.ndim, mode=MODE)),
        Impl("opencv", lambda d: _cv_open_close(d.grey, cv2.dilate, cv2.erode), composed=d.ndim == 3),
    ]


@row("erode_disk5", "grey erosion, disk(5)", dims=(2,),
     note="skimage disk(5) for all (OpenCV's MORPH_ELLIPSE 11x11 is a different shape); convex: reflect = OpenCV's border")
def _(d):
    k = DISK5.astype(np.uint8)
    return [
        Impl("scipy", lambda d: ndi.grey_erosion(d.grey, footprint=DISK5, mode=MODE)),
        Impl("opencv", lambda d: cv2.erode(d.grey, k)),
    ]


DISK20 = disk(20).astype(bool)


@row("erode_disk20", "grey erosion, disk(20)", dims=(2,),
     note="skimage disk(20) (1257 pixels) for both; scipy's grey_erosion costs the footprint per pixel "
          "(~60 s a call here) and is left out; the Go tests prove gips equal to the brute-force footprint")
def _(d):
    k = DISK20.astype(np.uint8)
    return [Impl("opencv", lambda d: cv2.erode(d.grey, k))]


@row("erode_ball", "grey erosion, ball(3)", dims=(3,),
     note="skimage ball(3) as scipy's footprint (123 voxels); OpenCV has no 3D footprint")
def _(d):
    return [Impl("scipy", lambda d: ndi.grey_erosion(d.grey, footprint=BALL3, mode=MODE))]


@row("binary_dilate3", "binary dilation 3 (square / cube)", note="outside pixels false: scipy border_value=0, OpenCV default")
def _(d):
    cube = np.ones((3,) * d.ndim, bool)
    return [
        Impl("scipy", lambda d: ndi.binary_dilation(d.binary, cube)),
        Impl("opencv", lambda d: cv_morph(d.binary_u8, cv2.dilate, 3), composed=d.ndim == 3),
    ]


@row("binary_erode_cross", "binary erosion, default structure (cross)",
     note="scipy's default call (border_value=0); OpenCV: MORPH_CROSS 3x3 with a constant 0 border (2D)")
def _(d):
    k = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))
    return [
        Impl("scipy", lambda d: ndi.binary_erosion(d.binary)),
    ] + ([Impl("opencv", lambda d: cv2.erode(d.binary_u8, k, borderType=cv2.BORDER_CONSTANT, borderValue=0))] if d.ndim == 2 else [])


@row("median5", "median 5x5", dims=(2,), note="mode nearest = OpenCV medianBlur's replicate border")
def _(d):
    return [
        Impl("scipy", lambda d: ndi.median_filter(d.grey, 5, mode="nearest")),
        Impl("opencv", lambda d: cv2.medianBlur(d.grey, 5)),
    ]


@row("white_tophat3", "white top-hat 3", note="flat square/cube; OpenCV: MORPH_TOPHAT (its border for min/max is reflect)")
def _(d):
    k = np.ones((3, 3), np.uint8)
    return [
        Impl("scipy", lambda d: ndi.white_tophat(d.grey, size=(3,) * d.ndim, mode=MODE)),
    ] + ([Impl("opencv", lambda d: cv2.morphologyEx(d.grey, cv2.MORPH_TOPHAT, k))] if d.ndim == 2 else [])


@row("black_tophat3", "black top-hat 3", note="flat square/cube; OpenCV: MORPH_BLACKHAT")
def _(d):
    k = np.ones((3, 3), np.uint8)
    return [
        Impl("scipy", lambda d: ndi.black_tophat(d.grey, size=(3,) * d.ndim, mode=MODE)),
    ] + ([Impl("opencv", lambda d: cv2.morphologyEx(d.grey, cv2.MORPH_BLACKHAT, k))] if d.ndim == 2 else [])


@row("morph_gradient3", "morphological gradient 3", note="dilation - erosion, flat square/cube; OpenCV: MORPH_GRADIENT")
def _(d):
    k = np.ones((3, 3), np.uint8)
    return [
        Impl("scipy", lambda d: ndi.morphological_gradient(d.grey, size=(3,) * d.ndim, mode=MODE)),
    ] + ([Impl("opencv", lambda d: cv2.morphologyEx(d.grey, cv2.MORPH_GRADIENT, k))] if d.ndim == 2 else [])


@row("fill_holes", "fill holes (binary)", note="scipy binary_fill_holes, default structure (the cross)")
def _(d):
    return [Impl("scipy", lambda d: ndi.binary_fill_holes(d.binary))]


GIPS.update({
    "opening3": (["morpho.opening"], lambda op, d: op(d.grey, size=3)),
    "closing3": (["morpho.closing"], lambda op, d: op(d.grey, size=3)),
    "erode_disk5": (["morpho.erode"], lambda op, d: op(d.grey, footprint=DISK5)),
    "erode_disk20": (["morpho.erode"], lambda op, d: op(d.grey, footprint=DISK20)),
    "erode_ball": (["morpho.erode"], lambda op, d: op(d.grey, footprint=BALL3)),
    "binary_dilate3": (["morpho.binaryDilate"], lambda op, d: op(d.binary, structure=np.ones((3,) * d.ndim, bool))),
    "binary_erode_cross": (["morpho.binaryErode"], lambda op, d: op(d.binary)),
    "median5": (["filter.median"], lambda op, d: op(d.grey, size=5, mode="nearest")),
    "white_tophat3": (["morpho.whiteTophat"], lambda op, d: op(d.grey, size=3)),
    "black_tophat3": (["morpho.blackTophat"], lambda op, d: op(d.grey, size=3)),
    "morph_gradient3": (["morpho.gradient"], lambda op, d: op(d.grey, size=3)),
    "fill_holes": (["morpho.fillHoles"], lambda op, d: op(d.binary)),
})


# 16-bit medians with large windows (issue 10: histograms). The 2D input is uint8,
# so the 2D row takes its top-left 1024x1024 as uint16 (v * 257 plus a pixel's own
# offset, 0..256: every 16-bit value can occur); the 3D row a 128x128x64 crop of the
# uint16 volume: scipy's selection costs the window per pixel (225 and 125 values),
# minutes a call on the whole inputs. Made once per input (the first call, the
# warm-up, pays it).
_U16 = {}


def _u16_crop(d):
    k = id(d.grey)
    if k not in _U16:
        _U16.clear()
        if d.ndim == 2:
            g = d.grey[:1024, :1024].astype(np.uint16)
            off = (np.arange(g.size, dtype=np.uint32) * 2654435761 >> 24) % 257
            _U16[k] = g * np.uint16(257) + off.reshape(g.shape).astype(np.uint16) // 2
        else:
            _U16[k] = np.ascontiguousarray(d.grey[:64, :128, :128])
    return _U16[k]


@row("median15_u16", "median 15x15, uint16 (1024x1024 crop)", dims=(2,),
     note="uint16 (top-left 1024x1024 as v*257 + noise); OpenCV's medianBlur takes uint16 only up to ksize 5, so scipy is the peer")
def _(d):
    return [Impl("scipy", lambda d: ndi.median_filter(_u16_crop(d), 15, mode=MODE))]


@row("median5x5x5_u16", "median 5x5x5, uint16 (128x128x64 crop)", dims=(3,),
     note="a 128x128x64 crop of the volume; OpenCV has no 3D median")
def _(d):
    return [Impl("scipy", lambda d: ndi.median_filter(_u16_crop(d), 5, mode=MODE))]


GIPS.update({
    "median15_u16": (["filter.median"], lambda op, d: op(_u16_crop(d), size=15)),
    "median5x5x5_u16": (["filter.median"], lambda op, d: op(_u16_crop(d), size=5)),
})


# Issue 10's size claims: a line footprint (2D), and ball(1) against ball(20) on the
# same 64x128x128 crop of the volume (3D), so that the cost of the radius shows in two
# rows side by side. Outside pixels are ignored (mode constant, cval = the type's
# maximum), which is OpenCV's default border for erode. OpenCV has no 3D footprint:
# its peer erodes each plane by the ball's slice at dz and takes the minimum over dz.
LINE15 = None


def _line15():
    global LINE15
    if LINE15 is None:
        from gips.footprints import line
        LINE15 = line(15, 45)
    return LINE15


@row("erode_line15", "grey erosion, line(15, 45°)", dims=(2,),
     note="gips.footprints.line(15, 45) for all; outside ignored (constant, cval 255 = OpenCV's default)")
def _(d):
    k = _line15().astype(np.uint8)
    return [
        Impl("scipy", lambda d: ndi.grey_erosion(d.grey, footprint=_line15(), mode="constant", cval=255)),
        Impl("opencv", lambda d: cv2.erode(d.grey, k)),
    ]


_CROP = {}


def _crop3(d):
    k = id(d.grey)
    if k not in _CROP:
        _CROP.clear()
        _CROP[k] = np.ascontiguousarray(d.grey[:64, :128, :128])
    return _CROP[k]


def _cv_ball(v, r):
    # min over dz of the plane z+dz eroded by the ball's slice at dz; planes outside
    # the volume are ignored, as OpenCV ignores outside pixels in the plane
    fp = ball(r).astype(np.uint8)
    out = np.full_like(v, np.iinfo(v.dtype).max)
    for z in range(v.shape[0]):
        for dz in range(-r, r + 1):
            if 0 <= z + dz < v.shape[0]:
                np.minimum(out[z], cv2.erode(v[z + dz], fp[dz + r]), out=out[z])
    return out


for _r in (1, 20):
    @row(f"erode_ball{_r}", f"grey erosion, ball({_r}), 64x128x128 crop", dims=(3,),
         note=f"skimage ball({_r}); outside ignored (constant, cval 65535); OpenCV composed: "
              "each plane eroded by the ball's slice at dz, minimum over dz")
    def _(d, r=_r):
        return [Impl("opencv", lambda d: _cv_ball(_crop3(d), r), composed=True)]

    GIPS[f"erode_ball{_r}"] = (["morpho.erode"], lambda op, d, r=_r: op(
        _crop3(d), footprint=ball(r).astype(bool), mode="constant", cval=65535))

GIPS["erode_line15"] = (["morpho.erode"], lambda op, d: op(d.grey, footprint=_line15(), mode="constant", cval=255))
