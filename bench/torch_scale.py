#!/usr/bin/env python3
"""The reference for `chainrule bench --scale`: PyTorch, float64, one thread, one forward + backward pass of the
benchmark's networks (ReLU hidden layers; softmax + cross-entropy, mean over the samples, or sigmoid + BCE for one
output), as the CPU time of this thread (what `bench --clock cpu` measures). Weights and data are random: the time
does not depend on them. Prints a Markdown table.

    /usr/bin/python3 bench/torch_scale.py [--sizes 24-32-10,...] [--samples 1,10,100,1000] [--repeat 5]

Needs torch (Debian: apt-get install python3-torch).
"""
import argparse
import statistics
import time

import torch

SIZES = "24-32-10,128-64-10,784-128-10,784-384-10,1000-1000-10"
SAMPLES = "1,10,100,1000"


def network(widths, samples, gen):
    layers = []
    for fan, units in zip(widths, widths[1:]):
        w = (torch.rand(units, fan, generator=gen, dtype=torch.float64) - 0.5).requires_grad_()
        b = (torch.rand(units, generator=gen, dtype=torch.float64) - 0.5).requires_grad_()
        layers.append((w, b))
    x = torch.rand(samples, widths[0], generator=gen, dtype=torch.float64)
    if widths[-1] == 1:
        y = torch.randint(0, 2, (samples, 1), generator=gen).to(torch.float64)
    else:
        y = torch.randint(0, widths[-1], (samples,), generator=gen)
    return layers, x, y


def step(layers, x, y, one_output):
    a = x
    for i, (w, b) in enumerate(layers):
        z = a @ w.T + b
        a = torch.relu(z) if i < len(layers) - 1 else z
    if one_output:
        loss = torch.nn.functional.binary_cross_entropy_with_logits(a, y)
    else:
        loss = torch.nn.functional.cross_entropy(a, y)
    for w, b in layers:
        w.grad = None
        b.grad = None
    loss.backward()
    return loss.item()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default=SIZES)
    p.add_argument("--samples", default=SAMPLES)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()
    torch.set_num_threads(1)
    gen = torch.Generator().manual_seed(1)
    print(f"torch {torch.__version__}, float64, 1 thread, CPU time of the thread, median of {args.repeat} after 2 warm-up runs\n")
    print("| network | parameters | samples | forward + backward (ms) |")
    print("|---|---:|---:|---:|")
    for size in args.sizes.split(","):
        widths = [int(w) for w in size.split("-")]
        params = sum(u * (f + 1) for f, u in zip(widths, widths[1:]))
        for n in (int(s) for s in args.samples.split(",")):
            layers, x, y = network(widths, n, gen)
            times = []
            for r in range(args.repeat + 2):
                t0 = time.thread_time_ns()
                step(layers, x, y, widths[-1] == 1)
                if r >= 2:
                    times.append(time.thread_time_ns() - t0)
            print(f"| {size} | {params:,} | {n:,} | {statistics.median(times) / 1e6:.4f} |")


if __name__ == "__main__":
    main()
