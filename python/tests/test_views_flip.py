"""Image.flipView / rot90View share memory with the image (a write through
one is read through the other), and the registry ops transform.flip and
transform.rot90 (copies) equal numpy's flip and rot90."""

import numpy as np
import pytest

import gips


def volume(dtype=np.uint16, shape=(4, 5, 7), seed=3):
    rng = np.random.default_rng(seed)
    return rng.integers(0, 1000, shape).astype(dtype)


@pytest.mark.parametrize("axis,np_axis", [("y", -2), ("z", -3)])
def test_flip_view_shares_memory(axis, np_axis):
    a = volume()
    img = gips.fromArray(a)
    v = img.flipView(axis)
    want = np.flip(a, np_axis)
    assert np.array_equal(v.array, want)
    v.array[0, 1, 2] = 4242  # through the view ...
    assert want[0, 1, 2] == 4242  # a (numpy's own view of a) sees it too
    assert np.flip(img.array, np_axis)[0, 1, 2] == 4242  # ... read through the image
    img.array[1, 2, 3] = 777  # and back
    assert np.flip(v.array, np_axis)[1, 2, 3] == 777


def test_rot90_view_yz_shares_memory():
    a = volume()
    img = gips.fromArray(a)
    img.calibration = gips.Calibration(1, 2, 3)
    for k in range(-1, 5):
        v = img.rot90View(k, "yz")
        want = np.rot90(a, k, axes=(-3, -2))
        assert v.array.shape == want.shape and np.array_equal(v.array, want)
        v.array[1, 0, 4] = 100 + k
        assert np.rot90(img.array, k, axes=(-3, -2))[1, 0, 4] == 100 + k
        if k % 2:
            assert (v.calibration.y, v.calibration.z) == (3, 2)
    assert np.array_equal(img.rot90View(4, "xy").array, a)


def test_views_that_move_x_raise():
    img = gips.fromArray(volume())
    with pytest.raises(gips.CopyRequiredError, match="x"):
        img.flipView("x")
    with pytest.raises(gips.CopyRequiredError, match="x"):
        img.rot90View(1, "xy")
    with pytest.raises(gips.CopyRequiredError):
        gips.rot90View(img, 2, "xz")
    with pytest.raises(ValueError, match="axis"):
        gips.fromArray(np.zeros((3, 4), np.uint8)).flipView("z")


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16, np.int32, np.float64])
@pytest.mark.parametrize("shape", [(45, 70), (3, 21, 43)])
def test_flip_rot90_ops_equal_numpy(dtype, shape):
    a = volume(dtype, shape, seed=5)
    for axis, na in (("x", -1), ("y", -2), ("z", -3)):
        if axis == "z" and a.ndim == 2:
            continue
        assert np.array_equal(gips.transform.flip(a, axis), np.flip(a, na))
    planes = {"xy": (-2, -1), "xz": (-3, -1), "yz": (-3, -2)}
    for axes, nax in planes.items():
        if axes != "xy" and a.ndim == 2:
            continue
        for k in range(-1, 5):
            got = gips.transform.rot90(a, k, axes=axes)
            assert np.array_equal(got, np.rot90(a, k, axes=nax)), (axes, k)
