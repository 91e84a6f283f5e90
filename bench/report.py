"""The machine's description and the tables (terminal text and BENCHMARKS.md)."""

import os
import platform
import shutil
import subprocess
import time

import cv2
import numpy as np
import scipy
import skimage

from timing import RUNS, SHORT, SHORT_BUDGET, SHORT_ROUNDS, SLOW, SLOW_RUNS, VERY_SLOW, VERY_SLOW_RUNS, fmt_ms

COLUMNS = ["gips", "gips 1T", "numpy", "scipy", "skimage", "opencv", "opencv 1T"]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def caches():
    """'L1d 32K, L2 1024K, L3 32768K' from sysfs (per instance, as the kernel reports them)."""
    base, out = "/sys/devices/system/cpu/cpu0/cache", []
    try:
        for idx in sorted(os.listdir(base)):
            if not idx.startswith("index"):
                continue
            rd = lambda f: open(os.path.join(base, idx, f)).read().strip()
            kind = {"Data": "d", "Instruction": "i"}.get(rd("type"), "")
            out.append(f"L{rd('level')}{kind} {rd('size')}")
    except OSError:
        pass
    return ", ".join(out) or "unknown"


def simd_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    fl = set(line.split(":", 1)[1].split())
                    return " ".join(x for x in ("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw") if x in fl)
    except OSError:
        pass
    return "unknown"


def mem_total_gib():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    return int(line.split()[1]) / (1 << 20)
    except OSError:
        return None


def git_head(root):
    try:
        out = subprocess.run(["git", "-C", root, "log", "-1", "--format=%h %cd", "--date=iso"],
                             capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or "unknown"
    except Exception:
        return "unknown"


def stale_binding(root, so):
    """The newest Go or C source of the repository at root modified after the binding
    so was built, as "path (time)", or "" (a run must not report a tree's commit while
    timing an older build of it)."""
    built, newest = os.path.getmtime(so), None
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if not x.startswith(".") and x != "bench"]
        for f in files:
            if f.endswith((".go", ".c", ".h")) and not f.endswith("_test.go"):
                m = os.path.getmtime(os.path.join(d, f))
                if m > built and (newest is None or m > newest[0]):
                    newest = (m, os.path.relpath(os.path.join(d, f), root))
    if newest is None:
        return ""
    return f"{newest[1]} ({time.strftime('%H:%M:%S', time.gmtime(newest[0]))})"


def gips_build(path):
    """How <path>/gips/_gips.so was built (Go version, GOAMD64, GOEXPERIMENT=simd or not),
    from `go version -m`; the SIMD kernels exist only in a GOEXPERIMENT=simd build."""
    so = os.path.join(path, "gips", "_gips.so")
    if not os.path.exists(so):
        return "no _gips.so (run make python)"
    built = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(os.path.getmtime(so)))
    go = shutil.which("go") or "/usr/local/go/bin/go"
    try:
        out = subprocess.run([go, "version", "-m", so], capture_output=True, text=True, timeout=20).stdout
    except Exception:
        return f"_gips.so built {built}"
    info = {}
    for line in out.splitlines():
        parts = line.strip().split("\t")
        if line.startswith(so):
            info["go"] = line.split(":", 1)[-1].strip()
        elif len(parts) >= 2 and parts[0] == "build" and "=" in parts[1]:
            k, v = parts[1].split("=", 1)
            info[k] = v
    exp = info.get("GOEXPERIMENT", "none")
    stale = stale_binding(os.path.dirname(path), so)
    warn = f"; **STALE: {stale} is newer than the binding: rebuild with make python**" if stale else ""
    return (f"_gips.so built {built} by {info.get('go', '?')}, GOAMD64={info.get('GOAMD64', '?')}, "
            f"GOEXPERIMENT={exp}" + ("" if "simd" in exp else " (pure-Go kernels, no SIMD twins)") + f"; {so}{warn}")


def machine(root, gips):
    mem = mem_total_gib()
    return [
        ("CPU", cpu_model()),
        ("cores", f"{os.cpu_count()} logical, {len(os.sched_getaffinity(0))} usable by this process"),
        ("caches (per instance)", caches()),
        ("SIMD", simd_flags()),
        ("memory", f"{mem:.1f} GiB" if mem else "unknown"),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("numpy / scipy / scikit-image / OpenCV",
         f"{np.__version__} / {scipy.__version__} / {skimage.__version__} / {cv2.__version__}"),
        ("OpenCV threads (default)", str(cv2.getNumThreads())),
        ("gips", f"{gips.version}, repository at {git_head(root)}"),
        ("gips build", gips_build(gips.path)),
        ("gips threads", f"GOMAXPROCS={os.environ['GOMAXPROCS']}" if os.environ.get("GOMAXPROCS")
         else "Go's default (GOMAXPROCS = usable cores)"),
    ]


