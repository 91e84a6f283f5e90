"""hMaxima / hMinima with skimage's footprint parameter (issue 10: every morpho op
takes a footprint), against skimage.morphology.h_maxima / h_minima."""

import numpy as np
import pytest

import gips

skm = pytest.importorskip("skimage.morphology")


def _arr(r):
    return r.array if hasattr(r, "array") else np.asarray(r)


@pytest.mark.parametrize("shape", [(40, 37), (9, 12, 11)])
@pytest.mark.parametrize("which", ["max", "min"])
def test_h_extrema_footprint_matches_skimage(shape, which):
    rng = np.random.default_rng(11)
    a = (rng.random(shape) * 40).astype(np.uint8)
    a = np.maximum(a, np.roll(a, 1, axis=-1))  # plateaus and ties
    fps = [skm.disk(2) if len(shape) == 2 else skm.ball(1),
           np.ones((1, 5), bool) if len(shape) == 2 else np.ones((1, 3, 5), bool),
           skm.diamond(1) if len(shape) == 2 else skm.octahedron(1)]
    op, ref = (gips.morpho.hMaxima, skm.h_maxima) if which == "max" else (gips.morpho.hMinima, skm.h_minima)
    for fp in fps:
        for h in (3, 9):
            got = _arr(op(a, h, footprint=fp)).astype(bool)
            want = ref(a, h, footprint=fp).astype(bool)
            np.testing.assert_array_equal(got, want, err_msg=f"{which} h={h} footprint {fp.shape}")


def test_connectivity_and_footprint_together_is_an_error():
    with pytest.raises(Exception, match="connectivity and footprint"):
        gips.morpho.hMaxima(np.zeros((5, 5), np.uint8), 1, connectivity=1, footprint=np.ones((3, 3), bool))
