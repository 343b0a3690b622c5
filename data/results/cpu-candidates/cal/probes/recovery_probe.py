"""Can a collapsed policy recover when the imagined reward is calibrated to recent real rates?

    python recovery_probe.py RUN_DIR [UPDATES] [RECENT]

Loads a finished run (agent.pt, dataset), then from the same weights trains the actor-critic for UPDATES imagined
updates (the run's preset: horizon, batch, gamma, lambda, entropy weight, learning rate, clip norm; fresh AdamW without
warm-up), refitting the calibrated reward/end shift every 50 updates, twice: targeting the whole dataset's rates
(`rew_end_calibrate`, as the run did) and the rates of its last RECENT steps (`rew_end_calibrate_recent`). Prints the
targets, then every 50 updates the entropy, the most likely action's probability and the imagined reward per step.
"""
import copy, sys, time
from dataclasses import replace
import numpy as np, torch
sys.path.insert(0, str(__import__('pathlib').Path(__file__).resolve().parents[5]))
from diamond.core import seed_everything
from diamond.diagnostics import load_run, reward_rates, imagination_prior_shift
from diamond.world_model_env import WorldModelEnv, dataset_contexts
from diamond.rl import ImaginationRollout, actor_critic_loss
from diamond.tensors import frames_to_tensor

run, updates, recent = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 200, int(sys.argv[3]) if len(sys.argv) > 3 else 1000
torch.set_num_threads(1)
cfg, p, agent0, ds = load_run(run)
print(f"{run}: dataset p_pos {reward_rates(ds.episodes)['p_pos']:.4f}, last {recent} steps p_pos {reward_rates(ds.episodes, last=recent)['p_pos']:.4f} "
      f"p_end {reward_rates(ds.episodes)['p_end']:.4f} / {reward_rates(ds.episodes, last=recent)['p_end']:.4f}", flush=True)
L = agent0.denoiser.cfg.num_steps_conditioning
for name, pp in (('dataset', replace(p, rew_end_calibrate=True, rew_end_calibrate_recent=0)),
                 (f'recent{recent}', replace(p, rew_end_calibrate=True, rew_end_calibrate_recent=recent))):
    seed_everything(0); agent = copy.deepcopy(agent0); ac = agent.actor_critic.train()
    opt = torch.optim.AdamW(ac.parameters(), lr=pp.lr_actor_critic, eps=pp.adam_eps, weight_decay=pp.weight_decay[2])
    wm = WorldModelEnv(agent.denoiser, agent.rew_end_model, dataset_contexts(ds, L), pp.batch_size, pp.imagination_horizon, seed=1, expected_reward=pp.expected_reward)
    ro, logs, t0 = ImaginationRollout(wm, ac), [], time.time()
    for i in range(updates):
        if i % 50 == 0:
            shift = imagination_prior_shift(agent, ds, pp, seed=i)
            agent.rew_end_model.prior_shift.copy_(shift)
        loss, log = actor_critic_loss(ro.rollout(pp.imagination_horizon), pp.gamma, pp.lambda_, pp.weight_value, pp.weight_entropy)
        opt.zero_grad(); loss.backward(); torch.nn.utils.clip_grad_norm_(ac.parameters(), pp.grad_clip[2]); opt.step()
        logs.append(log)
        if (i + 1) % 50 == 0:
            with torch.no_grad(): probs = ac(frames_to_tensor(ds.episodes[-1].obs[-20:]))[0].softmax(-1).mean(0)   # no LSTM memory
            m = {k: np.mean([l[k] for l in logs[-50:]]) for k in ('entropy', 'imagined_reward', 'loss_value')}
            print(f"{name:>11} update {i + 1:4d}: entropy {m['entropy']:.3f}  imagined reward {m['imagined_reward']:.4f}  shift(+1) {shift[2].item():+.2f}"
                  f"  policy on the last real frames {np.round(probs.numpy(), 3).tolist()}  ({time.time() - t0:.0f} s)", flush=True)
