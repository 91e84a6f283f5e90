"""gips.dask: chunked results equal the whole array's, for every chunking."""

import multiprocessing

import numpy as np
import pytest

da = pytest.importorskip("dask.array")
import dask  # noqa: E402

import gips  # noqa: E402
import gips.dask as gd  # noqa: E402

RNG = np.random.default_rng(7)
VOL = RNG.integers(0, 4000, (13, 17, 19)).astype(np.uint16)
IMG = RNG.integers(0, 255, (37, 29)).astype(np.uint8)

# (registry name, params, inputs): the whole-array call is the reference.
CASES = [
    ("filter.gaussian", dict(sigma=(2.0, 1.0, 0.5), mode="reflect"), [VOL]),
    ("filter.gaussian", dict(sigma=1.5, mode="wrap"), [VOL]),
    ("filter.gaussian", dict(sigma=3.0, mode="constant", cval=100.0, output="same"), [IMG]),
    ("filter.mean", dict(size=(5, 3, 4), mode="mirror"), [VOL]),
    ("filter.mean", dict(size=7, mode="nearest"), [IMG]),
    ("arith.add", {}, [VOL, VOL[::-1].copy()]),
    ("arith.multiplyScalar", dict(value=2.5), [IMG]),
    ("threshold.range", dict(min=1000, max=3000), [VOL]),
    ("morpho.erode", dict(size=(3, 5, 3), mode="mirror"), [VOL]),
    ("morpho.opening", dict(footprint=np.ones((3, 5), bool)), [IMG]),
    ("morpho.binaryDilate", dict(iterations=2), [VOL > 2000]),
    ("filter.median", dict(size=3, mode="wrap"), [VOL]),
    ("filter.sobel", {}, [VOL]),
    ("filter.gaussianGradientMagnitude", dict(sigma=(1.0, 2.0, 1.5), mode="nearest"), [VOL]),
    ("filter.bilateral", dict(sigma_range=30.0, sigma_spatial=2.0), [IMG]),
]
CHUNKS = {2: [(37, 29), (8, 5), (2, 3), (11, 29)], 3: [(13, 17, 19), (5, 6, 7), (1, 4, 19), (2, 2, 3)]}


def _whole(name, params, inputs):
    fam, short = name.split(".")
    res = getattr(getattr(gips, fam), short)(*inputs, **params)
    a = np.asarray(res.array)
    return a.astype(bool) if res.bufferType == gips.Binary else a


@pytest.mark.parametrize("case", range(len(CASES)))
def test_chunked_equals_whole(case):
    name, params, inputs = CASES[case]
    want = _whole(name, params, inputs)
    for chunks in CHUNKS[inputs[0].ndim]:
        darrs = [da.from_array(x, chunks=chunks) for x in inputs]
        got = gd.apply(name, *darrs, **params).compute(scheduler="threads")
        assert got.dtype == want.dtype, (name, chunks)
        np.testing.assert_array_equal(got, want, err_msg=f"{name} {params} chunks {chunks}")


def test_functions_by_family_and_by_unique_name():
    d = da.from_array(VOL, chunks=(4, 9, 10))
    a = gd.filter.gaussian(d, sigma=2.0).compute()
    b = gd.gaussian(d, sigma=2.0).compute()
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, gips.filter.gaussian(VOL, sigma=2.0).array)
    assert "filter.gaussian" in gd.localOps() and "threshold.otsu" not in gd.localOps()


def test_whole_image_ops_are_refused():
    with pytest.raises(ValueError, match="whole image"):
        gd.apply("threshold.otsuApply", da.from_array(VOL, chunks=5))
    with pytest.raises(ValueError, match="one shape"):
        gd.apply("arith.add", da.from_array(VOL), da.from_array(VOL[:, :, :5]))


def test_depth_comes_from_the_registry_halo():
    d = da.from_array(VOL, chunks=(5, 6, 7))
    g = gd.gaussian(d, sigma=(2.0, 1.0, 0.5), truncate=4.0)
    # numpy order: z sigma 2 -> radius 8, clamped by nothing; y 4; x 2
    assert gips.halo("filter.gaussian", VOL, sigma=(2.0, 1.0, 0.5), truncate=4.0) == (8, 4, 2)
    assert g.shape == VOL.shape