def speeds_text(speeds):
    """timing.cpu_speeds' figures in a line: each CPU's scalar / vector loop in ms, and
    the slowest CPU's time over the fastest's for each."""
    if not speeds:
        return "not measured (the CPU affinity could not be set)"
    cells = ", ".join(f"cpu{c} {s * 1e3:.2f} / {v * 1e3:.2f} ms" for c, (s, v) in sorted(speeds.items()))
    ss, vs = [s for s, _ in speeds.values()], [v for _, v in speeds.values()]
    return f"{cells} (slowest / fastest: {max(ss) / min(ss):.2f}x scalar, {max(vs) / min(vs):.2f}x vector)"


# ---- cells --------------------------------------------------------------------------


def cell(res):
    if res is None:
        return ""
    if res.status != "ok":
        return res.status
    s = f"{fmt_ms(res.median)} [{res.cpu_ratio:.1f}]"
    if res.reduced:
        s += "\u2020"  # dagger: fewer timed runs (slow)
    if res.agree is False:
        s += " \u2260"  # not equal: disagrees with the reference
    return s


def best_peer(results, same=False):
    """The fastest peer; with same, the fastest whose result was compared
    with the reference (not a speed peer computing another definition, such
    as OpenCV's uint8 colour conversions in a float64 row)."""
    peers = [r for r in results if r.lib != "gips" and r.status == "ok" and r.wall
             and not (same and r.detail.startswith("not compared"))]
    return min(peers, key=lambda r: r.median) if peers else None


def ratio(results):
    g = results[0]
    b = best_peer(results)
    if g.status != "ok" or not g.wall or b is None:
        return ""
    return f"{g.median / b.median:.2f} ({b.column})"


def scaling(results):
    """gips' time at one thread over its time at all threads (2.0: both
    cores fully used), or ""."""
    g = results[0]
    g1 = next((r for r in results if r.lib == "gips" and r.variant == "1T" and r.status == "ok" and r.wall), None)
    if g.status != "ok" or not g.wall or g1 is None:
        return ""
    return f"{g1.median / g.median:.2f}"


def fmt_mm(r):
    """min / median in ms."""
    return f"{fmt_ms(r.min)} / {fmt_ms(r.median)}"


def summary(sections):
    """The table at the top of BENCHMARKS.md: every row of every input with
    gips (default threads), the best peer and their ratio, min and median
    (short rows are repeated: their min is the less noisy), gips' thread
    scaling, and the count of rows where gips is at most as slow as the best
    peer. Returns (head, lines, count line)."""
    head = ["input", "row", "gips ms (min / median)", "best peer", "peer ms (min / median)",
            "gips / best (min; median)", "scaling 1T/default", "runs"]
    lines, n, wins, wins_min, wins_same, speed_only = [], 0, 0, 0, 0, []
    for label, entries in sections:
        for row, _, results in entries:
            r = ratios(results)
            if r is None:
                continue
            g, (rmin, rmed, b) = results[0], r
            n += 1
            wins += rmed <= 1.0
            wins_min += rmin <= 1.0
            s = best_peer(results, same=True)
            if s is not b and (s is None or g.median <= s.median) and rmed > 1.0:
                speed_only.append(f"{row.key} ({label.split()[-1]})")
            wins_same += rmed <= 1.0 or (s is not b and (s is None or g.median <= s.median))
            lines.append([label, row.key, fmt_mm(g), b.column, fmt_mm(b), f"{rmin:.2f}; {rmed:.2f}",
                          scaling(results), str(len(g.wall))])
    count = (f"gips ≤ 1.0x best peer on {wins} of {n} rows (medians); {wins_min} of {n} comparing minima."
             if n else "no row with gips and a peer")
    if speed_only:
        count += (f" Against the fastest peer that computes gips' result: {wins_same} of {n}"
                  f" (faster than every such peer, slower than a speed peer computing another"
                  f" definition only: {', '.join(speed_only)}).")
    return head, lines, count


def ratios(results):
    """gips against the fastest peer as the summary counts it: (min ratio,
    median ratio, the peer's Result), or None when either did not run."""
    g, b = results[0], best_peer(results)
    if g.status != "ok" or not g.wall or b is None:
        return None
    bmin = min(r.min for r in results if r.lib != "gips" and r.status == "ok" and r.wall)
    return g.min / bmin, g.median / b.median, b


def over(results):
    """Whether gips' median is over the fastest peer's (a row to measure
    again with --again)."""
    r = ratios(results)
    return r is not None and r[1] > 1.0


