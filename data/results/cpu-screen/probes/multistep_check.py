"""Imagined rewards over several steps with the REAL actions (Qbert_nomem_q0.5 run): from 2,000 dataset segments of
L + 6 frames, predict frames k = 1..6 autoregressively with the real actions and give the reward model each
predicted transition; p(+1) (prior-shifted) at the steps that were rewarded in reality and overall, per k,
next to the same with the real frames."""
import torch, numpy as np
from diamond.diagnostics import load_run
from diamond.dataset import sample_batch
from diamond.tensors import shift_context
cfg, p, agent, ds = load_run('/work/screen/Qbert_nomem_q0.5')
import sys                                                # optional: Euler steps (default: the run's), segments (default 2,000)
NSTEPS, N = (int(sys.argv[1]) if len(sys.argv) > 1 else None), (int(sys.argv[2]) if len(sys.argv) > 2 else 2000)
rem, den, L, K = agent.rew_end_model, agent.denoiser, 4, 6
g = torch.Generator().manual_seed(0)
b = sample_batch(ds, N, L + K, left_only=True, generator=np.random.default_rng(0))
pp = lambda o, a, x: (rem(o[:, None], a[:, None], x[:, None])[0][:, 0] + rem.prior_shift[:3]).softmax(-1)[:, 2]
with torch.no_grad():
    obs, act = b.obs[:, :L].clone(), b.act[:, :L].clone()
    for k in range(K):
        t = L - 1 + k                                         # the transition t -> t + 1 being imagined
        act[:, -1] = b.act[:, t]
        nxt = torch.cat([den.predict_next_obs(obs[i:i + 200], act[i:i + 200], generator=g, num_denoising_steps=NSTEPS) for i in range(0, N, 200)])
        r = (b.rew[:, t] > 0) & b.mask[:, t] & b.mask[:, t + 1]
        p_pred, p_real = pp(obs[:, -1], act[:, -1], nxt), pp(b.obs[:, t], b.act[:, t], b.obs[:, t + 1])
        print(f"k={k + 1}: rewarded {int(r.sum())}, p(+1) at them predicted {p_pred[r].mean().item():.3f} real {p_real[r].mean().item():.3f}; "
              f"overall predicted {p_pred.mean().item():.4f} real {p_real.mean().item():.4f}; pixel error {(nxt - b.obs[:, t + 1]).abs().mean().item() * 127.5:.2f}", flush=True)
        obs, act = shift_context(obs, act, nxt)
