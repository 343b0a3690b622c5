"diamond-bench's fast-path options: one-line errors with exit 2, and the JSON rows of a smoke-size run."
import json, os, subprocess, sys, time
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
    f = tmp_path/'missing'/'bench.json'                                   # its folder is created
    r = subprocess.run([str(BIN/'diamond-bench'), '--preset', 'smoke', '--repeats', '1', '--threads', '1', '--precision', 'fp32,bf16',
                        '--json', str(f), '--pipeline-epochs', '1'], capture_output=True, text=True, env=ENV)
    assert r.returncode == 0, r.stderr
    out = json.loads(f.read_text())
    rows = out['rows']
    assert {'operation', 'device', 'precision', 'path', 'seconds', 'gflop'} <= set(rows[0])
    assert {(x['path'], x['precision']) for x in rows} == {(p, q) for p in ('eager', 'fast') for q in ('fp32', 'bf16')}
    assert all(x['seconds'] > 0 and x['gflop'] > 0 for x in rows) and out['complete']
    ops = {x['operation'] for x in rows}                                   # labelled with the smoke preset's sizes
    assert {'reward/termination update, batch 2 x 8', 'imagination step, batch 2', 'next frame, 3 steps, batch 2'} <= ops, ops
    assert not any('32 x 19' in o or o.endswith('batch 32') and not o.startswith('denoiser') for o in ops), ops
    assert len(out['pipeline']) == 4 and all(p['epoch_seconds'] > 0 and p['run_days'] > 0 for p in out['pipeline'])
    assert 'projected epoch' in r.stdout
    from diamond.fast import glibc                                       # eager timed (rows, then pipelines) before the fast path tunes
    assert [p['path'] for p in out['pipeline']] == ['eager', 'eager', 'fast', 'fast']
    tuned = 'tuned' if glibc() else 'default'
    assert {(x['path'], x['host_allocator']) for x in rows + out['pipeline']} == {('eager', 'default'), ('fast', tuned)}
    assert all(p['end_shift'] < -2 for p in out['pipeline'])               # the end logit fitted to 2.6% per step

def test_bench_reports_rows_as_they_are_measured(tmp_path):
    "A benchmark cut short (a time limit) has printed, and written to --json, every row it measured."
    f = tmp_path/'bench.json'
    p = subprocess.Popen([str(BIN/'diamond-bench'), '--preset', 'smoke', '--repeats', '1', '--threads', '1', '--json', str(f),
                          '--pipeline-epochs', '1'], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    t0, seen = time.time(), None
    try:
        while p.poll() is None and time.time() - t0 < 300 and seen is None:
            if f.exists() and json.loads(f.read_text())['rows']: seen = json.loads(f.read_text())
            time.sleep(0.05)
        running = p.poll() is None
    finally:
        p.kill(); out, err = p.communicate()
    assert running and seen is not None, ("no row written while the benchmark ran", out, err)
    assert not seen['complete'] and seen['rows'][0]['seconds'] > 0
    assert seen['rows'][0]['operation'] in out, out                        # printed too, before the end
