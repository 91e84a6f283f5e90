#!/usr/bin/env python3
"""ssescan: fail when a gips SIMD loop holds a legacy-SSE instruction.

Go 1.26 (GOEXPERIMENT=simd) sometimes emits legacy-SSE (non-VEX) instructions
inside AVX2/AVX-512 loops: an XORPS for a Broadcast of 0, a MOVQ loading the
count of a logical ShiftAllRight, MOVUPS for 128-bit spills and struct
copies, a MOVSD reloading a float64 constant. On some CPUs each of them
stalls while the upper halves of the vector registers are dirty, which the
surrounding AVX code keeps them: the nineteenth session measured 20% to 60x
the CPU of a kernel (transform/tier.go). The compiler brings them back
silently after any edit, so `make test` scans the shipped library.

usage: ssescan.py BINARY [--allow FILE] [-v]

BINARY is python/gips/_gips.so or the gips command, built with
GOEXPERIMENT=simd. The scan disassembles it with binutils' objdump, takes
the functions of github.com/gipsdev/gips, finds their loops (backward
jumps), and reports every legacy-SSE instruction writing an xmm register that
sits in an innermost loop holding 256- or 512-bit vector code: once per vector
step, the costly place. Hits in an outer loop (once per row) are counted
and listed with -v, not failed. Functions named in the allow file (one per
line, then the reason; # starts a comment) are reported, not failed.

What it cannot see: a function that holds no loop but is called once per
row or tile from a loop elsewhere (transform's fusedU8 spilled through the
stack in MOVUPS at every 128-point tile row: 45% of its samples); perf
annotate finds those. Nor the stalls of Go's scalar float code after
something left the upper halves dirty: bench/test_vecstate.py probes that.
"""
import argparse
import collections
import re
import subprocess
import sys

PREFIX = "github.com/gipsdev/gips/"
_HEADER = re.compile(r"^([0-9a-f]+) <(.*)>:$")
_INSN = re.compile(r"^\s*([0-9a-f]+):\s+(.*)$")
# objdump prints these before the mnemonic.
_PREFIXES = {"rep", "repz", "repe", "repnz", "repne", "lock", "notrack", "bnd",
             "data16", "cs", "ds", "es", "ss", "fs", "gs", "addr32"}

Hit = collections.namedtuple("Hit", "addr mnemonic operands where")


def parse(text):
    """Functions of gips in objdump -d --no-show-raw-insn output:
    {name: [(address, mnemonic, operands)]}."""
    funcs, cur = collections.OrderedDict(), None
    for line in text.splitlines():
        m = _HEADER.match(line)
        if m:
            name = m.group(2)
            cur = name if name.startswith(PREFIX) else None
            if cur is not None:
                funcs[cur] = []
            continue
        if cur is None:
            continue
        m = _INSN.match(line)
        if not m:
            continue
        words = m.group(2).split(None, 1)
        while len(words) == 2 and words[0] in _PREFIXES:
            words = words[1].split(None, 1)
        if words:
            funcs[cur].append((int(m.group(1), 16), words[0], words[1] if len(words) > 1 else ""))
    return funcs


def _vector(mnemonic, operands):
    # 256- and 512-bit code dirties the upper halves; VEX on xmm alone is
    # mostly scalar float code (VFMADD231SD) run once per call.
    return mnemonic.startswith("v") and re.search(r"%[yz]mm", operands) is not None


def _legacy(mnemonic, operands):
    """A legacy-SSE instruction that writes an xmm register. VEX/EVEX
    instructions are v-prefixed, k-prefixed ones are mask moves. Intel's
    Skylake-family cores charge a legacy instruction, while the upper halves
    are dirty, a false dependency on its destination register and a blend:
    a store (MOVUPS X15 zeroing memory) or a move to a general register
    writes no xmm register and is not charged."""
    if mnemonic.startswith(("v", "k")):
        return False
    return re.search(r"%xmm\d+$", operands.strip()) is not None


def scan_function(code):
    """Legacy-SSE hits of one function, each marked 'inner' (an innermost
    loop holding vector code), 'outer' (a loop around vector code) or ''."""
    if not code or not any(_vector(mn, op) for _, mn, op in code):
        return []
    start = code[0][0]
    loops = []
    for addr, mn, op in code:
        if mn.startswith("j"):
            t = re.match(r"([0-9a-f]+)", op)
            # A jump back to the entry is the stack-growth retry, not a loop.
            if t and start < int(t.group(1), 16) <= addr:
                loops.append((int(t.group(1), 16), addr))

    def has_vector(lo, hi):
        return any(lo <= a <= hi and _vector(mn, op) for a, mn, op in code)

    hits = []
    for addr, mn, op in code:
        if not _legacy(mn, op):
            continue
        around = sorted((hi - lo, lo, hi) for lo, hi in loops if lo <= addr <= hi)
        where = ""
        if around:
            _, lo, hi = around[0]
            # A loop that holds another loop runs once per run of that
            # one: its instructions are per row, not per vector step.
            innermost = not any(lo <= l2 and h2 <= hi and (l2, h2) != (lo, hi) for l2, h2 in loops)
            if innermost and has_vector(lo, hi):
                where = "inner"
            elif any(has_vector(l2, h2) for _, l2, h2 in around):
                where = "outer"
        hits.append(Hit(addr, mn, op, where))
    return hits


def read_allow(path):
    allowed = {}
    if path:
        for line in open(path):
            line = line.split("#", 1)[0].strip()
            if line:
                name, _, reason = line.partition(" ")
                allowed[name] = reason.strip()
    return allowed


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary")
    ap.add_argument("--allow", help="file of functions allowed to hold inner-loop hits, with reasons")
    ap.add_argument("-v", action="store_true", help="list every hit, outer loops included")
    args = ap.parse_args(argv)
    out = subprocess.run(["objdump", "-d", "--no-show-raw-insn", args.binary],
                         capture_output=True, text=True, check=True).stdout
    funcs = parse(out)
    if not funcs:
        print(f"ssescan: no gips functions in {args.binary}", file=sys.stderr)
        return 2
    allowed = read_allow(args.allow)
    failed = outer = 0
    for name, code in funcs.items():
        hits = scan_function(code)
        inner = [h for h in hits if h.where == "inner"]
        outer += sum(h.where == "outer" for h in hits)
        short = name[len(PREFIX):]
        if inner:
            if short in allowed:
                print(f"allowed {short}: {len(inner)} in inner vector loops ({allowed[short]})")
            else:
                failed += len(inner)
                print(f"FAIL {short}: {len(inner)} legacy-SSE instructions in inner vector loops")
        for h in hits:
            if (h.where == "inner" and short not in allowed) or (args.v and h.where):
                print(f"    {h.where:5s} {h.addr:x} {h.mnemonic} {h.operands}")
    print(f"ssescan: {len(funcs)} gips functions, {failed} legacy-SSE instructions in inner vector "
          f"loops not allowed, {outer} in outer loops")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
