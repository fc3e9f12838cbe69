#!/usr/bin/env python3
"""Golden training runs of deep networks (2 to 4 hidden layers), computed with numpy in float64, for the engine's
DeepReferenceTest.

Run from the repository root (numpy only, offline; Maven and Java for the export below):

    python3 tools/reference/deep_reference.py               # --no-compile: reuse target/ as it is

It writes src/test/resources/reference/deep/<optimizer>.json. The Java tests read those files; they never run Python.
The committed files come from numpy 2.4.6 (the `python3` on the build machine) and a rerun reproduces them bit for
bit; another numpy (Debian's 1.24 at /usr/bin/python3) sums in another order and differs by round-off (5e-16).

Same start, same data, same batches: the engine's seeded initial weights, its spiral (or CSV) points and the rows
of each minibatch are exported by the Java side (org.optimizerlab.train.DeepReferenceInput, a test class: this
script compiles the tests and runs it) and copied into each case under "input". Nothing else comes from the Java
code: the network, the loss, its gradient (backpropagation by matrix products over the whole batch, not the
engine's sample-by-sample loop) and the optimizers are written here from the formulas:

  network (docs/spec-training.md)  h_0 = x,  h_l = act(h_{l-1} W_l + b_l),  scores = h_L W_out + b_out
                                   flat parameters: W_1 (fan-in x width, row-major), b_1, ..., W_out, b_out
  loss of a batch of m rows        mean over the rows of -log softmax(scores)[label] + 0.5 reg sum_l |W_l|^2
                                   (the penalty covers the weight matrices, not the biases, and is not divided by m)
  act                              relu: max(0, z), derivative 1 where the output is > 0;  tanh, derivative 1 - h^2

and the optimizers as torch.optim documents its update rules (constant lr, parameters p, gradient g, step t from 1;
the spec's names in brackets; omitted hyperparameters take the notes' defaults of spec_defaults.py):

  sgd        p -= lr g
  momentum   b = mu b + g (b = g at t = 1);  p -= lr b                 SGD(momentum=mu)
  nesterov   b as momentum;  p -= lr (g + mu b)                         SGD(momentum=mu, nesterov=True)
  adagrad    s += g^2;  p -= lr g / (sqrt(s) + eps)                     Adagrad(lr_decay=0, initial_accumulator_value=0)
  rmsprop    s = alpha s + (1 - alpha) g^2;  p -= lr g / (sqrt(s) + eps)   RMSprop(alpha=decay_rate)
  adam       m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;             Adam(betas=(mu, decay_rate))
             p -= (lr / (1 - b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + eps)
  amsgrad    as adam with vmax = max(vmax, v) in place of v in the step   Adam(amsgrad=True)   ("variant": "paper")
  amsgrad    the notes' line read element-wise: v = max(v, b2 v + (1 - b2) g^2), then adam's step   ("variant": "notes")

No dropout (its random masks would have to be exported too).

Each case records: the loss of every update (step 0: the full training loss at the start; step k: the batch loss of
update k, at the parameters before it, as the engine's records have it), the Euclidean norm of every update's
gradient, at the end of each epoch the full training and validation loss and accuracy, and all parameters after
update 1, after the middle update and after the last.

Every case is checked for being well conditioned, as in torch_reference.py: a run from a start moved by one part in
1e10 must stay within AMPLIFICATION_LIMIT * 1e-10 of the original (the same relative measure as the Java test), so
the round-off differences between two correct implementations stay far below the test's tolerance; a ReLU unit
whose input sits at its kink, for one, would fail this. And since the test compares accuracies exactly, no point
at an evaluation may have its two highest scores closer than MARGIN_LIMIT (a tie round-off could break).
"""

import json
import math
import os
import subprocess
import sys

import numpy as np

from spec_defaults import OPTIMIZER_DEFAULTS, with_defaults

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "src", "test", "resources", "reference", "deep")
WORK = os.path.join(ROOT, "target", "deep-reference")
EXPORTER = "org.optimizerlab.train.DeepReferenceInput"

