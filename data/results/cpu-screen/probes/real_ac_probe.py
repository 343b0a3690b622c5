"""Oracle for the actor-critic: the `cpu` preset's actor-critic and loss (batch 8, horizon 10, lr 3e-4, lambda-returns,
entropy weight W), trained from scratch with the REAL game in place of imagination (8 emulators, training protocol:
a lost life ends an episode; rewards clipped to their sign by the rollout as in imagination; every `horizon` steps the
rollout is cut and continues where it stands). If this does not learn Qbert in UPDATES updates, no world model can make
the cpu preset's actor-critic learn it in as many; if it does, the world model and reward model are what is missing.
Every EVAL updates: 30 full test games (epsilon 0), mean return and action frequencies.
With RUN: real frames, but the rewards and ends the actor-critic sees are those RUN's reward/termination model gives
on the real transitions (expected reward, sampled end, as in imagination; a real lost life the model misses is a cut,
its value bootstrapped): is the reward model good enough, given real frames? argv: GAME UPDATES W [EVAL [RUN]]"""
import sys, time, dataclasses
import numpy as np, torch
from diamond.core import get_preset, set_threads, seed_everything
from diamond.atari import make_atari_env
from diamond.agent import AgentConfig, Agent
from diamond.rl import ImaginationRollout, actor_critic_loss
from diamond.updates import make_optimizer
from diamond.tensors import frames_to_tensor
from diamond.references import play
set_threads(1); seed_everything(0)
game, updates, W = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
every = int(sys.argv[4]) if len(sys.argv) > 4 else 500
rem = None
if len(sys.argv) > 5:
    from diamond.diagnostics import load_run
    rem = load_run(sys.argv[5])[2].rew_end_model
    gen = torch.Generator().manual_seed(0)
import os                                                 # optional: LR, BATCH, HORIZON in the environment (default: the cpu preset's)
p = get_preset('cpu')
p = dataclasses.replace(p, lr_actor_critic=float(os.environ.get('LR', p.lr_actor_critic)), batch_size=int(os.environ.get('BATCH', p.batch_size)),
                        imagination_horizon=int(os.environ.get('HORIZON', p.imagination_horizon)))
B, H, L = p.batch_size, p.imagination_horizon, 4

class RealEnvs:
    "B real emulators behind the WorldModelEnv interface that ImaginationRollout uses."
    def __init__(self, game, B, horizon, seed=0):
        self.envs = [make_atari_env(game, train=True, seed=seed + i) for i in range(B)]
        self.B, self.horizon, self.num_actions = B, horizon, self.envs[0].action_space.n
    def _ctx(self, i): return torch.stack(self.frames[i][-L:]), torch.tensor(self.acts[i][-L:])
    def _start(self, i):
        o, _ = self.envs[i].reset(); f = frames_to_tensor(o)
        self.frames[i], self.acts[i] = [f] * L, [0] * L
    def context(self, idx): c = [self._ctx(i) for i in idx]; return torch.stack([a for a, _ in c]), torch.stack([b for _, b in c])
    def reset(self):
        self.frames, self.acts, self.t = [None] * self.B, [None] * self.B, np.zeros(self.B, int)
        for i in range(self.B): self._start(i)
        return torch.stack([f[-1] for f in self.frames]), {'context': self.context(range(self.B))}
    def step(self, act):
        rews, ends, truncs, finals, env_trunc = [], [], [], [], []
        for i, a in enumerate(act.tolist()):
            o, r, term, tr, _ = self.envs[i].step(a); f = frames_to_tensor(o)
            self.frames[i] = self.frames[i][-L:] + [f]; self.acts[i] = self.acts[i][-L:] + [a]; self.t[i] += 1
            finals.append(f); rews.append(float(np.sign(r))); ends.append(bool(term)); env_trunc.append(bool(tr))
            truncs.append(bool(tr) or (self.t[i] >= self.horizon and not term))
        end, trunc = torch.tensor(ends), torch.tensor(truncs)
        if rem is not None:                                               # the model's rewards and ends on the real transition
            with torch.no_grad():
                prev = torch.stack([self.frames[i][-2] for i in range(self.B)])
                rew_m, end_m, _ = rem.sample(prev, act, torch.stack(finals), None, generator=gen, expected_reward=True)
            trunc = (trunc | end) & ~end_m                                # a real end the model misses: a cut
            end, rews = end_m, rew_m.tolist()
        info, done = {}, end | trunc
        if done.any():
            info['final_obs'], info['reset_mask'], info['reset_idx'] = torch.stack(finals), done.clone(), done.nonzero()[:, 0]
            for i in done.nonzero()[:, 0].tolist():
                self.t[i] = 0
                if ends[i] or env_trunc[i]: self._start(i)           # a lost life: the game goes on with the next (or a new game)
            info['context'] = self.context(range(self.B))
        return torch.stack([f[-1] for f in self.frames]), torch.tensor(rews), end, trunc, info

ac = Agent(AgentConfig.from_preset(int(make_atari_env(game).action_space.n), p)).actor_critic
opt, sched = make_optimizer(ac, lr=p.lr_actor_critic, weight_decay=p.weight_decay[2], eps=p.adam_eps, warmup=p.warmup_steps)
ro = ImaginationRollout(RealEnvs(game, B, H), ac)
def test():
    ac.eval(); t = time.time()
    from diamond.collector import Collector
    env = make_atari_env(game, train=False); c = Collector(env, seed=123)
    out = c.collect(ac, num_episodes=30, progress=False); env.close(); ac.train()
    r = out['returns']; return f"{np.mean(r):.2f} +- {np.std(r):.2f} over 30 games, actions {out.get('action_counts', '')} ({time.time() - t:.0f} s)"
print(f"{game}: fresh actor-critic, entropy weight {W}, lr {p.lr_actor_critic}, batch {B}, horizon {H}, rewards from {sys.argv[5] if rem is not None else 'the game'}; before: {test()}", flush=True)
t0, logs = time.time(), []
for u in range(1, updates + 1):
    opt.zero_grad()
    loss, log = actor_critic_loss(ro.rollout(H), gamma=p.gamma, lambda_=p.lambda_, weight_value=p.weight_value, weight_entropy=W)
    loss.backward(); torch.nn.utils.clip_grad_norm_(ac.parameters(), p.grad_clip[2]); opt.step(); sched.step(); logs.append(log)
    if u % 100 == 0:
        m = {k: np.mean([l[k] for l in logs]) for k in logs[0]}; logs = []
        print(f"{u} updates ({time.time() - t0:.0f} s): " + ", ".join(f"{k} {v:.4f}" for k, v in m.items()), flush=True)
    if u % every == 0: print(f"after {u} updates: {test()}", flush=True)
