"""One imagined step from 1,000 dataset contexts of the Qbert_nomem_q0.5 run: the reward model's p(+1) (prior-shifted)
with the real or a random action, on the real or the predicted next frame; mean over all and at the 14 rewarded steps."""
import torch, numpy as np
from diamond.diagnostics import load_run
from diamond.dataset import sample_batch
cfg, p, agent, ds = load_run('/work/screen/Qbert_nomem_q0.5')
rem, den = agent.rew_end_model, agent.denoiser
g = torch.Generator().manual_seed(0); rng = np.random.default_rng(0)
b = sample_batch(ds, 1000, 5, left_only=True, generator=rng)
ctx, act, nxt_real, rew = b.obs[:, :4], b.act[:, :4], b.obs[:, 4], b.rew[:, 3]
with torch.no_grad():
    out = {}
    for name, a_last in (('real action', act[:, -1]), ('random action', torch.randint(0, 6, (1000,), generator=g))):
        x = act.clone(); x[:, -1] = a_last
        pred = torch.cat([den.predict_next_obs(ctx[i:i+100], x[i:i+100], generator=g) for i in range(0, 1000, 100)])
        for fr, nx in (('real next', nxt_real), ('predicted', pred)):
            lr, _, _ = rem(ctx[:, -1:], a_last[:, None], nx[:, None])
            pp = (lr[:, 0] + rem.prior_shift[:3]).softmax(-1)[:, 2]
            out[(name, fr)] = (pp.mean().item(), pp[rew > 0].mean().item() if (rew > 0).any() else None)
print('rewarded in batch', int((rew > 0).sum()), 'of 1000')
for k, v in out.items(): print(k, v)
