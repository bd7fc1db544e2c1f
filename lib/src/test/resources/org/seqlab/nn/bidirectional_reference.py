"""Reference numbers from PyTorch for BidirectionalTorchTest.

usage: bidirectional_reference.py rnn|lstm|gru DIR

Reads from DIR the weights (<name>.npy, PyTorch's names, the reverse direction's ending in _reverse), x [T,B,D],
lengths [B], r [T,B,2H], rlast [B,2H]; runs a one-layer nn.RNN/LSTM/GRU(bidirectional=True) in float64 on the
packed (right-padded) batch from zero states, and back-propagates L = sum(r * out) + sum(rlast * [h_n fwd, h_n rev]).
Writes out, last, dx and grad_<name> as .npy files into DIR.
"""
import sys

import numpy as np
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

kind, d = sys.argv[1], sys.argv[2]
load = lambda name: torch.from_numpy(np.load(f"{d}/{name}.npy"))
x, lengths, r, rlast = load("x"), load("lengths"), load("r"), load("rlast")
T, B, D = x.shape
H = r.shape[2] // 2
net = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind](D, H, 1, bidirectional=True).double()
net.load_state_dict({k: load(k) for k in net.state_dict()})
x.requires_grad_(True)
packed = pack_padded_sequence(x, lengths.long(), enforce_sorted=False)
out, state = net(packed)
hn = state[0] if kind == "lstm" else state
out, _ = pad_packed_sequence(out, total_length=T)
last = torch.cat([hn[0], hn[1]], dim=1)
loss = (r * out).sum() + (rlast * last).sum()
loss.backward()
save = lambda name, t: np.save(f"{d}/{name}.npy", t.detach().numpy())
save("out", out)
save("last", last)
save("dx", x.grad)
for k, p in net.named_parameters():
    save("grad_" + k, p.grad)
