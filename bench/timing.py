"""Timing, the gips binding, and running one row.

Method (stated again in BENCHMARKS.md): each implementation is called once as a
warm-up (that result is the one checked against the reference), then timed RUNS
times; wall time is time.perf_counter, CPU time is time.process_time (all threads of
the process, so CPU/wall ~ 1 is one thread and ~ 2 is both cores busy). An
implementation whose warm-up took longer than SLOW seconds is timed SLOW_RUNS times
instead (VERY_SLOW_RUNS past VERY_SLOW seconds): the 3D rows of scipy's median, EDT
and percentile and scikit-image's watershed take 15-70 s a call, and five runs of
each made a full run last well over an hour; the table marks those cells. gips, the
subject of the table, keeps at least SLOW_RUNS runs: one run of a 10-16 s op after
a cold first call was a poor estimate (the 3D watershed's single timed run took
16.4 s where the next calls took 10.3-12.0 s). One whose
warm-up took under SHORT seconds is repeated for about SHORT_BUDGET seconds (at most
SHORT_MAX_RUNS runs): a short op's ratio is noisy on a shared machine, so the summary
gives its min and median. Its run count comes from the faster of the warm-up and one
more call: the first call at an input's size pays the first touch of its output. A
warm-up between SHORT and RECHECK seconds is timed again,
as long as each call is clearly faster than the fastest before it (at most
RECHECK_CALLS more calls), and the fastest call decides: the first calls of a library
in the process pay one-time costs (thread pools, lazy binding, and fresh memory: on
this VM the first touch of a 200 MB array, numpy's np.ones included, took 0.04-1.8 s
where later ones took 35 ms), and an op that settles under SHORT after a few slow
calls is then repeated as a short op; a steady op takes one more call, as before. A
short op's repeats are taken in SHORT_ROUNDS rounds, every implementation of the row in
turn in each (finish_rounds): this machine's speed moves between states that last seconds (a 256² float32 subtract
took 6.4 or 7.1 us a call from one second to the next, in one process), and timed one
implementation after the other, the state of one stretch of time decided a row's
ratio by up to 10-15%. The CPU time is read outside the wall-time span: the
process_time system call (about 0.25 us here) was inside it, a constant added to every
implementation's 2 us call.
"""

import functools
import gc
import importlib
import keyword
import os
import statistics
import sys
import time
import traceback
from dataclasses import dataclass, field
from typing import Optional

import cv2
import numpy as np

RUNS = 5
SLOW = 4.0  # seconds of warm-up above which an implementation gets SLOW_RUNS runs
SLOW_RUNS = 2
VERY_SLOW = 15.0  # ... and VERY_SLOW_RUNS above this (scipy's 3D median and EDT)
VERY_SLOW_RUNS = 1
SHORT = 0.02  # seconds of warm-up below which an op is repeated ...
RECHECK = 1.0  # a warm-up between SHORT and this is timed again while calls get faster (see measure)
RECHECK_CALLS = 8  # ... at most this many more calls
RECHECK_GAIN = 0.8  # ... each at most this fraction of the fastest before it to go on
SHORT_BUDGET = 0.5  # ... for about this many seconds
SHORT_MAX_RUNS = 200
SHORT_ROUNDS = 4  # ... in this many rounds, the row's implementations in turn
REPEAT_SHORT = True  # bench.py --small turns it off: a smoke test, not a measurement


@dataclass
class Result:
    lib: str
    variant: str = ""
    status: str = "ok"  # ok | missing | error | n/a
    wall: list = field(default_factory=list)  # seconds, one per timed run
    cpu: list = field(default_factory=list)
    agree: Optional[bool] = None  # None: not compared (it is the reference, or no result)
    detail: str = ""  # agreement detail or error text
    composed: bool = False
    op: str = ""  # the gips op name used
    reduced: bool = False  # timed fewer times than asked because it is slow
    repeated: bool = False  # timed more times than asked because it is short
    rest: Optional[tuple] = None  # a short op's runs left for finish_rounds: (fn, arg, n, before, after)

    @property
    def min(self):
        return min(self.wall) if self.wall else None

    @property
    def column(self):
        return f"{self.lib} {self.variant}".strip()

    @property
    def median(self):
        return statistics.median(self.wall) if self.wall else None

    @property
    def cpu_ratio(self):
        w = sum(self.wall)
        return sum(self.cpu) / w if w > 0 else None


