"""gips.runFile: ops out of core on files, against scipy.ndimage on the
whole array (an independent reference) and against the in-memory gips run;
the output file is read back with numpy."""

import numpy as np
import pytest
import scipy.ndimage as ndi

import gips


@pytest.fixture
def volume(tmp_path):
    rng = np.random.default_rng(16)
    a = ndi.gaussian_filter(rng.random((23, 17, 19)), 2) > 0.5
    b = (a * rng.integers(1, 1000, a.shape)).astype(np.uint16)
    np.save(tmp_path / "b.npy", b)
    np.save(tmp_path / "bin.npy", a)
    return tmp_path, a, b


def test_gaussian_out_of_core_is_scipy(volume):
    d, _, b = volume
    rep = gips.runFile("filter.gaussian", d / "b.npy", out=d / "g.npy", memory="300KiB", sigma=(2, 1, 1), output="real64")
    assert rep["slabs"] > 2 and rep["halo"] == 8
    got = np.load(d / "g.npy")
    # The in-memory run, bit for bit; scipy within float32 accumulation.
    np.testing.assert_array_equal(got, gips.filter.gaussian(b, (2, 1, 1), output="real64").array)
    want = ndi.gaussian_filter(b.astype(np.float64), (2, 1, 1), mode="reflect")
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-3)


def test_label_edt_measure_out_of_core(volume):
    d, a, _ = volume
    rep = gips.runFile("label.components", d / "bin.npy", out=d / "l.npy", memory="8KiB", connectivity=3)
    assert rep["slabs"] > 2
    want, n = ndi.label(a, np.ones((3, 3, 3)))
    np.testing.assert_array_equal(np.load(d / "l.npy"), want)
    gips.runFile("distance.edt", d / "bin.npy", out=d / "e.npy", memory="20KiB", sampling=(2, 1, 0.5), output="real64")
    np.testing.assert_allclose(np.load(d / "e.npy"), ndi.distance_transform_edt(a, (2, 1, 0.5)), rtol=1e-12)
    t = gips.runFile("measure.labelAnalysis", d / "l.npy", memory="24KiB", measures="label,area,centroidZ")
    assert list(t["label"]) == list(range(1, n + 1))
    np.testing.assert_array_equal(t["area"], np.bincount(want.ravel())[1:])
    z = np.indices(a.shape)[0]
    np.testing.assert_allclose(t["centroidZ"], ndi.mean(z, want, range(1, n + 1)), rtol=1e-12)


def test_refusals_leave_no_file(volume):
    d, _, _ = volume
    with pytest.raises(gips.GipsError, match="memory budget too small"):
        gips.runFile("filter.gaussian", d / "b.npy", out=d / "x.npy", memory=1000, sigma=3)
    with pytest.raises(gips.GipsError, match="not Local"):
        gips.runFile("threshold.otsu", d / "b.npy", out=d / "x.npy")
    assert not (d / "x.npy").exists()


def test_zoom_out_of_core_is_scipy(volume):
    d, _, b = volume
    for order in (0, 1):
        for grid in (False, True):
            for mode in ("grid-constant" if grid else "constant", "reflect", "nearest", "grid-wrap"):
                f = (0.37, 1.5, 0.63)
                rep = gips.runFile("transform.zoom", d / "b.npy", out=d / "z.npy", memory="16KiB", factor=f,
                                   order=order, mode=mode, grid_mode=grid)
                assert rep["slabs"] > 2
                want = ndi.zoom(b, f, order=order, mode=mode, grid_mode=grid)
                np.testing.assert_array_equal(np.load(d / "z.npy"), want)
    # spline orders out of core (prefilter through a temporary file): the
    # in-memory result, byte for byte; a budget too small for one band of
    # rows is refused by name and leaves no file
    for order in (2, 3, 5):
        f = (2.0, 0.63, 1.5)
        rep = gips.runFile("transform.zoom", d / "b.npy", out=d / "s.npy", memory="48KiB", factor=f, order=order,
                           mode="mirror")
        assert rep["slabs"] > 1
        want = np.asarray(gips.transform.zoom(b, factor=f, order=order, mode="mirror").array)
        np.testing.assert_array_equal(np.load(d / "s.npy"), want)
    with pytest.raises(gips.GipsError, match="memory"):
        gips.runFile("transform.zoom", d / "b.npy", out=d / "x.npy", memory="1KiB", factor=2, order=3)
    assert not (d / "x.npy").exists()
    assert sorted(p.name for p in d.iterdir()) == ["b.npy", "bin.npy", "s.npy", "z.npy"]


def test_label_analysis_out_of_core_every_column(volume):
    d, a, _ = volume
    labels, _ = ndi.label(a)
    np.save(d / "lab.npy", labels.astype(np.int32))
    t = gips.runFile("measure.labelAnalysis", d / "lab.npy", memory="24KiB", spacing=(2, 1, 0.5))
    want = gips.measure.labelAnalysis(labels.astype(np.int32), spacing=(2, 1, 0.5))
    assert list(t.keys()) == list(want.keys())
    for k in want:
        tol = 1e-12 if k in ("surfaceArea", "sphericity") else 0
        np.testing.assert_allclose(t[k], want[k], rtol=tol, atol=0, err_msg=k)


def test_label_intensity_analysis_out_of_core(volume):
    d, a, b = volume
    labels, n = ndi.label(a)
    np.save(d / "lab.npy", labels.astype(np.int32))
    cols = "label,intensityMin,intensityMax,intensityMean,weightedCentroidZ"
    t = gips.runFile("measure.labelIntensityAnalysis", d / "lab.npy", d / "b.npy", memory="48KiB", measures=cols)
    idx = range(1, n + 1)
    np.testing.assert_array_equal(t["intensityMin"], ndi.minimum(b, labels, idx))
    np.testing.assert_array_equal(t["intensityMax"], ndi.maximum(b, labels, idx))
    np.testing.assert_allclose(t["intensityMean"], ndi.mean(b.astype(np.float64), labels, idx), rtol=1e-12)
    z = np.indices(b.shape)[0]
    np.testing.assert_allclose(t["weightedCentroidZ"], ndi.sum(z * b.astype(np.float64), labels, idx) / ndi.sum(b.astype(np.float64), labels, idx), rtol=1e-12)
    with pytest.raises(gips.GipsError, match="intensityMedian"):
        gips.runFile("measure.labelIntensityAnalysis", d / "lab.npy", d / "b.npy", memory="48KiB", measures="intensityMedian")