STEPS = 40
PERTURBATION = 1e-10
AMPLIFICATION_LIMIT = 1e4
FLOOR = 1e-6                           # parameters: RelativeDifference.PARAMS of the Java tests
MARGIN_LIMIT = 1e-6                    # the closest two highest scores of a point at an evaluation may be


# The engine's default "small" (0.01 N(0, 1)) barely moves a deep network in 40 updates: start where it learns
# (and with biases of 0.03, which no first adaptive step of lr 0.01 or 0.02 cancels to round-off).
INIT = {"relu": "he", "tanh": "xavier"}


def spiral_case(name, optimizer, hidden, activation, reg, batch_size=None, classes=3, seed=3):
    problem = {"type": "mlp-spiral", "classes": classes, "points_per_class": 20, "hidden": hidden,
               "activation": activation, "reg": reg, "init": INIT[activation], "bias_init": 0.03}
    spec = {"problem": problem, "seed": seed, "steps": STEPS, "runs": [{"id": "numpy", "optimizer": optimizer}]}
    if batch_size is not None:
        spec["batch_size"] = batch_size
    return {"name": name, "spec": spec}


def iris_case(name, optimizer, hidden, activation, reg, batch_size):
    problem = {"type": "csv", "file": "iris.csv", "task": "classification", "label": "species", "hidden": hidden,
               "activation": activation, "reg": reg, "init": INIT[activation]}
    spec = {"problem": problem, "seed": 1, "steps": STEPS, "batch_size": batch_size,
            "runs": [{"id": "numpy", "optimizer": optimizer}]}
    return {"name": name, "folder": "lessons/10-tuning", "spec": spec}


# Depths 2, 3 and 4; relu and tanh; mixed widths; L2 > 0 (and one at 0); minibatches of 10 of 48 training points
# (four of 10 and a remainder of 8 per epoch) and full batches; 2, 3 and 4 classes; one instructor's table.
CASES = {
    "sgd": [
        spiral_case("relu-16-8-mini", {"type": "sgd", "lr": 0.5}, [16, 8], "relu", 1e-3, 10),
        spiral_case("tanh-12-10-6-full", {"type": "sgd", "lr": 0.5}, [12, 10, 6], "tanh", 1e-2),
        spiral_case("relu-9-4-7-5-mini-4-classes", {"type": "sgd", "lr": 0.3}, [9, 4, 7, 5], "relu", 0.0, 10,
                    classes=4),
    ],
    "momentum": [
        spiral_case("relu-16-8-5-mini", {"type": "momentum", "lr": 0.05}, [16, 8, 5], "relu", 1e-3, 10),
        spiral_case("tanh-8-8-8-8-full-mu0.5", {"type": "momentum", "lr": 0.2, "mu": 0.5}, [8, 8, 8, 8], "tanh",
                    0.05),
    ],
    "nesterov": [
        spiral_case("tanh-16-8-5-mini", {"type": "nesterov", "lr": 0.05}, [16, 8, 5], "tanh", 1e-3, 10),
        spiral_case("relu-10-4-7-3-full-mu0.8", {"type": "nesterov", "lr": 0.1, "mu": 0.8}, [10, 4, 7, 3], "relu",
                    1e-2, classes=2),
    ],
    "adagrad": [
        spiral_case("tanh-7-7-7-full", {"type": "adagrad", "lr": 0.1}, [7, 7, 7], "tanh", 1e-2),
        spiral_case("relu-12-6-mini-eps1e-4", {"type": "adagrad", "lr": 0.05, "eps": 1e-4}, [12, 6], "relu", 1e-3,
                    10),
    ],
    "rmsprop": [
        spiral_case("relu-12-6-mini", {"type": "rmsprop", "lr": 0.005}, [12, 6], "relu", 1e-3, 10),
        spiral_case("tanh-6-9-4-full-decay0.99", {"type": "rmsprop", "lr": 0.01, "decay_rate": 0.99}, [6, 9, 4],
                    "tanh", 1e-2),
    ],
    "adam": [
        spiral_case("relu-16-8-5-mini", {"type": "adam", "lr": 0.01}, [16, 8, 5], "relu", 1e-3, 10),
        spiral_case("tanh-6-9-full-mu0.8", {"type": "adam", "lr": 0.02, "mu": 0.8, "decay_rate": 0.99,
                                            "eps": 1e-6}, [6, 9], "tanh", 0.1),
        iris_case("iris-tanh-8-6-mini", {"type": "adam", "lr": 0.01}, [8, 6], "tanh", 1e-3, 10),
    ],
    "amsgrad": [
        spiral_case("relu-5-9-4-6-mini", {"type": "amsgrad", "lr": 0.01}, [5, 9, 4, 6], "relu", 1e-3, 10),
        spiral_case("tanh-16-8-5-full-decay0.99", {"type": "amsgrad", "lr": 0.01, "decay_rate": 0.99},
                    [16, 8, 5], "tanh", 1e-2),
        spiral_case("tanh-10-5-mini-notes", {"type": "amsgrad", "lr": 0.01, "variant": "notes"}, [10, 5], "tanh",
                    1e-3, 10),
    ],
}