def test_distributed_cluster_of_spawned_processes():
    distributed = pytest.importorskip("distributed")
    ctx = multiprocessing.get_context("spawn")  # noqa: F841  (a Go runtime does not survive fork)
    dask.config.set({"distributed.worker.multiprocessing-method": "spawn"})
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        d = da.from_array(VOL, chunks=(4, 9, 10))
        got = client.compute(gd.gaussian(d, sigma=1.5, mode="nearest")).result()
    np.testing.assert_array_equal(got, gips.filter.gaussian(VOL, sigma=1.5, mode="nearest").array)


# Slab by slab (gips/_dask_halo.py): small budgets force many slabs per
# chunk; the chunks below are odd, single-plane, thinner than the halo
# (sigma 3 -> radius 12 over chunks of 1 and 2) and one whole chunk.
SLAB_CASES = [
    ("filter.gaussian", dict(sigma=3.0, mode="reflect"), [VOL]),
    ("filter.gaussian", dict(sigma=(2.0, 0.0, 1.0), mode="constant", cval=7.0), [VOL]),
    ("morpho.erode", dict(size=(5, 1, 3), mode="nearest"), [VOL]),
    ("arith.subtract", {}, [VOL, VOL[::-1].copy()]),
    ("morpho.binaryErode", dict(iterations=3), [VOL > 1000]),
    ("filter.mean", dict(size=(9, 3), mode="mirror"), [IMG]),
]


@pytest.mark.parametrize("case", range(len(SLAB_CASES)))
@pytest.mark.parametrize("budget", [1, None])
def test_slabs_equal_whole_for_odd_chunks_and_budgets(case, budget):
    from gips import _dask_halo
    name, params, inputs = SLAB_CASES[case]
    want = _whole(name, params, inputs)
    fam, short = name.split(".")
    fn = getattr(getattr(gips, fam), short)
    depth = tuple(int(d) for d in gips.halo(name, *inputs, **params))
    chunks = {2: [(37, 29), (1, 29), (3, 2), (10, 7)], 3: [(13, 17, 19), (1, 17, 19), (2, 5, 19), (6, 8, 5)]}
    for ch in chunks[inputs[0].ndim]:
        darrs = [da.from_array(x, chunks=ch) for x in inputs]
        probe = want.ravel()[:1].reshape((1,) * want.ndim)  # the result's dtype
        got = _dask_halo.haloMap(name, fn, params, darrs, depth, probe, budget=budget).compute(scheduler="threads")
        assert got.dtype == want.dtype and got.shape == want.shape
        np.testing.assert_array_equal(got, want, err_msg=f"{name} {params} chunks {ch} budget {budget}")


def test_slab_rows_keep_four_halos_and_the_budget():
    from gips._dask_halo import _slab_rows
    # 256 rows, halo 8, 1 MB a padded plane, 64 MB budget: (s + 16) MB <= 64 -> 48 -> 6 slabs of 43
    assert _slab_rows(256, 8, 1 << 20, 64 << 20) == 43
    # a tiny budget still takes 4 halos a slab, evened out over the chunk
    assert _slab_rows(256, 8, 1 << 20, 1) == 32
    assert _slab_rows(100, 8, 1 << 20, 1) == 25
    # no halo along axis 0: one row a slab at the least; the whole chunk at most
    assert _slab_rows(10, 0, 1 << 20, 1) == 1
    assert _slab_rows(10, 3, 1, 1 << 30) == 10


def test_result_chunks_own_exactly_their_pixels():
    # map_overlap's trimmed result was a view of the padded output; each
    # chunk here is its own array of the chunk's size
    d = da.from_array(VOL, chunks=(5, 6, 7))
    g = gd.gaussian(d, sigma=1.0)
    for blk in g.to_delayed().ravel():
        a = blk.compute(scheduler="sync")
        assert a.base is None and a.flags.c_contiguous


def test_halo_pieces_only_not_whole_neighbours():
    # the block tasks' inputs: the chunk itself plus halo pieces, each no
    # larger than the halo along the axes where it lies beside the chunk
    d = da.from_array(VOL, chunks=(5, 6, 7))
    g = gd.filter.mean(d, size=3)
    graph = dict(g.__dask_graph__())
    pieces = [k for k in graph if isinstance(k, tuple) and "-halo-" in k[0]]
    assert pieces
    for k in pieces:
        a = dask.get(graph, k)
        assert a.size <= 5 * 6 * 7 and 1 in a.shape, (k, a.shape)
