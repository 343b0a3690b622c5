"""Ratios of the paired runs (run.sh): seconds of the first mode over the second's, per operation; page faults per call."""
import json, glob
for f1 in sorted(glob.glob('pair_*_vs_*.*.json')):
    pair, mode = f1.split('.')[0], f1.split('.')[1]
    a, b = pair[5:].split('_vs_')
    if mode != a: continue
    A, B = json.load(open(f'{pair}.{a}.json')), json.load(open(f'{pair}.{b}.json'))
    print(f"{a} vs {b} (run at the same time, one core each; medians of {A['reps']}):")
    for op in A['ops']:
        x, y = A['ops'][op], B['ops'][op]
        print(f"  {op:26s} {a} {x['median_s']:.3f} s ({x['page_faults_per_call']:7.0f} faults)  {b} {y['median_s']:.3f} s ({y['page_faults_per_call']:5.0f} faults)  {x['median_s'] / y['median_s']:.2f}x")
    print(f"  {'projected cpu epoch':26s} {a} {A['projected_epoch_s']:.1f} s  {b} {B['projected_epoch_s']:.1f} s  {A['projected_epoch_s'] / B['projected_epoch_s']:.2f}x"
          f"   (imagined ends per step {A['imagined_end']:.3f}, {B['imagined_end']:.3f})")
