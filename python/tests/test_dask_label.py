"""gips.dask.label, edt and labelAnalysis: equal to scipy / scikit-image and
to the whole array's gips result, for every chunking."""

import multiprocessing

import numpy as np
import pytest

da = pytest.importorskip("dask.array")
ndi = pytest.importorskip("scipy.ndimage")
import dask  # noqa: E402

import gips  # noqa: E402
import gips.dask as gd  # noqa: E402

RNG = np.random.default_rng(16)
IMG = RNG.random((37, 29)) > 0.55
VOL = RNG.random((13, 17, 19)) > 0.6
# odd chunks, one plane / one row / one column per chunk, single pixels
CHUNKS = {2: [(37, 29), (5, 7), (1, 29), (37, 1), (2, 3), (1, 1)],
          3: [(13, 17, 19), (4, 5, 6), (1, 17, 19), (13, 1, 19), (3, 2, 1), (2, 2, 3)]}


def _label(a, chunks, conn=0):
    labels, n = gd.label(da.from_array(a, chunks=chunks), conn)
    got, count = dask.compute(labels, n, scheduler="threads")
    return got, int(count)


def _scipy(a, conn):
    return ndi.label(a, ndi.generate_binary_structure(a.ndim, conn or a.ndim))


@pytest.mark.parametrize("a", [IMG, VOL], ids=["2d", "3d"])
def test_label_equals_scipy_for_every_chunking(a):
    for conn in range(a.ndim + 1):
        want, n = _scipy(a, conn)
        for chunks in CHUNKS[a.ndim]:
            got, count = _label(a, chunks, conn)
            assert count == n, (conn, chunks)
            assert got.dtype == np.int32
            np.testing.assert_array_equal(got, want, err_msg=f"connectivity {conn} chunks {chunks}")


