"""Is the actor-critic now the bottleneck? From a finished cpu screening run (its world model and reward/termination
model frozen), continue training its actor-critic in imagination for N more updates with entropy weight W (the run
used 0.02), then play 30 full test games (epsilon 0) and compare with the run's own actor-critic on the same games."""
import sys, copy, time, json, numpy as np, torch
from dataclasses import replace
from diamond.diagnostics import load_run
from diamond.world_model_env import WorldModelEnv, dataset_contexts
from diamond.rl import ImaginationRollout, actor_critic_loss
from diamond.updates import make_optimizer, train_steps
from diamond.collector import Collector
from diamond.atari import make_atari_env
from diamond.core import seed_everything
run, N, W, games = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
seed_everything(0)
cfg, p, agent, ds = load_run(run)
L = agent.denoiser.cfg.num_steps_conditioning
def play(ac, seed=123):
    r = Collector(make_atari_env(cfg['game'], train=False), None, epsilon=0., seed=seed).collect(ac, num_episodes=games, progress=False)
    return float(np.mean(r['returns'])), float(np.std(r['returns'])), r['action_counts']
t0 = time.time()
before = play(agent.actor_critic)
print(f"run's actor-critic: {before[0]:.2f} +- {before[1]:.2f} over {games} games, actions {list(before[2])} ({time.time() - t0:.0f} s)", flush=True)
ac = copy.deepcopy(agent.actor_critic).train()
opt, sched = make_optimizer(ac, p.lr_actor_critic, p.weight_decay[2], p.adam_eps, p.warmup_steps)
wm = WorldModelEnv(agent.denoiser, agent.rew_end_model, dataset_contexts(ds, L), p.batch_size, p.imagination_horizon, seed=0, expected_reward=p.expected_reward)
ro = ImaginationRollout(wm, ac)
learn = lambda: actor_critic_loss(ro.rollout(p.imagination_horizon), gamma=p.gamma, lambda_=p.lambda_, weight_value=p.weight_value, weight_entropy=W)
for chunk in range(N // 200):
    logs = train_steps(ac, opt, sched, learn, 200, p.grad_clip[2], progress=False)
    m = {k: float(np.mean([l[k] for l in logs if k in l])) for k in logs[0]}
    print(f"{(chunk + 1) * 200} updates ({time.time() - t0:.0f} s): " + ', '.join(f"{k} {v:.4f}" for k, v in m.items()), flush=True)
ac.eval()
after = play(ac)
print(f"after {N} more updates, entropy weight {W}: {after[0]:.2f} +- {after[1]:.2f} over {games} games, actions {list(after[2])} ({time.time() - t0:.0f} s)", flush=True)
