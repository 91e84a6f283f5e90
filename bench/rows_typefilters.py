"""Filter (Gaussian, mean, median, Laplace), morphology and transform rows on float32 and int16 images (issue 15).
rows.py's Gaussian, mean, median, erosion, zoom and rotation rows run on uint8
(2D) and uint16 (3D), the types gips' kernels were first written for; a CT volume in Hounsfield units is
int16 and a reconstruction or a deconvolved stack float32. These rows run the
same calls on the images of rows_types.py (grey/4 + 0.1 and (grey - 128) * 200),
at the first 2D size only, as the other filter rows.

Peers: scipy.ndimage (the reference) and OpenCV where it takes the type
(cv2.medianBlur takes float32 only for apertures 3 and 5, and no int16).
"""

import cv2
import numpy as np
import scipy.ndimage as ndi

from rows import GIPS, MODE, SIGMA, TRUNCATE, Close, Impl, PerAxis, cv_gauss, cv_mean, cv_morph, row
from rows_transform import ANGLE, cv_rotate, cv_zoom
from rows_types import _F32, _I16, typed

_NAMES = {"f32": _F32, "i16": _I16}


def _filter_row(key, title, t, gips_call, scipy_fn, cv_fn=None, check=None, note="", op_names=()):
    """One row on type t's first image a: scipy_fn(a) is the reference,
    cv_fn(a) OpenCV's call (None where OpenCV lacks the type), gips_call(op, a)."""
    img = lambda d: typed(d)[t][0]

    @row(key, f"{title}, {_NAMES[t]}", dims=(2,), check=check, note=note)
    def _(d):
        typed(d)
        peers = [Impl("scipy", lambda d: scipy_fn(img(d)))]
        if cv_fn is not None:
            peers.append(Impl("opencv", lambda d: cv_fn(img(d))))
        return peers

    GIPS[key] = (list(op_names), lambda op, d: gips_call(op, img(d)))


_FSUM = Close(1e-3, "float32 sums; scipy adds in float64", rtol=1e-6)
_GNOTE = "mode reflect = OpenCV BORDER_REFLECT, truncate 4 (17 taps)"

for t in ("f32", "i16"):
    integer = t == "i16"
    _filter_row(f"gaussian_same_{t}", "Gaussian sigma 2, same-type output", t,
                lambda op, a: op(a, sigma=SIGMA, output="same", mode=MODE),
                lambda a: ndi.gaussian_filter(a, SIGMA, mode=MODE, truncate=TRUNCATE),
                lambda a: cv_gauss(a, a.dtype),
                check=PerAxis("scipy truncates after each 1D pass, OpenCV rounds") if integer else _FSUM,
                note=_GNOTE, op_names=["filter.gaussian"])
    _filter_row(f"mean5_{t}", "mean 5x5 (same type)", t,
                lambda op, a: op(a, size=5, mode=MODE),
                lambda a: ndi.uniform_filter(a, 5, mode=MODE),
                lambda a: cv_mean(a, 5),
                check=PerAxis("truncation vs rounding per pass") if integer else Close(1e-4, "float sums", rtol=1e-6),
                op_names=["filter.mean"])
    # OpenCV's medianBlur: no int16; float32 for apertures 3 and 5 only; its
    # border replicates, scipy's mode "nearest".
    # scipy's 5x5 median takes seconds at 4096² and is int16's only peer: no median5_i16.
    for n in ((3,) if integer else (3, 5)):
        _filter_row(f"median{n}_{t}", f"median {n}x{n}", t,
                    lambda op, a, n=n: op(a, size=n, mode="nearest"),
                    lambda a, n=n: ndi.median_filter(a, n, mode="nearest"),
                    None if integer else (lambda a, n=n: cv2.medianBlur(a, n)),
                    note="mode nearest = OpenCV medianBlur's replicate border", op_names=["filter.median"])
    for n, fn, cvf, name in ((3, ndi.grey_erosion, cv2.erode, "erode"), (15, ndi.grey_erosion, cv2.erode, "erode"),
                             (3, ndi.grey_dilation, cv2.dilate, "dilate")):
        _filter_row(f"{name}{n}_{t}", f"grey {'erosion' if name == 'erode' else 'dilation'} {n}", t,
                    lambda op, a, n=n: op(a, size=n),
                    lambda a, n=n, fn=fn: fn(a, size=(n, n)),
                    lambda a, n=n, cvf=cvf: cv_morph(a, cvf, n),
                    note="flat square; every border mode gives the same min/max",
                    op_names=[f"morpho.{name}"])
    _filter_row(f"zoom2_{t}", "zoom 2.0, linear", t,
                lambda op, a: op(a, factor=2.0, order=1, mode="nearest", grid_mode=True),
                lambda a: ndi.zoom(a, 2.0, order=1, mode="nearest", grid_mode=True),
                lambda a: cv_zoom(a, 2.0),
                check=PerAxis("rounding of integer output") if integer else Close(1e-4, "float32 weights", rtol=1e-6),
                note="pixel-centre grid (scipy grid_mode=True), mode nearest = OpenCV's replicated edge",
                op_names=["transform.zoom"])
    _filter_row(f"rotate30_{t}", "rotate 30°, linear (same shape)", t,
                lambda op, a: op(a, ANGLE, axes="xy", reshape=False, order=1, mode="nearest"),
                lambda a: ndi.rotate(a, ANGLE, axes=(1, 0), reshape=False, order=1, mode="nearest"),
                lambda a: cv_rotate(a, ANGLE),
                check=Close(0, "OpenCV snaps source coordinates to 1/32 pixel", rtol=0.02),
                note="as rotate30: scipy rotate(reshape=False, order=1, mode nearest); OpenCV warpAffine, BORDER_REPLICATE",
                op_names=["transform.rotate"])


_filter_row("laplace_f32", "Laplace filter", "f32", lambda op, a: op(a, mode=MODE),
            lambda a: ndi.laplace(a, mode=MODE),
            lambda a: cv2.Laplacian(a, cv2.CV_32F, ksize=1, borderType=cv2.BORDER_REFLECT),
            check=Close(1e-4, "scipy adds each axis in float64", rtol=1e-6),
            note="OpenCV: Laplacian ksize 1 (the same 5-point kernel), reflect border", op_names=["filter.laplace"])
