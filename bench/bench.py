#!/usr/bin/python3
"""gips side by side with numpy, scipy.ndimage, scikit-image and OpenCV.

    /usr/bin/python3 bench/bench.py --again 2       # full run, writes BENCHMARKS.md; the rows
                                                    # over 1.0x are timed twice more at the end
    /usr/bin/python3 bench/bench.py --small --check # smoke test: fails on errors and
                                                    # disagreements, never on timing
    /usr/bin/python3 bench/bench.py --ops 'gaussian*,label' --dims 3 --out /tmp/b.md

See bench/README.md for how to read the output.
"""

import argparse
import fnmatch
import gc
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# The machine section's per-CPU line (timing.cpu_speeds): which CPU a row's thread ran
# on could move its time by a third on the 2-vCPU guest of 2026-12-05.
SPEED_KEY = "per-CPU speed (a scalar / a vector loop pinned to each CPU, least of 3)"
sys.path.insert(0, HERE)

import inputs  # noqa: E402
import report  # noqa: E402
import rows  # noqa: E402
import timing  # noqa: E402


def parse(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--small", action="store_true",
                   help=f"small inputs ({inputs.SMALL_2D}, {inputs.SMALL_3D}): a quick run, not a benchmark")
    p.add_argument("--ops", default="*",
                   help="comma-separated row keys or patterns (default all; 'copy' is the bandwidth row); "
                        "--list shows them")
    p.add_argument("--dims", default="2,3", help="which inputs: 2, 3 or 2,3 (default)")
    p.add_argument("--sizes", help="2D sizes, comma-separated (default %s; --small: %d): the pointwise rows "
                                   "run at each, the others at the first" % (",".join(map(str, inputs.SIZES_2D)),
                                                                            inputs.SMALL_2D[0]))
    p.add_argument("--out", help="markdown path (default: BENCHMARKS.md at the repository root for a full "
                                 "run; none for --small)")
    p.add_argument("--check", action="store_true",
                   help="exit 1 if any op errors or any result disagrees with the reference")
    p.add_argument("--runs", type=int, default=timing.RUNS, help="timed runs after the warm-up")
    p.add_argument("--no-1t", action="store_true", help="skip OpenCV at one thread")
    p.add_argument("--gips-path", default=os.path.join(ROOT, "python"),
                   help="directory holding the gips package to benchmark (default: python/ in this repository)")
    p.add_argument("--gips-threads", type=int,
                   help="GOMAXPROCS for gips (set before the library loads; e.g. 1 for a single-thread run)")
    p.add_argument("--again", type=int, default=0, metavar="N",
                   help="after the run, time each row over 1.0x (gips' median over the best peer's) N more "
                        "times and report those figures beside the run's (which stand)")
    p.add_argument("--list", action="store_true", help="list the rows and the gips ops they use")
    return p.parse_args(argv)


def selected(a):
    pats = [x.strip() for x in a.ops.split(",") if x.strip()]
    keys = ["copy"] + list(rows.ROWS)
    chosen = [k for k in keys if any(fnmatch.fnmatch(k, p) for p in pats)]
    unknown = [p for p in pats if not any(fnmatch.fnmatch(k, p) for k in keys)]
    if unknown:
        sys.exit(f"bench: unknown rows {unknown}; rows are {keys}")
    return chosen


def unused_ops(gips):
    """Registered gips ops that no row calls: candidates for a new GIPS line."""
    wired = {n for names, _ in rows.GIPS.values() for n in names}
    return sorted(gips.names - wired)


def measure_again(sections, inputs_of, a, gips, log):
    """Times each row over 1.0x again, a.again times, on a fresh build of its
    input, as the run did: short rows near 1.0x are noisy on a shared
    machine (issue 15 asks for them to be repeated), and a second figure
    tells a row that is slower from one that met a busy moment. Returns
    [(label, row, the run's results, [each re-run's results])]."""
    rechecks = []
    for label, entries in sections:
        over = [(r, results) for r, _, results in entries if report.over(results)]
        if not over:
            continue
        nd, size = inputs_of[label]
        d = inputs.build(nd, a.small, size)
        log(f"{label}: {len(over)} rows over 1.0x, measured {a.again} more times")
        for r, first in over:
            again = []
            for k in range(a.again):
                log(f"  {r.key} (again {k + 1})")
                again.append(timing.run_row(r, d, r.peers(d), rows.GIPS.get(r.key), gips,
                                            opencv_1t=not a.no_1t, runs=a.runs, log=log))
                gc.collect()
            rechecks.append((label, r, first, again))
        del d
        gc.collect()
    return rechecks


