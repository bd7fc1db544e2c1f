"""Reference numbers from PyTorch for RecurrentTorchTest.

usage: torch_reference.py rnn|lstm|gru DIR

Reads from DIR the weights (<name>.npy, PyTorch's names), x [T,B,D], h0 [L,B,H], c0 (LSTM), lengths [B],
r [T,B,H], rh [L,B,H], rc (LSTM); runs nn.RNN/LSTM/GRU in float64 on the packed (right-padded) batch, and
back-propagates L = sum(r * out) + sum(rh * h_n) (+ sum(rc * c_n)). Writes out, hn, cn, dx, dh0, dc0 and
grad_<name> as .npy files into DIR.
"""
import sys

import numpy as np
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

kind, d = sys.argv[1], sys.argv[2]
load = lambda name: torch.from_numpy(np.load(f"{d}/{name}.npy"))
x, h0, lengths, r, rh = load("x"), load("h0"), load("lengths"), load("r"), load("rh")
T, B, D = x.shape
L, _, H = h0.shape
net = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind](D, H, L).double()
net.load_state_dict({k: load(k) for k in net.state_dict()})
x.requires_grad_(True)
h0.requires_grad_(True)
packed = pack_padded_sequence(x, lengths.long(), enforce_sorted=False)
if kind == "lstm":
    c0 = load("c0").requires_grad_(True)
    out, (hn, cn) = net(packed, (h0, c0))
else:
    out, hn = net(packed, h0)
out, _ = pad_packed_sequence(out, total_length=T)
loss = (r * out).sum() + (rh * hn).sum()
if kind == "lstm":
    loss = loss + (load("rc") * cn).sum()
loss.backward()
save = lambda name, t: np.save(f"{d}/{name}.npy", t.detach().numpy())
save("out", out)
save("hn", hn)
save("dx", x.grad)
save("dh0", h0.grad)
if kind == "lstm":
    save("cn", cn)
    save("dc0", c0.grad)
for k, p in net.named_parameters():
    save("grad_" + k, p.grad)
