"""Speed-ups over `none` of run_seq.sh's modes: per operation, the mean of each mode's two processes' medians."""
import json, glob, statistics
runs = {}
for f in sorted(glob.glob('seq_*_*.json')):
    d = json.load(open(f)); runs.setdefault(d['mode'], []).append(d)
modes = [m for m in ('none', 'cl', 'auto') if m in runs]
mean = lambda m, op: statistics.mean(r['ops'][op]['median_s'] for r in runs[m])
print(f"processes per mode: {', '.join(f'{m} {len(runs[m])}' for m in modes)}; medians of {runs[modes[0]][0]['reps']} calls each")
for op in runs['none'][0]['ops']:
    faults = '  '.join(f"{m} {statistics.mean(r['ops'][op]['page_faults_per_call'] for r in runs[m]):7.0f}" for m in modes)
    print(f"{op:26s} " + '  '.join(f"{m} {mean(m, op):.3f} s ({mean('none', op) / mean(m, op):.2f}x)" for m in modes) + f"   page faults per call: {faults}")
ep = {m: statistics.mean(r['projected_epoch_s'] for r in runs[m]) for m in modes}
print(f"{'projected cpu epoch':26s} " + '  '.join(f"{m} {ep[m]:.1f} s ({ep['none'] / ep[m]:.2f}x)" for m in modes)
      + f"   imagined ends per step: " + ', '.join(f"{m} {statistics.mean(r['imagined_end'] for r in runs[m]):.3f}" for m in modes))
