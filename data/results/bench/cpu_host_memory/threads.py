"""`auto` on a CPU (channels-last weights, tuned allocator), `cpu`-size updates at 1 and 2 torch threads, interleaved
call by call in one process on the otherwise idle 2-core machine; medians of N. Projects a `cpu` epoch at each.
    python threads.py N"""
import statistics, sys, time
import torch
from diamond.bench import _setup, _update
from diamond.fast import denoiser_update, rew_end_update, set_channels_last, tune_host_allocator
from diamond.world_model_env import WorldModelEnv
from diamond.rl import ImaginationRollout, actor_critic_loss, calibrated_prior_shift
reps = int(sys.argv[1])
assert tune_host_allocator()
p, a, data, opts = _setup('cpu', 6, 'cpu', 0)
set_channels_last(a, True)
d8, rb, (ctx, cact) = data['den'](p.batch_size), data['rem'], data['ctx']
wm = WorldModelEnv(a.denoiser, a.rew_end_model, lambda k, g: (ctx[:k], cact[:k]), p.batch_size, p.imagination_horizon, seed=0, expected_reward=True)
ro = ImaginationRollout(wm, a.actor_critic)
def ac_update():
    loss, _ = actor_critic_loss(ro.rollout(p.imagination_horizon)); opts['actor_critic'].zero_grad(); loss.backward(); opts['actor_critic'].step()
ops = {'denoiser update b8': lambda: _update(a.denoiser, opts['denoiser'], denoiser_update, *d8),
       'rew/end update b8x14': lambda: _update(a.rew_end_model, opts['rew_end_model'], rew_end_update, *rb),
       'next frame b8': lambda: a.denoiser.predict_next_obs(ctx, cact),
       'actor-critic update h10': ac_update}
med = {}
for name, fn in ops.items():
    if name.startswith('actor'): calibrated_prior_shift(ro, dict(p_neg=0., p_pos=0., p_end=0.026), torch.zeros(5))
    ts = {1: [], 2: []}
    for n in (1, 2):
        torch.set_num_threads(n)
        for _ in range(3): fn()
    for _ in range(reps):
        for n in (1, 2):
            torch.set_num_threads(n); t = time.perf_counter(); fn(); ts[n].append(time.perf_counter() - t)
    med[name] = {n: statistics.median(v) for n, v in ts.items()}
    print(f"{name:26s} 1 thread {med[name][1]:.3f} s  2 threads {med[name][2]:.3f} s  ({med[name][1] / med[name][2]:.2f}x)", flush=True)
w = dict(zip(('denoiser update b8', 'rew/end update b8x14', 'actor-critic update h10'), p.train_steps_per_epoch))
ep = {n: sum(med[o][n] * k for o, k in w.items()) for n in (1, 2)}
print(f"projected cpu epoch: 1 thread {ep[1]:.1f} s  2 threads {ep[2]:.1f} s  ({ep[1] / ep[2]:.2f}x)")
