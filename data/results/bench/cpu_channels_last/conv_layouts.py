import torch, time
torch.set_num_threads(1)
def bench(f, n=50):
    for _ in range(5): f()
    t = time.perf_counter()
    for _ in range(n): f()
    return (time.perf_counter() - t) / n * 1e3
for cin, cout, hw, B in ((16, 16, 64, 8), (32, 32, 32, 8), (3, 16, 64, 8), (16, 16, 64, 32)):
    conv = torch.nn.Conv2d(cin, cout, 3, padding=1)
    x = torch.randn(B, cin, hw, hw)
    with torch.no_grad():
        a = bench(lambda: conv(x))
        conv_cl = torch.nn.Conv2d(cin, cout, 3, padding=1).to(memory_format=torch.channels_last); xc = x.contiguous(memory_format=torch.channels_last)
        b = bench(lambda: conv_cl(xc))
    gflop = 2 * cin * cout * 9 * hw * hw * B / 1e9
    print(f"conv {cin}->{cout} {hw}x{hw} b{B}: NCHW {a:.3f} ms ({gflop / a * 1e3:.1f} GFLOP/s), channels_last {b:.3f} ms ({gflop / b * 1e3:.1f} GFLOP/s)")
x = torch.randn(8, 16, 64, 64)
print('maxpool', bench(lambda: torch.nn.functional.max_pool2d(x, 2)), 'cl', bench(lambda: torch.nn.functional.max_pool2d(x.contiguous(memory_format=torch.channels_last), 2)))
print('groupnorm', bench(lambda: torch.nn.functional.group_norm(x, 4)))
