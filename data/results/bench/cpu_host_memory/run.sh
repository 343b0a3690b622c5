#!/usr/bin/env bash
# Two modes at once, one per core (OMP_NUM_THREADS=1 each), then the next pair: none | auto, then cl | auto.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PY:-../../../../.venv/bin/python}
REPS=${REPS:-21}
for pair in "none auto" "cl auto"; do
    set -- $pair
    OMP_NUM_THREADS=1 $PY paired.py $1 $REPS 0.026 > pair_$1_vs_$2.$1.json &
    OMP_NUM_THREADS=1 $PY paired.py $2 $REPS 0.026 > pair_$1_vs_$2.$2.json
    wait
done
