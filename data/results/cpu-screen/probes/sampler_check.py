"""Is Q*bert lost by the world model or by the few-step sampler? A deterministic Euler sampler with few steps returns
close to the denoiser's conditional mean, which blurs a sprite whose next position is uncertain; more steps, or
stochastic churn (EDM's S_churn), draw a sharp sample instead. Same measure as sprite_check.py (orange pixels, rows >=
8, share of predicted frames with >= 3), on 128 held-out segments with Q*bert on screen, 3 autoregressive steps with the
real actions, for several samplers (env SAMPLERS='steps,order,churn;...' to choose). argv: RUN [DENOISER]"""
import os, sys, torch, numpy as np
from diamond.diagnostics import load_run
from diamond.dataset import Dataset, sample_batch
from diamond.tensors import shift_context
from diamond.sampler import sample
from diamond.edm import build_sigmas
cfg, p, agent, ds = load_run(sys.argv[1]); den = agent.denoiser
if len(sys.argv) > 2: den.load_state_dict(torch.load(sys.argv[2]))
held, L, K = Dataset('/work/probe/qbert_held'), 4, 3
b = sample_batch(held, 1024, L + K, left_only=True, generator=np.random.default_rng(2))
orange = lambda x: (lambda u: ((u[:, 0] > 90) & (u[:, 0] - u[:, 1] > 30) & (u[:, 0] - u[:, 2] > 50))[:, 8:].flatten(1).sum(1))((x + 1) * 127.5)
keep = b.mask.all(1) & (orange(b.obs[:, L]) >= 3)
idx = keep.nonzero()[:, 0][:128]
c = den.cfg
print(f"{len(idx)} segments with Q*bert on screen; sigma_max {c.sigma_max}, sigma_min {c.sigma_min}, rho {c.rho}", flush=True)
def gen(obs, act, n, order, churn, g):
    sig = build_sigmas(n, c.sigma_min, c.sigma_max, c.rho)
    x = torch.randn(obs.shape[0], *obs.shape[2:], generator=g)
    return sample(lambda x, s: den.denoise(x, s, obs, act), x, sig, order=order, s_churn=churn)
default = '2,1,0;3,1,0;10,1,0;30,1,0;10,1,10;30,1,30;10,2,0'
for n, order, churn in [(int(a), int(b), float(c)) for a, b, c in (t.split(',') for t in os.environ.get('SAMPLERS', default).split(';'))]:
    g = torch.Generator().manual_seed(0)
    with torch.no_grad():
        obs, act, out = b.obs[idx, :L].clone(), b.act[idx, :L].clone(), []
        for k in range(K):
            act[:, -1] = b.act[idx, L - 1 + k]
            nxt = gen(obs, act, n, order, churn, g)
            real = b.obs[idx, L + k]
            mae = ((nxt - real).abs().mean() * 127.5).item()
            out.append(f"k={k + 1}: with Q*bert {(orange(nxt) >= 3).float().mean():.2f} (orange px {orange(nxt).float().mean():.1f}, real {orange(real).float().mean():.1f}), MAE {mae:.2f}")
            obs, act = shift_context(obs, act, nxt)
    print(f"steps {n:2d} order {order} churn {churn:4.0f}: " + "; ".join(out), flush=True)
