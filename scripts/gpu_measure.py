"""Every GPU measurement of issue 13 in one process, for a lent GPU machine (run once, results committed).

    python3 scripts/gpu_measure.py --out DIR [--device cuda] [--preset paper] [--budget-s 420]

Sections, in order of priority; each appends its rows to DIR/gpu_measure.json as soon as it ends, so a run cut short
still reports what it measured:
  1. equal: the fast path equals the eager path on the `smoke` networks (CUDA graphs of next-frame generation; a
     compiled denoiser update), max abs differences; syncs: the host's reads of device memory per imagined step and
     per update (`count_host_syncs`), and the same under `torch.cuda.set_sync_debug_mode('warn')` (warnings counted);
  2. trainer: seconds per update of each network inside `Trainer` (real Breakout data, paper preset) for
     compile none/auto/default and precision fp32/bf16, peak memory, projected epoch (s) and full run (days);
     the actor-critic updates with the reward/termination logit shift fitted to the data's reward and end rates
     (`rew_end_calibrate`, fitted untimed before the timed updates), so that imagined episodes end about as often as
     in the data (the reward/termination model has trained only n updates here: uncalibrated, it ended 37% of imagined
     steps in the first H200 measurement, and each end costs a reset); with compile none and fp32 also without that
     shift (`actor_critic_uncalibrated_ms`, `_imagined_end`: the learner built untimed, unlike the first measurement);
     the `none` rows first: on a CPU (`--device cpu`), `auto` and `default` tune the host allocator for the rest of the
     process (08a_fast; on a GPU nothing does);
     With compile auto and fp32, also a torch.profiler table of two actor-critic updates (top operations by device and
     by host time, and the host-side CUDA calls that wait: synchronisations and copies), in DIR/profile_ac.txt;
  3. bench: `diamond.bench.benchmark` rows (eager and fast, fp32 and bf16) at the preset's size.
On a CPU (`--device cpu --preset smoke`) the same script is a quick check of itself.
"""
import argparse, json, os, sys, time, traceback
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import torch
from diamond.core import get_preset, seed_everything
from diamond.trainer import Trainer, COMPONENTS
from diamond.updates import train_steps, mean_logs

ap = argparse.ArgumentParser()
ap.add_argument('--out', required=True); ap.add_argument('--device', default='cuda'); ap.add_argument('--preset', default='paper')
ap.add_argument('--budget-s', type=float, default=420.); ap.add_argument('--runs', default='/tmp/gpu_measure_runs'); ap.add_argument('--updates', type=int, default=20)
args = ap.parse_args()
out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
T0, dev, results = time.time(), torch.device(args.device), dict(sections={})
cuda = dev.type == 'cuda'
def left(): return args.budget_s - (time.time() - T0)
def sync():
    if cuda: torch.cuda.synchronize()
def save(name, value):
    results['sections'][name] = value; results['elapsed_s'] = round(time.time() - T0, 1)
    (out/'gpu_measure.json').write_text(json.dumps(results, indent=1, default=str))
    shown = value[-1] if isinstance(value, list) and name == 'trainer' else value
    print(f"[{time.time() - T0:6.1f}s] {name}: {json.dumps(shown, default=str)[:3000]}", flush=True)

results['env'] = dict(torch=torch.__version__, device=str(dev), gpu=torch.cuda.get_device_name(0) if cuda else None,
                      python=sys.version.split()[0])
print(results['env'], flush=True)
if cuda: torch.backends.cuda.matmul.allow_tf32 = True; torch.backends.cudnn.allow_tf32 = True   # as the official trainer

