"""cpu-preset networks on one thread: eager vs torch.compile (inductor C++), interleaved in one process (ratios).
Operations: denoiser update batch 8, reward/termination update, next frame (preset steps) batch 8, actor-critic update
(horizon 10 imagination + loss + backward). Compiled: denoiser.inner_model, rew_end_model.encoder, actor_critic forward
(train and no-grad). argv: [REPEATS]"""
import sys, time, statistics, torch, copy
from diamond.core import get_preset, seed_everything, set_threads
from diamond.agent import Agent, AgentConfig
from diamond.fast import denoiser_update, rew_end_update
from diamond.world_model_env import WorldModelEnv
from diamond.rl import ImaginationRollout, actor_critic_loss
set_threads(1); torch.manual_seed(0)
R = int(sys.argv[1]) if len(sys.argv) > 1 else 10
p = get_preset('cpu'); import dataclasses; p = dataclasses.replace(p, num_denoising_steps=3)
A = 6
def build():
    seed_everything(0); return Agent(AgentConfig.from_preset(A, p))
ag = {'eager': build(), 'compiled': build()}
c = ag['compiled']
for m in (c.denoiser.inner_model, c.rew_end_model.encoder): m.forward = torch.compile(m.forward)
n, B, H = 4, p.batch_size, p.imagination_horizon
fr = lambda B, T: torch.rand(B, T, 3, 64, 64) * 2 - 1
ac_ = lambda B, T: torch.randint(0, A, (B, T))
den_b = (fr(B, n + 1), ac_(B, n + 1)); ctx = (fr(B, n), ac_(B, n))
rem_b = (fr(B, 13), ac_(B, 12), torch.randint(-1, 2, (B, 12)).float(), torch.rand(B, 12) < 0.05)
def ops(a):
    opt = {k: torch.optim.AdamW(getattr(a, k).parameters(), 1e-4) for k in ('denoiser', 'rew_end_model', 'actor_critic')}
    wm = WorldModelEnv(a.denoiser, a.rew_end_model, lambda k, g: tuple(t[:k] for t in ctx), B, H, seed=0, device='cpu', expected_reward=True)
    ro = ImaginationRollout(wm, a.actor_critic)
    def d(): opt['denoiser'].zero_grad(); denoiser_update(a.denoiser, *den_b); opt['denoiser'].step()
    def r(): opt['rew_end_model'].zero_grad(); rew_end_update(a.rew_end_model, *rem_b); opt['rew_end_model'].step()
    def g():
        with torch.no_grad(): a.denoiser.predict_next_obs(*ctx)
    def acu():
        loss, _ = actor_critic_loss(ro.rollout(H), p.gamma, p.lambda_); opt['actor_critic'].zero_grad(); loss.backward(); opt['actor_critic'].step()
    return dict(denoiser_update_b8=d, rew_end_update=r, next_frame_3steps_b8=g, actor_critic_update_h10=acu)
O = {k: ops(a) for k, a in ag.items()}
t0 = time.time()
for k in O['compiled']:                                  # warm-up (compilation) of both
    for path in ('eager', 'compiled'):
        t = time.time(); O[path][k](); O[path][k](); print(f"warm-up {k} {path}: {time.time() - t:.1f} s", flush=True)
for k in O['compiled']:
    ts = {'eager': [], 'compiled': []}
    for _ in range(R):
        for path in ('eager', 'compiled'):
            t = time.perf_counter(); O[path][k](); ts[path].append(time.perf_counter() - t)
    e, cpl = statistics.median(ts['eager']), statistics.median(ts['compiled'])
    print(f"{k}: eager {e:.3f} s, compiled {cpl:.3f} s, ratio {e / cpl:.2f}", flush=True)