def main(argv=None):
    a = parse(sys.argv[1:] if argv is None else argv)
    if a.gips_threads:
        os.environ["GOMAXPROCS"] = str(a.gips_threads)  # read by the Go runtime when it starts
    gips = timing.Gips(a.gips_path)
    if a.list:
        for r in rows.R:
            name, _ = gips.find(rows.GIPS.get(r.key, ([], None))[0])
            print(f"{r.key:14s} {r.title:42s} gips: {name or 'missing'}")
        print(f"gips: {gips.version}; ops not used by any row: {', '.join(unused_ops(gips)) or 'none'}")
        return 0
    keys = selected(a)
    dims = [int(x) for x in a.dims.split(",")]
    out = a.out or (None if a.small else os.path.join(ROOT, "BENCHMARKS.md"))
    started, load_before = time.time(), os.getloadavg()
    info = report.machine(ROOT, gips)  # now: the library loaded, not one rebuilt during the run
    log = lambda s: print(s, flush=True)
    log(f"gips: {gips.version}; load average {load_before[0]:.2f}; {os.cpu_count()} cores")
    speed = report.speeds_text(timing.cpu_speeds())
    info.append((SPEED_KEY + ", at the start", speed))
    log(f"per-CPU speed: {speed}")
    if gips.names:
        log(f"gips ops no row uses: {', '.join(unused_ops(gips)) or 'none'}")

    copy_res, copy_bytes, floor = [], rows.COPY_BYTES[a.small], None
    if "copy" in keys:
        log(f"copy {copy_bytes >> 20} MiB")
        for impl in rows.copy_peers(copy_bytes):
            res = timing.Result(impl.lib, impl.variant)
            timing.measure(impl.fn, None, res, a.runs)
            log(f"    {res.column:18s} {timing.fmt_ms(res.median):>10s}  {res.status}")
            copy_res.append(res)
        gc.collect()
        ok = [r.median for r in copy_res if r.status == "ok"]
        floor = 2 * copy_bytes / min(ok) if ok else None  # bytes/s, read + write

    sections, failures, inputs_of = [], [], {}
    sizes = [int(x) for x in a.sizes.split(",")] if a.sizes else [inputs.SMALL_2D[0]] if a.small else list(inputs.SIZES_2D)
    timing.REPEAT_SHORT = not a.small
    for nd, size in [(nd, s) for nd in dims for s in (sizes if nd == 2 else [None])]:
        todo = [r for r in rows.R if r.key in keys and nd in r.dims and (size in (None, sizes[0]) or r.sized)]
        if not todo:
            continue
        t0 = time.time()
        d = inputs.build(nd, a.small, size)
        log(f"{d.label}: inputs built in {time.time() - t0:.1f} s (Otsu {d.otsu})")
        entries = []
        for r in todo:
            log(f"  {r.key}")
            results = timing.run_row(r, d, r.peers(d), rows.GIPS.get(r.key), gips,
                                     opencv_1t=not a.no_1t, runs=a.runs, log=log)
            entries.append((r, r.moved(d) if r.moved else None, results))
            failures += [f"{d.label} {r.key} {x.column}: {x.status} {x.detail}"
                         for x in results if x.status == "error" or x.agree is False]
            gc.collect()
        sections.append((d.label, entries))
        inputs_of[d.label] = (nd, size)
        del d
        gc.collect()
    rechecks = measure_again(sections, inputs_of, a, gips, log) if a.again > 0 else None
    failures += [f"{label} {r.key} {x.column} (again): {x.status} {x.detail}"
                 for label, r, _, again in rechecks or [] for results in again for x in results
                 if x.status == "error" or x.agree is False]

    tables = [(label, report.table_lines(entries, floor)) for label, entries in sections]
    load_after, elapsed = os.getloadavg(), time.time() - started
    speed = report.speeds_text(timing.cpu_speeds())
    info.append((SPEED_KEY + ", at the end", speed))
    log(f"per-CPU speed: {speed}")
    print()
    if copy_res:
        print("\n".join(report.copy_lines(copy_res, copy_bytes)))
    for label, (head, lines) in tables:
        print(f"\n{label}   (median ms [CPU/wall])\n" + report.text_table(head, lines))
    head, lines, count = report.summary(sections)
    print("\nSummary (gips default vs the best peer; min / median ms)\n" + report.text_table(head, lines) + "\n" + count)
    again = report.again_table(rechecks) if rechecks is not None else None
    if again:
        print("\nRows over 1.0x, measured again\n" + report.text_table(again[0], again[1]) + "\n" + again[2])
    print(f"\nload average {load_before[0]:.2f} -> {load_after[0]:.2f}; {elapsed:.0f} s")

    if out:
        tol = [f"- `{r.key}` {r.title}: {r.check.desc}" + (f". {r.note}" if r.note else "")
               for r in rows.R if r.key in keys]
        md = report.markdown(info, tables, report.copy_lines(copy_res, copy_bytes), tol, report.summary(sections),
                             ["## Details", "", report.details(sections)], ["bench/bench.py"] + (argv or sys.argv[1:]),
                             started, load_before, load_after, elapsed, a.small, a.runs, again)
        with open(out, "w") as f:
            f.write(md)
        print(f"wrote {out}")
    if failures:
        print("\nFAILURES (errors or disagreements):\n  " + "\n  ".join(failures))
        if a.check:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
