"""Writes fixture.json: a 2-3-1 nn.Sequential (ReLU, sigmoid) in float64 with BCE, mean over 3 samples.

Run from this folder with PyTorch installed: python3 make_fixture.py
The JSON holds the state_dict as exported for `chainrule import` ({name: tensor.tolist()}), the data, and
torch's loss and gradient of every parameter (by state_dict name) after one forward and backward pass.
The tests read the JSON only; they do not need PyTorch.
"""
import json

import torch

torch.manual_seed(15)
torch.set_default_dtype(torch.float64)

model = torch.nn.Sequential(
    torch.nn.Linear(2, 3), torch.nn.ReLU(),
    torch.nn.Linear(3, 1), torch.nn.Sigmoid(),
)
x = torch.tensor([[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0]])
y = torch.tensor([[1.0], [0.0], [1.0]])

loss = torch.nn.BCELoss(reduction="mean")(model(x), y)
model.zero_grad()
loss.backward()

state_dict = {k: v.tolist() for k, v in model.state_dict().items()}
fixture = {
    "torch_version": torch.__version__,
    "layers": "relu,sigmoid",
    "loss_name": "bce",
    "reduction": "mean",
    "state_dict": state_dict,
    "x": x.tolist(),
    "y": y.tolist(),
    "loss": loss.item(),
    "grads": {name: p.grad.tolist() for name, p in model.named_parameters()},
}
with open("fixture.json", "w") as f:
    json.dump(fixture, f, indent=1)
with open("state_dict.json", "w") as f:
    json.dump(state_dict, f)
