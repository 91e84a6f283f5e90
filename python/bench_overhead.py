#!/usr/bin/env python3
"""Benchmarks the binding, in one run:

1. the per-call overhead of a trivial op on a tiny image (arith.addScalar
   on 4x4 UInt8): with a gips image written in place (one call into Go),
   and with a numpy array in and a new image out (wrap, allocate, run);
2. for each op with a numpy/scipy counterpart (tests/refs.py, `bench`),
   the time of gips and of the counterpart on a 256x512x512 uint16 volume,
   and their ratio (gips / reference: below 1 means gips is faster).

    make python && cd python && python3 bench_overhead.py [--shape Z Y X] [--repeat N]

Times are the best of --repeat runs, wall clock, with every core the
machine gives (gips uses GOMAXPROCS goroutines; numpy and scipy one
thread).
"""

import argparse
import os
import sys
import time
import timeit

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests"))
import gips  # noqa: E402
from refs import REFS  # noqa: E402


def overhead():
    img = gips.createImage(gips.UInt8, 4, 4)
    a = np.zeros((4, 4), np.uint8)
    n = 20000
    rows = [
        ("gips.arith.addScalar(img, 1, out=img)", lambda: gips.arith.addScalar(img, 1, out=img)),
        ("gips.arith.addScalar(ndarray, 1) -> new image", lambda: gips.arith.addScalar(a, 1)),
        ("gips.stats.sum(ndarray) -> float", lambda: gips.stats.sum(a)),
        ("gips.fromArray(ndarray)", lambda: gips.fromArray(a)),
        ("numpy: np.add(a, 1, out=a)", lambda: np.add(a, 1, out=a)),
    ]
    if "filter.mean" in gips.ops():
        import scipy.ndimage as ndi
        rows += [("gips.filter.mean(ndarray, size=3)", lambda: gips.filter.mean(a, size=3)),
                 ("scipy: ndi.uniform_filter(a, 3)", lambda: ndi.uniform_filter(a, 3))]
    print("Per-call overhead, 4x4 UInt8 (microseconds per call, best of 3):")
    for label, f in rows:
        t = min(timeit.repeat(f, number=n, repeat=3)) / n * 1e6
        print(f"  {t:8.1f}  {label}")


def best(f, repeat):
    ts = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t0)
    return min(ts)


def markers(y, dtype):
    """The second input of an op that takes one (ref.extra is its dtype): a
    mask for a boolean one, else sparse markers numbered 1, 2, ... (the
    watershed's seeds; a Binary image is not a marker image)."""
    if np.dtype(dtype) == np.bool_:
        return y > 2048
    m = np.zeros(y.shape, dtype)
    seeds = y > 4090
    m[seeds] = np.arange(1, int(seeds.sum()) + 1) % np.iinfo(dtype).max + 1
    return m


def ratios(shape, repeat):
    rng = np.random.default_rng(1)
    x = rng.integers(0, 4096, shape, dtype=np.uint16)
    y = rng.integers(0, 4096, shape, dtype=np.uint16)
    mb = x.nbytes / 2**20
    print(f"\ngips vs numpy/scipy on a {'x'.join(map(str, shape))} uint16 volume ({mb:.0f} MiB), "
          f"best of {repeat}, {os.cpu_count()} CPUs:")
    print(f"  {'op':28s} {'gips ms':>9s} {'ref ms':>9s} {'gips/ref':>9s}  reference")
    registered = set(gips.ops())
    for name in sorted(REFS):
        ref = REFS[name]
        if ref.bench is None or name not in registered:
            continue
        fam, op = name.split(".", 1)
        mod = getattr(gips, fam)
        fn = getattr(mod, op if hasattr(mod, op) else op + "_")
        xs = [x, y][:ref.n]
        if fam == "label":
            # The reference labels the nonzero pixels as one foreground; gips
            # joins equal values of a grey image (skimage's rule), so both get
            # the same binary image.
            xs[0] = x > 3000
        if ref.extra is not None:
            xs[1] = markers(y, ref.extra)
        imgs = [gips.fromArray(v) for v in xs]
        params = ref.params if ref.bench_params is None else ref.bench_params
        tg = best(lambda: fn(*imgs, **params), repeat)
        tr = best(lambda: ref.bench(xs), repeat)
        label = getattr(ref.bench, "label", "numpy")
        print(f"  {name:28s} {tg * 1e3:9.1f} {tr * 1e3:9.1f} {tg / tr:9.2f}  {label}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shape", type=int, nargs=3, default=[256, 512, 512], metavar=("Z", "Y", "X"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    overhead()
    ratios(tuple(args.shape), args.repeat)


if __name__ == "__main__":
    main()
