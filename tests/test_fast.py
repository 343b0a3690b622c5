"diamond-bench's fast-path options: one-line errors with exit 2, and the JSON rows of a smoke-size run."
import json, os, subprocess, sys
from pathlib import Path
import pytest

BIN = Path(sys.executable).parent
ENV = dict(os.environ, OMP_NUM_THREADS='1')

@pytest.mark.parametrize('args, msg', [(['--precision', 'fp16'], 'precision must be'), (['--paths', 'slow'], 'paths must be'),
                                       (['--device', 'tpu'], 'device must be cpu or cuda'), (['--micro-batches', '0'], 'micro-batches must be >= 1'),
                                       (['--micro-batches', 'x'], 'comma-separated integers'), (['--pipeline-epochs', '-1'], 'pipeline-epochs')])
def test_bench_rejects_bad_arguments(args, msg):
    r = subprocess.run([str(BIN/'diamond-bench'), '--preset', 'smoke', *args], capture_output=True, text=True, env=ENV)
    assert r.returncode == 2, r
    assert msg in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr

def test_bench_json_rows(tmp_path):
    f = tmp_path/'bench.json'
    r = subprocess.run([str(BIN/'diamond-bench'), '--preset', 'smoke', '--repeats', '1', '--threads', '1', '--precision', 'fp32,bf16',
                        '--json', str(f), '--pipeline-epochs', '1'], capture_output=True, text=True, env=ENV)
    assert r.returncode == 0, r.stderr
    out = json.loads(f.read_text())
    rows = out['rows']
    assert {'operation', 'device', 'precision', 'path', 'seconds', 'gflop'} <= set(rows[0])
    assert {(x['path'], x['precision']) for x in rows} == {(p, q) for p in ('eager', 'fast') for q in ('fp32', 'bf16')}
    assert all(x['seconds'] > 0 and x['gflop'] > 0 for x in rows)
    assert len(out['pipeline']) == 4 and all(p['epoch_seconds'] > 0 and p['run_days'] > 0 for p in out['pipeline'])
    assert 'projected epoch' in r.stdout
