"""Per game of Atari 100k: a uniform-random policy's rewarded steps per step and lost lives per step, over N steps of the
training environment (frameskip 4, 64x64, a lost life ends an episode). argv: N"""
import sys, numpy as np
from diamond.core import ATARI_100K_GAMES
from diamond.atari import make_atari_env
N = int(sys.argv[1])
for g in ATARI_100K_GAMES:
    env = make_atari_env(g, train=True, seed=0); rng = np.random.default_rng(0)
    env.reset(seed=0); pos = neg = ends = 0
    for t in range(N):
        _, r, term, trunc, _ = env.step(int(rng.integers(env.action_space.n)))
        pos += r > 0; neg += r < 0; ends += term
        if term or trunc: env.reset()
    print(f"{g:15s} actions {env.action_space.n:2d}  p(+) {pos / N:.4f}  p(-) {neg / N:.4f}  p(end) {ends / N:.4f}", flush=True)
