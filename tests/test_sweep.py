"`diamond-sweep` with submitit's local executor and the real engine: preemption, resume, idempotence, bad input."
import csv, json, os, signal, subprocess, sys, time
from pathlib import Path
import pytest
import submitit
from diamond.sweep import TrainJob, make_executor, run_dir

BIN = Path(sys.executable).parent
GAMES, SEEDS = ('Breakout', 'Pong'), (0, 1)
TARGET = ('Pong', 1)                                   # the job that gets preempted

def _sweep(*args, env=None):
    return subprocess.run([str(BIN/'diamond-sweep'), *args], capture_output=True, text=True, env={**os.environ, **(env or {})})

def _metrics(d):
    return [{k: v for k, v in r.items() if k != 'seconds'} for r in csv.DictReader((d/'metrics.csv').open())]

def _task_pids(controller_pid: int) -> list:
    "The job's task processes: children of submitit's local controller."
    f = Path(f'/proc/{controller_pid}/task/{controller_pid}/children')
    return [int(p) for p in f.read_text().split()] if f.exists() else []

def _preempt_when_checkpointed(job, d: Path, timeout: float = 300.):
    "Once the run has a checkpoint and no final.json, send the task submitit's preemption signal (as Slurm does)."
    t0 = time.time()
    while time.time() - t0 < timeout:
        if (d/'final.json').exists(): pytest.fail("the run finished before it could be preempted")
        pids = _task_pids(job._process.pid)
        if (d/'checkpoints'/'state.pt').exists() and pids:
            for pid in pids: os.kill(pid, submitit.JobEnvironment._usr_sig())
            return
        time.sleep(0.05)
    pytest.fail("the run never reached a checkpoint")

def _scalar_steps(d: Path, tag: str) -> list:
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
    ea = EventAccumulator(str(d)); ea.Reload()
    return [e.step for e in ea.Scalars(tag)]

