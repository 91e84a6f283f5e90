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


def test_warm_up_is_retimed_while_calls_get_faster(monkeypatch):
    """A warm-up over SHORT is timed again while each call is clearly faster: an op
    whose first calls are slow and that then settles under SHORT is repeated as a
    short op; a steady op takes one more call only, as an op over RECHECK takes none.
    A short op whose first call is slow (the first touch of its output) takes its run
    count from the second call."""
    import time
    import timing

    monkeypatch.setattr(timing, "REPEAT_SHORT", True)
    monkeypatch.setattr(timing, "RECHECK", 0.2)  # the test's sleeps stay short

    def op(times):
        calls = []

        def fn(_):
            time.sleep(times[min(len(calls), len(times) - 1)])
            calls.append(1)
        return fn, calls

    settling, calls = op([0.15, 0.08, 0.05, 0.03, 0.0])  # four slow calls, then fast
    res = timing.Result("settling")
    timing.measure(settling, None, res, runs=5)
    assert res.repeated and len(calls) == 5 + len(res.wall) and len(res.wall) > 5, (len(calls), len(res.wall))

    cold, calls = op([0.01, 0.001])  # a first call 10x the later ones, all under SHORT
    monkeypatch.setattr(timing, "SHORT_BUDGET", 0.05)
    res = timing.Result("cold")
    timing.measure(cold, None, res, runs=5)
    runs = len(res.wall) + (res.rest[2] if res.rest else 0)
    # 0.05 s over 1 ms: 50 runs (at least 20 with sleep's overshoot), not the 5
    # that the first call's 10 ms gives.
    assert res.repeated and len(calls) == 2 + len(res.wall) and runs >= 20, (len(calls), runs)

    for first, extra in ((0.03, 1), (timing.RECHECK + 0.05, 0)):
        steady, calls = op([first])
        res = timing.Result("steady")
        timing.measure(steady, None, res, runs=5)
        assert not res.repeated and len(res.wall) == 5 and len(calls) == 1 + extra + 5, (first, len(calls))


def test_short_rows_are_timed_in_rounds(monkeypatch):
    """A row's short implementations are timed in SHORT_ROUNDS rounds, each in turn,
    with their before and after hooks around every share; every run is timed once."""
    import timing

    monkeypatch.setattr(timing, "REPEAT_SHORT", True)
    calls, hooks = [], []
    results = []
    for name in "ab":
        res = timing.Result(name)
        results.append(res)
        timing.measure(lambda _, n=name: calls.append(n), None, res, runs=5,
                       before=lambda n=name: hooks.append("+" + n), after=lambda n=name: hooks.append("-" + n))
    timing.finish_rounds(results)
    runs = [len(r.wall) for r in results]
    assert runs[0] >= timing.SHORT_ROUNDS and runs[0] == runs[1], runs
    assert all(r.rest is None for r in results)
    # Calls (warm-ups first): a's first share, b's, then the rounds alternate.
    blocks = [calls[0]]
    for c in calls[1:]:
        if c != blocks[-1]:
            blocks.append(c)
    assert blocks == ["a", "b"] * timing.SHORT_ROUNDS, blocks
    assert hooks == ["+a", "-a", "+b", "-b"] * timing.SHORT_ROUNDS, hooks
    assert len(calls) == sum(runs) + 4  # and a warm-up and a second untimed call each


