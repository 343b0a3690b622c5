"""Run directories survive every fault (issue 12): failed starts, damaged files, mismatched resumes, bad paths.

Every case goes through the real commands with the `smoke` preset. A failed command prints one line on stderr, exits
with status 2 and changes nothing on disk.
"""
import hashlib, json, os, shutil, stat, subprocess, sys
from pathlib import Path
import numpy as np
import pytest

BIN = Path(sys.executable).parent
ENV = {**os.environ, 'OMP_NUM_THREADS': '1', 'DIAMOND_PRESET': 'smoke'}

def _run(cmd, *args, env=None):
    return subprocess.run([str(BIN/cmd), *map(str, args)], capture_output=True, text=True, env={**ENV, **(env or {})},
                          preexec_fn=lambda: os.umask(0o022))

def _train(out, *extra, env=None):
    return _run('diamond-train', '--game', 'Breakout', '--preset', 'smoke', '--seed', 3, '--out', out, '--quiet',
                '--threads', 1, *extra, env=env)

def _snapshot(d: Path) -> dict:
    "Every file under `d` -> (sha1 of its bytes, mode): what a failed command must leave as it was."
    return {str(p.relative_to(d)): (hashlib.sha1(p.read_bytes()).hexdigest(), p.stat().st_mode)
            for p in sorted(Path(d).rglob('*')) if p.is_file()} if Path(d).exists() else None

def _one_line_error(r):
    assert r.returncode == 2, (r.returncode, r.stdout[-500:], r.stderr[-2000:])
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected a one-line error, got:\n{r.stderr}"
    return lines[0]

def _final(d): return json.loads((Path(d)/'final.json').read_text())

@pytest.fixture(scope='module')
def reference(tmp_path_factory):
    "An uninterrupted smoke run, seed 3."
    d = tmp_path_factory.mktemp('ref')/'run'
    r = _train(d); assert r.returncode == 0, r.stderr
    return d

@pytest.fixture(scope='module')
def crashed(tmp_path_factory):
    "The same run killed during epoch 3 (after its world-model updates): checkpoints of epochs 1 and 2 exist."
    d = tmp_path_factory.mktemp('crashed')/'run'
    r = _train(d, env={'DIAMOND_CRASH_AT': '3:world_model'}); assert r.returncode == 3, r.stderr
    return d

@pytest.fixture
def crashed_copy(crashed, tmp_path):
    d = tmp_path/'run'; shutil.copytree(crashed, d); return d

# 1. A start that fails before the first checkpoint ------------------------------------------------------------------
def test_bad_device_is_refused_before_anything_is_created(tmp_path):
    for dev in ('cuda', 'tpu'):
        out = tmp_path/f'r_{dev}'
        msg = _one_line_error(_train(out, '--device', dev))
        assert dev in msg, msg
        assert not out.exists(), f"--device {dev} left {sorted(p.name for p in out.rglob('*'))}"

def test_kill_in_first_epoch_can_be_resumed(tmp_path, reference):
    d = tmp_path/'run'
    r = _train(d, env={'DIAMOND_CRASH_AT': '1:collected'}); assert r.returncode == 3, r.stderr
    r = _train(d, '--resume'); assert r.returncode == 0, r.stderr
    assert _final(d)['returns'] == _final(reference)['returns']
    assert _final(d)['env_steps'] == _final(reference)['env_steps']

# 2. A damaged episode file ----------------------------------------------------------------------------------------
def test_damaged_episode_stops_resume_and_changes_nothing(crashed_copy):
    ep = crashed_copy/'dataset'/'episodes'/'000002.npz'
    ep.write_bytes(ep.read_bytes()[:2600])
    before = _snapshot(crashed_copy)
    msg = _one_line_error(_train(crashed_copy, '--resume'))
    assert '000002.npz' in msg, msg
    assert _snapshot(crashed_copy) == before, "a failed --resume changed the run directory"
    msg = _one_line_error(_train(crashed_copy, '--resume'))            # and again: still refused, still unchanged
    assert _snapshot(crashed_copy) == before

