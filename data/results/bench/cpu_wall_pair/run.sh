#!/bin/bash
# A real wall-time pair for the CPU fast path: the same shortened `cpu` run (Qbert, seed 0, the `cal` candidate's values,
# 5 epochs) under `--compile none` (eager reference) and `--compile auto` (channels-last weights, tuned host allocator),
# started together, each pinned to its own core with one torch thread, so both see the same machine.
# Usage (repository root, machine otherwise idle): bash data/results/bench/cpu_wall_pair/run.sh OUT
# Writes OUT/{none,auto}/ (run directories) and OUT/{none,auto}.time (GNU time: elapsed seconds, peak RSS).
set -eu
OUT=${1:?usage: run.sh OUT}
mkdir -p "$OUT"
OV="train_steps_first_epoch=400,100,100 train_steps_per_epoch=100,20,60 num_steps_total=2300 initial_collect_min=2000 initial_collect_max=2000 num_final_epochs=1 final_eval_episodes=10 weight_entropy=0.002 rew_end_memory=false rew_end_rare_fraction=0.5 num_denoising_steps=2 rew_end_imagined=0.5 rew_end_imagined_last=true rew_end_calibrate=true"
core=0
for mode in none auto; do
  OMP_NUM_THREADS=1 taskset -c $core /usr/bin/time -f "elapsed_s %e max_rss_kb %M" -o "$OUT/$mode.time" \
    .venv/bin/diamond-train --game Qbert --seed 0 --preset cpu --out "$OUT/$mode" --threads 1 --compile $mode --quiet --override "$OV" \
    > "$OUT/$mode.log" 2>&1 &
  core=$((core + 1))
done
wait
for mode in none auto; do echo "$mode: $(cat "$OUT/$mode.time")"; done