# 1. fast == eager -----------------------------------------------------------------------------------------------------
try:
    from diamond.agent import Agent, AgentConfig
    from diamond.fast import compile_agent, uncompile_agent, denoiser_update
    seed_everything(0)
    ag = Agent(AgentConfig.from_preset(4, 'smoke')).to(dev)
    for p_ in ag.parameters(): p_.data.normal_(0, 0.05)              # non-trivial outputs (zero-initialised layers otherwise)
    obs, act = torch.rand(8, 6, 3, 64, 64, device=dev) * 2 - 1, torch.randint(0, 4, (8, 6), device=dev)
    def gen():
        g = torch.Generator(device=dev).manual_seed(1)
        return ag.denoiser.predict_next_obs(obs[:, :4], act[:, :4], generator=g)
    def grads():
        torch.manual_seed(2); ag.denoiser.zero_grad(); denoiser_update(ag.denoiser, obs, act)
        return torch.cat([q.grad.flatten() for q in ag.denoiser.parameters() if q.grad is not None])
    ref_x, ref_g = gen(), grads()
    mode = compile_agent(ag, 'cudagraphs' if cuda else 'default', dev)
    fx = [gen() for _ in range(3)][-1]; fg = grads()
    uncompile_agent(ag)
    save('equal', dict(mode=mode, next_frame_max_abs_diff=(fx - ref_x).abs().max().item(),
                       next_frame_levels_differing=int(((fx - ref_x).abs() > 1e-3).sum().item()),
                       grad_max_abs_diff=(fg - ref_g).abs().max().item(), grad_max_abs=ref_g.abs().max().item()))
except Exception as e: save('equal', dict(error=traceback.format_exc(limit=3)))

# 1b. waits on the device ---------------------------------------------------------------------------------------------
try:
    import warnings
    from diamond.fast import count_host_syncs, rew_end_update
    from diamond.world_model_env import WorldModelEnv
    from diamond.rl import ImaginationRollout
    ctxs = lambda k, g: (obs[:k, :4], act[:k, :4])
    wm = WorldModelEnv(ag.denoiser, ag.rew_end_model, ctxs, 8, horizon=3, seed=0, device=dev)
    ro = ImaginationRollout(wm, ag.actor_critic); ro.rollout(5)
    row = dict(rollout_5_steps=count_host_syncs(ro.rollout, 5)[1],
               denoiser_update=count_host_syncs(lambda: denoiser_update(ag.denoiser, obs, act))[1],
               rew_end_update=count_host_syncs(lambda: rew_end_update(ag.rew_end_model, obs, act[:, :5], torch.zeros(8, 5, device=dev),
                                                                     torch.zeros(8, 5, dtype=torch.bool, device=dev)))[1])
    if cuda:
        torch.cuda.set_sync_debug_mode('warn')
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter('always'); ro.rollout(5); sync()
        torch.cuda.set_sync_debug_mode('default')
        row['rollout_5_steps_cuda_sync_warnings'] = len(w); row['first_warnings'] = sorted({str(x.message)[:150] for x in w})[:5]
    save('syncs', row)
except Exception as e: save('syncs', dict(error=traceback.format_exc(limit=3)))

# 2. inside the trainer ------------------------------------------------------------------------------------------------
def ac_updates(tr, k, calibrate=True):
    "(seconds, mean logs) of k actor-critic updates as the trainer makes them, the learner's calibration untimed."
    opt, sched = tr.opts['actor_critic']
    tr.p = replace(tr.p, rew_end_calibrate=calibrate)
    learn = tr.actor_critic_learner(); sync()                     # fits the shift on 4 imagined rollouts (calibrate=True)
    t = time.time(); logs = train_steps(tr.agent.actor_critic, opt, sched, learn, k, tr.p.grad_clip[COMPONENTS.index('actor_critic')],
                                        desc='actor_critic', progress=False); sync()
    return time.time() - t, mean_logs(logs)

