"Command-line entry points: bad arguments give a one-line error and exit 2."
import subprocess, sys
from pathlib import Path

BIN = Path(sys.executable).parent

def test_bench_rejects_unknown_preset():
    r = subprocess.run([str(BIN/'diamond-bench'), '--preset', 'gpu'], capture_output=True, text=True)
    assert r.returncode == 2, r
    assert 'valid presets: paper, cpu, smoke' in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr

def test_bench_rejects_zero_repeats():
    r = subprocess.run([str(BIN/'diamond-bench'), '--preset', 'smoke', '--repeats', '0'], capture_output=True, text=True)
    assert r.returncode == 2 and 'repeats' in r.stderr, r
