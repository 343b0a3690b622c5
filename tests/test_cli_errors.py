"""User errors of diamond-sweep, diamond-diagnose, diamond-bench, diamond-ablation and diamond-references: one line on stderr, exit 2, before any long work,
nothing changed on disk; and what a sweep reports when a job fails, what `--status` shows of a damaged run."""
import hashlib, json, os, subprocess, sys
from pathlib import Path
import pytest
from diamond.run_dir import lock_run_dir

BIN = Path(sys.executable).parent
ENV = {**os.environ, 'OMP_NUM_THREADS': '1', 'DIAMOND_PRESET': 'smoke'}
SWEEP = ('--preset', 'smoke', '--executor', 'local', '--threads', '1')

def _run(cmd, *args):
    return subprocess.run([str(BIN/cmd), *map(str, args)], capture_output=True, text=True, env=ENV, timeout=600)

def _snapshot(d: Path) -> dict:
    "Every path under `d` -> sha1 of a file's bytes (None for a folder)."
    return {str(p.relative_to(d)): hashlib.sha1(p.read_bytes()).hexdigest() if p.is_file() else None for p in sorted(Path(d).rglob('*'))}

def _one_line_error(r, cmd: str) -> str:
    assert r.returncode == 2, (r.returncode, r.stdout[-1000:], r.stderr[-2000:])
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f'{cmd}: error: '), r.stderr
    return lines[0]

FINAL = dict(game='Pong', seed=1, preset='smoke', returns=[-20.0], final_return_mean=-20.0, random_return_mean=-21.0)

# diamond-sweep ------------------------------------------------------------------------------------------------------
def test_sweep_refuses_a_run_held_by_a_trainer(tmp_path):
    d = tmp_path/'R'/'smoke'/'Pong'/'seed1'
    lock = lock_run_dir(d)                                       # as a running diamond-train (or another sweep's job) holds it
    try:
        before = _snapshot(tmp_path)
        msg = _one_line_error(_run('diamond-sweep', '--games', 'Pong', '--seeds', '0-1', '--out', tmp_path/'R',
                                   '--results', tmp_path/'res', *SWEEP), 'diamond-sweep')
        assert str(d) in msg and f'pid {os.getpid()}' in msg, msg
        assert _snapshot(tmp_path) == before                    # no submitit folder, no other run, no results
    finally: lock.close()

def test_sweep_local_no_wait_writes_nothing(tmp_path):
    msg = _one_line_error(_run('diamond-sweep', '--games', 'Pong', '--seeds', '0', '--out', tmp_path/'R', '--no-wait', *SWEEP), 'diamond-sweep')
    assert '--no-wait is for --executor slurm' in msg
    assert list(tmp_path.iterdir()) == []

@pytest.mark.parametrize('game', ['Pong', 'Breakout'])             # a run of the sweep, and one the gather would read
def test_sweep_refuses_a_damaged_final_json(tmp_path, game):
    f = tmp_path/'R'/'smoke'/game/'seed1'/'final.json'
    f.parent.mkdir(parents=True); f.write_text('{"game": "Pong", "seed"')
    before = _snapshot(tmp_path)
    msg = _one_line_error(_run('diamond-sweep', '--games', 'Pong', '--seeds', '0-1', '--out', tmp_path/'R', '--results', tmp_path/'res', *SWEEP),
                          'diamond-sweep')
    assert str(f) in msg, msg
    assert _snapshot(tmp_path) == before

def test_status_shows_a_damaged_run_and_the_others(tmp_path):
    root = tmp_path/'R'/'smoke'
    (root/'Pong'/'seed0').mkdir(parents=True); (root/'Pong'/'seed0'/'metrics.csv').write_text('epoch,num_epochs\nnot a number,4\n')
    (root/'Pong'/'seed1').mkdir(parents=True); (root/'Pong'/'seed1'/'final.json').write_text(json.dumps(FINAL))
    (root/'Pong'/'seed2').mkdir(parents=True); (root/'Pong'/'seed2'/'final.json').write_text('[1, 2]')
    r = _run('diamond-sweep', '--status', tmp_path/'R')
    assert r.returncode == 0 and not r.stderr.strip(), r.stderr
    lines = r.stdout.strip().splitlines()
    assert [l.split()[4] for l in lines[1:4]] == ['damaged', 'done', 'damaged'], r.stdout
    assert lines[2].split()[-1] == '-20.0', r.stdout
    notes = lines[4:]
    assert len(notes) == 2 and str(root/'Pong'/'seed0'/'metrics.csv') in notes[0] and str(root/'Pong'/'seed2'/'final.json') in notes[1], r.stdout

