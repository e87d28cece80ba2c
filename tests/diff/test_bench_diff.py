"""bench/diff_bench.py runs end to end on small sizes (no timing asserted: the figures come from running it)."""

import subprocess
import sys

from conftest import ROOT


def test_diff_bench_smoke_run_prints_its_table():
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "diff_bench.py"), "--sizes", "60,120"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[1].startswith("| components | read + lint both + compare + json |")
    rows = [line.split("|")[1:-1] for line in lines[3:5]]
    assert [r[0].strip() for r in rows] == ["60", "120"]
    # every 7th owner and every 5th gate dropped: the diff finds them, whatever the timing
    assert all(int(r[3]) > 0 and int(r[5]) > 0 for r in rows)
    assert lines[5].startswith("growth 120 / 60: compare x")
