"""Page faults per gips call, row by row: which ops allocate fresh memory on every call.

usage: /usr/bin/python3 bench/fault_probe.py [--dims 2|3] [--size N] [--ops a,b] [--calls N]
                                             [--gips-path DIR]

For each row of bench/rows.py that has a gips op (on the bench's own inputs), it calls the op
twice to warm up, then --calls times, and prints per call the minor page faults, the system
CPU time and the wall time of the process (getrusage), in the order the rows run, then the
rows sorted by system time.

Why: a page touched for the first time costs a fault, and on a VM a fault is dear (on the
thirty-second session's machine, a 2 vCPU guest: about 12 us for a 4 KiB page, 0.1-0.6 ms for
a 2 MiB one). An op that takes a fresh buffer on each call (a make() in Go whose memory the
runtime got from the system, a numpy array over a fresh mapping) pays its faults on each call
until the memory is reused: Frangi's six 128 MiB fields at 4096² took 150 000 faults a call
(a fifth of its CPU time), the float32 Gaussian's ring of rows 800 (a third of its time). The
bench's timed runs come after a warm-up and often reuse memory, so this is where a first call
(what a user who processes a volume once sees) differs from the bench's minimum.
"""

import argparse
import functools
import gc
import os
import resource
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import inputs  # noqa: E402
import rows  # noqa: E402
import timing  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dims", type=int, default=2, choices=(2, 3))
    p.add_argument("--size", type=int, default=4096, help="2D side (default 4096)")
    p.add_argument("--ops", default="", help="comma-separated row keys (default: every row with a gips op)")
    p.add_argument("--calls", type=int, default=2, help="calls measured per row, after two warm-up calls")
    p.add_argument("--gips-path", default=os.path.join(os.path.dirname(HERE), "python"))
    a = p.parse_args()
    g = timing.Gips(a.gips_path)
    if g.mod is None:
        sys.exit(f"gips does not load from {a.gips_path}: {g.why}")
    keys = set(a.ops.split(",")) if a.ops else None
    d = inputs.build(a.dims, False, a.size if a.dims == 2 else None)
    found = []
    for r in rows.R:
        if a.dims not in r.dims or r.key not in rows.GIPS or (keys and r.key not in keys):
            continue
        _, op = g.find(rows.GIPS[r.key][0])
        if op is None:
            continue
        call = functools.partial(rows.GIPS[r.key][1], op)
        try:
            for _ in range(2):
                call(d)
            per = []
            for _ in range(a.calls):
                u0, t0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
                out = call(d)
                del out
                u1, t1 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
                per.append((u1.ru_minflt - u0.ru_minflt, (u1.ru_stime - u0.ru_stime) * 1e3, (t1 - t0) * 1e3))
        except Exception as e:  # a row that fails here fails in bench.py too, with its message
            print(f"{r.key:24s} error: {e}", flush=True)
            continue
        n = len(per)
        faults, sys_ms, wall = (sum(x[k] for x in per) / n for k in range(3))
        found.append((sys_ms, faults, wall, r.key))
        print(f"{r.key:24s} faults/call {faults:9.0f}  sys {sys_ms:8.1f} ms  wall {wall:9.1f} ms", flush=True)
        gc.collect()
    print("\nby system time:")
    for sys_ms, faults, wall, key in sorted(found, reverse=True):
        print(f"{key:24s} faults/call {faults:9.0f}  sys {sys_ms:8.1f} ms  wall {wall:9.1f} ms")


if __name__ == "__main__":
    main()