def test_sweep_names_why_a_job_failed(tmp_path):
    "A run whose checkpoints are both damaged fails in its job: the sweep reports the job's exception, not a log path."
    d = tmp_path/'R'/'smoke'/'Pong'/'seed0'
    (d/'checkpoints').mkdir(parents=True); (d/'checkpoints'/'state.pt').write_bytes(b'not a checkpoint')
    (d/'config.json').write_text(json.dumps(dict(game='Pong', seed=0, preset=dict(name='smoke'), denoiser_kind='edm', num_actions=6, dataset=None)))
    r = _run('diamond-sweep', '--games', 'Pong', '--seeds', '0', '--out', tmp_path/'R', '--results', tmp_path/'res', *SWEEP)
    assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
    line = next(l for l in r.stdout.splitlines() if 'failed:' in l)
    assert line.startswith('Pong seed 0 failed: ') and 'no usable checkpoint' in line and 'state.pt damaged' in line, line
    assert not (tmp_path/'R'/'smoke'/'submitit'/'%j').exists()

# diamond-diagnose ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize('case', ['out is a folder', 'out under a file', 'negative threads', 'damaged config.json'])
def test_diagnose_refuses_before_any_work(tmp_path, case):
    run = tmp_path/'run'; run.mkdir(); (tmp_path/'afile').write_text('x')
    (run/'config.json').write_text('{"game": "Breakout"' if case == 'damaged config.json' else '{}')
    out = {'out is a folder': tmp_path, 'out under a file': tmp_path/'afile'/'d.json'}.get(case, tmp_path/'new'/'d.json')
    before = _snapshot(tmp_path)
    msg = _one_line_error(_run('diamond-diagnose', '--run', run, '--out', out, '--episodes', 1,
                               '--threads', -2 if case == 'negative threads' else 1), 'diamond-diagnose')
    want = {'out is a folder': f'--out {tmp_path} is a folder', 'out under a file': f"{tmp_path/'afile'} is a file",
            'negative threads': '--threads must be >= 0', 'damaged config.json': str(run/'config.json')}[case]
    assert want in msg, msg
    assert _snapshot(tmp_path) == before

# diamond-bench ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize('case', ['folder', 'under a file'])
def test_bench_refuses_a_bad_json_path_before_timing(tmp_path, case):
    (tmp_path/'afile').write_text('x')
    path = tmp_path if case == 'folder' else tmp_path/'afile'/'x.json'
    before = _snapshot(tmp_path)
    msg = _one_line_error(_run('diamond-bench', '--preset', 'smoke', '--threads', 1, '--json', path), 'diamond-bench')
    assert ('is a folder' if case == 'folder' else f"{tmp_path/'afile'} is a file") in msg, msg
    assert _snapshot(tmp_path) == before

def test_bench_errors_have_the_command_prefix():
    _one_line_error(_run('diamond-bench', '--preset', 'smoke', '--repeats', 0), 'diamond-bench')

# diamond-ablation and diamond-references ---------------------------------------------------------------------------
@pytest.mark.parametrize('args,expect', [(('--name', 'nope'), 'unknown ablation'), (('--name', 'edm', '--out', 'afile'), 'is a file'),
                                         (('--name', 'edm', '--preset', 'huge'), 'unknown preset'), (('--name', 'edm', '--seed', -1), '>= 0')])
def test_ablation_refuses_before_any_work(tmp_path, args, expect):
    (tmp_path/'afile').write_text('x')
    args = [str(tmp_path/'afile') if a == 'afile' else a for a in args]
    before = _snapshot(tmp_path)
    msg = _one_line_error(_run('diamond-ablation', '--preset', 'smoke', '--runs', tmp_path/'w', '--out', tmp_path/'r', *args), 'diamond-ablation')  # a later --out wins
    assert expect in msg, msg
    assert _snapshot(tmp_path) == before

@pytest.mark.parametrize('args,expect', [((), '--game is required'), (('--game', 'Nope'), 'unknown game'), (('--game', 'Pong', '--p', 2), '--p must be'),
                                         (('--game', 'Pong', '--out', 'afile'), 'is a file'), (('--game', 'Pong', '--episodes', 1), '--episodes >= 2')])
def test_references_refuse_before_any_work(tmp_path, args, expect):
    (tmp_path/'afile').write_text('x')
    args = [str(tmp_path/'afile') if a == 'afile' else a for a in args]
    before = _snapshot(tmp_path)
    msg = _one_line_error(_run('diamond-references', '--out', tmp_path/'refs', *args), 'diamond-references')      # a later --out wins
    assert expect in msg, msg
    assert _snapshot(tmp_path) == before
