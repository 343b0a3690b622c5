"""Minor page faults, kernel and user CPU time per next-frame generation of the `cpu` denoiser (batch 8, one thread),
glibc's default allocator or `tune_host_allocator` (MODE default | tuned), medians of 20 after 5 warm-ups.
    python faults.py MODE"""
import resource, statistics, sys, time
import torch
from diamond.bench import _setup
from diamond.fast import set_channels_last, tune_host_allocator
torch.set_num_threads(1)
if sys.argv[1] == 'tuned': assert tune_host_allocator()
p, agent, data, _ = _setup('cpu', 6, 'cpu', 0)
set_channels_last(agent, True)
ctx, cact = data['ctx']
f = lambda: agent.denoiser.predict_next_obs(ctx, cact)
for _ in range(5): f()
r0, ts = resource.getrusage(resource.RUSAGE_SELF), []
for _ in range(20):
    t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
r1 = resource.getrusage(resource.RUSAGE_SELF)
print(f"{sys.argv[1]:8s} next frame median {1000 * statistics.median(ts):6.1f} ms; per call: {(r1.ru_minflt - r0.ru_minflt) / 20:7.0f} minor page faults, "
      f"kernel {1000 * (r1.ru_stime - r0.ru_stime) / 20:5.1f} ms, user {1000 * (r1.ru_utime - r0.ru_utime) / 20:5.1f} ms")