# ---- the network -----------------------------------------------------------------------------------------------

class Network:
    """The parameter layout and the activation of a case; every method works on a flat float64 vector."""

    def __init__(self, dims, hidden, classes, activation, reg):
        self.shapes = []
        fan_in = dims
        for width in hidden + [classes]:
            self.shapes.append((fan_in, width))
            fan_in = width
        self.activation = activation
        self.reg = reg

    def size(self):
        return sum(rows * cols + cols for rows, cols in self.shapes)

    def layers(self, flat):
        """(W, b) views of the flat vector, layer by layer."""
        out, offset = [], 0
        for rows, cols in self.shapes:
            w = flat[offset:offset + rows * cols].reshape(rows, cols)
            offset += rows * cols
            out.append((w, flat[offset:offset + cols]))
            offset += cols
        return out

    def act(self, z):
        return np.maximum(z, 0.0) if self.activation == "relu" else np.tanh(z)

    def act_derivative(self, h):
        """The activation's derivative, from its output h."""
        return (h > 0).astype(np.float64) if self.activation == "relu" else 1.0 - h * h

    def forward(self, theta, x):
        """The hidden layers' outputs (x first) and the scores."""
        layers = self.layers(theta)
        hs = [x]
        for w, b in layers[:-1]:
            hs.append(self.act(hs[-1] @ w + b))
        w, b = layers[-1]
        return hs, hs[-1] @ w + b

    def penalty(self, theta):
        return 0.5 * self.reg * sum(float(np.sum(w * w)) for w, _ in self.layers(theta))

    def point_losses(self, scores, y):
        shifted = scores - scores.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        return -log_probs[np.arange(len(y)), y]

    def loss_and_gradient(self, theta, x, y):
        """The batch loss and its gradient by backpropagation over the whole batch."""
        hs, scores = self.forward(theta, x)
        m = len(y)
        loss = float(np.mean(self.point_losses(scores, y))) + self.penalty(theta)
        probs = np.exp(scores - scores.max(axis=1, keepdims=True))
        probs /= probs.sum(axis=1, keepdims=True)
        d = probs
        d[np.arange(m), y] -= 1.0
        d /= m                                               # d(loss) / d(scores)
        grad = np.zeros_like(theta)
        layers, grads = self.layers(theta), self.layers(grad)
        for l in reversed(range(len(layers))):
            w, _ = layers[l]
            gw, gb = grads[l]
            gw[...] = hs[l].T @ d + self.reg * w
            gb[...] = d.sum(axis=0)
            if l > 0:
                d = (d @ w.T) * self.act_derivative(hs[l])    # d(loss) / d(pre-activations of layer l)
        return loss, grad

    def evaluate(self, theta, x, y):
        """(loss with the penalty, accuracy, the smallest gap between a point's two highest scores) over a set."""
        _, scores = self.forward(theta, x)
        loss = float(np.mean(self.point_losses(scores, y))) + self.penalty(theta)
        top2 = np.sort(scores, axis=1)[:, -2:]
        return loss, float(np.mean(np.argmax(scores, axis=1) == y)), float(np.min(top2[:, 1] - top2[:, 0]))


# ---- the optimizers (torch.optim's update rules) -----------------------------------------------------------------