def test_dataset_with_damaged_episode_never_shifts_ids(tmp_path):
    from diamond.dataset import Dataset, Episode
    rng = np.random.default_rng(0)
    ds = Dataset(tmp_path/'ds')
    for n in range(7):
        T = 5 + n
        ds.add(Episode(rng.integers(0, 256, (T, 8, 8, 3), dtype=np.uint8), np.zeros(T), np.zeros(T), np.zeros(T), np.zeros(T)))
    f2, f6 = tmp_path/'ds'/'episodes'/'000002.npz', tmp_path/'ds'/'episodes'/'000006.npz'
    f2.write_bytes(f2.read_bytes()[:100]); last = f6.read_bytes()
    with pytest.raises(ValueError, match='000002.npz'): Dataset(tmp_path/'ds')
    assert f6.read_bytes() == last

# 3. --resume follows the run's own config --------------------------------------------------------------------------
@pytest.mark.parametrize('arg,value,own', [('--seed', 5, '3'), ('--game', 'Boxing', 'Breakout'), ('--preset', 'cpu', 'smoke')])
def test_resume_refuses_conflicting_arguments(crashed_copy, arg, value, own):
    before = _snapshot(crashed_copy)
    args = ['--out', crashed_copy, '--resume', '--quiet', '--threads', 1, arg, value]
    msg = _one_line_error(_run('diamond-train', *args))
    assert str(value) in msg and own in msg, msg
    assert _snapshot(crashed_copy) == before

def test_resume_takes_game_seed_preset_and_denoiser_from_config(tmp_path):
    from diamond.trainer import Trainer
    d = tmp_path/'ddpm'
    tr = Trainer('Breakout', 'smoke', seed=4, out=d, progress=False, denoiser_kind='ddpm')
    tr.run_epoch()                                                          # one epoch and its checkpoint
    tr.close()                                                              # as its process would at exit
    r = _run('diamond-train', '--out', d, '--resume', '--quiet', '--threads', 1); assert r.returncode == 0, r.stderr
    import torch
    assert torch.load(d/'agent.pt', weights_only=True)['config']['denoiser_kind'] == 'ddpm'
    f = _final(d); assert (f['seed'], f['game'], f['preset']) == (4, 'Breakout', 'smoke'), f

# 4. A damaged checkpoint ---------------------------------------------------------------------------------------------
def test_truncated_checkpoint_falls_back_to_the_previous_one(crashed_copy, reference):
    ck = crashed_copy/'checkpoints'/'state.pt'
    assert (crashed_copy/'checkpoints'/'state.prev.pt').exists(), "the previous checkpoint is not kept"
    ck.write_bytes(ck.read_bytes()[:1000])
    r = _train(crashed_copy, '--resume'); assert r.returncode == 0, r.stderr
    assert 'state.prev.pt' in r.stderr, r.stderr                           # a warning says which checkpoint was used
    assert _final(crashed_copy)['returns'] == _final(reference)['returns']

def test_no_usable_checkpoint_is_one_line_error(crashed_copy):
    for name in ('state.pt', 'state.prev.pt'):
        f = crashed_copy/'checkpoints'/name; f.write_bytes(f.read_bytes()[:1000])
    before = _snapshot(crashed_copy)
    msg = _one_line_error(_train(crashed_copy, '--resume'))
    assert 'checkpoint' in msg, msg
    assert _snapshot(crashed_copy) == before

# 5. Paths ------------------------------------------------------------------------------------------------------------
def test_every_path_argument_is_checked(tmp_path, reference):
    f = tmp_path/'a_file'; f.write_text('not a folder')
    cases = [('diamond-train', '--game', 'Breakout', '--preset', 'smoke', '--out', f),
             ('diamond-train', '--game', 'Breakout', '--preset', 'smoke', '--out', tmp_path/'x', '--dataset', f),
             ('diamond-train', '--game', 'Breakout', '--preset', 'smoke', '--out', tmp_path/'y', '--dataset', tmp_path/'missing'),
             ('diamond-eval', '--run', f),
             ('diamond-eval', '--run', reference, '--episodes', 1, '--video', tmp_path/'no'/'such'/'dir'/'v.gif'),
             ('diamond-results', '--runs', f),
             ('diamond-results', '--runs', reference.parent, '--out', f)]
    before = _snapshot(tmp_path), _snapshot(reference)
    for cmd, *args in cases:
        msg = _one_line_error(_run(cmd, *args))
        assert 'Traceback' not in msg, msg
    assert (_snapshot(tmp_path), _snapshot(reference)) == before

