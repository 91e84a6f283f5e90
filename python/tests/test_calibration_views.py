"""img.calibration (read by the ops whose spacing defaults to it) and the
views extractPlan, extractVolume, getROI2d/3d, proved by identity."""

import numpy as np
import pytest
from scipy import ndimage as ndi

import gips


def blobs(shape=(6, 9, 10), seed=0):
    rng = np.random.default_rng(seed)
    return (ndi.gaussian_filter(rng.random(shape), 1.2) > 0.5).astype(np.uint8)


# -- calibration ------------------------------------------------------------

def test_calibration_default_set_and_checked():
    img = gips.fromArray(np.zeros((3, 4), np.uint8))
    assert img.calibration == gips.Calibration(1.0, 1.0, 1.0, "")
    img.calibration = gips.Calibration(0.5, 0.5, 2.0, "um")
    c = img.calibration
    assert (c.x, c.y, c.z, c.unit) == (0.5, 0.5, 2.0, "um")
    with pytest.raises(Exception):
        c.x = 3.0  # frozen
    with pytest.raises(TypeError):
        img.calibration = (1, 1, 2)
    for bad in (0, -1, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="x="):
            gips.Calibration(bad, 1, 1)
    with pytest.raises(ValueError, match="unit"):
        gips.Calibration(1, 1, 1, "u" * 30)
    assert img.copy().calibration == c


def test_edt_reads_the_calibration():
    a = blobs()
    img = gips.fromArray(a)
    img.calibration = gips.Calibration(1, 1, 2)
    want = ndi.distance_transform_edt(a, sampling=(2, 1, 1))
    np.testing.assert_allclose(np.asarray(gips.distance.edt(img)), want, rtol=1e-6)
    # without a calibration the default is 1 along each axis
    np.testing.assert_allclose(np.asarray(gips.distance.edt(gips.fromArray(a))),
                               ndi.distance_transform_edt(a), rtol=1e-6)
    # an explicit sampling wins over the calibration
    np.testing.assert_allclose(np.asarray(gips.distance.edt(img, sampling=(1, 3, 1))),
                               ndi.distance_transform_edt(a, sampling=(1, 3, 1)), rtol=1e-6)


def test_label_analysis_reads_the_calibration():
    lab, _ = ndi.label(blobs(seed=1))
    lab = lab.astype(np.uint16)
    img = gips.fromLabelArray(lab)
    img.calibration = gips.Calibration(0.5, 0.25, 2.0, "um")
    got = gips.measure.labelAnalysis(img)
    want = gips.measure.labelAnalysis(lab, spacing=(2.0, 0.25, 0.5))  # numpy order z, y, x
    plain = gips.measure.labelAnalysis(lab)
    assert set(got) == set(want)
    for k in got:
        np.testing.assert_allclose(got[k], want[k], rtol=1e-9, err_msg=k)
    # the calibrated centroid is the pixel centroid times the voxel size (numpy check)
    for i, l in enumerate(np.asarray(got["label"]).astype(int)):
        zz, yy, xx = np.nonzero(lab == l)
        assert got["centroidX"][i] == pytest.approx(xx.mean() * 0.5)
        assert got["centroidZ"][i] == pytest.approx(zz.mean() * 2.0)
    assert not np.allclose(got["centroidZ"], plain["centroidZ"])


# -- views --------------------------------------------------------------------

def test_extract_plan_is_a_view():
    a = np.arange(4 * 5 * 6, dtype=np.uint16).reshape(4, 5, 6)
    img = gips.fromArray(a)
    img.calibration = gips.Calibration(0.5, 0.5, 2, "um")
    p = img.extractPlan(2)
    assert p.shape == (5, 6) and p.bufferType == gips.UInt16
    assert np.shares_memory(p.array, img.array) and np.shares_memory(p.array, a)
    np.testing.assert_array_equal(p.array, a[2])
    p.array[1, 3] = 999
    assert img.array[2, 1, 3] == 999 and a[2, 1, 3] == 999
    a[2, 0, 0] = 7
    assert p.array[0, 0] == 7
    q = gips.extractPlan(3, 0, 0, img)  # the reference SDK's order
    np.testing.assert_array_equal(q.array, a[3])
    assert np.shares_memory(q.array, a)
    assert p.calibration == img.calibration
    with pytest.raises(ValueError, match="z=4"):
        img.extractPlan(4)


def test_extract_plan_and_volume_of_channels_and_frames():
    g = gips.geometryMultiChannel3d(gips.Real32, 5, 4, 3, 2)
    img = gips.createImage(g)
    a = img.array  # (C, Z, Y, X)
    a[...] = np.arange(a.size, dtype=np.float32).reshape(a.shape)
    p = img.extractPlan(1, c=1)
    np.testing.assert_array_equal(p.array, a[1, 1])
    assert np.shares_memory(p.array, a)
    v = img.extractVolume(c=1)
    assert v.shape == (3, 4, 5) and v.geometry.is3D
    np.testing.assert_array_equal(v.array, a[1])
    v.array[2, 3, 4] = -1
    assert a[1, 2, 3, 4] == -1
    s = gips.createImage(gips.geometrySequence3d(gips.UInt8, 4, 3, 2, 3))
    s.array[...] = np.arange(s.array.size, dtype=np.uint8).reshape(s.shape)
    vt = gips.extractVolume(0, 2, s)
    np.testing.assert_array_equal(vt.array, s.array[2])
    assert np.shares_memory(vt.array, s.array)


def test_rois_are_views():
    a = np.arange(6 * 7 * 8, dtype=np.int32).reshape(6, 7, 8)
    img = gips.fromArray(a)
    r = img.getROI3d(2, 1, 3, 4, 5, 2)  # x, y, z, w, h, d
    assert r.shape == (2, 5, 4)
    np.testing.assert_array_equal(r.array, a[3:5, 1:6, 2:6])
    assert np.shares_memory(r.array, a)
    r.array[...] = -5
    assert (a[3:5, 1:6, 2:6] == -5).all() and (a[:3] != -5).all()
    b = np.arange(7 * 8, dtype=np.float64).reshape(7, 8)
    r2 = gips.fromArray(b).getROI2d(1, 2, 3, 4)
    np.testing.assert_array_equal(r2.array, b[2:6, 1:4])
    r2.array[0, 0] = -1
    assert b[2, 1] == -1
    # an op on the view reads only the region
    assert gips.stats.sum(r2) == pytest.approx(b[2:6, 1:4].sum())
    r3 = img.getROI3d(0, 0, 0, 8, 7, 6)
    assert gips.stats.sum(r3) == pytest.approx(a.sum())
    with pytest.raises(ValueError, match="x=6"):
        gips.fromArray(b).getROI2d(6, 0, 3, 2)


def test_op_results_keep_the_inputs_calibration():
    a = np.arange(4 * 5 * 6, dtype=np.uint16).reshape(4, 5, 6)
    img = gips.fromArray(a)
    img.calibration = gips.Calibration(0.5, 0.5, 2.0, "um")
    out = gips.filter.gaussian(img, sigma=1.0)
    assert out.calibration == img.calibration
