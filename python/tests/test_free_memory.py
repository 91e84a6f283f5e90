"""gips.freeMemory returns the library's dead scratch memory to the OS: the
resident size drops after ops that left garbage in the Go heap, and what
the library still holds is small."""

import numpy as np

import gips


def _rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024


def test_free_memory_returns_dead_scratch():
    a = np.random.default_rng(0).random((64, 256, 256), dtype=np.float32)
    gips.freeMemory()
    for _ in range(5):
        gips.filter.gaussian(a, sigma=2)  # volume scratch in the Go heap, dead after each call
    before = _rss_mib()
    held = gips.freeMemory()
    after = _rss_mib()
    assert isinstance(held, int) and 0 <= held < 16 << 20
    assert before - after >= 16, (before, after)


def test_free_memory_drops_pooled_scratch():
    # fillHoles keeps its two volume buffers (here 32 MiB each) in a pool
    # between calls, which would keep them through two collections:
    # freeMemory must empty it.
    b = np.random.default_rng(1).random((128, 512, 512)) > 0.3
    gips.freeMemory()
    gips.morpho.fillHoles(b)
    held = gips.freeMemory()
    assert 0 <= held < 16 << 20, held
