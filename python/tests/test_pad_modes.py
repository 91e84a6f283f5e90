"""numpy.pad's statistic and ramp modes through the Python binding: per-axis
stat_length in numpy order (z, y, x), against np.pad on the same array."""

import numpy as np
import pytest

import gips


def _arr(r):
    return r.array if hasattr(r, "array") else np.asarray(r)


@pytest.mark.parametrize("mode", ["maximum", "mean", "median", "minimum"])
@pytest.mark.parametrize("shape", [(9, 13), (4, 6, 7), (1, 5), (3, 1, 4)])
def test_statistic_modes_match_numpy(mode, shape):
    rng = np.random.default_rng(7)
    a = rng.integers(0, 250, shape).astype(np.uint8)
    widths = tuple((int(b), int(e)) for b, e in rng.integers(0, 6, (len(shape), 2)))
    lengths = tuple(int(n) for n in rng.integers(1, 4, len(shape)))
    before, after = [w[0] for w in widths], [w[1] for w in widths]
    got = _arr(gips.transform.pad(a, before, after=after, mode=mode, stat_length=lengths))
    want = np.pad(a, widths, mode=mode, stat_length=tuple((n, n) for n in lengths))
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(_arr(gips.transform.pad(a, before, after=after, mode=mode)),
                                  np.pad(a, widths, mode=mode))


@pytest.mark.parametrize("dtype", [np.int16, np.float32, np.float64])
def test_linear_ramp_matches_numpy(dtype):
    rng = np.random.default_rng(8)
    a = (rng.random((5, 8, 6)) * 300 - 100).astype(dtype)
    got = _arr(gips.transform.pad(a, (2, 3, 4), after=(5, 1, 2), mode="linear_ramp", end_values=-7))
    want = np.pad(a, ((2, 5), (3, 1), (4, 2)), mode="linear_ramp", end_values=-7)
    np.testing.assert_array_equal(got, want)


def test_empty_mode_has_the_shape_and_keeps_the_centre():
    a = np.arange(12, dtype=np.uint16).reshape(3, 4)
    got = _arr(gips.transform.pad(a, 2, mode="empty"))
    assert got.shape == (7, 8)
    np.testing.assert_array_equal(got[2:5, 2:6], a)


def test_bad_stat_length_names_it():
    with pytest.raises(Exception, match="stat_length"):
        gips.transform.pad(np.zeros((4, 4), np.uint8), 1, mode="mean", stat_length=0)