def test_wake_probe_runs_both_passes():
    """bench/wake_probe.py (the 1024² tail's probe) runs on the built binding: both
    passes, every implementation's line, and the slow-block count of each pass."""
    import subprocess

    if len(os.sched_getaffinity(0)) < 2:
        import pytest

        pytest.skip("wake_probe needs two CPUs")
    here = os.path.dirname(os.path.abspath(__file__))
    r = subprocess.run([sys.executable, os.path.join(here, "wake_probe.py"), "--rounds", "2", "--size", "64"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-3000:]
    lines = r.stdout.splitlines()
    assert lines[0].startswith("unpinned") and any(line.startswith("pinned") for line in lines), r.stdout
    for name in ("numpy", "opencv", "opencv 1T", "gips", "gips 1T"):
        assert sum(line.split("min")[0].strip() == name for line in lines) == 2, (name, r.stdout)
    assert sum(line.strip().startswith("gips blocks slow") and line.endswith("of 2") for line in lines) == 2, r.stdout


def test_rows_over_one_are_measured_again(tmp_path, monkeypatch, capsys):
    """--again N times every row over 1.0x N more times after the run and lists
    the run's figures and each re-run's, row by row; the summary stays the run's."""
    import report

    monkeypatch.setattr(report, "over", lambda results: True)  # every row counts as over 1.0x
    out = tmp_path / "b.md"
    rc = bench.main(["--small", "--ops", "add,invert", "--dims", "2", "--runs", "1", "--again", "2", "--out", str(out)])
    text = capsys.readouterr().out
    assert rc == 0, text[-3000:]
    md = out.read_text()
    section = md[md.index("## Rows over 1.0x, measured again"):md.index("## Machine")]
    for key in ("add", "invert"):
        cells = [line.split("|")[3].strip() for line in section.splitlines() if line.startswith("| ") and f"| {key} |" in line]
        assert cells == ["run", "again 1", "again 2"], section
    assert "2 rows over 1.0x on medians in the run, each measured 2 more times" in section
    assert "gips ≤ 1.0x best peer on" in md[:md.index("## Rows over 1.0x")]


def test_again_table_counts_the_re_runs():
    """again_table: a row counts in 'every re-run' when all its re-runs are at or
    under 1.0x on medians, in 'at least one' when one is (those of 'every' too), in
    'none' otherwise; the run's line comes first."""
    import report
    import timing

    class Row:
        def __init__(self, key):
            self.key = key

    def results(g, peer):
        return [timing.Result("gips", wall=[g]), timing.Result("numpy", wall=[peer])]

    rechecks = [
        ("2D", Row("a"), results(2.0, 1.0), [results(0.5, 1.0), results(1.5, 1.0)]),  # some
        ("2D", Row("b"), results(1.2, 1.0), [results(0.9, 1.0), results(1.0, 1.0)]),  # every
        ("2D", Row("c"), results(1.2, 1.0), [results(1.1, 1.0), results(1.3, 1.0)]),  # none
    ]
    head, lines, count = report.again_table(rechecks)
    assert [(l[1], l[2], l[-1]) for l in lines[:3]] == [("a", "run", "2.00; 2.00"), ("a", "again 1", "0.50; 0.50"),
                                                        ("a", "again 2", "1.50; 1.50")]
    assert "3 rows over 1.0x on medians in the run, each measured 2 more times" in count
    assert "in every re-run: 1; in at least one: 2; in none: 1" in count
    assert report.over(results(1.01, 1.0)) and not report.over(results(1.0, 1.0))
    assert report.again_table([])[2].startswith("No row over 1.0x")


def test_cpu_speeds_pin_each_cpu_and_restore_the_affinity():
    """cpu_speeds times both loops on every CPU of the affinity, leaves the affinity as it
    found it, and the run's machine section reports the figures at its start and end."""
    import report
    import timing

    before = os.sched_getaffinity(0)
    speeds = timing.cpu_speeds(rounds=1)
    assert os.sched_getaffinity(0) == before
    assert set(speeds) == before
    assert all(s > 0 and v > 0 for s, v in speeds.values())
    line = report.speeds_text(speeds)
    for c in before:
        assert f"cpu{c} " in line
    assert "x scalar" in line and "x vector" in line


def test_machine_section_has_the_per_cpu_speed(tmp_path, capsys):
    out = tmp_path / "b.md"
    rc = bench.main(["--small", "--ops", "add", "--dims", "2", "--runs", "1", "--out", str(out)])
    assert rc == 0, capsys.readouterr().out[-3000:]
    machine = out.read_text().split("## Machine", 1)[1].split("\n## ", 1)[0]
    assert f"- {bench.SPEED_KEY}, at the start: cpu" in machine
    assert f"- {bench.SPEED_KEY}, at the end: cpu" in machine
