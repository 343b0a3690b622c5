"Summary of run.sh: per-epoch training seconds and the whole process's wall time of the two modes, their ratio, and the losses side by side."
import json, re, sys
from pathlib import Path
import pandas as pd
out = Path(sys.argv[1])
m = {k: pd.read_csv(out/k/'metrics.csv') for k in ('none', 'auto')}
t = {k: dict(re.findall(r'(\w+) ([\d.]+)', (out/f'{k}.time').read_text())) for k in m}
print('epoch seconds (none, auto, ratio):')
for (_, a), (_, b) in zip(m['none'].iterrows(), m['auto'].iterrows()):
    print(f"  epoch {int(a.epoch)}: {a.seconds:8.1f} {b.seconds:8.1f}  {a.seconds / b.seconds:.2f}x")
s = {k: v.seconds.sum() for k, v in m.items()}
w = {k: float(t[k]['elapsed_s']) for k in m}
print(f"training epochs: none {s['none']:.0f} s, auto {s['auto']:.0f} s: {s['none'] / s['auto']:.2f}x")
print(f"whole process (collection, epochs, evaluation): none {w['none']:.0f} s, auto {w['auto']:.0f} s: {w['none'] / w['auto']:.2f}x")
print('peak RSS MiB:', {k: round(int(t[k]['max_rss_kb']) / 1024) for k in m})
cols = ['loss_denoiser', 'loss_rew_end', 'loss_actor', 'loss_value', 'entropy']
print('losses, none | auto (fp32 in both; channels-last sums in another order, so the runs drift apart):')
print(pd.concat({k: v.set_index('epoch')[cols] for k, v in m.items()}, axis=1).round(4).to_string())
for k in m:
    f = json.loads((out/k/'final.json').read_text())
    print(f"{k}: final return {f['final_return_mean']:.1f} ({len(f['returns'])} games); fast mode {json.loads((out/k/'config.json').read_text())['fast']}")
