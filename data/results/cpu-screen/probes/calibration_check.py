"""Does the analytic prior shift under-state the imagined reward? For a finished run: the dataset's reward and end rates,
the imagined rates (policy rollouts, batch 32) with the analytic shift the run trained with, the shift that
`calibrated_prior_shift` fits instead, and `imagination_stats` (advantages per action) under each shift."""
import sys, torch
from diamond.core import seed_everything
from diamond.diagnostics import load_run, reward_rates, imagination_stats
from diamond.rew_end import episodes_prior_shift
from diamond.world_model_env import WorldModelEnv, dataset_contexts
from diamond.rl import ImaginationRollout, calibrated_prior_shift
run = sys.argv[1]
seed_everything(0)
cfg, p, agent, ds = load_run(run)
L, rem = agent.denoiser.cfg.num_steps_conditioning, agent.rew_end_model
rates = reward_rates(ds.episodes)
analytic = episodes_prior_shift(ds.episodes, p, L)
wm = WorldModelEnv(agent.denoiser, rem, dataset_contexts(ds, L), 32, p.imagination_horizon, seed=0, expected_reward=p.expected_reward)
fitted = calibrated_prior_shift(ImaginationRollout(wm, agent.actor_critic), rates, analytic, num_rollouts=1, rounds=int(sys.argv[2]) if len(sys.argv) > 2 else 2)
print(f"{run}: dataset p_pos {rates['p_pos']:.4f} p_neg {rates['p_neg']:.4f} p_end {rates['p_end']:.4f}")
for name, s in (('analytic', analytic), ('fitted', fitted)):
    rem.prior_shift.copy_(s)
    im = imagination_stats(agent, ds, p, num_rollouts=8, batch_size=8, seed=1)
    per = ' '.join(f"{d['action']}:{d['adv_mean']:+.4f}" for d in im['per_action'] if d['adv_mean'] is not None)
    print(f"  {name:8s} shift +1 {s[2]:+.3f} -1 {s[0]:+.3f} end {s[4]:+.3f} | imagined p_pos {im['p_pos']:.4f} p_end {im['p_end']:.4f} "
          f"reward {im['reward']['mean']:.4f} | |adv| {im['abs_advantage']:.4f} spread {im['adv_spread_between_actions']:.4f} | adv per action {per}", flush=True)
