"A smoke run killed mid-epoch and resumed ends in the same state as an uninterrupted run with the same seed."
import csv, json, os, subprocess, sys
from pathlib import Path
import numpy as np
import torch

BIN = Path(sys.executable).parent

def _train(out, *extra, env=None):
    cmd = [str(BIN/'diamond-train'), '--game', 'Breakout', '--preset', 'smoke', '--seed', '3', '--out', str(out), '--quiet', '--threads', '1', *extra]
    return subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **(env or {})})

def _metrics(d):
    return [{k: v for k, v in r.items() if k != 'seconds'} for r in csv.DictReader((d/'metrics.csv').open())]

def test_kill_and_resume_matches_uninterrupted(tmp_path):
    a, b = tmp_path/'a', tmp_path/'b'
    r = _train(a); assert r.returncode == 0, r.stderr
    r = _train(b, env={'DIAMOND_CRASH_AT': '3:world_model'})             # dies after training the world model in epoch 3
    assert r.returncode == 3, (r.returncode, r.stderr)
    assert not (b/'final.json').exists()
    r = _train(b, '--resume'); assert r.returncode == 0, r.stderr
    assert 'resuming after epoch 2' in r.stdout
    sa, sb = torch.load(a/'agent.pt', weights_only=True)['state_dict'], torch.load(b/'agent.pt', weights_only=True)['state_dict']
    assert sa.keys() == sb.keys()
    diff = [k for k in sa if not torch.equal(sa[k], sb[k])]
    assert not diff, f"weights differ after resume: {diff[:5]}"
    assert _metrics(a) == _metrics(b)
    fa, fb = json.loads((a/'final.json').read_text()), json.loads((b/'final.json').read_text())
    assert fa['returns'] == fb['returns'] and fa['env_steps'] == fb['env_steps']
    ea, eb = sorted((a/'dataset'/'episodes').iterdir()), sorted((b/'dataset'/'episodes').iterdir())
    assert [p.name for p in ea] == [p.name for p in eb]
    for x, y in zip(ea, eb):
        with np.load(x) as dx, np.load(y) as dy: assert all(np.array_equal(dx[k], dy[k]) for k in dx.files)

def test_resume_without_checkpoint_and_reuse_of_run_dir(tmp_path):
    r = _train(tmp_path/'none', '--resume')
    assert r.returncode == 2 and 'nothing to resume' in r.stderr