def test_sweep_preempted_job_resumes_and_rerun_starts_nothing(tmp_path):
    root, results = tmp_path/'R', tmp_path/'results'
    ref = subprocess.Popen([str(BIN/'diamond-train'), '--game', TARGET[0], '--seed', str(TARGET[1]), '--preset', 'smoke',
                            '--out', str(tmp_path/'ref'), '--quiet', '--threads', '1'], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ex = make_executor('local', root/'smoke'/'submitit', gpus_per_job=0, timeout_min=30)
    jobs = {(g, s): ex.submit(TrainJob(g, s, 'smoke', run_dir(root, 'smoke', g, s), threads=1)) for g in GAMES for s in SEEDS}
    target = run_dir(root, 'smoke', *TARGET)
    _preempt_when_checkpointed(jobs[TARGET], target)
    finals = {k: j.result() for k, j in jobs.items()}
    out, err = ref.communicate(timeout=600); assert ref.returncode == 0, err

    log = jobs[TARGET].stdout() + jobs[TARGET].stderr()
    assert 'this job is preempted' in log and 'Requeued job' in log, log[-3000:]
    assert 'resuming after epoch' in log, log[-3000:]                    # the requeued job resumed from the checkpoint
    fa, fb = json.loads((tmp_path/'ref'/'final.json').read_text()), json.loads((target/'final.json').read_text())
    assert (fa['returns'], fa['env_steps'], fa['random_returns']) == (fb['returns'], fb['env_steps'], fb['random_returns'])
    assert finals[TARGET] == fb
    assert _metrics(tmp_path/'ref') == _metrics(target)
    for (g, s) in jobs:                                                    # TensorBoard: one point per epoch, also after the resume
        d = run_dir(root, 'smoke', g, s)
        n = int(_metrics(d)[-1]['num_epochs'])
        assert _scalar_steps(d, 'loss_denoiser') == list(range(1, n + 1)), (g, s)

    args = ('--games', ','.join(GAMES), '--seeds', '0,1', '--preset', 'smoke', '--executor', 'local', '--out', str(root), '--results', str(results))
    logs_before = sorted((root/'smoke'/'submitit').iterdir())
    r = _sweep(*args); assert r.returncode == 0, r.stderr
    assert '4 finished, 0 to resume, 0 to start' in r.stdout, r.stdout
    assert sorted((root/'smoke'/'submitit').iterdir()) == logs_before        # no job was submitted
    assert [l.split()[4] for l in r.stdout.splitlines()[-4:]] == ['done'] * 4, r.stdout
    got = json.loads((results/'smoke.json').read_text())
    assert sorted(got) == sorted(GAMES) and got['Pong'][1] == fb['final_return_mean']
    assert json.loads((results/'smoke_random.json').read_text())['Pong'][1] == fb['random_return_mean']

    (target/'final.json').unlink()                                          # an unfinished run: the sweep resumes it only
    r = _sweep(*args); assert r.returncode == 0, r.stderr
    assert '3 finished, 1 to resume, 0 to start' in r.stdout, r.stdout
    assert json.loads((target/'final.json').read_text())['returns'] == fb['returns']

    r = _sweep('--status', str(root)); assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert lines[0].split()[:5] == ['preset', 'game', 'seed', 'epoch', 'state'] and len(lines) == 5, r.stdout
    for l in lines[1:]:
        preset, game, seed, epoch, state = l.split()[:5]
        n = _metrics(run_dir(root, preset, game, int(seed)))[-1]['num_epochs']
        assert (epoch, state) == (f'{n}/{n}', 'done'), l

@pytest.mark.parametrize('args,env,msg', [
    (('--games', 'Pong,Pongg'), None, "unknown game 'Pongg'"),
    (('--games', 'Pong', '--seeds', ','), None, 'empty seed list'),
    (('--games', 'Pong', '--executor', 'slurm'), {'PATH': str(BIN)}, 'needs Slurm'),
    (('--games', 'Pong', '--out', 'FILE'), None, 'is a file'),
    (('--status', '/nonexistent'), None, 'no sweep folder'),
    (('--games', 'Pong', '--override', 'weight_entropy=x'), None, 'preset field weight_entropy wants float'),
    (('--games', 'Pong', '--override', 'name=paper'), None, "the preset's name cannot be changed"),
    (('--games', 'Pong', '--override', 'weight_entropy=0.002', '--results', 'data/results'), None, 'give the sweep its own --results folder'),
])
def test_bad_input(tmp_path, args, env, msg):
    f = tmp_path/'file.txt'; f.write_text('x')
    args = tuple(str(f) if a == 'FILE' else a for a in args)
    r = _sweep(*args, '--preset', 'smoke', *(() if '--executor' in args else ('--executor', 'local')), env=env)
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert len(r.stderr.strip().splitlines()) == 1 and msg in r.stderr, r.stderr
    assert not any(tmp_path.glob('*/smoke'))

def test_sweep_override_reaches_every_run_and_a_resume_keeps_it(tmp_path):
    root, results = tmp_path/'R', tmp_path/'res'
    args = ('--games', 'Pong', '--seeds', '0', '--preset', 'smoke', '--executor', 'local', '--out', str(root), '--results', str(results))
    r = _sweep(*args, '--override', 'weight_entropy=0.002'); assert r.returncode == 0, r.stderr
    d = run_dir(root, 'smoke', 'Pong', 0)
    assert json.loads((d/'config.json').read_text())['preset']['weight_entropy'] == 0.002
    (d/'final.json').unlink()                                              # unfinished: a sweep with other values is refused, nothing changed
    before = sorted(p.relative_to(root) for p in root.rglob('*'))
    r = _sweep(*args, '--override', 'weight_entropy=0.01')
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and 'weight_entropy=0.002 of the run in' in r.stderr, r.stderr
    assert sorted(p.relative_to(root) for p in root.rglob('*')) == before
