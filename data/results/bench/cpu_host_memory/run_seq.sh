#!/usr/bin/env bash
# One core: the modes one after another, twice (none, cl, auto, none, cl, auto), REPS calls each.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PY:-../../../../.venv/bin/python}
REPS=${REPS:-15}
for i in 1 2; do for m in none cl auto; do OMP_NUM_THREADS=1 $PY paired.py $m $REPS 0.026 > seq_${m}_$i.json; done; done
