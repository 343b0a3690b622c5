"""Real (odd rows) vs imagined (even rows) Qbert frames: 4 held-out segments (fresh random play, /work/probe/qbert_held),
10 steps predicted autoregressively with the real actions by RUN's world model (or the denoiser weights DENOISER,
saved by wm_probe.py), 4 real frames of context. argv: RUN PNG [DENOISER]"""
import torch, numpy as np, matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
from diamond.diagnostics import load_run
from diamond.dataset import Dataset, sample_batch
from diamond.tensors import shift_context, tensor_to_frames
import sys
run = sys.argv[1]; cfg, p, agent, ds = load_run(run); den = agent.denoiser
if len(sys.argv) > 3: den.load_state_dict(torch.load(sys.argv[3]))
held = Dataset('/work/probe/qbert_held'); L, K, N = 4, 10, 4
b = sample_batch(held, 64, L + K, left_only=True, generator=np.random.default_rng(1))
idx = [i for i in range(64) if b.mask[i].all()][:N]
g = torch.Generator().manual_seed(0)
with torch.no_grad():
    obs, act = b.obs[idx, :L].clone(), b.act[idx, :L].clone(); pred = []
    for k in range(K):
        act[:, -1] = b.act[idx, L - 1 + k]
        nxt = den.predict_next_obs(obs, act, generator=g); pred.append(nxt); obs, act = shift_context(obs, act, nxt)
fig, axs = plt.subplots(2 * N, K, figsize=(K * 1.2, 2 * N * 1.25))
for n in range(N):
    for k in range(K):
        axs[2 * n, k].imshow(tensor_to_frames(b.obs[idx[n], L + k])); axs[2 * n + 1, k].imshow(tensor_to_frames(pred[k][n]))
for a in axs.flat: a.axis('off')
fig.tight_layout(); fig.savefig(sys.argv[2], dpi=80)
