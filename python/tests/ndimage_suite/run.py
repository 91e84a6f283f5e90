#!/usr/bin/env python3
"""Runs scipy's own ndimage test suite against gips.ndimage.

Copies the tests Debian's python3-scipy installs (scipy/ndimage/tests) into
a temporary directory, points their `ndimage` at gips.ndimage (scipy stays
scipy for everything else), runs them with pytest with the fallback off,
and reports per function: passed, failed, not implemented (the test hit
gips.ndimage's NotImplementedError). A failure in a function gips serves
that python/tests/ndimage_suite/differences.txt does not list as a
deliberate difference makes the exit status non-zero; a NotImplementedError
does not.

    /usr/bin/python3 python/tests/ndimage_suite/run.py [--out SUMMARY.md] [-k EXPR]
"""

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PYDIR = os.path.dirname(os.path.dirname(HERE))

CONFTEST = r'''
import json, os, sys
import pytest
sys.path.insert(0, os.environ["GIPS_PYDIR"])
import gips.ndimage
from gips.ndimage import _support

gips.ndimage.fallback(os.environ.get("GIPS_SUITE_FALLBACK") == "1")
_calls = []
_support._state["trace"] = lambda name, event: _calls.append((name, event))
_results = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _calls.clear()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    rep = (yield).get_result()
    if rep.when == "setup" and rep.outcome != "passed" or rep.when == "call":
        exc = None
        if call.excinfo is not None:
            exc = call.excinfo.type.__name__
            if issubclass(call.excinfo.type, NotImplementedError):
                exc = "NotImplementedError"
        outcome = rep.outcome
        if hasattr(rep, "wasxfail"):
            outcome = "xfail" if rep.skipped else "xpass"
        _results[item.nodeid] = {"outcome": outcome, "exc": exc,
                                 "msg": str(call.excinfo.value)[:300] if call.excinfo else "",
                                 "calls": list(dict.fromkeys(f"{n}:{e}" for n, e in _calls))}


def pytest_sessionfinish(session):
    with open(os.environ["GIPS_SUITE_JSON"], "w") as f:
        json.dump(_results, f)
'''

_REWRITES = [
    (re.compile(r"^from scipy import ndimage$", re.M), "import gips.ndimage as ndimage"),
    (re.compile(r"^import scipy\.ndimage as ndimage$", re.M), "import gips.ndimage as ndimage"),
]


def copy_tests(src, dst):
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
    for name in os.listdir(dst):
        if name.startswith("test_") and name.endswith(".py"):
            p = os.path.join(dst, name)
            with open(p) as f:
                text = f.read()
            for pat, rep in _REWRITES:
                text = pat.sub(rep, text)
            with open(p, "w") as f:
                f.write(text)
    with open(os.path.join(os.path.dirname(dst), "conftest.py"), "w") as f:
        f.write(CONFTEST)


def load_differences():
    diffs = {}
    with open(os.path.join(HERE, "differences.txt")) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                test, _, reason = line.partition(" ")
                diffs[test] = reason.strip()
    return diffs


def classify(results, served):
    """Per function: {passed, failed, notimpl, difference} test counts, and
    the failures that are bugs (tests, function)."""
    per = collections.defaultdict(collections.Counter)
    bugs, notimpl, others = [], [], []
    diffs = load_differences()
    totals = collections.Counter()
    for test, r in sorted(results.items()):
        tid = test.split("/", 1)[-1]
        calls = [c.rsplit(":", 1) for c in r["calls"]]
        called = list(dict.fromkeys(n for n, _ in calls))
        raised = [n for n, e in calls if e == "unsupported"]
        errors = [n for n, e in calls if e == "error"]
        if r["outcome"] in ("skipped", "xfail"):
            totals["skipped"] += 1
            continue
        if r["outcome"] in ("passed", "xpass"):
            kind, blame = "passed", called
        elif r["exc"] == "NotImplementedError" and raised:
            kind, blame = "notimpl", raised[:1]
        elif r["exc"] == "AttributeError" and "has no attribute '_" in r["msg"]:
            # The test reaches into scipy's private helpers (_ni_support,
            # _measurements._stats): nothing of gips.ndimage's API.
            kind, blame = "internal", []
        elif tid in diffs:
            kind, blame = "difference", errors[-1:] or called
        else:
            kind, blame = "failed", errors[-1:] or called
        totals[kind] += 1
        if kind == "internal":
            continue
        if not blame:
            per["(no gips.ndimage call)"][kind] += 1
        for n in blame:
            per[n][kind] += 1
        if kind == "notimpl" and any(n in served for n in blame):
            notimpl.append((tid, blame, r["exc"], r["msg"]))
        if kind == "failed" and not any(n in served for n in blame):
            others.append((tid, blame, r["exc"], r["msg"]))
        if kind == "failed" and any(n in served for n in blame):
            bugs.append((tid, blame, r["exc"], r["msg"]))
    return per, totals, bugs, notimpl, others


