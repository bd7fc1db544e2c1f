# Demo 2 in PyTorch: an LSTM forecasting a noisy sine, written the way a PyTorch user would, for the line
# count in bench/README.md. The forecast chart is left out (no matplotlib here). Run: python3 noisy_sine.py
import torch
import torch.nn as nn

torch.manual_seed(1)
t = torch.arange(1000, dtype=torch.float32)
series = torch.sin(2 * torch.pi * t / 50) + 0.1 * torch.randn(1000)
train_end, valid_end, window = 700, 850, 50
mean, std = series[:train_end].mean(), series[:train_end].std()
scaled = (series - mean) / std


def windows(start, end):
    starts = range(max(start, window), end)
    x = torch.stack([scaled[i - window:i] for i in starts]).unsqueeze(-1)
    return x, torch.stack([scaled[i:i + 1] for i in starts])


train, valid = windows(0, train_end), windows(train_end, valid_end)


class Forecaster(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(1, 32, batch_first=True)
        self.fc = nn.Linear(32, 1)

    def forward(self, x, state=None):
        out, state = self.lstm(x, state)
        return self.fc(out[:, -1]), state


model = Forecaster()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
for epoch in range(10):
    order = torch.randperm(len(train[0]))
    for start in range(0, len(order), 32):
        batch = order[start:start + 32]
        loss = nn.functional.mse_loss(model(train[0][batch])[0], train[1][batch])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        mae = (model(valid[0])[0] - valid[1]).abs().mean().item() * std.item()
    print(f"epoch {epoch + 1}: loss {loss.item():.4f}, validation MAE {mae:.3f}")

with torch.no_grad():
    y, state = model(scaled[valid_end - window:valid_end].view(1, -1, 1))
    forecast = [y.item()]
    for _ in range(99):
        y, state = model(y.view(1, 1, 1), state)
        forecast.append(y.item())
forecast = torch.tensor(forecast) * std + mean
print("forecast MAE over 100 steps:", (forecast - series[valid_end:valid_end + 100]).abs().mean().item())