def again_table(rechecks):
    """The rows over 1.0x measured again after the run (bench.py --again):
    one line per row and measurement, the run's own first, so that a reader
    sees every figure; none replaces the run's, whose count stands. Returns
    (head, lines, count line). rechecks: [(label, row, first results,
    [results of each re-run])]."""
    head = ["input", "row", "measured", "gips ms (min / median)", "best peer", "peer ms (min / median)",
            "gips / best (min; median)"]
    lines, every, some = [], 0, 0
    for label, row, first, again in rechecks:
        meds = []
        for k, results in enumerate([first] + again):
            r = ratios(results)
            if r is None:
                lines.append([label, row.key, "run" if k == 0 else f"again {k}", "not measured", "", "", ""])
                continue
            rmin, rmed, b = r
            if k > 0:
                meds.append(rmed)
            lines.append([label, row.key, "run" if k == 0 else f"again {k}", fmt_mm(results[0]), b.column, fmt_mm(b),
                          f"{rmin:.2f}; {rmed:.2f}"])
        every += bool(meds) and max(meds) <= 1.0
        some += any(m <= 1.0 for m in meds)
    n = len(rechecks)
    if n == 0:
        return head, lines, "No row over 1.0x on medians in the run: none measured again."
    count = (f"{n} rows over 1.0x on medians in the run, each measured {len(rechecks[0][3])} more "
             f"times after it: at or under 1.0x in every re-run: {every}; in at least one: {some}; in none: {n - some}. "
             "The summary's count is the run's.")
    return head, lines, count


def agreement(results):
    bad = [f"{r.column}: {r.detail}" for r in results if r.agree is False]
    errs = [f"{r.column}: {r.detail}" for r in results if r.status == "error"]
    if bad or errs:
        return "; ".join(["DISAGREE " + b for b in bad] + ["ERROR " + e for e in errs])
    return "ok" if any(r.agree for r in results) else "(one result)"


def table_lines(entries, floor):
    """entries: [(row, data, results)] for one input. Returns header + lines (lists of cells)."""
    head = ["op"] + COLUMNS + ["gips / best", "gips scaling", "agree", "notes"]
    lines = []
    for row, moved, results in entries:
        by = {r.column: r for r in results}
        notes = []
        if any(r.composed for r in results):
            notes.append("OpenCV composed (2D per plane + 1D along z)")
        if moved and floor:
            notes.append(f"bandwidth floor {fmt_ms(moved / floor)} ms")
        for r in results:
            if r.variant and r.column not in COLUMNS:
                notes.append(f"{r.column}: {fmt_ms(r.median)} ms")
        title = row.title
        lines.append([title] + [cell(by.get(c)) for c in COLUMNS] + [ratio(results), scaling(results), agreement(results),
                                                                       "; ".join(notes)])
    return head, lines


def text_table(head, lines):
    w = [max(len(x) for x in col) for col in zip(head, *lines)]
    fmt = lambda cells: "  ".join(c.ljust(n) for c, n in zip(cells, w)).rstrip()
    return "\n".join([fmt(head), fmt(["-" * n for n in w])] + [fmt(l) for l in lines])


def md_table(head, lines):
    esc = lambda s: s.replace("|", "\\|")
    out = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * len(head)) + "|"]
    out += ["| " + " | ".join(esc(c) for c in l) + " |" for l in lines]
    return "\n".join(out)


def copy_lines(results, nbytes):
    lines = []
    for r in results:
        if r.status != "ok":
            lines.append(f"- {r.column}: {r.status} {r.detail}")
            continue
        gbs = 2 * nbytes / r.median / 1e9
        lines.append(f"- numpy.copyto of {nbytes / (1 << 30):g} GiB, {r.variant or '1 thread'}: "
                     f"{fmt_ms(r.median)} ms median (min {fmt_ms(min(r.wall))}, max {fmt_ms(max(r.wall))}), "
                     f"{gbs:.1f} GB/s read+write")
    return lines


def details(sections):
    out = ["| input | op | library | median ms | min ms | max ms | CPU/wall | runs | check |",
           "|---|---|---|---|---|---|---|---|---|"]
    for label, entries in sections:
        for row, _, results in entries:
            for r in results:
                if r.status == "missing":
                    continue
                name = r.column + (f" ({r.op})" if r.op else "") + (" composed" if r.composed else "")
                if r.status != "ok":
                    out.append(f"| {label} | {row.key} | {name} | {r.status} | | | | | {r.detail} |")
                    continue
                chk = "reference" if r.agree is None else ("ok: " if r.agree else "DISAGREE: ") + r.detail
                out.append(f"| {label} | {row.key} | {name} | {fmt_ms(r.median)} | {fmt_ms(min(r.wall))} | "
                           f"{fmt_ms(max(r.wall))} | {r.cpu_ratio:.2f} | {len(r.wall)} | {chk.replace('|', '/')} |")
    return "\n".join(out)