def summary(per, totals, served, fb=False):
    lines = ["# scipy.ndimage's test suite on gips.ndimage", "",
             f"scipy's own tests (scipy/ndimage/tests, python3-scipy), fallback {'ON' if fb else 'off'}: "
             f"**{totals['passed']} passed, {totals['failed']} failed, "
             f"{totals['difference']} documented differences, {totals['notimpl']} not implemented**"
             f" ({totals['skipped']} skipped by scipy's own marks; {totals['internal']} test scipy's "
             "private helpers, not its API).", "",
             "A test counts for every gips.ndimage function it called (passed), for the function "
             "that raised NotImplementedError (not implemented), or for the function that raised "
             "(else every function it called) when it failed.", "",
             "| function | served by gips | passed | failed | difference | not implemented |",
             "|---|---|---|---|---|---|"]
    for name in sorted(per):
        c = per[name]
        lines.append(f"| {name} | {'yes' if name in served else 'no'} | {c['passed']} | "
                     f"{c['failed']} | {c['difference']} | {c['notimpl']} |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", help="write the markdown summary here")
    ap.add_argument("--tests", default=None, help="scipy's ndimage tests directory")
    ap.add_argument("-k", default=None, help="pytest -k expression")
    ap.add_argument("--fallback", action="store_true",
                    help="run with gips.ndimage.fallback(True) (a check of the delegation; "
                         "the figure is the run without)")
    ap.add_argument("--why", action="store_true",
                    help="list the NotImplementedErrors of the functions gips serves")
    args = ap.parse_args()
    src = args.tests
    if src is None:
        import scipy.ndimage
        src = os.path.join(os.path.dirname(scipy.ndimage.__file__), "tests")
    sys.path.insert(0, PYDIR)
    import gips.ndimage
    served = set(gips.ndimage.served)
    with tempfile.TemporaryDirectory(prefix="gips-ndimage-suite-") as tmp:
        dst = os.path.join(tmp, "ndtests")
        copy_tests(src, dst)
        js = os.path.join(tmp, "results.json")
        env = dict(os.environ, GIPS_PYDIR=PYDIR, GIPS_SUITE_JSON=js, PYTHONPATH=PYDIR,
                   GIPS_SUITE_FALLBACK="1" if args.fallback else "0")
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", tmp,
               "-W", "ignore", "--tb=no", "-o", "addopts=", dst]
        if args.k:
            cmd += ["-k", args.k]
        subprocess.run(cmd, cwd=tmp, env=env, stdout=subprocess.DEVNULL)
        with open(js) as f:
            results = json.load(f)
    per, totals, bugs, notimpl, others = classify(results, served)
    text = summary(per, totals, served, args.fallback)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    print(text)
    for tid, blame, exc, msg in notimpl if args.why else ():
        print(f"NOTIMPL {tid}: {msg[:200]}")
    for tid, blame, exc, msg in others if args.why else ():
        print(f"FAILED (not served by gips) {tid} [{', '.join(blame)}] {exc}: {msg[:200]}")
    for tid, blame, exc, msg in bugs:
        print(f"FAILED {tid} [{', '.join(blame)}] {exc}: {msg[:200]}")
    if bugs:
        print(f"{len(bugs)} failures in functions gips serves, not listed in differences.txt")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
