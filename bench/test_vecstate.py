"""Every benchmark row's gips call leaves the upper halves of the vector
registers clean when its kernels return (internal/vecstate says why: while
they are dirty, Go's scalar float code after a kernel pays a false
dependency and a blend per instruction on Intel cores). The library's probe
(capi/upperstate.go) reads XINUSE on the calling thread right after each
op's kernels; one thread, so that they run on it.

    /usr/bin/python3 -m pytest -q bench/test_vecstate.py
"""
import functools
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import inputs  # noqa: E402
import rows  # noqa: E402
import timing  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope="module")
def gips():
    g = timing.Gips(os.path.join(ROOT, "python"))
    if g.mod is None:
        pytest.fail(f"the gips binding does not load: {g.why}")
    lib = sys.modules["gips._lib"]
    if not lib.call("upper_state", {"on": True})["available"]:
        pytest.skip("this CPU does not read XINUSE (XGETBV with ECX=1)")
    before = g.mod.setNumThreads(1)  # one worker runs inline, on the calling thread
    yield g, lib
    g.mod.setNumThreads(before)
    lib.call("upper_state", {"on": False})


@pytest.mark.parametrize("nd", [2, 3])
def test_every_row_returns_with_clean_upper_halves(gips, nd):
    g, lib = gips
    d = inputs.build(nd, True, inputs.SMALL_2D[0] if nd == 2 else None)
    ran, dirty = 0, []
    lib.call("upper_state", {"on": True})
    for r in rows.R:
        entry = rows.GIPS.get(r.key)
        if nd not in r.dims or entry is None:
            continue
        name, op = g.find(entry[0])
        if op is None:
            continue
        functools.partial(entry[1], op)(d)
        ops = lib.call("upper_state", {"on": True})["dirty"]
        if ops:
            dirty.append(f"{r.key}: {', '.join(sorted(set(ops)))}")
        ran += 1
    assert ran >= (100 if nd == 2 else 50), f"only {ran} rows ran"
    assert not dirty, "rows whose ops return with dirty upper halves:\n  " + "\n  ".join(dirty)


def test_shipped_library_turns_async_preemption_off():
    """The Makefile builds the library with Go's asynchronous preemption off
    (SHIPLD): Go 1.26's asyncPreempt leaves the upper halves dirty under
    GOEXPERIMENT=simd, which the probe above sees only when a preemption
    lands; the build setting is what makes it never."""
    import shutil
    import subprocess
    go = shutil.which("go") or "/usr/local/go/bin/go"
    if not os.path.exists(go):
        pytest.skip("no go command to read the library's build settings")
    out = subprocess.run([go, "version", "-m", os.path.join(ROOT, "python", "gips", "_gips.so")],
                         capture_output=True, text=True, check=True).stdout
    ldflags = [line for line in out.splitlines() if "-ldflags=" in line]
    assert ldflags and "runtime.godebugDefault=asyncpreemptoff=1" in ldflags[0], out
