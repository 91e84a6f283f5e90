"""The floor under a small gips call from Python: what entering Go costs next to
entering C, against numpy's own calls, with a system call before each call as the bench
makes (its process_time read) and in a tight loop.

usage: /usr/bin/python3 bench/entry_floor.py [--gips-path DIR] [--calls N]

It builds two no-op shared libraries in a temporary directory, one in C (gcc) and one
Go c-shared export (go build -buildmode=c-shared), and calls each through ctypes; then
numpy's and gips' 8x8 uint8 invert into an output, 8x8 fill and 256x256 uint8 fill
(ndarray.fill, gips' util.eraseImg). It prints min / median ns per call.

What it showed on the bench's machine (BENCHMARKS.md, forty-ninth session, three runs):
with a system call before each call, the Go no-op took 180-280 ns more than the C one on
medians (50-60 ns more in a tight loop), and gips' 8x8 invert 240-270 ns more than
numpy's (in a tight loop gips' was 20-40 ns faster): the gap of the bench's smallest
rows is Go's entry. numpy's fill is a method that costs half a ufunc call (0.37-0.39
against 0.72-0.75 us after the system call), less than the Go no-op alone (0.45-0.53),
and gips' eraseImg costs what its invert does (0.93-1.03 us): at 8x8 and 256x256
(0.92 against 1.49-1.63 us) no fill that enters Go can match numpy's.
"""

import argparse
import ctypes
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

C_NOOP = "int noop(void) { return 0; }\n"
GO_NOOP = 'package main\n\nimport "C"\n\n//export gonoop\nfunc gonoop() C.int { return 0 }\n\nfunc main() {}\n'


def build(tmp):
    """The C and Go no-op libraries, built in tmp: (noop, gonoop) as ctypes functions."""
    with open(os.path.join(tmp, "noop.c"), "w") as f:
        f.write(C_NOOP)
    with open(os.path.join(tmp, "main.go"), "w") as f:
        f.write(GO_NOOP)
    with open(os.path.join(tmp, "go.mod"), "w") as f:
        f.write("module noop\n\ngo 1.26\n")
    subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-o", "libcnoop.so", "noop.c"], cwd=tmp, check=True)
    env = dict(os.environ, GOFLAGS="-mod=mod", GOWORK="off")
    subprocess.run(["go", "build", "-buildmode=c-shared", "-o", "libgonoop.so", "."], cwd=tmp, check=True, env=env)
    return (ctypes.CDLL(os.path.join(tmp, "libcnoop.so")).noop,
            ctypes.CDLL(os.path.join(tmp, "libgonoop.so")).gonoop)


def per_call(f, n, syscall, pt=time.process_time, pc=time.perf_counter):
    ws = []
    for _ in range(n):
        if syscall:
            pt()
        w0 = pc()
        f()
        ws.append(pc() - w0)
    ws.sort()
    return "%.0f / %.0f" % (ws[0] * 1e9, ws[len(ws) // 2] * 1e9)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gips-path", default=os.path.join(HERE, "..", "python"))
    ap.add_argument("--calls", type=int, default=4000)
    a = ap.parse_args()
    sys.path.insert(0, a.gips_path)
    from gips import arith, util

    small, out = np.zeros((8, 8), np.uint8), np.zeros((8, 8), np.uint8)
    big_np, big_gips = np.zeros((256, 256), np.uint8), np.zeros((256, 256), np.uint8)
    with tempfile.TemporaryDirectory() as tmp:
        c_noop, go_noop = build(tmp)
        calls = [
            ("C no-op (ctypes)", c_noop),
            ("Go no-op export (ctypes)", go_noop),
            ("numpy invert 8x8, out=", lambda: np.invert(small, out=out)),
            ("gips invert 8x8, out=", lambda: arith.invert(small, out=out)),
            ("numpy fill 8x8", lambda: out.fill(7)),
            ("gips eraseImg 8x8", lambda: util.eraseImg(out, value=7)),
            ("numpy fill 256x256", lambda: big_np.fill(7)),
            ("gips eraseImg 256x256", lambda: util.eraseImg(big_gips, value=7)),
        ]
        print("| call | after a system call (ns, min / median) | tight loop |")
        print("|---|---|---|")
        for name, f in calls:
            f()
            print("| %s | %s | %s |" % (name, per_call(f, a.calls, True), per_call(f, a.calls, False)))


if __name__ == "__main__":
    main()
