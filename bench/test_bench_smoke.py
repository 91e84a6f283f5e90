"""CI smoke test: every row on small inputs, through the same code as the full run.

It fails only if an op (gips or a peer) raises, or a result disagrees with the
reference beyond the row's tolerance; it never looks at times. Rows that gips does
not implement yet are "missing", which is not a failure.

    /usr/bin/python3 -m pytest -q bench/test_bench_smoke.py
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench  # noqa: E402


def test_small_run_has_no_errors_or_disagreements(tmp_path, capsys):
    out = tmp_path / "BENCHMARKS.md"
    rc = bench.main(["--small", "--check", "--runs", "1", "--out", str(out)])
    text = capsys.readouterr().out
    assert rc == 0, text[text.find("FAILURES"):] if "FAILURES" in text else text[-3000:]
    md = out.read_text()
    assert "## 2D uint8" in md and "## 3D uint16" in md and "Memory bandwidth" in md


def test_slow_gips_keeps_two_runs(monkeypatch):
    """A peer past VERY_SLOW is timed once; gips (fewest=SLOW_RUNS) at least twice."""
    import time
    import timing

    monkeypatch.setattr(timing, "VERY_SLOW", 0.001)
    counts = {}
    for fewest in (timing.VERY_SLOW_RUNS, timing.SLOW_RUNS):
        res = timing.Result("x")
        timing.measure(lambda _: time.sleep(0.03), None, res, runs=5, slow=0.001, fewest=fewest)
        counts[fewest] = len(res.wall)
    assert counts == {timing.VERY_SLOW_RUNS: 1, timing.SLOW_RUNS: 2}