def markdown(info, sections, copy, tolerances, summ, notes, argv, started, load_before, load_after, elapsed, small,
             runs=RUNS, again=None):
    L = ["# gips benchmarks: side by side with numpy, scipy.ndimage, scikit-image and OpenCV", ""]
    L += [f"Generated by `{' '.join(argv)}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(started))}, "
          f"{elapsed / 60:.1f} minutes.{' **Small inputs (--small): a smoke test, not a benchmark.**' if small else ''}", ""]
    L += [f"**Machine load** (1/5/15-minute load average): {load_before[0]:.2f} / {load_before[1]:.2f} / "
          f"{load_before[2]:.2f} at the start, {load_after[0]:.2f} / {load_after[1]:.2f} / {load_after[2]:.2f} "
          f"at the end, on {os.cpu_count()} logical cores. The run itself raises the load to about 1-2 (it keeps "
          f"one or both cores busy); a load above ~0.5 at the start means other work shared the cores and the "
          f"times are noisy (slower, multi-threaded results worst).", ""]
    shead, slines, count = summ
    L += ["## Summary", "", f"**{count}**", "",
          "gips at its default threads against the fastest peer (any column, OpenCV 1T included), min and "
          "median of the timed runs; short rows (warm-up under "
          f"{SHORT * 1e3:g} ms) are repeated for about {SHORT_BUDGET:g} s (`runs`), in {SHORT_ROUNDS} rounds "
          "that take the row's implementations in turn, so on a shared machine "
          "their minimum is the better estimate. scaling = gips at one thread / gips at all threads.", "",
          md_table(shead, slines), ""]
    if again is not None:
        ahead, alines, acount = again
        L += ["## Rows over 1.0x, measured again", "", acount, "",
              "Each row over 1.0x (medians) in the table above was timed again after the whole run, on a "
              "fresh build of its input, as the run times it (every implementation, the same rounds): "
              "\"run\" repeats the run's figures, \"again k\" is the k-th re-run.", "",
              md_table(ahead, alines), ""]
    L += ["## Machine", ""] + [f"- {k}: {v}" for k, v in info] + [""]
    L += ["## How to read the tables", "",
          f"- Cells are the **median wall time in ms** of {runs} timed runs after one warm-up, with "
          f"**[CPU time / wall time]** in brackets: ~1.0 is one thread, ~2.0 is both cores. "
          f"\u2020 marks a slow implementation timed fewer times: {SLOW_RUNS} runs when its warm-up took over "
          f"{SLOW:g} s, {VERY_SLOW_RUNS} over {VERY_SLOW:g} s, gips never fewer than {SLOW_RUNS} (the details give every count). "
          "Min and max are in the details at the end.",
          "- **gips / best**: gips' median over the fastest peer's (any column, OpenCV 1T included); "
          "below 1 gips is faster. \"missing\": gips has no such op yet (the table is also the to-do list); "
          "empty: the peer has no such function.",
          "- **agree**: every result is compared with the first peer's (the reference) within the row's "
          "tolerance; \u2260 marks a result that disagrees (it is kept and shown, not dropped).",
          "- **opencv** runs with OpenCV's default threads, **opencv 1T** after cv2.setNumThreads(1). "
          "numpy, scipy and scikit-image are single-threaded. gips runs with its default (all cores); "
          "gips is also timed at one thread (\"gips 1T\", through gips.setNumThreads); \"gips scaling\" is gips 1T over gips.",
          "- scikit-image appears where it has its own code (Otsu, labelling); where it calls scipy.ndimage "
          "(gaussian, median, erosion, binary_erosion, rescale) it would time the same code, so it is left out.",
          "- OpenCV **composed**: a 3D result built from OpenCV's 2D function on every z-plane and a 1D pass "
          "along z on the (z, y*x) view; pointwise 3D ops see the volume as one (z*y, x) image (no copy).",
          "- **bandwidth floor**: bytes read + written by a pointwise op divided by the copy bandwidth "
          "below (2 threads): no implementation can beat it once the data is larger than the last-level cache "
          "(the 3D inputs); smaller inputs (the 2D ones, 16 MiB) may stay in cache, so there it is indicative.", ""]
    L += ["## Memory bandwidth", ""] + copy + [""]
    for label, (head, lines) in sections:
        L += [f"## {label}", "", md_table(head, lines), ""]
    L += ["## Rows: what is computed, and the tolerance", ""] + tolerances + [""]
    L += notes
    return "\n".join(L) + "\n"
