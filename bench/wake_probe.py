"""Where the 1024² two-thread tail comes from: gips' helper threads and the kernel's
choice of CPU when it wakes them.

usage: /usr/bin/python3 bench/wake_probe.py [--gips-path DIR] [--rounds N] [--size N]

It times a 1024x1024 uint8 threshold as bench/bench.py times a short row: blocks of
50 calls, numpy, OpenCV (its threads), OpenCV at one thread, gips, gips at one thread
in turn, --rounds times. It does so twice in one process: first as the bench runs (every
thread free to run on any CPU), then with gips' threads (those that importing gips
started, and any started after: Go's, and any that OpenCV's setNumThreads starts anew)
kept off the CPU that the calling thread runs on (and that thread kept on it).

For each pass it prints each implementation's min, median and 75th percentile per call,
and how many of gips' blocks ran slow: a block whose median call took more than the
midpoint of gips' best and gips 1T's median, i.e. whose calls mostly ran on the caller
alone because the helper thread that gips woke did not run.

What it showed on the bench's machine (2 vCPUs, a guest kernel booted with
sched_vcpu_pack=15; BENCHMARKS.md, twenty-sixth session): unpinned, 6-8 of 80 gips
blocks slow; pinned, none. A trace (perf sched) of a slow block shows the woken helper
queued on the caller's busy CPU, the one it last ran on, while the other CPU idles
for the whole block. Since helpers move off their caller's CPU when they find themselves
on it (internal/par/nudge.go, twenty-seventh session), the unpinned pass has 0-1 slow
blocks of 200 there too (56 of 1000 before, over five runs).
"""

import argparse
import ctypes
import os
import statistics
import sys
import time

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gips-path", default=os.path.join(HERE, "..", "python"))
    ap.add_argument("--rounds", type=int, default=40)
    ap.add_argument("--size", type=int, default=1024)
    a = ap.parse_args()

    rng = np.random.default_rng(0)
    g = (rng.random((a.size, a.size)) * 255).astype(np.uint8)
    t = 100
    cv2.threshold(g, t - 1, 1, cv2.THRESH_BINARY)  # OpenCV's pool starts with its first parallel call
    before = set(os.listdir("/proc/self/task"))  # numpy's, OpenCV's: every later thread is Go's
    sys.path.insert(0, a.gips_path)
    import gips

    cpus = os.sched_getaffinity(0)
    if len(cpus) < 2:
        sys.exit("wake_probe: needs two CPUs or more")
    ncv = cv2.getNumThreads()
    impls = [
        ("numpy", lambda: g >= t, None, None),
        ("opencv", lambda: cv2.threshold(g, t - 1, 1, cv2.THRESH_BINARY)[1], None, None),
        ("opencv 1T", lambda: cv2.threshold(g, t - 1, 1, cv2.THRESH_BINARY)[1],
         lambda: cv2.setNumThreads(1), lambda: cv2.setNumThreads(ncv)),
        ("gips", lambda: gips.threshold.light(g, value=t), None, None),
        ("gips 1T", lambda: gips.threshold.light(g, value=t),
         lambda: gips.setNumThreads(1), lambda: gips.setNumThreads(0)),
    ]

    def pin(on):
        """Keeps gips' threads off the caller's CPU (on), or frees every thread."""
        me = {ctypes.CDLL(None).sched_getcpu()}
        for tid in os.listdir("/proc/self/task"):
            if tid in before:
                continue
            try:
                os.sched_setaffinity(int(tid), (cpus - me) if on else cpus)
            except OSError:
                pass  # a thread that has exited
        os.sched_setaffinity(0, me if on else cpus)

    for on in (False, True):
        pin(on)
        times = {name: [] for name, *_ in impls}
        blocks = []
        for _ in range(a.rounds):
            for name, f, setup, restore in impls:
                if setup:
                    setup()
                block = []
                for _ in range(50):
                    t0 = time.perf_counter()
                    r = f()
                    block.append(time.perf_counter() - t0)
                    del r
                if restore:
                    restore()
                times[name] += block
                if name == "gips":
                    blocks.append(statistics.median(block))
            if on:
                pin(True)  # threads that Go started since, too
        pin(False)
        print(("pinned: gips' threads off the caller's CPU" if on else "unpinned: as bench/bench.py runs"))
        for name, v in times.items():
            p = np.percentile(np.array(v) * 1e6, [0, 50, 75])
            print(f"  {name:10s} min {p[0]:6.1f}  median {p[1]:6.1f}  p75 {p[2]:6.1f} us")
        cut = (min(times["gips"]) + statistics.median(times["gips 1T"])) / 2
        slow = sum(m > cut for m in blocks)
        print(f"  gips blocks slow (median over {cut * 1e6:.1f} us): {slow} of {len(blocks)}")


if __name__ == "__main__":
    main()
