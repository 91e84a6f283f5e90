"""gips.dask on a dask.distributed LocalCluster of 1 and 2 spawned worker
processes: wall time, worker CPU time and peak memory per worker of
gips.dask.gaussian on a ~1 GiB float32 volume and gips.dask.label on a
binary volume of blobs.

    make python && /usr/bin/python3 bench/dask_scaling.py [--gib 1] [--label-gib 0.25] [--workers 1,2]

Each (op, worker count) runs on a fresh cluster (threads_per_worker=1, no
memory limit, so nothing spills; gips itself at --gips-threads threads per
worker, 1 by default, so that n workers use n cores). The input is made and
persisted on the workers before the clock starts; the result is persisted
on the workers (not gathered). Peak memory is each worker process's
VmHWM (input, result and the op's buffers); the working memory is that
peak above the worker's resident size just before the op (its peak reset
there through /proc/self/clear_refs), less its share of the persisted
result: what the op needed beyond the data it holds, also in chunks of
the input (the issue's "2 chunks plus halos"). A first row runs the op on
the whole numpy array in this process (same size and statistics, numpy's
random values; gips at the same thread count; its
peak is this process's, input included) for the work without dask.
Prints a Markdown table and the load average.
"""

import argparse
import ast
import multiprocessing
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "python"))

import numpy as np  # noqa: E402


def _setup(n):
    import gips
    gips.setNumThreads(n)


def _cpu():
    import resource
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _rss_reset():
    """This process's resident MiB now, after resetting its peak (VmHWM) to
    it, so that the peak read after the op is the op's own."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _peak_mib():
    # VmHWM: this process image's own peak (ru_maxrss would carry over the
    # peak of the process that spawned it, across fork and exec)
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _shape(gib, itemsize):
    z = max(1, int(round(gib * 2 ** 30 / itemsize / (1024 * 1024))))
    return (z, 1024, 1024)


def run(op, nw, args):
    import dask
    import dask.array as da
    import distributed
    import gips.dask as gd

    dask.config.set({"distributed.worker.multiprocessing-method": "spawn"})
    with distributed.LocalCluster(n_workers=nw, threads_per_worker=1, processes=True, memory_limit=0,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        client.run(_setup, args.gips_threads)
        c = args.chunk
        if op == "gaussian":
            shape = _shape(args.gib, 4)
            x = da.random.RandomState(0).random(shape, chunks=(c, c, c)).astype(np.float32)
            inp = client.persist(x)
            distributed.wait(inp)
            make = lambda: [gd.gaussian(inp, sigma=2.0)]  # noqa: E731
        else:
            shape = _shape(args.label_gib, 1)
            x = da.random.RandomState(0).random(shape, chunks=(c, c, c)).astype(np.float32)
            # blobs: smoothed noise above its mean + one standard deviation (~16 % foreground)
            inp = client.persist(gd.gaussian(x, sigma=2.0) > np.float32(0.515))
            distributed.wait(inp)
            make = lambda: list(gd.label(inp, 1))  # noqa: E731
        before = client.run(_rss_reset)
        cpu0 = client.run(_cpu)
        t0 = time.perf_counter()
        out = client.persist(make())
        distributed.wait(out)
        wall = time.perf_counter() - t0
        cpu = sum(v - cpu0[k] for k, v in client.run(_cpu).items())
        peaks = client.run(_peak_mib)
        peak = max(peaks.values())
        # working memory: each worker's peak above what it held before the op
        # (its share of the persisted input, the library), less the share of
        # the persisted result it keeps; in chunks of the input
        held = {}
        res = out[0]
        for key, ws in client.who_has(res).items():
            idx = ast.literal_eval(key)[1:] if isinstance(key, str) else key[1:]
            mib = np.prod([res.chunks[k][i] for k, i in enumerate(idx)]) * res.dtype.itemsize / 2 ** 20
            for w in ws:
                held[w] = held.get(w, 0) + mib
        work = max(peaks[w] - before[w] - held.get(w, 0) for w in peaks)
        chunk = np.prod([max(ch) for ch in inp.chunks]) * inp.dtype.itemsize / 2 ** 20
        extra = f"{int(out[1].compute())} objects" if op == "label" else ""
        mib = np.prod(shape) * (4 if op == "gaussian" else 1) / 2 ** 20
        return dict(op=op, workers=nw, shape=shape, mib=mib, wall=wall, cpu=cpu, peak=peak, extra=extra,
                    work=f"{work:.0f} ({work / chunk:.1f} chunks)")


def baseline(op, args):
    """The same op on the whole numpy array in this process, gips at
    --gips-threads threads: the work the workers share."""
    import gips
    gips.setNumThreads(args.gips_threads)
    rng = np.random.default_rng(0)
    if op == "gaussian":
        shape = _shape(args.gib, 4)
        x = rng.random(shape, dtype=np.float32)
        f = lambda: gips.filter.gaussian(x, sigma=2.0)  # noqa: E731
    else:
        shape = _shape(args.label_gib, 1)
        x = np.asarray(gips.filter.gaussian(rng.random(shape, dtype=np.float32), sigma=2.0).array) > np.float32(0.515)
        f = lambda: gips.label.components(x, connectivity=1, output="Label32")  # noqa: E731
    c0, t0 = time.process_time(), time.perf_counter()
    out = f()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    extra = f"{int(np.asarray(out.array).max())} objects" if op == "label" else ""
    del out, x
    mib = np.prod(shape) * (4 if op == "gaussian" else 1) / 2 ** 20
    return dict(op=op, workers="whole array", shape=shape, mib=mib, wall=wall, cpu=cpu, peak=_peak_mib(),
                extra=extra, work="")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gib", type=float, default=1.0, help="gaussian input size (float32)")
    ap.add_argument("--label-gib", type=float, default=0.25, help="label input size (bool)")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--chunk", type=int, default=128)
    ap.add_argument("--gips-threads", type=int, default=1)
    ap.add_argument("--ops", default="gaussian,label")
    ap.add_argument("--no-baseline", action="store_true", help="skip the whole-array run in this process")
    args = ap.parse_args()
    multiprocessing.set_start_method("spawn", force=True)
    rows = []
    for op in args.ops.split(","):
        if not args.no_baseline:
            rows.append(baseline(op, args))
            print(rows[-1], flush=True)
        for nw in [int(w) for w in args.workers.split(",")]:
            r = run(op, nw, args)
            rows.append(r)
            print(r, flush=True)
    print(f"\nload average before/after: {os.getloadavg()}, {os.cpu_count()} CPUs, chunks {args.chunk}³, "
          f"gips threads per worker {args.gips_threads}\n")
    print("| op | input | workers | wall s | worker CPU s | speed-up vs 1 worker | peak RSS per worker MiB "
          "| working MiB per worker | |")
    print("|---|---|---|---|---|---|---|---|---|")
    base = {}
    for r in rows:
        if r["workers"] == 1:
            base[r["op"]] = r["wall"]
        print(f"| {r['op']} | {'x'.join(map(str, r['shape']))} ({r['mib']:.0f} MiB) | {r['workers']} | "
              f"{r['wall']:.2f} | {r['cpu']:.2f} | {base[r['op']] / r['wall'] if r['op'] in base else float('nan'):.2f} | {r['peak']:.0f} | {r['work']} | {r['extra']} |")


if __name__ == "__main__":
    main()
