"""What a gips call costs when the caller has been busy elsewhere: a tiny call after
a pause of pure Python work, against numpy's, and what one system call costs after
the same pause.

usage: /usr/bin/python3 bench/gap_probe.py [--gips-path DIR] [--calls N]

The bench times a row's calls back to back; a user's pipeline runs numpy or Python
between gips calls. For each pause (a busy wait of 0 us to 5 ms, so that nothing
sleeps), it times N calls each after the pause: gips' eraseImg of an 8x8 uint8 image,
numpy's fill of one, and a one-byte os.write and os.read on a pipe (two system calls,
no thread woken). It prints min / median per call in microseconds, first with the
runtime's default settings, then in a child process with GODEBUG=schedtrace set (Go's
monitor thread, sysmon, then never sleeps deeply).

What it showed on the bench's machine (BENCHMARKS.md, forty-fifth session): once the
library has run some 30 ms, a gips call after a pause of 1 ms or more takes 26-31 us on
medians instead of 0.4, against 4-9 us with sysmon kept awake and 6-9 us for the two
system calls. Go's scheduler takes the calling thread's P back while the thread is in C
(a callback from C never counts as scheduling, so the P looks busy for too long); with
every P idle, sysmon sleeps on a futex, and the next call from C wakes it: a futex wake
of a sleeping thread, which on this 2-vCPU guest costs about 20 us. numpy's fill makes
no system call.
"""

import argparse
import os
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
PAUSES = (0, 10, 100, 1000, 5000)  # microseconds of busy waiting before each call


def spin(us, pc=time.perf_counter):
    end = pc() + us * 1e-6
    while pc() < end:
        pass


def per_call(f, pause, n, pc=time.perf_counter):
    ws = []
    for _ in range(n):
        spin(pause)
        w0 = pc()
        f()
        ws.append(pc() - w0)
    ws.sort()
    return "%.2f / %.2f" % (ws[0] * 1e6, ws[len(ws) // 2] * 1e6)


def run(gips_path, calls):
    sys.path.insert(0, gips_path)
    from gips import util

    a, b = np.zeros((8, 8), np.uint8), np.zeros((8, 8), np.uint8)
    r, w = os.pipe()

    def write():
        os.write(w, b"x")
        os.read(r, 1)  # outside nothing: the pipe never fills

    util.eraseImg(a, value=7)
    spin(50_000)  # past the library's first tens of milliseconds
    print("| pause (us) | gips eraseImg 8x8 | numpy fill 8x8 | os.write |")
    print("|---|---|---|---|")
    for p in PAUSES:
        n = calls if p < 1000 else max(50, calls // 10)
        print("| %d | %s | %s | %s |" % (p, per_call(lambda: util.eraseImg(a, value=7), p, n),
                                         per_call(lambda: b.fill(7), p, n), per_call(write, p, n)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gips-path", default=os.path.join(HERE, "..", "python"))
    ap.add_argument("--calls", type=int, default=1000)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        run(a.gips_path, a.calls)
        return
    print("Default runtime settings:\n")
    sys.stdout.flush()
    subprocess.run([sys.executable, __file__, "--child", "--gips-path", a.gips_path, "--calls", str(a.calls)],
                   check=True)
    # schedtrace prints a line every that many milliseconds, counted from the
    # monotonic clock's zero (boot): one past the uptime plus a day never prints here.
    with open("/proc/uptime") as f:
        ms = int(float(f.read().split()[0]) * 1000) + 86_400_000
    print("\nGODEBUG=schedtrace=%d (sysmon never sleeps deeply):\n" % ms)
    sys.stdout.flush()
    env = dict(os.environ, GODEBUG="schedtrace=%d" % ms)
    subprocess.run([sys.executable, __file__, "--child", "--gips-path", a.gips_path, "--calls", str(a.calls)],
                   check=True, env=env)


if __name__ == "__main__":
    main()
