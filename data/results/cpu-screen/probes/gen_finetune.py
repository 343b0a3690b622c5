"""(genbal/realbal: the loss on each segment's rare transition, else on one ordinary one: half the transitions rare.) Does a reward/termination model trained on GENERATED transitions reward imagined steps? From a trained cpu run
(memory-free reward model), fine-tune a copy of its reward model on transitions the run's world model generates
autoregressively (K frames from a real context, real actions, labels from reality; half the segments hold a rare step
among the K generated transitions), and compare with the original model on held-out random play (k = 1..K)."""
import sys, copy, time, torch, numpy as np
from diamond.diagnostics import load_run, auc
from diamond.dataset import sample_batch, Dataset, Batch
from diamond.rew_end import prior_shift
torch.manual_seed(0)
run, held_dir, iters, nsteps, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
cfg, p, agent, ds = load_run(run)
den, L, K, B = agent.denoiser, 4, 6, 16
held = Dataset(held_dir)
F = ('obs', 'act', 'rew', 'end', 'trunc', 'mask')
sl = lambda b, i, j: Batch(*(getattr(b, k)[i:j] for k in F))

@torch.no_grad()
def generate(b, g):
    "frames [B, K+1]: the real last context frame, then K generated with the real actions."
    obs, act, out = b.obs[:, :L].clone(), b.act[:, :L].clone(), [b.obs[:, L - 1]]
    for k in range(K):
        act[:, -1] = b.act[:, L - 1 + k]
        nxt = den.predict_next_obs(obs, act, generator=g, num_denoising_steps=nsteps)
        out.append(nxt); obs = torch.cat([obs[:, 1:], nxt[:, None]], 1); act = torch.cat([act[:, 1:], act[:, -1:]], 1)
    return torch.stack(out, 1)

def labels(b):
    s = slice(L - 1, L - 1 + K)
    return b.act[:, s], b.rew[:, s], b.end[:, s], b.mask[:, s] & b.mask[:, L:L + K]

@torch.no_grad()
def evaluate(rem, data, n=600, seed=1):
    b = sample_batch(data, n, L + K, left_only=True, generator=np.random.default_rng(seed))
    g = torch.Generator().manual_seed(seed)
    fr = torch.cat([generate(sl(b, i, i + 100), g) for i in range(0, n, 100)])
    act, rew, end, m = labels(b)
    lr, le, _ = rem(fr[:, :-1], act, fr[:, 1:])
    pr = (lr + rem.prior_shift[:3]).softmax(-1)[..., 2]; pe = (le + rem.prior_shift[3:]).softmax(-1)[..., 1]
    res = []
    for k in range(K):
        mk = m[:, k]; r = (rew[:, k] > 0) & mk
        res.append(f"k{k + 1} n+{int(r.sum())} p+ {pr[:, k][r].mean().item() if r.any() else float('nan'):.3f}")
    lr0, _, _ = rem(b.obs[:, L - 1:L + K - 1], act, b.obs[:, L:L + K]); pr0 = (lr0 + rem.prior_shift[:3]).softmax(-1)[..., 2]
    a_real = auc(pr0[m].numpy(), (rew[m] > 0).numpy())
    mm = m[:, 1:]
    a_r = auc(pr[:, 1:][mm].numpy(), (rew[:, 1:][mm] > 0).numpy()); a_e = auc(pe[:, 1:][mm].numpy(), end[:, 1:][mm].bool().numpy())
    return ' '.join(res) + f" | k>=2: mean p+ {pr[:, 1:][mm].mean().item():.4f} true {(rew[:, 1:][mm] > 0).float().mean().item():.4f} AUC rew {a_r and round(a_r, 3)} end {a_e and round(a_e, 3)} | real frames AUC rew {a_real and round(a_real, 3)}"

rem0 = agent.rew_end_model
print('original, held-out:', evaluate(rem0, held), flush=True)
rem = copy.deepcopy(rem0).train()
if len(sys.argv) > 6 and sys.argv[6] == 'scratch':                     # a fresh reward/termination model of the same size
    from diamond.rew_end import RewEndModel
    rem = RewEndModel(rem0.cfg).train(); print('from scratch', flush=True)
rew_all, end_all = (np.concatenate([getattr(e, k) for e in ds.episodes]) for k in ('rew', 'end'))
rem.prior_shift.copy_(prior_shift(rew_all, end_all, 0.5, 1 if mode.endswith('bal') else K))
opt = torch.optim.AdamW(rem.parameters(), lr=p.lr_world_model, weight_decay=1e-2)
rng, g, t0 = np.random.default_rng(0), torch.Generator().manual_seed(0), time.time()
for it in range(1, iters + 1):
    b = sample_batch(ds, B, L + K, left_only=True, generator=rng, rare_fraction=0.5, rare_positions=(L - 1, L + K - 2))
    gen = mode in ('gen', 'genbal') or (mode == 'mix' and it % 2 == 0)                # mix: every other update on generated frames
    fr = generate(b, g) if gen else b.obs[:, L - 1:L + K]
    act, rew, end, m = labels(b)
    if mode.endswith('bal'):                  # per segment: its rare transition(s) if it has one, else one ordinary transition at random
        rare = ((rew != 0) | end.bool()) & m
        one = torch.zeros_like(m); one[torch.arange(B), torch.from_numpy(rng.integers(K, size=B))] = True
        m = torch.where(rare.any(1, keepdim=True), rare, one & m)
    loss, logs = rem.loss(fr, act, rew, end, m)
    opt.zero_grad(); loss.backward(); torch.nn.utils.clip_grad_norm_(rem.parameters(), 100.); opt.step()
    if it % 100 == 0:
        rem.eval(); print(f"it {it} ({time.time() - t0:.0f} s) loss {loss.item():.3f}:", evaluate(rem, held), flush=True); rem.train()
