"""Can the cpu-size reward/termination model learn Qbert's rewards from a run's 4,000-step dataset? argv: OUT ALPHA LR STEPS [CHANNELS]"""
import sys, json, dataclasses, time, shutil
import numpy as np, torch
from pathlib import Path
from diamond.core import get_preset, set_threads
from diamond.trainer import Trainer
from diamond.dataset import Dataset
from diamond.diagnostics import rew_end_predictions, class_metrics
set_threads(1)
out, alpha, lr, steps = Path(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
ch = int(sys.argv[5]) if len(sys.argv) > 5 else 16
shutil.rmtree(out, ignore_errors=True)
p = dataclasses.replace(get_preset("cpu"), rew_class_balance=alpha, lr_world_model=lr, rew_end_channels=(ch,) * 4, rew_end_rare_fraction=float(sys.argv[6]) if len(sys.argv) > 6 else 0., rew_end_memory=sys.argv[7] != 'nomem' if len(sys.argv) > 7 else True)
tr = Trainer('Qbert', p, seed=0, out=out, progress=False, dataset='/work/screen/Qbert_a0/dataset/episodes')
held = Dataset('/work/probe/qbert_held')
m = tr.agent.rew_end_model
def ev(eps):
    m.eval(); c = class_metrics(rew_end_predictions(m, eps, 10)); m.train()
    return {k: (round(c[k]['auc'], 3), c[k]['recall'], round(c[k]['mean_prob'], 4)) for k in ('1', 'end')}
t0 = time.time(); done = 0
for chunk in [250] * (steps // 250):
    logs = tr.train_component('rew_end_model', chunk); done += chunk
    print(json.dumps(dict(updates=done, s=round(time.time() - t0), loss=logs, train=ev(tr.dataset.episodes), held=ev(held.episodes))), flush=True)
