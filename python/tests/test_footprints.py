"""gips.footprints against scikit-image, and footprints given to the
morpho and rank ops against scipy.ndimage."""

import numpy as np
import pytest

import gips


@pytest.mark.parametrize("r", [0, 1, 2, 3, 5, 8])
def test_footprints_equal_skimage(r):
    skm = pytest.importorskip("skimage.morphology")
    for name in ["disk", "ball", "diamond", "octahedron"]:
        got, want = getattr(gips.footprints, name)(r), getattr(skm, name)(r).astype(bool)
        assert got.dtype == np.bool_ and got.shape == want.shape, name
        np.testing.assert_array_equal(got, want, err_msg=name)
    ndi = pytest.importorskip("scipy.ndimage")
    for nd in (2, 3):
        np.testing.assert_array_equal(gips.footprints.cross(nd), ndi.generate_binary_structure(nd, 1))


def test_footprint_parameters_match_scipy():
    ndi = pytest.importorskip("scipy.ndimage")
    rng = np.random.default_rng(3)
    a = rng.integers(0, 6, (9, 11, 13)).astype(np.uint16)
    fp = np.array([[1, 0, 0, 1], [0, 1, 1, 0], [1, 1, 0, 0]], bool)[None]  # even, irregular
    for fn, ref in [(gips.morpho.erode, ndi.grey_erosion), (gips.morpho.dilate, ndi.grey_dilation),
                    (gips.filter.median, ndi.median_filter)]:
        for f in [gips.footprints.ball(2), fp]:
            np.testing.assert_array_equal(fn(a, footprint=f, mode="wrap").array, ref(a, footprint=f, mode="wrap"))
    b = a > 2
    s = gips.footprints.box(3, 2, 3)
    np.testing.assert_array_equal(gips.morpho.binaryDilate(b, structure=s).array, ndi.binary_dilation(b, s))


def test_errors_name_the_parameter():
    a = np.zeros((5, 6), np.float32)
    with pytest.raises(ValueError, match="footprint"):
        gips.morpho.erode(a, footprint=np.zeros((3, 3), bool))
    with pytest.raises(ValueError, match="footprint"):
        gips.morpho.erode(a, footprint=gips.footprints.ball(1))
    with pytest.raises(TypeError, match="Real32"):
        gips.morpho.binaryErode(a)


@pytest.mark.parametrize("n", [1, 2, 5, 9, 15])
def test_line_is_skimage_draw_line(n):
    skd = pytest.importorskip("skimage.draw")
    for a in [0, 30, 45, 60, 90, 100, 135, 170, -20]:
        fp = gips.footprints.line(n, a)
        h = (n - 1) / 2
        dx = int(np.sign(np.cos(np.deg2rad(a))) * np.floor(abs(h * np.cos(np.deg2rad(a))) + 0.5))
        dy = int(np.sign(-np.sin(np.deg2rad(a))) * np.floor(abs(h * np.sin(np.deg2rad(a))) + 0.5))
        want = np.zeros_like(fp)
        cy, cx = abs(dy), abs(dx)
        want[skd.line(cy - dy, cx - dx, cy + dy, cx + dx)] = True
        np.testing.assert_array_equal(fp, want, err_msg=f"line({n}, {a})")


def test_footprints_are_reachable_from_morpho():
    # The morphology issue spells them gips.morpho.disk(r), etc.
    skm = pytest.importorskip("skimage.morphology")
    for name in ["disk", "ball", "diamond", "octahedron"]:
        np.testing.assert_array_equal(getattr(gips.morpho, name)(2), getattr(skm, name)(2).astype(bool), err_msg=name)
    assert gips.morpho.box is gips.footprints.box and gips.morpho.line is gips.footprints.line
    assert "disk" not in gips.morpho.__all__  # __all__ lists the ops
    a = np.arange(49, dtype=np.uint8).reshape(7, 7)
    np.testing.assert_array_equal(gips.morpho.erode(a, footprint=gips.morpho.disk(1)).array,
                                  gips.morpho.erode(a, footprint=gips.footprints.cross(2)).array)
