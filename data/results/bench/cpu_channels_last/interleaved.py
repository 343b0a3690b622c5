"""Interleaved in one process, cpu-size agent: eager contiguous (the reference), eager channels-last ('fast' on a CPU),
compiled contiguous (the previous 'compiled'), compiled channels-last (the new 'compiled'). Medians of N."""
import torch, time, copy, statistics, sys
import torch._dynamo
torch._dynamo.config.cache_size_limit = 64
try: torch._dynamo.config.recompile_limit = 64
except Exception: pass
from diamond.bench import _setup, _update
from diamond.fast import denoiser_update, rew_end_update, compile_agent, set_channels_last
from diamond.world_model_env import WorldModelEnv
from diamond.rl import ImaginationRollout, actor_critic_loss
torch.set_num_threads(1)
reps = int(sys.argv[1])
p, agent, data, _ = _setup('cpu', 6, 'cpu', 0)
variants = {'eager': ('none', False), 'eager+cl': ('none', True), 'compiled': ('default', False), 'compiled+cl': ('default', True)}
agents = {}
for k, (mode, cl) in variants.items():
    a = copy.deepcopy(agent); compile_agent(a, mode, 'cpu'); set_channels_last(a, cl); agents[k] = a
d8, rb, (ctx, cact) = data['den'](p.batch_size), data['rem'], data['ctx']
ops = {}
for name, a in agents.items():
    opts = {k: torch.optim.AdamW(getattr(a, k).parameters(), 1e-4) for k in ('denoiser', 'rew_end_model', 'actor_critic')}
    wm = WorldModelEnv(a.denoiser, a.rew_end_model, lambda k, g: (ctx[:k], cact[:k]), p.batch_size, p.imagination_horizon, seed=0, expected_reward=True)
    ro = ImaginationRollout(wm, a.actor_critic)
    def ac_update(ro=ro, opt=opts['actor_critic']):
        loss, _ = actor_critic_loss(ro.rollout(p.imagination_horizon)); opt.zero_grad(); loss.backward(); opt.step()
    ops[name] = {'denoiser update b8': lambda a=a, o=opts: _update(a.denoiser, o['denoiser'], denoiser_update, *d8),
                 'rew/end update b8x14': lambda a=a, o=opts: _update(a.rew_end_model, o['rew_end_model'], rew_end_update, *rb),
                 'next frame b8': lambda a=a: a.denoiser.predict_next_obs(ctx, cact),
                 'actor-critic update h10': ac_update}
t0, med = time.time(), {}
for op in ops['eager']:
    ts = {k: [] for k in ops}
    for k in ops:
        for _ in range(3): ops[k][op]()          # warm-up (compilation, recompilations)
    for _ in range(reps):
        for k in ops:
            t = time.perf_counter(); ops[k][op](); ts[k].append(time.perf_counter() - t)
    m = med[op] = {k: statistics.median(v) for k, v in ts.items()}
    print(f"{op:24s} " + '  '.join(f"{k} {v:.3f} s ({m['eager'] / v:.2f}x)" for k, v in m.items()), f"[{time.time() - t0:.0f} s]", flush=True)
w = dict(zip(('denoiser update b8', 'rew/end update b8x14', 'actor-critic update h10'), p.train_steps_per_epoch))
ep = {k: sum(med[o][k] * n for o, n in w.items()) for k in agents}
print(f"projected cpu epoch ({', '.join(f'{n} x {o}' for o, n in w.items())}): " + '  '.join(f"{k} {v:.1f} s ({ep['eager'] / v:.2f}x)" for k, v in ep.items()))
