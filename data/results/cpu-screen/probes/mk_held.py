from diamond.atari import make_atari_env
from diamond.collector import Collector
from diamond.dataset import Dataset
from diamond.core import set_threads
set_threads(1)
ds = Dataset('/work/probe/qbert_held')
Collector(make_atari_env('Qbert', train=True), ds, epsilon=0.01, seed=12345).collect(None, num_steps=3000, progress=False)
print(len(ds.episodes), ds.num_steps, sum(int((e.rew > 0).sum()) for e in ds.episodes))
