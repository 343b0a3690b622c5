"""One-step world-model error (0-255 MAE) of a trained cpu run's denoiser vs the number of Euler steps and the start noise scale, on dataset segments."""
import sys, torch, numpy as np
from diamond.diagnostics import load_run
from diamond.dataset import sample_batch
run = sys.argv[1]
cfg, p, agent, ds = load_run(run)
den, L, N = agent.denoiser, 4, 512
b = sample_batch(ds, N, L + 1, left_only=True, generator=np.random.default_rng(0))
obs, act, tgt = b.obs[:, :L], b.act[:, :L], b.obs[:, L]
m = b.mask[:, L]
print('copy-last', ((obs[:, -1] - tgt).abs().mean((1,2,3))[m].mean() * 127.5).item())
with torch.no_grad():
    for n in (1, 2, 3, 5, 10):
        for ns in (1., 5.):
            g = torch.Generator().manual_seed(0)
            nxt = torch.cat([den.predict_next_obs(obs[i:i+128], act[i:i+128], num_denoising_steps=n, generator=g, noise_scale=ns) for i in range(0, N, 128)])
            print(f"steps {n} noise_scale {ns}: MAE {((nxt - tgt).abs().mean((1,2,3))[m].mean() * 127.5).item():.3f}", flush=True)
