"""segment.watershed's exact_ties switch through Python: the default is
skimage's output on tie-rich markers; exact_ties=False equals skimage
whenever the markers' values are distinct (the tie order cannot matter),
2D and 3D, uint8 and uint16."""

import numpy as np
import pytest
import skimage.segmentation as sks

import gips


@pytest.mark.parametrize("shape,dtype", [((60, 70), np.uint16), ((12, 20, 24), np.uint16), ((50, 40), np.uint8)])
def test_raster_ties_equal_skimage_when_marker_values_distinct(shape, dtype):
    rng = np.random.default_rng(3)
    img = rng.integers(0, 6, shape).astype(dtype)
    markers = np.zeros(shape, np.int32)
    flat = rng.choice(img.size, size=min(40, img.size // 10), replace=False)
    markers.flat[flat] = rng.integers(1, 6, flat.size)
    img.flat[flat] = 100 + np.arange(flat.size)  # each marker its own level
    want = sks.watershed(img, markers)
    got = np.asarray(gips.segment.watershed(img, markers, exact_ties=False).array)
    np.testing.assert_array_equal(got, want)


def test_default_is_skimage_on_shared_marker_levels():
    rng = np.random.default_rng(4)
    img = rng.integers(0, 3, (40, 50)).astype(np.uint8)
    markers = np.where(rng.random(img.shape) < 0.15, rng.integers(1, 8, img.shape), 0).astype(np.int32)
    want = sks.watershed(img, markers)
    np.testing.assert_array_equal(np.asarray(gips.segment.watershed(img, markers).array), want)
    fast = np.asarray(gips.segment.watershed(img, markers, exact_ties=False).array)
    # same pixels reached, each by some marker
    np.testing.assert_array_equal(fast != 0, want != 0)
