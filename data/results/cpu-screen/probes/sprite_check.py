"""Does Q*bert stay in imagined frames? Q*bert is the only orange sprite below the score and lives (rows >= 8 of 64):
reddish pixels (R > 90, R - G > 30, R - B > 50 in 0-255; Q*bert is (181, 83, 40), blurred copies count too);
on 256 held-out segments (fresh random play, /work/probe/qbert_held) whose first predicted frame shows Q*bert in
reality, 10 frames predicted autoregressively with the real actions by RUN's world model (or the weights DENOISER):
per step k, the mean number of orange pixels in the real and in the predicted frame, and the share of segments
whose predicted frame still has >= 3 orange pixels. argv: RUN [DENOISER]"""
import sys, torch, numpy as np
from diamond.diagnostics import load_run
from diamond.dataset import Dataset, sample_batch
from diamond.tensors import shift_context
cfg, p, agent, ds = load_run(sys.argv[1]); den = agent.denoiser
if len(sys.argv) > 2: den.load_state_dict(torch.load(sys.argv[2]))
held, L, K = Dataset('/work/probe/qbert_held'), 4, 10
b = sample_batch(held, 1024, L + K, left_only=True, generator=np.random.default_rng(2))
orange = lambda x: (lambda u: ((u[:, 0] > 90) & (u[:, 0] - u[:, 1] > 30) & (u[:, 0] - u[:, 2] > 50))[:, 8:].flatten(1).sum(1))((x + 1) * 127.5)
keep = b.mask.all(1) & (orange(b.obs[:, L]) >= 3)
idx = keep.nonzero()[:, 0][:256]
g = torch.Generator().manual_seed(0)
print(f"{len(idx)} segments with Q*bert on screen", flush=True)
with torch.no_grad():
    obs, act = b.obs[idx, :L].clone(), b.act[idx, :L].clone()
    for k in range(K):
        act[:, -1] = b.act[idx, L - 1 + k]
        nxt = den.predict_next_obs(obs, act, generator=g)
        real = b.obs[idx, L + k]
        print(f"k={k + 1}: orange pixels real {orange(real).float().mean():.1f}, predicted {orange(nxt).float().mean():.1f}; "
              f"predicted frames with Q*bert {(orange(nxt) >= 3).float().mean():.2f} (real {(orange(real) >= 3).float().mean():.2f})", flush=True)
        obs, act = shift_context(obs, act, nxt)
