"""The output pool (python/gips/_pool.c): a large op output's memory is
reused by the next output of about its size once the first dies, never
while any view of it lives; the pool stays within its limit, is emptied
by freeMemory and turned off by setOutputPool(0) or GIPS_OUTPUT_POOL_MB=0."""

import os
import subprocess
import sys

import numpy as np
import pytest

import gips
from gips import _ops

pytestmark = pytest.mark.skipif(_ops._fast is None, reason="no C extension: outputs are plain np.empty arrays")

BIG = (128, 512, 512)  # 32 MiB of uint8: the pool's minimum


@pytest.fixture(autouse=True)
def pool():
    """A 1 GiB pool, emptied before and after each test."""
    was = gips.setOutputPool(1 << 30)
    gips.freeMemory()
    yield
    gips.setOutputPool(was)
    gips.freeMemory()


def _address(a):
    return np.asarray(a).__array_interface__["data"][0]


def _pooled(a):
    """Whether array a's memory is a pool block (somewhere in its bases)."""
    b = np.asarray(a)
    while b is not None:
        if type(b).__name__ == "OutputBlock":
            return True
        b = getattr(b, "base", None)
    return False


def _stats():
    mx, mn, pooled, blocks = _ops._fast.outputPool()
    return pooled, blocks


def test_a_dead_output_is_reused_by_the_next():
    a = np.random.default_rng(1).integers(0, 256, BIG, dtype=np.uint8)
    r = gips.arith.invert(a)
    assert _pooled(r.array)
    first = _address(r.array)
    del r
    assert _stats() == (BIG[0] * BIG[1] * BIG[2], 1)
    r = gips.arith.invert(a)
    assert _address(r.array) == first  # the same memory, taken from the pool
    assert _stats() == (0, 0)
    np.testing.assert_array_equal(r.array, 255 - a)


def test_a_live_view_keeps_its_memory_out_of_the_pool():
    a = np.random.default_rng(2).integers(0, 256, BIG, dtype=np.uint8)
    r = gips.arith.invert(a)
    v = r.array[::3, 5:]
    del r
    assert _stats() == (0, 0)
    r2 = gips.arith.addScalar(a, value=1)
    assert not np.shares_memory(v, r2.array)
    np.testing.assert_array_equal(v, (255 - a)[::3, 5:])  # not overwritten by the second output


def test_a_reused_block_under_another_dtype_and_shape_is_read_afresh():
    # The block of a uint8 output comes back as a float32 output of another
    # shape at the same address; an op reading it must see the new values.
    a = np.random.default_rng(3).integers(0, 256, (8, 2048, 2048), dtype=np.uint8)  # 32 MiB
    r = gips.arith.invert(a)
    addr = _address(r.array)
    m1 = gips.stats.mean(r)
    del r
    f = np.random.default_rng(4).random((2048, 4096), dtype=np.float32)  # 32 MiB
    g = gips.arith.multiplyScalar(f, value=2.0)
    assert _address(g.array) == addr
    np.testing.assert_array_equal(g.array, f * np.float32(2))
    assert gips.stats.mean(g) == pytest.approx(float(np.mean(f.astype(np.float64) * 2)), rel=1e-6)
    assert m1 == pytest.approx(float(np.mean(255 - a.astype(np.float64))), rel=1e-9)


def test_outputs_under_32_mib_are_plain_numpy_arrays():
    # glibc's heap serves them once its mmap threshold has grown (to 32 MiB
    # at most), as it serves the peers' outputs; a pool block was a fresh
    # mapping whenever the last output still lived (_pool.c says why).
    assert _ops._fast.outputPool()[1] == 32 << 20
    for shape in ((64, 64), (64, 512, 512), (BIG[0] - 1, BIG[1], BIG[2])):
        r = gips.arith.invert(np.zeros(shape, np.uint8))
        assert not _pooled(r.array), shape
    assert _pooled(gips.arith.invert(np.zeros(BIG, np.uint8)).array)


def test_the_limit_bounds_what_the_pool_keeps():
    a = np.zeros(BIG, np.uint8)
    gips.setOutputPool(40 << 20)  # room for one 32 MiB block, not two
    r1, r2 = gips.arith.invert(a), gips.arith.invert(a)
    del r1, r2
    pooled, blocks = _stats()
    assert blocks == 1 and pooled <= 40 << 20
    gips.setOutputPool(16 << 20)  # lowering the limit drops what no longer fits
    assert _stats() == (0, 0)
    r = gips.arith.invert(a)
    del r  # larger than the limit: unmapped, not kept
    assert _stats() == (0, 0)


def test_free_memory_empties_the_pool_and_zero_turns_it_off():
    a = np.zeros(BIG, np.uint8)
    gips.arith.invert(a)  # dies at once
    assert _stats()[1] == 1
    gips.freeMemory()
    assert _stats() == (0, 0)
    assert gips.setOutputPool(0) == 1 << 30
    r = gips.arith.invert(a)
    assert not _pooled(r.array)
    with pytest.raises(ValueError, match="maxBytes"):
        gips.setOutputPool(-1)


def _run(env, code):
    return subprocess.run([sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True)


def test_the_environment_sets_the_limit_and_a_bad_value_is_named():
    code = "import gips, numpy as np; from gips import _ops; print(_ops._fast.outputPool()[0])"
    r = _run({"GIPS_OUTPUT_POOL_MB": "0"}, code)
    assert r.returncode == 0 and r.stdout.split() == ["0"], r.stderr
    r = _run({"GIPS_OUTPUT_POOL_MB": "100"}, code)
    assert r.returncode == 0 and r.stdout.split() == [str(100 << 20)], r.stderr
    r = _run({"GIPS_OUTPUT_POOL_MB": "lots"}, code)
    assert r.returncode != 0 and "GIPS_OUTPUT_POOL_MB=lots" in r.stderr
