# Demo 1 in PyTorch: a GRU classifying words by language (datasets/words/word-languages.csv), written the way
# a PyTorch user would, for the line count in bench/README.md. Charts are left out (no matplotlib here): the
# live loss chart and the confusion heatmap would add lines. Run: python3 word_languages.py DATASETS_DIR
import csv
import random
import sys

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_sequence

rows = list(csv.DictReader(open(f"{sys.argv[1]}/words/word-languages.csv", encoding="utf-8")))
random.seed(42)
random.shuffle(rows)
cut = int(0.8 * len(rows))
chars = sorted({c for row in rows for c in row["word"]})
langs = sorted({row["language"] for row in rows})


def encode(word):
    return torch.tensor([chars.index(c) + 1 for c in word])


def tensors(part):
    return [encode(row["word"]) for row in part], torch.tensor([langs.index(row["language"]) for row in part])


train, test = tensors(rows[:cut]), tensors(rows[cut:])


class GRUClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(len(chars) + 1, 16, padding_idx=0)
        self.gru = nn.GRU(16, 64, batch_first=True)
        self.fc = nn.Linear(64, len(langs))

    def forward(self, words):
        lengths = torch.tensor([len(w) for w in words])
        x = self.embedding(pad_sequence(words, batch_first=True))
        packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        return self.fc(self.gru(packed)[1][-1])


model = GRUClassifier()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
for epoch in range(6):
    order = torch.randperm(len(train[0]))
    for start in range(0, len(order), 128):
        batch = order[start:start + 128]
        loss = nn.functional.cross_entropy(model([train[0][i] for i in batch]), train[1][batch])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        accuracy = (model(test[0]).argmax(1) == test[1]).float().mean().item()
    print(f"epoch {epoch + 1}: loss {loss.item():.3f}, test accuracy {accuracy:.3f}")


def predict(word):
    with torch.no_grad():
        p = model([encode(word)]).softmax(1)[0]
    return langs[p.argmax()], round(p.max().item(), 2)


print(predict("papillon"))
with torch.no_grad():
    predicted = model(test[0]).argmax(1)
confusion = torch.zeros(len(langs), len(langs), dtype=torch.long)
confusion.index_put_((test[1], predicted), torch.tensor(1), accumulate=True)
print(langs)
print(confusion)
