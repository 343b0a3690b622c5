"""World-model size probe: a FRESH denoiser with CHANNELS per level (cpu preset: 16) trained UPDATES updates (the
trainer's own learner: batch 8, lr 1e-3) on the dataset of the screen run Qbert_last_w002; every 500 updates, on 256
held-out segments of fresh random-policy Qbert (/work/probe/qbert_held, mk_held.py), frames k = 1..6 predicted
autoregressively with the real actions: mean absolute error (0-255) against the real frame and against repeating the
last real frame, and the run's reward/termination model's p(+1) (prior-shifted) at the steps rewarded in reality and
at all steps.
"changed": the same errors on the pixels that change from the previous real frame (|difference| > 25 levels in some
channel: the moving sprites), where repeating the last frame is always wrong; a world model that erases Q*bert
scores there like the copy. INIT=1 in the environment: start from the run's own denoiser instead of fresh weights
(then CHANNELS must be the run's, 16). argv: OUT CHANNELS UPDATES [EULER_STEPS, default 2]"""
import sys, json, dataclasses, time, shutil
import numpy as np, torch
from pathlib import Path
from diamond.core import set_threads
from diamond.trainer import Trainer
from diamond.dataset import Dataset, sample_batch
from diamond.diagnostics import load_run
from diamond.tensors import shift_context
set_threads(1); torch.manual_seed(0)
out, ch, updates = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
nsteps = int(sys.argv[4]) if len(sys.argv) > 4 else 2
shutil.rmtree(out, ignore_errors=True)
run = '/work/screen/Qbert_last_w002'
cfg, p0, agent0, _ = load_run(run)
import os                                                 # LR in the environment: the world models' learning rate (default: the run's)
p = dataclasses.replace(p0, denoiser_channels=(ch,) * 4, lr_world_model=float(os.environ.get('LR', p0.lr_world_model)))
tr = Trainer('Qbert', p, seed=0, out=out, progress=False, dataset=run + '/dataset/episodes')
den, rem = tr.agent.denoiser, agent0.rew_end_model
import os
if os.environ.get('INIT') == '1': den.load_state_dict(agent0.denoiser.state_dict())
print(f"denoiser {ch} channels: {sum(x.numel() for x in den.parameters()):,} parameters; Euler steps {nsteps}; lr {p.lr_world_model}; init {os.environ.get('INIT') == '1'}", flush=True)
held, L, K, N = Dataset('/work/probe/qbert_held'), 4, 6, 256
b = sample_batch(held, N, L + K, left_only=True, generator=np.random.default_rng(0))
pp = lambda o, a, x: (rem(o[:, None], a[:, None], x[:, None])[0][:, 0] + rem.prior_shift[:3]).softmax(-1)[:, 2]
def ev():
    den.eval(); g = torch.Generator().manual_seed(0); err, copy, prew, pall, cerr, ccopy = [], [], [], [], [], []
    with torch.no_grad():
        obs, act = b.obs[:, :L].clone(), b.act[:, :L].clone()
        for k in range(K):
            t = L - 1 + k
            act[:, -1] = b.act[:, t]
            nxt = torch.cat([den.predict_next_obs(obs[i:i + 64], act[i:i + 64], generator=g, num_denoising_steps=nsteps) for i in range(0, N, 64)])
            m = b.mask[:, t + 1]
            err.append(round((nxt - b.obs[:, t + 1]).abs()[m].mean().item() * 127.5, 2))
            ch_ = ((b.obs[:, t + 1] - b.obs[:, t]).abs().amax(1, keepdim=True) > 25 / 127.5).expand_as(nxt) & m[:, None, None, None]
            cerr.append(round((nxt - b.obs[:, t + 1]).abs()[ch_].mean().item() * 127.5, 1))
            ccopy.append(round((b.obs[:, L - 1] - b.obs[:, t + 1]).abs()[ch_].mean().item() * 127.5, 1))
            copy.append(round((b.obs[:, L - 1] - b.obs[:, t + 1]).abs()[m].mean().item() * 127.5, 2))
            r = (b.rew[:, t] > 0) & b.mask[:, t] & m
            prew.append(round(pp(obs[:, -1], act[:, -1], nxt)[r].mean().item(), 3) if r.any() else None)
            pall.append(round(pp(obs[:, -1], act[:, -1], nxt)[m].mean().item(), 4))
            obs, act = shift_context(obs, act, nxt)
    den.train()
    return dict(error=err, copy_last=copy, p_pos_at_rewarded=prew, p_pos_mean=pall, changed_error=cerr, changed_copy_last=ccopy)
print(json.dumps(dict(updates=0, **ev())), flush=True)
t0 = time.time()
for done in range(500, updates + 1, 500):
    t1 = time.time(); logs = tr.train_component('denoiser', 500); dt = time.time() - t1
    torch.save(den.state_dict(), out/'denoiser_probe.pt')
    print(json.dumps(dict(updates=done, s=round(time.time() - t0), s_per_update=round(dt / 500, 3), loss=round(logs.get('loss_denoiser'), 4), **ev())), flush=True)
