"""Does fitting the imagined reward/end shift once per actor-critic phase lock a fresh policy onto one action, where a refit every K updates does not?

    python fresh_ac_probe.py RUN_DIR K UPDATES GAMES [SEED] [FIELD=VALUE ...] [signal=permuted]

Loads a finished run (agent.pt, dataset: its world model and reward/termination model stay fixed), replaces the
actor-critic with a freshly initialised one (torch seed SEED), and trains it for UPDATES imagined updates as a run's
first epoch does: the run's preset (horizon, batch, gamma, lambda, entropy weight, learning rate with the trainer's
warm-up, AdamW, clip norm), the shift fitted to the whole dataset's rates (`rew_end_calibrate`) before the first
update and, if K > 0, again every K updates (`rew_end_calibrate_every=K`). Every 100 updates: the entropy, the
imagined reward per step and the policy's mean action probabilities on the dataset's last 200 frames. Then GAMES
full games (the final evaluation's protocol: no life-loss ends, epsilon 0) with the trained policy: mean, standard
error and the action frequencies.
FIELD=VALUE: preset fields for the actor-critic phase (weight_entropy, lr_actor_critic, batch_size, imagination_horizon).
signal=permuted (a control): each imagined step's reward and end are those of another member of the batch (a random
permutation per step), so they keep their rates but carry nothing about this member's state or action.
"""
import sys, time
from dataclasses import replace
from pathlib import Path
import numpy as np, torch
sys.path.insert(0, str(Path(__file__).resolve().parents[5]))
from diamond.actor_critic import ActorCritic
from diamond.atari import make_atari_env
from diamond.collector import Collector
from diamond.core import seed_everything
from diamond.dataset import Dataset
from diamond.diagnostics import load_run, reward_rates, imagination_prior_shift
from diamond.rl import ImaginationRollout, actor_critic_loss
from diamond.tensors import frames_to_tensor
from diamond.updates import make_optimizer
from diamond.world_model_env import WorldModelEnv, dataset_contexts

if len(sys.argv) < 5: sys.exit(__doc__)
run, k, updates, games = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 0
over = dict(a.split('=', 1) for a in sys.argv[6:])
signal = over.pop('signal', 'model')
if signal not in ('model', 'permuted'): sys.exit(f"signal must be model or permuted, got {signal}")
torch.set_num_threads(1)
cfg, p, agent, ds = load_run(run)
p = replace(p, rew_end_calibrate=True, rew_end_calibrate_recent=0)
p = replace(p, **{f: type(getattr(p, f))(v) for f, v in over.items()})
r = reward_rates(ds.episodes)
print(f"{run} ({cfg['game']}): K={k}, {updates} updates, seed {seed}, signal {signal}, entropy weight {p.weight_entropy}, lr {p.lr_actor_critic}, "
      f"batch {p.batch_size}, horizon {p.imagination_horizon}; dataset p_pos {r['p_pos']:.4f} p_end {r['p_end']:.4f}, {r['steps']} steps", flush=True)
seed_everything(seed)
ac = agent.actor_critic = ActorCritic(agent.cfg.actor_critic).train()
opt, sched = make_optimizer(ac, lr=p.lr_actor_critic, weight_decay=p.weight_decay[2], eps=p.adam_eps, warmup=p.warmup_steps)
L = agent.denoiser.cfg.num_steps_conditioning
if signal == 'permuted':
    sample, gperm = agent.rew_end_model.sample, torch.Generator().manual_seed(seed + 2)
    def permuted(*a, **kw):
        rew, end, hx_cx = sample(*a, **kw); i = torch.randperm(len(rew), generator=gperm)
        return rew[i], end[i], hx_cx
    agent.rew_end_model.sample = permuted
wm = WorldModelEnv(agent.denoiser, agent.rew_end_model, dataset_contexts(ds, L), p.batch_size, p.imagination_horizon, seed=seed + 1, expected_reward=p.expected_reward)
ro, logs, t0 = ImaginationRollout(wm, ac), [], time.time()
last = np.concatenate([e.obs for e in ds.episodes[-5:]])[-200:]
for i in range(updates):
    if i == 0 or (k and i % k == 0):
        shift = imagination_prior_shift(agent, ds, p, seed=seed + 1000 + i); agent.rew_end_model.prior_shift.copy_(shift)
    loss, log = actor_critic_loss(ro.rollout(p.imagination_horizon), p.gamma, p.lambda_, p.weight_value, p.weight_entropy)
    opt.zero_grad(); loss.backward(); torch.nn.utils.clip_grad_norm_(ac.parameters(), p.grad_clip[2]); opt.step(); sched.step()
    logs.append(log)
    if (i + 1) % 100 == 0:
        with torch.no_grad(): probs = ac(frames_to_tensor(last))[0].softmax(-1).mean(0)            # no LSTM memory
        m = {key: np.mean([l[key] for l in logs[-100:]]) for key in ('entropy', 'imagined_reward', 'imagined_end')}
        print(f"update {i + 1:5d}: entropy {m['entropy']:.3f}  imagined reward {m['imagined_reward']:.4f}  end {m['imagined_end']:.4f}"
              f"  shift(+1) {shift[2].item():+.2f}  policy {np.round(probs.numpy(), 3).tolist()}  ({time.time() - t0:.0f} s)", flush=True)
ac.eval()
out = Collector(make_atari_env(cfg['game'], train=False), Dataset(), epsilon=0., seed=seed).collect(ac, num_episodes=games, progress=False)
ret, cnt = np.array(out['returns']), np.array(out['action_counts'])
print(f"real games: {games}, return mean {ret.mean():.2f} (standard error {ret.std(ddof=1) / np.sqrt(len(ret)):.2f}), "
      f"returns {ret.tolist()}, action frequencies {np.round(cnt / cnt.sum(), 3).tolist()}  ({time.time() - t0:.0f} s)", flush=True)