def trainer_timing(compile, precision, n):
    p = get_preset(args.preset)
    p = replace(p, initial_collect_min=1000, initial_collect_max=1000)
    d = Path(args.runs)/f'run_{compile}_{precision}'
    if cuda: torch.cuda.reset_peak_memory_stats()
    tr = Trainer('Breakout', p, seed=0, out=d, progress=False, device=dev, compile=compile, precision=precision)
    t = time.time(); tr.initial_collection(); collect_s = time.time() - t
    row = dict(compile=compile, precision=precision, fast=tr.fast, collect_1000_steps_s=round(collect_s, 2))
    for name, k in zip(COMPONENTS, (n, n, max(3, n // 4))):
        ac = name == 'actor_critic'
        t = time.time(); ac_updates(tr, 2) if ac else tr.train_component(name, 2); sync(); row[f'{name}_warmup_s'] = round(time.time() - t, 2)
        if ac: secs, logs = ac_updates(tr, k)
        else: t = time.time(); logs = tr.train_component(name, k); sync(); secs = time.time() - t
        row[f'{name}_ms'] = round(1000 * secs / k, 2); row[f'{name}_updates'] = k
        row[f'{name}_logs'] = {a: round(b, 5) for a, b in logs.items()}
    if compile == 'none' and precision == 'fp32':
        secs, logs = ac_updates(tr, max(3, n // 4), calibrate=False)
        row['actor_critic_uncalibrated_ms'] = round(1000 * secs / max(3, n // 4), 2)
        row['actor_critic_uncalibrated_imagined_end'] = round(logs['imagined_end'], 5)
    if compile == 'auto' and precision == 'fp32' and left() > 120:
        try:
            from torch.profiler import profile, ProfilerActivity
            acts = [ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if cuda else [])
            tr.p = replace(tr.p, rew_end_calibrate=True); opt, sched = tr.opts['actor_critic']; learn = tr.actor_critic_learner(); sync()
            with profile(activities=acts) as prof: train_steps(tr.agent.actor_critic, opt, sched, learn, 2, tr.p.grad_clip[COMPONENTS.index('actor_critic')], progress=False); sync()
            ka = prof.key_averages()
            waits = {e.key: e.count for e in ka if any(w in e.key for w in ('Synchronize', 'Memcpy', 'local_scalar_dense', 'nonzero', 'item'))}
            tables = [ka.table(sort_by=k, row_limit=25) for k in (('cuda_time_total', 'cpu_time_total') if cuda else ('cpu_time_total',))]
            (out/'profile_ac.txt').write_text('\n\n'.join(tables) + '\n\nwaits: ' + json.dumps(waits) + '\n')
            row['profile_ac_waits'] = waits
        except Exception: row['profile_ac_error'] = traceback.format_exc(limit=3)
    t = time.time(); tr.collector.collect(tr.agent.actor_critic, num_steps=100, progress=False); sync()
    row['collect_100_policy_steps_s'] = round(time.time() - t, 2)
    epoch = sum(row[f'{c}_ms'] / 1000 * s for c, s in zip(COMPONENTS, p.train_steps_per_epoch)) + row['collect_100_policy_steps_s']
    first = sum(row[f'{c}_ms'] / 1000 * s for c, s in zip(COMPONENTS, p.train_steps_first_epoch))
    num_epochs = (p.num_steps_total - p.initial_collect_min) // p.collect_per_epoch + p.num_final_epochs
    row.update(projected_epoch_s=round(epoch, 1), projected_run_days=round((first + num_epochs * epoch) / 86400, 2),
               peak_memory_gib=round(torch.cuda.max_memory_allocated() / 2**30, 2) if cuda else None)
    tr.close()
    return row

rows = []
for compile, precision in (('none', 'fp32'), ('none', 'bf16'), ('auto', 'fp32'), ('default', 'fp32'), ('auto', 'bf16')):
    if left() < 60: rows.append(dict(compile=compile, precision=precision, skipped='time budget')); continue
    try: rows.append(trainer_timing(compile, precision, args.updates))
    except Exception: rows.append(dict(compile=compile, precision=precision, error=traceback.format_exc(limit=4)))
    save('trainer', rows)

# 3. bench rows ----------------------------------------------------------------------------------------------------------
if left() > 90:
    try:
        from diamond.bench import benchmark
        df = benchmark(args.preset, repeats=10 if cuda else 1, device=dev.type, precisions=('fp32', 'bf16'), paths=('eager', 'fast'))
        save('bench', df.reset_index().to_dict(orient='records'))
    except Exception: save('bench', dict(error=traceback.format_exc(limit=4)))
else: save('bench', dict(skipped='time budget'))
print(f"done in {time.time() - T0:.0f} s", flush=True)
