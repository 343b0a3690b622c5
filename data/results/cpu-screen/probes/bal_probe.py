"""Sequences as the trainer samples them (rare_fraction Q), loss balanced within the batch (each class present: equal mass).
argv: OUT Q UPDATES"""
import sys, json, dataclasses, time, shutil
import numpy as np, torch, torch.nn.functional as F
from pathlib import Path
from diamond.core import get_preset, set_threads
from diamond.trainer import Trainer
from diamond.dataset import Dataset, sample_batch
from diamond.diagnostics import rew_end_predictions, class_metrics
set_threads(1)
out, q, steps, mode = Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
shutil.rmtree(out, ignore_errors=True)
p = get_preset('cpu')
tr = Trainer('Qbert', p, seed=0, out=out, progress=False, dataset='/work/screen/Qbert_a0/dataset/episodes')
held = Dataset('/work/probe/qbert_held')
m = tr.agent.rew_end_model; opt, sched = tr.opts['rew_end_model']
def ev(eps):
    m.eval(); c = class_metrics(rew_end_predictions(m, eps, 10)); m.train()
    return {k: (round(c[k]['auc'], 3), c[k]['recall'], round(c[k]['mean_prob'], 3)) for k in ('1', 'end')}
def bce(logits, target):
    l = F.cross_entropy(logits, target, reduction='none')
    return sum(l[target == c].mean() for c in target.unique()) / len(target.unique())
rng = np.random.default_rng(0); t0 = time.time()
for u in range(1, steps + 1):
    b = sample_batch(tr.dataset, 8, 14, left_only=False, generator=rng, rare_fraction=q)
    if mode == 'paper':
        loss, _ = m.loss(b.obs, b.act[:, :-1], b.rew[:, :-1], b.end[:, :-1], b.mask[:, :-1])
    else:
        lr_, le_, _ = m(b.obs[:, :-1], b.act[:, :-1], b.obs[:, 1:])
        mask = b.mask[:, :-1]
        loss = bce(lr_[mask], (b.rew[:, :-1].sign() + 1).long()[mask]) + bce(le_[mask], b.end[:, :-1].long()[mask])
    opt.zero_grad(); loss.backward(); torch.nn.utils.clip_grad_norm_(m.parameters(), 100); opt.step(); sched.step()
    if u % 250 == 0: print(json.dumps(dict(updates=u, s=round(time.time() - t0), loss=round(loss.item(), 3), train=ev(tr.dataset.episodes), held=ev(held.episodes))), flush=True)
