"""Is Qbert's reward visible to the cpu-size reward encoder? Balanced single transitions, no LSTM. argv: MODE (enc|full) UPDATES"""
import sys, glob, time
import numpy as np, torch, torch.nn.functional as F
from diamond.core import get_preset, set_threads
from diamond.agent import AgentConfig
from diamond.rew_end import RewEndModel
from diamond.dataset import Dataset
from diamond.diagnostics import auc
from diamond.tensors import frames_to_tensor
set_threads(1); torch.manual_seed(0)
mode, steps = sys.argv[1], int(sys.argv[2])
def pairs(d):
    O, N, A, R = [], [], [], []
    for e in Dataset(d).episodes:
        T = len(e) - 1
        O.append(e.obs[:T]); N.append(e.obs[1:T + 1]); A.append(e.act[:T]); R.append(e.rew[:T] > 0)
    return [np.concatenate(x) for x in (O, N, A, R)]
tr, te = pairs('/work/screen/Qbert_a0/dataset'), pairs('/work/probe/qbert_held')
cfg = AgentConfig.from_preset(6, get_preset("cpu")).rew_end_model
m = RewEndModel(cfg)
opt = torch.optim.AdamW(m.parameters(), lr=1e-3, weight_decay=0.01)
pos, neg = np.flatnonzero(tr[3]), np.flatnonzero(~tr[3]); rng = np.random.default_rng(0)
def logits(o, n, a):
    lr, _, _ = m(frames_to_tensor(o)[:, None], torch.from_numpy(a)[:, None], frames_to_tensor(n)[:, None])
    return lr[:, 0]
@torch.no_grad()
def ev(d, k=1500):
    idx = np.random.default_rng(1).choice(len(d[3]), min(k, len(d[3])), replace=False)
    idx = np.union1d(idx, np.flatnonzero(d[3]))
    p = torch.cat([logits(d[0][i], d[1][i], d[2][i]).softmax(-1)[:, 2] for i in np.array_split(idx, 20)]).numpy()
    return round(auc(p, d[3][idx]), 3)
t0 = time.time()
for u in range(1, steps + 1):
    if mode == 'balanced': i = np.concatenate([rng.choice(pos, 16), rng.choice(neg, 16)])
    elif mode.startswith('mix'): i = np.concatenate([rng.choice(pos, int(mode[3:])), rng.choice(len(tr[3]), 104 - int(mode[3:]))])
    else: i = rng.choice(len(tr[3]), int(mode))
    y = torch.from_numpy(tr[3][i]).long() * 2 + 0   # class 2 = +1, class 0... use 1 for zero reward
    y = torch.where(y == 2, 2, 1)
    loss = F.cross_entropy(logits(tr[0][i], tr[1][i], tr[2][i]), y)
    opt.zero_grad(); loss.backward(); opt.step()
    if u % 100 == 0: print(u, round(time.time() - t0), 'loss', round(loss.item(), 3), 'auc train', ev(tr), 'held', ev(te), flush=True)