def _snake(shape):
    """One serpentine object that crosses every chunk, with isolated dots
    between its turns."""
    a = np.zeros(shape, bool)
    a[..., ::4, :] = True
    for i, y in enumerate(range(1, shape[-2] - 1, 4)):
        a[..., y:y + 3, -1 if i % 2 == 0 else 0] = True
    a[..., 2::8, shape[-1] // 2] = True  # dots: separate objects
    return a


@pytest.mark.parametrize("shape", [(41, 23), (7, 41, 23)])
def test_object_crossing_many_chunks(shape):
    a = _snake(shape)
    want, n = _scipy(a, 1)
    assert n == 1 + len(range(2, shape[-2], 8))
    for chunks in [(3,) * a.ndim, (1,) + (3,) * (a.ndim - 2) + (5,), (2,) * a.ndim]:
        got, count = _label(a, chunks, 1)
        assert count == n
        np.testing.assert_array_equal(got, want)


def test_diagonal_only_connections_across_block_corners():
    # 2D: pixels touch only at corners, and the corners are block corners
    img = np.zeros((12, 12), bool)
    for i in range(12):
        img[i, i] = True
        img[i, 11 - i] = img[i, 11 - i] or i % 3 == 0
    for chunks in [(4, 4), (3, 3), (1, 1), (5, 7)]:
        for conn in (1, 2):
            want, n = _scipy(img, conn)
            got, count = _label(img, chunks, conn)
            assert count == n
            np.testing.assert_array_equal(got, want)
    # 3D: along a body diagonal (corner contacts only: connectivity 3) and
    # a face diagonal (edge contacts: connectivity 2)
    vol = np.zeros((8, 8, 8), bool)
    for i in range(8):
        vol[i, i, i] = True
        vol[i, 7 - i, 0] = True
    for chunks in [(2, 2, 2), (1, 1, 1), (3, 4, 5)]:
        for conn in (1, 2, 3):
            want, n = _scipy(vol, conn)
            got, count = _label(vol, chunks, conn)
            assert count == n
            np.testing.assert_array_equal(got, want, err_msg=f"{chunks} {conn}")
    assert [_scipy(vol, c)[1] for c in (1, 2, 3)] == [16, 9, 2]  # the diagonal joins happen


def test_non_binary_equal_values_join_as_skimage():
    measure = pytest.importorskip("skimage.measure")
    for a in [RNG.integers(0, 4, (31, 27)).astype(np.uint8), RNG.integers(0, 3, (9, 11, 13)).astype(np.int16)]:
        for conn in range(1, a.ndim + 1):
            want = measure.label(a, background=0, connectivity=conn)
            whole = np.asarray(gips.label.components(a, connectivity=conn).array)
            np.testing.assert_array_equal(whole, want)
            for chunks in CHUNKS[a.ndim][1:]:
                got, count = _label(a, chunks, conn)
                assert count == want.max()
                np.testing.assert_array_equal(got, want, err_msg=f"{a.dtype} {conn} {chunks}")


def test_label_count_is_lazy_and_shares_the_graph():
    labels, n = gd.label(da.from_array(VOL, chunks=(4, 5, 6)))
    assert isinstance(n, da.Array) and n.shape == () and labels.chunks == da.from_array(VOL, chunks=(4, 5, 6)).chunks
    assert int(n.compute()) == _scipy(VOL, 0)[1]


def test_label_refuses_bad_parameters():
    d = da.from_array(IMG, chunks=5)
    with pytest.raises(ValueError, match="connectivity 3"):
        gd.label(d, 3)
    with pytest.raises(TypeError, match="connectivity"):
        gd.label(d, 1.5)
    with pytest.raises(gips.GipsTypeError, match="Real64"):
        gd.label(d.astype(float))
    with pytest.raises(ValueError, match="shape"):
        gd.label(da.zeros((4,), chunks=2, dtype=bool))


# The per-block passes (gips ops since session 9) against the numpy passes
# they replaced, kept here as the reference.

def _numpy_firsts(lab, start, shape):
    flat = lab.ravel()
    if flat.size == 0:
        return np.zeros(0, np.int64)
    runs = np.concatenate([[0], np.flatnonzero(flat[1:] != flat[:-1]) + 1])
    cm = np.maximum.accumulate(flat[runs])
    step = np.empty(cm.size, bool)
    step[0] = cm[0] != 0
    step[1:] = cm[1:] != cm[:-1]
    coords = np.unravel_index(runs[step], lab.shape)
    return np.ravel_multi_index(tuple(c + s for c, s in zip(coords, start)), shape).astype(np.int64)


def _numpy_face_pairs(left, right, vleft, vright, axis, lblock, rblock, bounds, numblocks, conn):
    others = [k for k in range(len(numblocks)) if k != axis]
    grids = np.meshgrid(*[np.searchsorted(bounds[k], np.arange(bounds[k][-1]), side="right") - 1 for k in others],
                        indexing="ij")

    def ids(lab, blk):
        idx = [None] * len(numblocks)
        for k, g in zip(others, grids):
            idx[k] = g
        idx[axis] = np.full(lab.shape, blk)
        return (np.ravel_multi_index(tuple(idx), numblocks).astype(np.int64) << 32) | lab.astype(np.int64)
    lid, rid = ids(left, lblock), ids(right, rblock)
    out = [np.zeros((0, 2), np.int64)]
    for d in np.ndindex(*([3] * len(others))):
        d = [x - 1 for x in d]
        if 1 + sum(x != 0 for x in d) > conn:
            continue
        ls = tuple(slice(max(0, -x), m - max(0, x)) for x, m in zip(d, left.shape))
        rs = tuple(slice(max(0, x), m - max(0, -x)) for x, m in zip(d, left.shape))
        m = (left[ls] != 0) & (right[rs] != 0)
        if vleft.dtype != np.bool_:
            m &= vleft[ls] == vright[rs]
        out.append(np.stack([lid[ls][m], rid[rs][m]], axis=1))
    return np.unique(np.concatenate(out), axis=0)


@pytest.mark.parametrize("dtype", [np.bool_, np.uint8])
@pytest.mark.parametrize("shape,chunks", [((37, 29), (5, 7)), ((13, 17, 19), (4, 5, 6)), ((9, 10, 11), (3, 1, 11))])
def test_block_passes_equal_the_numpy_passes(shape, chunks, dtype):
    from gips import _dask_global as g
    a = RNG.integers(0, 3, shape).astype(dtype)
    bounds = [np.cumsum((0,) + tuple(c)) for c in da.from_array(a, chunks=chunks).chunks]
    nb = tuple(len(b) - 1 for b in bounds)
    for conn in range(1, a.ndim + 1):
        lab = np.zeros(shape, np.uint32)
        for bi in np.ndindex(*nb):
            sl = tuple(slice(bounds[k][bi[k]], bounds[k][bi[k] + 1]) for k in range(a.ndim))
            lab[sl] = g._label_block(a[sl], conn)
            start = tuple(int(bounds[k][bi[k]]) for k in range(a.ndim))
            np.testing.assert_array_equal(g._firsts(lab[sl], start, shape), _numpy_firsts(lab[sl], start, shape))
        for axis in range(a.ndim):
            for c in range(1, nb[axis]):
                b = int(bounds[axis][c])
                pl = lambda i: tuple(i if k == axis else slice(None) for k in range(a.ndim))  # noqa: E731
                args = (lab[pl(b - 1)], lab[pl(b)], a[pl(b - 1)], a[pl(b)], axis, c - 1, c, bounds, nb, conn)
                got, want = g._face_pairs(*args), _numpy_face_pairs(*args)
                assert len(want) > 0
                np.testing.assert_array_equal(got, want, err_msg=f"axis {axis} boundary {c} conn {conn}")


def test_relabel_in_place_or_into_a_new_array_when_read_only():
    from gips import _dask_global as g
    lab = RNG.integers(0, 5, (6, 7, 8)).astype(np.uint32)
    table = RNG.integers(0, 1000, 5)
    info = [{"chunk-location": (1, 0, 0), "num-chunks": (2, 1, 1)}]
    luts = ([np.zeros(5, np.int64), table], 2)
    want = table[lab].astype(np.int32)
    ro = lab.copy()
    ro.flags.writeable = False
    got = g._relabel(ro, luts, np.int32, block_info=info)
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(ro, lab)  # a read-only block is not written
    got = g._relabel(lab, luts, np.int32, block_info=info)
    np.testing.assert_array_equal(got, want)
    assert np.shares_memory(got, lab)  # written over the local labels
    np.testing.assert_array_equal(g._relabel(ro, luts, np.int64, block_info=info), table[ro])


def _blobs(shape, seed):
    """Ragged blobs and speckle (a smoothed random field thresholded), as the
    bench's inputs: hundreds of labels (more than a uint8 holds)."""
    r = np.random.default_rng(seed)
    f = ndi.gaussian_filter(r.random(shape), 1.0)
    f += 0.5 * f.std() * r.random(shape)
    return f > np.quantile(f, 0.55 if len(shape) == 2 else 0.8)  # 3D blobs percolate sooner


def _brute_faces(left, right, lv, rv, xs, ys, conn):
    """label.blockFaces' pairs, pixel by pixel: every foreground pixel of left
    with every pixel of right at an in-plane offset of at most conn-1 nonzero
    unit steps, when the values join (bool: always; else equal)."""
    h, w = left.shape
    bx = np.searchsorted(xs, np.arange(w), "right") - 1
    by = np.searchsorted(ys, np.arange(h), "right") - 1
    out = set()
    for y, x in zip(*np.nonzero(left)):
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                y2, x2 = y + dy, x + dx
                if 1 + (dy != 0) + (dx != 0) > conn or not (0 <= y2 < h and 0 <= x2 < w) or right[y2, x2] == 0:
                    continue
                if lv.dtype != np.bool_ and lv[y, x] != rv[y2, x2]:
                    continue
                out.add((by[y] * len(xs) + bx[x], left[y, x], by[y2] * len(xs) + bx[x2], right[y2, x2]))
    return np.array(sorted(out), np.float64).reshape(-1, 4)


@pytest.mark.parametrize("shape", [(300, 280), (40, 70, 90)], ids=["2d", "3d"])
def test_block_ops_equal_numpy_on_blobs(shape):
    """label.blockFirsts, relabelTable and blockFaces called directly on
    scipy's labels of blobs, against numpy (np.unique, np.take) and a
    pixel-by-pixel reference."""
    a = _blobs(shape, 5)
    lab, n = ndi.label(a, np.ones((3,) * a.ndim, bool))
    assert n > 255
    _, first = np.unique(lab.ravel(), return_index=True)
    for dt in (np.uint16, np.uint32):
        got = np.asarray(gips.label.blockFirsts(lab.astype(dt)))
        np.testing.assert_array_equal(got, first[1:])
    table = np.concatenate([[0], RNG.permutation(n) + 1]).astype(np.int32)
    lab32 = lab.astype(np.uint32)
    got = np.asarray(gips.label.relabelTable(lab32, table.reshape(1, -1)).array)
    np.testing.assert_array_equal(got, np.take(table, lab32))
    out = lab32.view(np.int32)
    gips.label.relabelTable(lab32, table.reshape(1, -1), out=out)  # over the labels' own memory
    np.testing.assert_array_equal(out, np.take(table, lab))
    # the faces: the planes either side of the middle of the first axis
    b = shape[0] // 2
    planes = [lab[b - 1], lab[b], a[b - 1], a[b]]
    if a.ndim == 2:
        planes = [p.reshape(1, -1) for p in planes]
    planes = [np.ascontiguousarray(p) for p in planes]
    planes[:2] = [p.astype(np.uint32) for p in planes[:2]]
    h, w = planes[0].shape
    xs, ys = list(range(0, w, 17)), list(range(0, h, 13))
    vals = (a.astype(np.uint8) * RNG.integers(1, 3, a.shape).astype(np.uint8))  # equal values only join
    vplanes = [np.ascontiguousarray(p).reshape(h, w) for p in (vals[b - 1], vals[b])]
    for conn in range(1, a.ndim + 1):
        for lv, rv in [planes[2:], vplanes]:
            got = np.asarray(gips.label.blockFaces(planes[0], planes[1], lv, rv, x_starts=xs, y_starts=ys,
                                                   connectivity=conn)).reshape(-1, 4)
            want = _brute_faces(planes[0], planes[1], lv, rv, xs, ys, conn)
            assert len(want) > 10
            np.testing.assert_array_equal(got, want, err_msg=f"conn {conn} {lv.dtype}")


def test_block_ops_refuse_bad_labels():
    with pytest.raises(gips.GipsError, match="raster order"):
        gips.label.blockFirsts(np.array([[0, 2, 1]], np.uint32))
    with pytest.raises(gips.GipsError, match="table of 3 entries"):
        gips.label.relabelTable(np.array([[0, 3]], np.uint32), np.arange(3, dtype=np.int32).reshape(1, -1))


# ---------------------------------------------------------------- edt

EDT_IN = {2: RNG.random((37, 29)) > 0.05, 3: RNG.random((13, 17, 19)) > 0.03}


@pytest.mark.parametrize("ndim", [2, 3])
def test_edt_equals_scipy(ndim):
    a = EDT_IN[ndim]
    for sampling in [None, (2.0, 0.7, 1.3)[-ndim:], 0.5]:
        want = ndi.distance_transform_edt(a, sampling)
        whole32 = np.asarray(gips.distance.edt(a, sampling=sampling).array)
        for chunks in CHUNKS[ndim]:
            d = da.from_array(a, chunks=chunks)
            got = gd.edt(d, sampling, output="Real64").compute(scheduler="threads")
            assert got.dtype == np.float64 and gd.edt(d).chunks == d.chunks
            np.testing.assert_allclose(got, want, rtol=1e-12, atol=0, err_msg=f"{sampling} {chunks}")
            got32 = gd.edt(d, sampling).compute(scheduler="threads")
            assert got32.dtype == np.float32
            np.testing.assert_allclose(got32, whole32, rtol=1e-7, atol=0)


def test_edt_far_zeros_and_planes_without_zeros():
    vol = np.ones((20, 9, 11), np.uint8)
    vol[0, 0, 0] = 0          # one zero: every other plane has none
    vol[19, 8, 10] = 0
    want = ndi.distance_transform_edt(vol, (1.5, 1.0, 2.0))
    got = gd.edt(da.from_array(vol, chunks=(3, 4, 5)), (1.5, 1.0, 2.0), output="Real64").compute()
    np.testing.assert_allclose(got, want, rtol=1e-12)
    # a dtype gips has no image type for: nonzero is the foreground
    wide = vol.astype(np.int64) * -5
    got = gd.edt(da.from_array(wide, chunks=(7, 9, 4)), (1.5, 1.0, 2.0), output="Real64").compute()
    np.testing.assert_allclose(got, want, rtol=1e-12)
    # no zero at all: +inf, as gips.distance.edt
    ones = np.ones((6, 7), bool)
    got = gd.edt(da.from_array(ones, chunks=3)).compute()
    np.testing.assert_array_equal(got, np.asarray(gips.distance.edt(ones).array))
    assert np.isinf(got).all()


def test_edt_refuses_bad_parameters():
    d = da.from_array(IMG, chunks=5)
    with pytest.raises(ValueError, match="sampling"):
        gd.edt(d, (1.0, 2.0, 3.0))
    with pytest.raises(ValueError, match="sampling"):
        gd.edt(d, -1.0)
    with pytest.raises(ValueError, match="output"):
        gd.edt(d, output="UInt8")


# ---------------------------------------------------------------- labelAnalysis

EXACT = {"label", "area", "areaPhysical", "bboxMinX", "bboxMinY", "bboxMinZ", "bboxMaxX", "bboxMaxY", "bboxMaxZ",
         "centroidX", "centroidY", "centroidZ", "extent", "intensityMin", "intensityMax"}


def _labels(shape):
    # objects spanning many blocks, with gaps in the label values
    lab = ndi.label(RNG.random(shape) > 0.5)[0] * 3
    lab[lab % 7 == 0] = 0
    return lab.astype(np.int32)


@pytest.mark.parametrize("shape", [(37, 29), (13, 17, 19)], ids=["2d", "3d"])
def test_label_analysis_equals_the_whole_table(shape):
    lab = _labels(shape)
    inten = RNG.random(shape) * 1000
    nd = len(shape)
    for spacing in [None, (2.0, 0.5, 1.5)[-nd:]]:
        whole = gips.measure.labelIntensityAnalysis(lab, inten, spacing=spacing)
        for chunks in CHUNKS[nd][1:]:
            got = gd.labelAnalysis(da.from_array(lab, chunks=chunks), da.from_array(inten, chunks=chunks),
                                   spacing=spacing)
            assert list(got) == [c for c in whole if c in gd.MERGEABLE]
            for c in got:
                assert got.units.get(c, "") == whole.units.get(c, ""), c
                if c in EXACT:
                    np.testing.assert_array_equal(got[c], whole[c], err_msg=c)
                else:  # float sums in another order; inf and nan (x/0, 0/0) where the whole's are
                    w, fin = whole[c], np.isfinite(whole[c])
                    np.testing.assert_array_equal(got[c][~fin], w[~fin], err_msg=c)
                    np.testing.assert_allclose(got[c][fin], w[fin], rtol=1e-12,
                                               atol=1e-12 * np.abs(w[fin]).max(initial=0), err_msg=f"{c} {chunks}")
    # independent references: scipy's per-label sums, means and centres
    t = gd.labelAnalysis(da.from_array(lab, chunks=(3,) * nd), da.from_array(inten, chunks=(5,) * nd))
    ids = np.unique(lab[lab > 0])
    np.testing.assert_array_equal(t["label"], ids)
    np.testing.assert_array_equal(t["area"], np.bincount(lab.ravel())[ids])
    com = np.array(ndi.center_of_mass(np.ones(shape), lab, ids))
    for a in range(nd):
        np.testing.assert_allclose(t["centroid" + "XYZ"[a]], com[:, nd - 1 - a], rtol=1e-12)
    np.testing.assert_allclose(t["intensityMean"], ndi.mean(inten, lab, ids), rtol=1e-12)
    np.testing.assert_allclose(t["intensityStd"], ndi.standard_deviation(inten, lab, ids), rtol=1e-10)
    np.testing.assert_array_equal(t["intensityMax"], ndi.maximum(inten, lab, ids))


def test_label_analysis_measures_and_refusals():
    lab = _labels((13, 17, 19))
    d = da.from_array(lab, chunks=(4, 5, 6))
    t = gd.labelAnalysis(d, measures="area, centroidZ")
    assert list(t) == ["label", "area", "centroidZ"]
    whole = gips.measure.labelAnalysis(lab, measures="area,centroidZ")
    for c in t:
        np.testing.assert_array_equal(t[c], whole[c])
    for names in (["area", "centroidZ"], ("centroidZ", "area")):  # as regionprops_table's properties
        assert list(gd.labelAnalysis(d, measures=names)) == ["label", "area", "centroidZ"]
    for empty in ([], "", " , "):  # refused as gips.measure.labelAnalysis refuses them
        with pytest.raises(ValueError, match="empty"):
            gd.labelAnalysis(d, measures=empty)
        with pytest.raises(ValueError, match="empty"):
            gips.measure.labelAnalysis(lab, measures=empty)
    lazy = gd.labelAnalysis(d, measures="area", compute=False)
    np.testing.assert_array_equal(lazy.compute()["area"], whole["area"])
    with pytest.raises(ValueError, match="solidity.*not mergeable"):
        gd.labelAnalysis(d, measures="area,solidity")
    with pytest.raises(ValueError, match="intensityMedian"):
        gd.labelAnalysis(d, d.astype(float), measures="intensityMedian")
    with pytest.raises(ValueError, match="shape"):
        gd.labelAnalysis(d, d[:, :, :3])
    with pytest.raises(TypeError, match="float"):
        gd.labelAnalysis(d.astype(float))
    empty = gd.labelAnalysis(da.zeros((5, 6), chunks=2, dtype=np.uint8))
    assert all(len(v) == 0 for v in empty.values())


def test_label_then_measure_on_a_spawned_process_cluster():
    distributed = pytest.importorskip("distributed")
    ctx = multiprocessing.get_context("spawn")  # noqa: F841  (a Go runtime does not survive fork)
    dask.config.set({"distributed.worker.multiprocessing-method": "spawn"})
    want, n = _scipy(VOL, 0)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        d = da.from_array(VOL, chunks=(4, 5, 6))
        labels, count = gd.label(d)
        got, got_n = client.compute([labels, count], sync=True)
        dist = client.compute(gd.edt(d, output="Real64"), sync=True)
        table = gd.labelAnalysis(labels, measures="area,centroidX")  # the client is the default scheduler
    np.testing.assert_array_equal(got, want)
    assert int(got_n) == n
    np.testing.assert_allclose(dist, ndi.distance_transform_edt(VOL), rtol=1e-12)
    np.testing.assert_array_equal(table["area"], np.bincount(want.ravel())[1:])