# 6. final.json -------------------------------------------------------------------------------------------------------
def test_damaged_final_json_is_named(tmp_path, reference):
    d = tmp_path/'runs'/'run'; shutil.copytree(reference, d)
    (d/'final.json').write_text((d/'final.json').read_text()[:50])
    before = _snapshot(tmp_path)
    for r in (_run('diamond-results', '--runs', tmp_path/'runs', '--out', tmp_path/'res'), _train(d, '--resume')):
        msg = _one_line_error(r)
        assert 'final.json' in msg, msg
    assert _snapshot(tmp_path) == before

# 7. Permissions ----------------------------------------------------------------------------------------------------
def test_run_files_follow_the_umask(reference):
    modes = {str(p.relative_to(reference)): stat.S_IMODE(p.stat().st_mode) for p in reference.rglob('*') if p.is_file()}
    bad = {k: oct(m) for k, m in modes.items() if m != 0o644}
    assert not bad, f"files not readable as a plain open() would make them under umask 022: {bad}"

# 8. Copies of a run ----------------------------------------------------------------------------------------------------
def test_results_refuse_copies_of_a_run(tmp_path, reference):
    for name in ('a', 'b'): shutil.copytree(reference, tmp_path/'runs'/name)
    msg = _one_line_error(_run('diamond-results', '--runs', tmp_path/'runs', '--out', tmp_path/'res'))
    assert 'Breakout' in msg and '3' in msg, msg
    assert not (tmp_path/'res').exists()

# 9. Importing episodes ---------------------------------------------------------------------------------------------
def _episode(size, T=6, seed=0):
    from diamond.dataset import Episode
    rng = np.random.default_rng(seed)
    return Episode(rng.integers(0, 256, (T, size, size, 3), dtype=np.uint8), np.zeros(T), np.zeros(T), np.zeros(T), np.zeros(T))

def test_import_refuses_mixed_frame_sizes_and_non_npz(tmp_path):
    from diamond.dataset import Dataset
    src = tmp_path/'src'
    _episode(64).save(src/'a.npz'); _episode(96).save(src/'b.npz')
    with pytest.raises(ValueError, match='b.npz'): Dataset.import_folder(src)
    bad = tmp_path/'bad'; bad.mkdir(); _episode(64).save(bad/'a.npz'); (bad/'c.npz').write_bytes(b'\x80\x04hello pickle')
    with pytest.raises(ValueError) as e: Dataset.import_folder(bad)
    assert 'c.npz' in str(e.value) and 'pickled' not in str(e.value) and 'npz' in str(e.value), e.value

def test_train_on_imported_episodes(tmp_path, reference):
    from diamond.dataset import Dataset
    src = tmp_path/'episodes'
    Dataset(reference/'dataset').export_folder(src)
    n_src = len(list(src.glob('*.npz')))
    d = tmp_path/'run'
    r = _train(d, '--dataset', src); assert r.returncode == 0, r.stderr
    got = sorted((d/'dataset'/'episodes').glob('*.npz'))
    assert len(got) >= n_src
    for a, b in zip(sorted(src.glob('*.npz')), got[:n_src]):                # the imported episodes come first, unchanged
        with np.load(a) as x, np.load(b) as y: assert np.array_equal(x['obs'], y['obs'])
    assert json.loads((d/'config.json').read_text()).get('dataset'), "config.json does not record the imported dataset"