class Optimizer:
    def __init__(self, spec, size):
        self.kind = spec["type"]
        self.h = with_defaults(self.kind, spec, OPTIMIZER_DEFAULTS)
        self.t = 0
        self.a = np.zeros(size)                              # momentum buffer, sum, square average, exp_avg
        self.b = np.zeros(size)                              # exp_avg_sq
        self.c = np.zeros(size)                              # max_exp_avg_sq

    def step(self, p, g):
        h, lr = self.h, self.h["lr"]
        self.t += 1
        if self.kind == "sgd":
            p -= lr * g
        elif self.kind in ("momentum", "nesterov"):
            self.a = g.copy() if self.t == 1 else h["mu"] * self.a + g
            p -= lr * (g + h["mu"] * self.a if self.kind == "nesterov" else self.a)
        elif self.kind == "adagrad":
            self.a += g * g
            p -= lr * g / (np.sqrt(self.a) + h["eps"])
        elif self.kind == "rmsprop":
            self.a = h["decay_rate"] * self.a + (1 - h["decay_rate"]) * g * g
            p -= lr * g / (np.sqrt(self.a) + h["eps"])
        elif self.kind in ("adam", "amsgrad"):
            b1, b2 = h["mu"], h["decay_rate"]
            self.a = b1 * self.a + (1 - b1) * g
            average = b2 * self.b + (1 - b2) * g * g
            if self.kind == "adam":
                self.b = denominator = average
            elif h["variant"] == "paper":
                self.b = average
                self.c = denominator = np.maximum(self.c, average)
            else:                                            # the notes' line, element-wise
                self.b = denominator = np.maximum(self.b, average)
            bias1, bias2 = 1 - b1 ** self.t, 1 - b2 ** self.t
            p -= (lr / bias1) * self.a / (np.sqrt(denominator) / math.sqrt(bias2) + h["eps"])
        else:
            raise ValueError(self.kind)


# ---- a case ----------------------------------------------------------------------------------------------------

def network_of(spec, inputs):
    problem = spec["problem"]
    classes = problem.get("classes", 3) if problem["type"] == "mlp-spiral" else 1 + max(inputs["train"]["labels"])
    hidden = problem["hidden"] if isinstance(problem["hidden"], list) else [problem["hidden"]]
    dims = len(inputs["train"]["x"][0])
    return Network(dims, hidden, classes, problem.get("activation", "relu"), problem.get("reg", 1e-3))


