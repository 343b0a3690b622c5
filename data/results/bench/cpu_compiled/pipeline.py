import json, sys
from diamond.core import set_threads
from diamond.bench import pipeline
set_threads(1)
out = []
for path in ('eager', 'compiled'):
    r = pipeline('cpu', 6, 'cpu', 'fp32', path, epochs=int(sys.argv[1])); out.append(r)
    print(path, [round(s, 3) for s in r['seconds_per_update']], 'epoch', round(r['epoch_seconds'], 1), 's; run', round(r['run_days'] * 1440, 1), 'min', flush=True)
json.dump(out, open(sys.argv[2], 'w'), indent=1)
