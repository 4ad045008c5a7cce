"""Writes fixture_activations.json: a 2-4-3-3-2 nn.Sequential (ELU, GELU, SiLU, Softplus) in float64 with
MSELoss(reduction="sum") — chainrule's loss se with reduction sum — over 3 samples.

Run from this folder with PyTorch installed: python3 make_fixture_activations.py
Same layout as make_fixture.py (state_dict, data, torch's loss and every .grad); the tests read the JSON only.
"""
import json

import torch

torch.manual_seed(23)
torch.set_default_dtype(torch.float64)

model = torch.nn.Sequential(
    torch.nn.Linear(2, 4), torch.nn.ELU(),
    torch.nn.Linear(4, 3), torch.nn.GELU(),
    torch.nn.Linear(3, 3), torch.nn.SiLU(),
    torch.nn.Linear(3, 2), torch.nn.Softplus(),
)
x = torch.tensor([[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0]])
y = torch.tensor([[1.0, 0.0], [0.0, 0.5], [1.0, 2.0]])

loss = torch.nn.MSELoss(reduction="sum")(model(x), y)
model.zero_grad()
loss.backward()

state_dict = {k: v.tolist() for k, v in model.state_dict().items()}
fixture = {
    "torch_version": torch.__version__,
    "layers": "nn.ELU,GELU,SiLU,Softplus",
    "loss_name": "se",
    "reduction": "sum",
    "state_dict": state_dict,
    "x": x.tolist(),
    "y": y.tolist(),
    "loss": loss.item(),
    "grads": {name: p.grad.tolist() for name, p in model.named_parameters()},
}
with open("fixture_activations.json", "w") as f:
    json.dump(fixture, f, indent=1)
