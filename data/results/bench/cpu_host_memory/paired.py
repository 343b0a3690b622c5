"""One speed mode of the `cpu`-size agent (6 actions) per process, one thread; run two modes at once, one per core,
so that both share the machine alike.    python paired.py MODE REPS RATE
MODE: none (contiguous weights, glibc's default allocator: `--compile none`), cl (channels-last weights only),
auto (channels-last weights and `tune_host_allocator`: `--compile auto` on a CPU). The actor-critic update is timed
with imagined episodes ending at RATE per step (the end logit fitted, untimed, by `calibrated_prior_shift`).
Prints medians of REPS after 3 warm-ups, minor page faults per call, and the projected `cpu` epoch (10 + 5 + 15)."""
import json, resource, statistics, sys, time
import torch
from diamond.bench import _setup, _update
from diamond.fast import denoiser_update, rew_end_update, set_channels_last, tune_host_allocator
from diamond.world_model_env import WorldModelEnv
from diamond.rl import ImaginationRollout, actor_critic_loss, calibrated_prior_shift
mode, reps, rate = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
torch.set_num_threads(1)
if mode == 'auto': assert tune_host_allocator()
p, a, data, opts = _setup('cpu', 6, 'cpu', 0)
set_channels_last(a, mode in ('cl', 'auto'))
d8, rb, (ctx, cact) = data['den'](p.batch_size), data['rem'], data['ctx']
wm = WorldModelEnv(a.denoiser, a.rew_end_model, lambda k, g: (ctx[:k], cact[:k]), p.batch_size, p.imagination_horizon, seed=0, expected_reward=True)
ro = ImaginationRollout(wm, a.actor_critic)
calibrated_prior_shift(ro, dict(p_neg=0., p_pos=0., p_end=rate), torch.zeros(5))
ends = []
def ac_update():
    r = ro.rollout(p.imagination_horizon); loss, logs = actor_critic_loss(r)
    opts['actor_critic'].zero_grad(); loss.backward(); opts['actor_critic'].step(); ends.append(logs['imagined_end'])
ops = {'denoiser update b8': lambda: _update(a.denoiser, opts['denoiser'], denoiser_update, *d8),
       'rew/end update b8x14': lambda: _update(a.rew_end_model, opts['rew_end_model'], rew_end_update, *rb),
       'next frame b8': lambda: a.denoiser.predict_next_obs(ctx, cact),
       'actor-critic update h10': ac_update}
out = dict(mode=mode, rate=rate, reps=reps, torch=torch.__version__, ops={})
for name, fn in ops.items():
    for _ in range(3): fn()
    ts, f0 = [], resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(reps):
        t = time.perf_counter(); fn(); ts.append(time.perf_counter() - t)
    out['ops'][name] = dict(median_s=statistics.median(ts), page_faults_per_call=(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - f0) / reps)
out['imagined_end'] = statistics.mean(ends)
w = dict(zip(('denoiser update b8', 'rew/end update b8x14', 'actor-critic update h10'), p.train_steps_per_epoch))
out['projected_epoch_s'] = sum(out['ops'][o]['median_s'] * n for o, n in w.items())
print(json.dumps(out, indent=1))
