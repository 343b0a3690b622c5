"""Ends per step of life-loss episodes (the training protocol, `make_atari_env(train=True)`) under a uniform random
policy, N steps per game (seed 0).    python end_rates.py [N]"""
import sys
import numpy as np
from diamond.atari import make_atari_env
n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
for game in ('Breakout', 'Qbert', 'MsPacman', 'Pong', 'Boxing'):
    env, rng, ends = make_atari_env(game, train=True), np.random.default_rng(0), 0
    env.reset(seed=0)
    for _ in range(n):
        _, _, term, trunc, _ = env.step(int(rng.integers(env.action_space.n)))
        if term or trunc: ends += 1; env.reset()
    print(f"{game:9s} {ends:4d} ends in {n} steps: {ends / n:.4f} per step", flush=True)
