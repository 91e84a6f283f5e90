"""Measurement tables: labelAnalysis through the binding, as numpy arrays,
a DataFrame and CSV, against scikit-image's regionprops_table."""

import csv

import numpy as np
import pytest

import gips
from gips import tables


def _labels():
    rng = np.random.default_rng(3)
    a = np.zeros((40, 50), np.uint16)
    for l in rng.choice(5000, 12, replace=False) + 1:
        y, x = rng.integers(0, 40), rng.integers(0, 50)
        a[max(y - 4, 0):y + 3, max(x - 2, 0):x + 5] = l
    a[0, 0] = 7  # one pixel on the border
    return a


def test_table_matches_regionprops_table():
    from skimage.measure import regionprops_table
    a = _labels()
    t = tables.table(gips.measure.labelAnalysis(a))
    u, inv = np.unique(a, return_inverse=True)
    c = inv.reshape(a.shape) + (0 if u[0] == 0 else 1)
    ref = regionprops_table(c, properties=["area", "centroid", "bbox", "euler_number", "perimeter", "solidity"])
    np.testing.assert_array_equal(t["label"], u[u != 0])
    np.testing.assert_array_equal(t["area"], ref["area"])
    np.testing.assert_allclose(t["centroidX"], ref["centroid-1"], rtol=1e-12)
    np.testing.assert_allclose(t["centroidY"], ref["centroid-0"], rtol=1e-12)
    np.testing.assert_array_equal(t["bboxMinX"], ref["bbox-1"])
    np.testing.assert_array_equal(t["bboxMaxY"], ref["bbox-2"])
    np.testing.assert_array_equal(t["eulerNumber"], ref["euler_number"])
    np.testing.assert_allclose(t["perimeter"], ref["perimeter"], rtol=1e-12)
    np.testing.assert_allclose(t["solidity"], ref["solidity"], rtol=1e-12)
    assert all(v.dtype == np.float64 and len(v) == len(t["label"]) for v in t.values())


def test_measures_as_a_list_or_tuple_as_regionprops_table_takes_them():
    from skimage.measure import regionprops_table
    a = _labels()
    u, inv = np.unique(a, return_inverse=True)
    ref = regionprops_table(inv.reshape(a.shape), properties=("area", "centroid"))
    for measures in (["area", "centroidY"], ("area", "centroidY"), "area, centroidY", np.array(["area", "centroidY"])):
        t = gips.measure.labelAnalysis(a, measures=measures)
        assert list(t) == ["label", "area", "centroidY"], measures
        np.testing.assert_array_equal(t["area"], ref["area"])
        np.testing.assert_allclose(t["centroidY"], ref["centroid-0"], rtol=1e-12)
    t = gips.measure.labelIntensityAnalysis(a, a.astype(np.float32), measures=["intensityMax"])
    np.testing.assert_array_equal(t["intensityMax"], u[u != 0])
    for bad, what in (([], "is empty"), (["area", 3], "not a name"), (["area", "nope"], "unknown measure")):
        with pytest.raises(gips.GipsValueError, match=what):
            gips.measure.labelAnalysis(a, measures=bad)


def test_csv_and_pandas(tmp_path):
    t = gips.measure.labelAnalysis(_labels(), measures="area,elongation,feretMax")
    p = tmp_path / "t.csv"
    tables.saveCsv(t, p)
    rows = list(csv.reader(open(p)))
    assert [h.split(" [")[0] for h in rows[0]] == ["label", "area", "elongation", "feretMax"]
    assert rows[0] == [f"{k} [{t.units[k]}]" if t.units.get(k) else k for k in t]  # units as Go writes them
    got = np.array([[float(x) for x in r] for r in rows[1:]])
    want = np.stack(list(tables.table(t).values()), axis=1)
    np.testing.assert_array_equal(got, want)
    pd = pytest.importorskip("pandas")
    df = tables.toPandas(t)
    assert list(df.columns) == list(t)
    np.testing.assert_array_equal(df.to_numpy(), want)


def test_label_analysis_returns_numpy_columns_with_units():
    a = np.zeros((6, 9), np.uint16)
    a[1:3, 1:4] = 7
    a[4, 6:9] = 3
    t = gips.measure.labelAnalysis(a)
    assert isinstance(t, dict) and isinstance(t, tables.Table)
    assert all(isinstance(v, np.ndarray) and v.dtype == np.float64 for v in t.values())
    np.testing.assert_array_equal(t["label"], [3, 7])
    np.testing.assert_array_equal(t["area"], [3, 6])
    assert "centroidX" in t.units


def _brute(a, f):
    """Each label's area, intensity min, max, sum, mean and std (numpy's,
    ddof 0), label by label."""
    u = np.unique(a)
    u = u[u != 0]
    cols = {"label": u.astype(np.float64), "area": [], "intensityMin": [], "intensityMax": [], "intensitySum": [],
            "intensityMean": [], "intensityStd": []}
    for l in u:
        v = f[a == l].astype(np.float64)
        for k, x in (("area", v.size), ("intensityMin", v.min()), ("intensityMax", v.max()), ("intensitySum", v.sum()),
                     ("intensityMean", v.mean()), ("intensityStd", v.std())):
            cols[k].append(x)
    return {k: np.asarray(v, np.float64) for k, v in cols.items()}


def test_tables_in_blocks_every_call():
    """A table comes back in numpy blocks (capi's tagTable), not JSON: the
    first call (Python's path), and the later ones (the C module's), give
    float64 columns equal to a brute force, NaN and units kept, and an
    image without labels gives empty columns."""
    rng = np.random.default_rng(5)
    a = rng.integers(0, 300, (60, 70)).astype(np.int32)
    f = rng.normal(100, 20, a.shape).astype(np.float32)
    f[a == a.max()] = np.nan  # that label's intensity measures are NaN
    want = _brute(a, f)
    measures = ",".join(k for k in want if k != "label")
    for call in range(3):
        t = gips.measure.labelIntensityAnalysis(a, f, measures=measures)
        assert isinstance(t, tables.Table) and list(t)[0] == "label" and sorted(t) == sorted(want)  # table order
        for k, w in want.items():
            assert t[k].dtype == np.float64, k
            np.testing.assert_allclose(t[k], w, rtol=1e-12, atol=1e-9, equal_nan=True, err_msg=f"call {call}, {k}")
        assert np.isnan(t["intensityMean"][-1])
    # Anisotropic pixels: the perimeter is NaN, the centroid in the unit.
    for call in range(2):
        t = gips.measure.labelAnalysis(a, measures="perimeter,centroidX", spacing=(1.0, 2.0))
        assert np.isnan(t["perimeter"]).all()
        np.testing.assert_allclose(t["centroidX"], [2.0 * np.nonzero(a == l)[1].mean() for l in want["label"]],
                                   rtol=1e-12)
    img = gips.fromArray(a)
    img.calibration = gips.Calibration(x=0.5, y=0.5, unit="um")
    t = gips.measure.labelAnalysis(img, measures="area,areaPhysical,centroidX")
    assert t.units.get("centroidX") == "um" and not t.units.get("area")
    np.testing.assert_allclose(t["areaPhysical"], 0.25 * want["area"], rtol=1e-12)
    for call in range(2):
        t = gips.measure.labelAnalysis(np.zeros((5, 6), np.uint16), measures="area,centroidX")
        assert list(t) == ["label", "area", "centroidX"]
        assert all(v.dtype == np.float64 and v.shape == (0,) for v in t.values())
