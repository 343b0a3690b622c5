"""cpu-size agent, one thread, two copies called in turn: eager contiguous (`--compile none`) and eager channels-last
(`auto` below; `--compile auto` on a CPU also tunes the host allocator, which two copies in one process cannot
separate: `../cpu_host_memory/`). The actor-critic update is timed twice per copy: with the untrained reward/termination
model as it is (about half of all imagined steps end, so most of the update is spent on resets), and with its end
logit shifted (`calibrated_prior_shift`) so that imagined episodes end at RATE per step, as a trained run's do.
Medians of N after 3 warm-ups.    python interleaved.py N RATE"""
import torch, time, copy, statistics, sys
from diamond.bench import _setup, _update
from diamond.fast import denoiser_update, rew_end_update, set_channels_last
from diamond.world_model_env import WorldModelEnv
from diamond.rl import ImaginationRollout, actor_critic_loss, calibrated_prior_shift
torch.set_num_threads(1)
reps, rate = int(sys.argv[1]), float(sys.argv[2])
p, agent, data, _ = _setup('cpu', 6, 'cpu', 0)
d8, rb, (ctx, cact) = data['den'](p.batch_size), data['rem'], data['ctx']
ops, ends = {}, {}
for name, cl in (('none', False), ('auto', True)):
    a = copy.deepcopy(agent); set_channels_last(a, cl)
    opts = {k: torch.optim.AdamW(getattr(a, k).parameters(), 1e-4) for k in ('denoiser', 'rew_end_model', 'actor_critic')}
    def ac_update(ro, opt=opts['actor_critic'], rec=None):
        r = ro.rollout(p.imagination_horizon); loss, _ = actor_critic_loss(r); opt.zero_grad(); loss.backward(); opt.step()
        if rec is not None: rec.append(r.end.float().mean().item())
    ros = {}
    for kind in ('untrained', f'ends {rate}'):
        rem = copy.deepcopy(a.rew_end_model)                      # its own copy: the shift is a buffer of the model
        wm = WorldModelEnv(a.denoiser, rem, lambda k, g: (ctx[:k], cact[:k]), p.batch_size, p.imagination_horizon, seed=0, expected_reward=True)
        ros[kind] = ImaginationRollout(wm, a.actor_critic)
        if kind != 'untrained': calibrated_prior_shift(ros[kind], dict(p_neg=0., p_pos=0., p_end=rate), torch.zeros(5))
    for kind, ro in ros.items(): ends[(name, kind)] = []
    ops[name] = {'denoiser update b8': lambda a=a, o=opts: _update(a.denoiser, o['denoiser'], denoiser_update, *d8),
                 'rew/end update b8x14': lambda a=a, o=opts: _update(a.rew_end_model, o['rew_end_model'], rew_end_update, *rb),
                 'next frame b8': lambda a=a: a.denoiser.predict_next_obs(ctx, cact),
                 **{f'actor-critic update h10, {kind}': (lambda ro=ro, rec=ends[(name, kind)]: ac_update(ro, rec=rec)) for kind, ro in ros.items()}}
t0, med = time.time(), {}
for op in ops['none']:
    ts = {k: [] for k in ops}
    for k in ops:
        for _ in range(3): ops[k][op]()
    for _ in range(reps):
        for k in ops:
            t = time.perf_counter(); ops[k][op](); ts[k].append(time.perf_counter() - t)
    m = med[op] = {k: statistics.median(v) for k, v in ts.items()}
    print(f"{op:40s} " + '  '.join(f"{k} {v:.3f} s ({m['none'] / v:.2f}x)" for k, v in m.items()), f"[{time.time() - t0:.0f} s]", flush=True)
for (name, kind), e in ends.items(): print(f"imagined end rate per step, {name}, {kind}: {statistics.mean(e):.3f}")
for kind in ('untrained', f'ends {rate}'):
    w = dict(zip(('denoiser update b8', 'rew/end update b8x14', f'actor-critic update h10, {kind}'), p.train_steps_per_epoch))
    ep = {k: sum(med[o][k] * n for o, n in w.items()) for k in ops}
    print(f"projected cpu epoch, {kind} ({', '.join(f'{n} x {o}' for o, n in w.items())}): " + '  '.join(f"{k} {v:.1f} s ({ep['none'] / v:.2f}x)" for k, v in ep.items()))
