"""PyTorch's half of bench/rnn-vs-pytorch.sh: ms per training step on CPU, float32.

A step: forward over one-hot inputs (vocabulary 65, batch 32, 64 steps), Linear(H, 65), cross-entropy over
all steps, backward, clip_grad_norm_(1.0), Adam. The same configuration RnnVsPyTorch.java times in Seqlab.
Prints "pytorch KIND H MIN_MS MEDIAN_MS CPU_MS THREADS" per configuration (fastest and median wall-clock time
of the timed steps, process CPU time per step), at the thread count with the lowest median among those tried.

usage: rnn_vs_pytorch.py [kinds=rnn,lstm,gru] [hidden=64,128,256] [steps=30] [threads=1,2]
       rnn_vs_pytorch.py stream [kinds] [hidden=128] [steps=2000] [threads=1,2]

stream times the batch-1 inference step instead: the same model (nn.RNN/LSTM/GRU + nn.Linear(H, 65)) called one
step at a time under torch.no_grad(), a one-hot input [1, 1, 65] in, 65 logits out, the state kept; it prints
"pytorch-stream KIND H MIN_US MEDIAN_US CPU_US THREADS" in microseconds per step.
"""
import sys
import time

import torch
import torch.nn.functional as F

V, B, T = 65, 32, 64
WARMUP_SECONDS = 5.0


def arg(k, default):
    return sys.argv[k] if len(sys.argv) > k else default


def time_step(kind, hidden, steps, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    rnn = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind](V, hidden)
    fc = torch.nn.Linear(hidden, V)
    params = list(rnn.parameters()) + list(fc.parameters())
    opt = torch.optim.Adam(params, lr=2e-3)
    x = F.one_hot(torch.randint(0, V, (T, B)), V).float()
    y = torch.randint(0, V, (T, B))

    def step():
        opt.zero_grad()
        out, _ = rnn(x)
        loss = F.cross_entropy(fc(out).reshape(T * B, V), y.reshape(T * B))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()

    warm_until = time.perf_counter() + WARMUP_SECONDS  # same warm-up rule as the Java side
    k = 0
    while k < 10 or time.perf_counter() < warm_until:
        step()
        k += 1
    ms = []
    cpu0 = time.process_time()
    for _ in range(steps):
        t0 = time.perf_counter()
        step()
        ms.append((time.perf_counter() - t0) * 1e3)
    cpu = (time.process_time() - cpu0) * 1e3 / steps
    ms.sort()
    return ms[steps // 2], ms[0], cpu


def time_stream(kind, hidden, steps, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    rnn = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind](V, hidden)
    fc = torch.nn.Linear(hidden, V)
    inputs = [F.one_hot(torch.tensor([[i]]), V).float() for i in torch.randint(0, V, (4096,)).tolist()]
    with torch.no_grad():
        state = None
        warm_until = time.perf_counter() + WARMUP_SECONDS
        k = 0
        while k < 1000 or time.perf_counter() < warm_until:
            out, state = rnn(inputs[k % len(inputs)], state)
            fc(out)
            k += 1
        state = None
        us = []
        cpu0 = time.process_time()
        for k in range(steps):
            t0 = time.perf_counter()
            out, state = rnn(inputs[k % len(inputs)], state)
            fc(out)
            us.append((time.perf_counter() - t0) * 1e6)
        cpu = (time.process_time() - cpu0) * 1e6 / steps
    us.sort()
    return us[steps // 2], us[0], cpu


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "stream":
        del sys.argv[1]
        kinds = arg(1, "rnn,lstm,gru").split(",")
        hidden = [int(h) for h in arg(2, "128").split(",")]
        steps = int(arg(3, "2000"))
        threads = [int(t) for t in arg(4, "1,2").split(",")]
        for kind in kinds:
            for h in hidden:
                (median, fastest, cpu), t = min((time_stream(kind, h, steps, t), t) for t in threads)
                print(f"pytorch-stream {kind} {h} {fastest:.2f} {median:.2f} {cpu:.2f} {t}", flush=True)
        return
    kinds = arg(1, "rnn,lstm,gru").split(",")
    hidden = [int(h) for h in arg(2, "64,128,256").split(",")]
    steps = int(arg(3, "30"))
    threads = [int(t) for t in arg(4, "1,2").split(",")]
    for kind in kinds:
        for h in hidden:
            (median, fastest, cpu), t = min((time_step(kind, h, steps, t), t) for t in threads)
            print(f"pytorch {kind} {h} {fastest:.2f} {median:.2f} {cpu:.2f} {t}", flush=True)


if __name__ == "__main__":
    main()
