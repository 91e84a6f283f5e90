"""The benchmark's inputs: the same arrays, built from fixed seeds, for every library.

Each input is a smooth random field (low-resolution Gaussian noise, blurred and
interpolated up) plus independent pixel noise, so that filters see realistic
texture, the histogram is unimodal-with-tails rather than flat, and the binary
image thresholded at Otsu has large blobs with ragged edges and many small
speckle components (a fair load for labelling and the distance transform).

Contract: arrays are C-contiguous, written once here and never modified by a row
(rows that need a different type or layout make it inside their timed call, so
the conversion is part of what they cost).
"""

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import scipy.ndimage as ndi
from skimage.filters import threshold_otsu

FULL_2D = (4096, 4096)  # (y, x), uint8
FULL_3D = (256, 512, 512)  # (z, y, x), uint16
SMALL_2D = (512, 512)
SMALL_3D = (32, 64, 64)

# Field correlation length in pixels, and the grey-level statistics of each type.
CELL = 32
STATS = {
    np.uint8: dict(mean=128.0, field_sd=40.0, noise_sd=14.0),
    np.uint16: dict(mean=32768.0, field_sd=10000.0, noise_sd=3500.0),
}


@dataclass
class Data:
    """The inputs of one dimensionality (2D uint8 or 3D uint16)."""

    ndim: int
    grey: np.ndarray  # the main image
    grey2: np.ndarray  # a second image of the same kind, for image + image
    otsu: int  # skimage's Otsu value of grey: binary = grey > otsu
    binary: np.ndarray  # bool, grey > otsu (scipy/skimage's binary type)
    binary_u8: np.ndarray  # the same as uint8 0/1 (OpenCV's binary type)
    const: int  # the constant of "add a constant"

    # Cached: the gips lambdas read these inside the timed call, where
    # np.iinfo alone cost 0.45 us a call (more than a 256² threshold's gap).
    @cached_property
    def maxval(self):
        return int(np.iinfo(self.grey.dtype).max)

    @cached_property
    def hist_range(self):
        """gips' histogram range of one bin per value: "0,maxval+1"."""
        return f"0,{self.maxval + 1}"

    @property
    def label(self):
        """'2D uint8 4096x4096' etc. (sizes x first, as gips writes them)."""
        sizes = "x".join(str(s) for s in reversed(self.grey.shape))
        return f"{self.ndim}D {self.grey.dtype} {sizes}"


def smooth_noisy(shape, dtype, seed):
    """A smooth random field plus pixel noise, scaled to dtype's range and clipped."""
    rng = np.random.default_rng(seed)
    st = STATS[dtype]
    low_shape = tuple(max(2, s // CELL) + 2 for s in shape)
    low = ndi.gaussian_filter(rng.standard_normal(low_shape, dtype=np.float32), 1.0)
    low /= low.std()
    zoom = [s / l for s, l in zip(shape, low_shape)]
    field = ndi.zoom(low, zoom, order=1, mode="nearest", grid_mode=True)
    assert field.shape == tuple(shape), (field.shape, shape)
    field *= st["field_sd"]
    field += st["mean"]
    field += rng.standard_normal(shape, dtype=np.float32) * np.float32(st["noise_sd"])
    np.rint(field, out=field)
    np.clip(field, 0, np.iinfo(dtype).max, out=field)
    return field.astype(dtype)


SIZES_2D = (4096, 1024, 256)  # the 2D sizes of a full run: memory-bound, in cache, call overhead


def build(ndim, small=False, size=None):
    """The inputs of one dimensionality (2D: of size x size when size is
    given); the seeds depend only on ndim."""
    if ndim == 2:
        shape = (size, size) if size else (SMALL_2D if small else FULL_2D)
        dtype, const = np.uint8, 50
    else:
        shape, dtype, const = (SMALL_3D if small else FULL_3D), np.uint16, 5000
    grey = smooth_noisy(shape, dtype, seed=10 * ndim + 1)
    grey2 = smooth_noisy(shape, dtype, seed=10 * ndim + 2)
    otsu = int(threshold_otsu(grey))
    binary = grey > otsu
    return Data(ndim, grey, grey2, otsu, binary, binary.view(np.uint8), const)


def per_size(build):
    """build(d) as a function of the inputs d, computed once per 2D size and kept
    until the next size (the derived images of a size are large; not timed)."""
    cache = {}

    def of(d):
        key = d.grey.shape
        if key not in cache:
            cache.clear()
            cache[key] = build(d)
        return cache[key]

    return of