def train(spec, inputs, start):
    """Trains from start on the exported data and batches; returns what a case records."""
    x, y = np.array(inputs["train"]["x"]), np.array(inputs["train"]["labels"])
    vx, vy = np.array(inputs["validation"]["x"]).reshape(-1, x.shape[1]), np.array(inputs["validation"]["labels"])
    net = network_of(spec, inputs)
    theta = np.array(start, dtype=np.float64)
    if theta.size != net.size():
        sys.exit(f"start has {theta.size} numbers, the network {net.size()}")
    optimizer = Optimizer(spec["runs"][0]["optimizer"], theta.size)
    batch_size = spec.get("batch_size", len(y))
    per_epoch = -(-len(y) // batch_size)
    steps = spec["steps"]
    recorded = sorted({1, steps // 2, steps})
    losses, grad_norms, evaluations, params = [net.evaluate(theta, x, y)[0]], [], [], []
    margin = math.inf
    for t, rows in enumerate(inputs["batches"]):
        rows = np.array(rows)
        loss, grad = net.loss_and_gradient(theta, x[rows], y[rows])
        losses.append(loss)
        grad_norms.append(float(np.linalg.norm(grad)))
        optimizer.step(theta, grad)
        if (t + 1) % per_epoch == 0:
            train_loss, train_accuracy, gap = net.evaluate(theta, x, y)
            margin = min(margin, gap)
            entry = {"step": t + 1, "train_loss": train_loss, "train_accuracy": train_accuracy}
            if len(vy) > 0:
                entry["validation_loss"], entry["validation_accuracy"], gap = net.evaluate(theta, vx, vy)
                margin = min(margin, gap)
            evaluations.append(entry)
        if t + 1 in recorded:
            params.append(theta.tolist())
    return {"loss": losses, "grad_norm": grad_norms, "evaluations": evaluations, "param_steps": recorded,
            "params": params, "margin": margin}


def relative_difference(a, b, floor):
    return 0.0 if a == b else abs(a - b) / max(abs(a), abs(b), floor)


def amplification(spec, inputs, result):
    """How much a relative change of 1e-10 in the start grows in the losses and the recorded parameters."""
    moved = [v * (1 + PERTURBATION) if v != 0 else PERTURBATION for v in inputs["start"]]
    other = train(spec, inputs, moved)
    worst = max(relative_difference(a, b, 0.0) for a, b in zip(result["loss"], other["loss"]))
    rows, rows2 = result["params"], other["params"]
    for i in range(len(inputs["start"])):
        floor = FLOOR * max(abs(inputs["start"][i]), max(abs(row[i]) for row in rows))
        for row, row2 in zip(rows, rows2):
            worst = max(worst, relative_difference(row[i], row2[i], floor))
    return worst / PERTURBATION


# ---- the engine's inputs ---------------------------------------------------------------------------------------

def export_inputs(cases, compile_first):
    """Compiles the tests (unless told not to) and runs the Java exporter on every case; its inputs by case name."""
    os.makedirs(WORK, exist_ok=True)
    classpath_file = os.path.join(WORK, "classpath.txt")
    if compile_first:
        subprocess.run(["mvn", "-B", "-q", "-o", "test-compile", "dependency:build-classpath",
                       f"-Dmdep.outputFile={classpath_file}"], cwd=ROOT, check=True)
    with open(classpath_file) as f:
        classpath = os.pathsep.join([os.path.join(ROOT, "target", "test-classes"),
                                     os.path.join(ROOT, "target", "classes"), f.read().strip()])
    cases_file, inputs_file = os.path.join(WORK, "cases.json"), os.path.join(WORK, "inputs.json")
    with open(cases_file, "w") as f:
        json.dump({"cases": cases}, f)
    subprocess.run(["java", "-cp", classpath, EXPORTER, cases_file, inputs_file], cwd=ROOT, check=True)
    with open(inputs_file) as f:
        return {c["name"]: c["input"] for c in json.load(f)["cases"]}


def write(name, document):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(document, f, allow_nan=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(path, ROOT)} ({os.path.getsize(path)} bytes)")


def main():
    os.makedirs(OUT, exist_ok=True)
    everything = [dict(c, name=f"{kind}/{c['name']}") for kind, cases in CASES.items() for c in cases]
    inputs = export_inputs(everything, "--no-compile" not in sys.argv)
    header = {"generator": "tools/reference/deep_reference.py", "numpy": np.__version__, "dtype": "float64"}
    for kind, cases in CASES.items():
        out = []
        for case in cases:
            case_input = inputs[f"{kind}/{case['name']}"]
            result = train(case["spec"], case_input, case_input["start"])
            for value in result["loss"] + result["grad_norm"]:
                if not math.isfinite(value) or abs(value) > 1e6:
                    sys.exit(f"{kind}/{case['name']}: {value} is not finite or not bounded; pick another lr")
            growth = amplification(case["spec"], case_input, result)
            first, last = result["loss"][1], result["loss"][-1]
            accuracy = result["evaluations"][-1]["train_accuracy"]
            print(f"{kind:9s} {case['name']:28s} batch loss {first:.3f} -> {last:.3f}  train accuracy {accuracy:.2f}"
                  f"  amplification {growth:9.3g}  closest scores {result['margin']:.2g}")
            if growth > AMPLIFICATION_LIMIT:
                sys.exit(f"{kind}/{case['name']}: ill conditioned (amplification {growth:.3g}); pick another case")
            margin = result.pop("margin")
            if margin < MARGIN_LIMIT:
                sys.exit(f"{kind}/{case['name']}: two classes' scores {margin:.3g} apart at an evaluation, a tie "
                         "round-off may break either way; pick another case")
            entry = dict(case, amplification=float(f"{growth:.3g}"), input=case_input, **result)
            out.append(entry)
        write(f"{kind}.json", dict(header, optimizer=kind, cases=out))


if __name__ == "__main__":
    main()