# One process per run directory ---------------------------------------------------------------------------------------
def test_second_process_on_a_running_run_is_refused(crashed_copy):
    "While a trainer holds the run's lock, another command on it (resume, restart, a sweep) changes nothing."
    code = f"import time; from diamond.run_dir import lock_run_dir; f = lock_run_dir({str(crashed_copy)!r}); print('locked', flush=True); time.sleep(60)"
    holder = subprocess.Popen([sys.executable, '-c', code], stdout=subprocess.PIPE, text=True, env=ENV)
    try:
        assert holder.stdout.readline().strip() == 'locked'
        before = _snapshot(crashed_copy)
        msg = _one_line_error(_train(crashed_copy, '--resume'))
        assert 'another process' in msg and str(holder.pid) in msg, msg
        assert _snapshot(crashed_copy) == before
    finally: holder.kill(); holder.wait()
    r = _train(crashed_copy, '--resume'); assert r.returncode == 0, r.stderr          # the lock died with its process

# Faults found by trying the commands as a new user (a fresh clone) ----------------------------------------------------
def _save_episode(path, act, rew=None, T=6):
    from diamond.dataset import Episode
    rng = np.random.default_rng(0)
    rew = np.zeros(T) if rew is None else rew
    np.savez_compressed(path, obs=rng.integers(0, 256, (T, 64, 64, 3), dtype=np.uint8), act=np.full(T, act), rew=rew,
                        end=np.zeros(T, bool), trunc=np.zeros(T, bool))

@pytest.mark.parametrize('case', ['negative action', 'action too large', 'no steps', 'NaN reward'])
def test_bad_imported_episodes_are_refused_before_anything_is_created(tmp_path, case):
    src = tmp_path/'eps'; src.mkdir()
    if case == 'negative action': _save_episode(src/'a.npz', -1)
    if case == 'action too large': _save_episode(src/'a.npz', 4)                      # Breakout has 4 actions: 0..3
    if case == 'no steps': _save_episode(src/'a.npz', 0, T=0)
    if case == 'NaN reward': _save_episode(src/'a.npz', 0, rew=np.array([0, np.nan, 0, 0, 0, 0]))
    msg = _one_line_error(_train(tmp_path/'run', '--dataset', src))
    assert 'a.npz' in msg, msg
    assert not (tmp_path/'run').exists()

@pytest.mark.parametrize('damage', ['cut mid-row', 'deleted', 'rows lost'])
def test_damaged_metrics_stop_resume(crashed_copy, damage):
    f = crashed_copy/'metrics.csv'
    if damage == 'cut mid-row': f.write_bytes(f.read_bytes()[:-20])
    if damage == 'deleted': f.unlink()
    if damage == 'rows lost': f.write_text(''.join(f.read_text().splitlines(keepends=True)[:2]))   # header and epoch 1 only
    before = _snapshot(crashed_copy)
    msg = _one_line_error(_train(crashed_copy, '--resume'))
    assert 'metrics.csv' in msg, msg
    assert _snapshot(crashed_copy) == before

@pytest.mark.parametrize('field,value', [('preset', '../../evil'), ('final_return_mean', 'abc')])
def test_results_refuse_malformed_final_json(tmp_path, reference, field, value):
    d = tmp_path/'runs'/'run'; shutil.copytree(reference, d)
    f = json.loads((d/'final.json').read_text()); f[field] = value; (d/'final.json').write_text(json.dumps(f))
    msg = _one_line_error(_run('diamond-results', '--runs', tmp_path/'runs', '--out', tmp_path/'res'))
    assert 'final.json' in msg and field in msg, msg
    assert not (tmp_path/'res').exists() and not list(tmp_path.rglob('evil*'))

def test_resume_after_a_kill_at_startup(tmp_path, reference):
    "Killed before config.json was written (only the lock file is there): --resume starts the run."
    d = tmp_path/'run'; d.mkdir(); (d/'.lock').write_text('12345')
    r = _train(d, '--resume'); assert r.returncode == 0, r.stderr
    assert _final(d)['returns'] == _final(reference)['returns']

def test_seed_out_of_range_is_one_line(tmp_path):
    msg = _one_line_error(_run('diamond-train', '--game', 'Breakout', '--preset', 'smoke', '--seed', 99999999999999999999, '--out', tmp_path/'run'))
    assert 'seed' in msg; assert not (tmp_path/'run').exists()