def measure(fn, arg, res, runs=RUNS, slow=SLOW, before=None, after=None, fewest=VERY_SLOW_RUNS):
    """Warm up, then time fn(arg); returns the warm-up result (None on error)."""
    if before:
        before()
    try:
        gc.collect()
        t0 = time.perf_counter()
        out = fn(arg)
        warm = time.perf_counter() - t0
        if warm < RECHECK:
            warm = settle(fn, arg, warm)
        n = runs if warm <= slow else min(runs, SLOW_RUNS if warm <= VERY_SLOW else VERY_SLOW_RUNS)
        n = max(n, min(runs, fewest))
        res.reduced = n < runs
        short = REPEAT_SHORT and warm < SHORT
        if short:
            # A short op is noisy on a shared machine: repeat it for about
            # SHORT_BUDGET seconds (min and median are reported), without a
            # collection before each run (it would cost more than the op).
            n = max(n, min(SHORT_MAX_RUNS, int(SHORT_BUDGET / max(warm, 1e-6))))
            res.repeated = True
            first = -(-n // SHORT_ROUNDS)  # this round's share; finish_rounds times the rest
            res.rest = (fn, arg, n - first, before, after)
            n = first
        timed(fn, arg, res, n, short)
        return out
    except Exception as e:  # an op that errors is reported, never fatal
        res.status = "error"
        res.detail = f"{type(e).__name__}: {e}".splitlines()[0][:200]
        if os.environ.get("GIPS_BENCH_TRACE"):
            traceback.print_exc()
        return None
    finally:
        if after:
            after()


def settle(fn, arg, warm):
    """The fastest of the warm-up and up to RECHECK_CALLS more calls of fn(arg), taken
    while each is at most RECHECK_GAIN of the fastest before it and the fastest is not
    yet under SHORT: the first calls of a library in the process pay one-time costs
    (module docstring), and a steady op stops after one more call, as before. A
    warm-up under SHORT takes that one more call too: a short op's run count is
    SHORT_BUDGET over its time, and the first call at an input's size pays the first
    touch of its output (gips' 1024x1024 subtract: 7.7 ms, 150-500 page faults, against
    20-50 us after), which gave it 65 runs where it takes 200, blocks of 16 calls a
    round, and a median among each block's first calls (BENCHMARKS.md, the
    forty-seventh session)."""
    for _ in range(RECHECK_CALLS):
        t0 = time.perf_counter()
        r = fn(arg)
        t = time.perf_counter() - t0
        del r
        faster = t <= RECHECK_GAIN * warm
        warm = min(warm, t)
        if not faster or warm < SHORT:
            break
    return warm


def timed(fn, arg, res, n, short):
    """Time n calls of fn(arg) into res: a collection before each, or for a short op
    one before them all and none during (it would cost more than the op)."""
    if short:
        gc.collect()
        gc.disable()
    try:
        for _ in range(n):
            if not short:
                gc.collect()
            c0 = time.process_time()
            w0 = time.perf_counter()
            r = fn(arg)
            w1 = time.perf_counter()
            c1 = time.process_time()
            del r
            res.wall.append(w1 - w0)
            res.cpu.append(c1 - c0)
    finally:
        if short:
            gc.enable()


def finish_rounds(results):
    """Time the runs that measure left to the short implementations of one row, in
    the rounds that are left, each implementation's share in turn (with its before
    and after, as measure runs them)."""
    for k in range(SHORT_ROUNDS - 1, 0, -1):  # rounds left, this one included
        for res in results:
            if res.rest is None or res.status != "ok":
                continue
            fn, arg, left, before, after = res.rest
            share = -(-left // k)
            res.rest = (fn, arg, left - share, before, after) if left > share else None
            if before:
                before()
            try:
                timed(fn, arg, res, share, True)
            except Exception as e:  # as measure: reported, never fatal
                res.status = "error"
                res.detail = f"{type(e).__name__}: {e}".splitlines()[0][:200]
            finally:
                if after:
                    after()


def unwrap(r):
    """A gips image -> its numpy array; a 0-d array or numpy scalar -> float; cv2's
    (n, 1) histogram etc. are left to the row's own lambda."""
    if hasattr(r, "array"):
        r = r.array
    if isinstance(r, (int, float, np.number)):
        return r
    r = np.asarray(r)
    return r.item() if r.ndim == 0 else r


def cpu_speeds(rounds=3):
    """{cpu: (scalar, vector)}: seconds, the least of rounds, of a fixed interpreter loop
    and of a fixed numpy loop on data in L1, run on the calling thread pinned to each
    CPU this process may use in turn (its affinity is restored after). On this 2-vCPU
    guest the two CPUs were seen to differ by 1.3-1.8x for minutes at a time
    (2026-12-05: the same loops 3.8 / 3.7 ms on one, 6.3 / 5.1 on the other; a Go
    Gaussian 11 against 15 ms), which moves any row whose thread lands on the slow one.
    Empty where the affinity cannot be read or set."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return {}
    a = np.ones(16384, np.float32)
    b = np.empty_like(a)
    out = {}
    try:
        for c in cpus:
            os.sched_setaffinity(0, {c})
            scalar = vector = float("inf")
            for _ in range(rounds):
                t0 = time.perf_counter()
                x = 0
                for i in range(200_000):
                    x += i
                t1 = time.perf_counter()
                for _ in range(2000):
                    np.multiply(a, 1.5, out=b)
                t2 = time.perf_counter()
                scalar, vector = min(scalar, t1 - t0), min(vector, t2 - t1)
            out[c] = (scalar, vector)
    except OSError:
        return {}
    finally:
        try:
            os.sched_setaffinity(0, set(cpus))
        except OSError:
            pass
    return out


# ---- the gips binding ---------------------------------------------------------------


class Gips:
    """The binding, if it loads: the gips package in the directory path (normally
    python/ under the repository root; another directory benchmarks another build)."""

    def __init__(self, path):
        self.mod, self.why, self.names = None, "", set()
        self.path = path
        if path not in sys.path:
            sys.path.insert(0, path)
        try:
            self.mod = importlib.import_module("gips")
        except Exception as e:  # absent, not built, or broken: every gips row is missing
            self.why = f"{type(e).__name__}: {e}".splitlines()[0]
            return
        self.names = self._listed_ops()
        self.path = os.path.dirname(os.path.dirname(os.path.abspath(self.mod.__file__)))

    def _listed_ops(self):
        """The registry's op names, if the binding exposes a list (else empty)."""
        for attr in ("ops", "listOps", "list_ops", "opNames"):
            f = getattr(self.mod, attr, None)
            try:
                v = f() if callable(f) else f
                if isinstance(v, dict):
                    v = v.keys()
                names = {x if isinstance(x, str) else getattr(x, "name", "") or x.get("name", "") for x in v}
                if names:
                    return names
            except Exception:
                continue
        return set()

    def find(self, names):
        """The first of the dotted op names that the binding has: (name, function).
        The family function (gips.filter.gaussian) is what users call; an op that is
        registered but has no generated function yet is called through gips.run."""
        if self.mod is None:
            return None, None
        for name in names:
            obj = self.mod
            for part in name.split("."):
                # A Python keyword's function has a '_' (gips.logic.not_).
                obj = getattr(obj, part + "_" if keyword.iskeyword(part) else part, None)
                if obj is None:
                    break
            if callable(obj):
                return name, obj
            if name in self.names and callable(getattr(self.mod, "run", None)):
                return name, lambda *a, _n=name, **k: self.mod.run(_n, *a, **k)
        return None, None

    def threads_setter(self):
        """A way to set gips' thread count from Python, if the binding has one."""
        for attr in ("setNumThreads", "set_num_threads", "setThreads"):
            f = getattr(self.mod, attr, None)
            if callable(f):
                return f
        return None

    @property
    def version(self):
        if self.mod is None:
            return f"not loaded ({self.why})"
        v = getattr(self.mod, "__version__", "")
        return (f"{v}, " if v else "") + f"binding loaded, {len(self.names)} ops registered"


# ---- one row ------------------------------------------------------------------------


def run_row(row, data, peers, gips_entry, gips, opencv_1t=True, runs=RUNS, slow=SLOW, log=print):
    """Time every peer and gips on one input; check each against the reference
    (the first peer that ran). Returns the list of Results, gips first."""
    results, ref = [], None

    measured = []  # the Results in the order measured

    def one(res, fn, before=None, after=None, fewest=VERY_SLOW_RUNS):
        nonlocal ref
        measured.append(res)
        out = measure(fn, data, res, runs, slow, before, after, fewest)
        if res.status == "ok":
            out = unwrap(out)
            if ref is None:
                ref = out
            else:
                res.agree, res.detail = row.check(ref, out)
        del out

    for impl in peers:
        res = Result(impl.lib, impl.variant, composed=impl.composed)
        results.append(res)
        one(res, impl.fn)
        if impl.lib == "opencv" and opencv_1t:
            res1 = Result("opencv", "1T", composed=impl.composed)
            results.append(res1)
            n = cv2.getNumThreads()
            one(res1, impl.fn, lambda: cv2.setNumThreads(1), lambda: cv2.setNumThreads(n))

    g = Result("gips")
    results.insert(0, g)
    name, op = gips.find(gips_entry[0]) if gips_entry else (None, None)
    if op is None:
        g.status = "missing"
        log(f"    {'gips':18s} {'missing':>10s}")
    else:
        g.op = name
        # The row's lambda with op bound, in C: a peer's call is its row
        # lambda's one Python frame, and so is gips' (a lambda around the
        # lambda was one frame more, ~30-50 ns of a 2-4 us 256² call).
        call = functools.partial(gips_entry[1], op)
        one(g, call, fewest=SLOW_RUNS)
        setter = gips.threads_setter()
        if setter is not None and g.status == "ok":
            g1 = Result("gips", "1T", op=name)
            results.append(g1)
            prev = []  # setNumThreads returns the previous count (0: one per CPU)
            one(g1, call, lambda: prev.append(setter(1)),
                lambda: setter(prev[-1] if prev and isinstance(prev[-1], int) else 0), SLOW_RUNS)
    finish_rounds(measured)
    for res in measured:
        log(f"    {res.column:18s} {fmt_ms(res.median):>10s}  {res.status}  {res.detail}")
    return results


def fmt_ms(s):
    if s is None:
        return "-"
    ms = s * 1e3
    return f"{ms:.3g}" if ms < 100 else f"{ms:.0f}"
