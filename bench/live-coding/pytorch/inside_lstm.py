# Demo 3 in PyTorch: a look inside a character LSTM (gates and states per character), written the way a PyTorch
# user would, for the line count in bench/README.md. nn.LSTM does not return its gates, so they are recomputed
# from its weights step by step. The heatmaps and the unit chart are left out (no matplotlib here): they would
# add lines. Run: python3 inside_lstm.py DATASETS_DIR
import sys

import torch
import torch.nn as nn

text = open(f"{sys.argv[1]}/text/devils-dictionary.txt", encoding="utf-8").read()
chars = sorted(set(text))
ids = torch.tensor([chars.index(c) for c in text])


class CharLSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(len(chars), 128)
        self.fc = nn.Linear(128, len(chars))

    def forward(self, x, state=None):
        out, state = self.lstm(nn.functional.one_hot(x, len(chars)).float(), state)
        return self.fc(out), state


model = CharLSTM()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
chunks = ids[:len(ids) // 33 * 33].view(-1, 33)
for step in range(372):
    batch = chunks[torch.randint(len(chunks), (32,))].T
    logits, _ = model(batch[:-1])
    loss = nn.functional.cross_entropy(logits.reshape(-1, len(chars)), batch[1:].reshape(-1))
    optimizer.zero_grad()
    loss.backward()
    nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    if step % 50 == 0:
        print(f"step {step}: loss {loss.item():.3f}")


def trace(sentence):
    """Every gate and state of the LSTM at each character: i, f, g, o, c, h, each [T, H]."""
    w_ih, w_hh = model.lstm.weight_ih_l0, model.lstm.weight_hh_l0
    b = model.lstm.bias_ih_l0 + model.lstm.bias_hh_l0
    h = c = torch.zeros(128)
    names = ["i", "f", "g", "o", "c", "h"]
    out = {name: [] for name in names}
    with torch.no_grad():
        for ch in sentence:
            x = nn.functional.one_hot(torch.tensor(chars.index(ch)), len(chars)).float()
            i, f, g, o = (w_ih @ x + w_hh @ h + b).chunk(4)
            i, f, g, o = i.sigmoid(), f.sigmoid(), g.tanh(), o.sigmoid()
            c = f * c + i * g
            h = o * c.tanh()
            for name, value in zip(names, (i, f, g, o, c, h)):
                out[name].append(value)
    return {name: torch.stack(values) for name, values in out.items()}


sentence = "The cynic is a blackguard whose faulty vision sees things as they are, not as they ought to be."
gates = trace(sentence)
print({name: tuple(value.shape) for name, value in gates.items()})
print("unit 17, forget gate:", gates["f"][:, 17].numpy().round(2))


def sample(prompt, length, temperature):
    with torch.no_grad():
        logits, state = model(torch.tensor([chars.index(c) for c in prompt]).view(-1, 1))
        out = prompt
        for _ in range(length):
            p = (logits[-1, 0] / temperature).softmax(0)
            nxt = torch.multinomial(p, 1)
            out += chars[nxt.item()]
            logits, state = model(nxt.view(1, 1), state)
    return out


torch.manual_seed(42)
print(sample("The ", 200, 0.8))
