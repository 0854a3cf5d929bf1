// The starter project `kiln init` writes: a commented manifest with one Python training step, the
// step itself (standard library only, so it runs on any python3), and what keeps Kiln's local
// state out of git. Pure text; src/cli/init.ts decides where it goes and refuses to overwrite.
import { stringify } from "yaml";

export interface StarterOptions {
  /** The project name (`name:` in the manifest). */
  project: string;
  /** The model asset's name. */
  asset: string;
  /** The interpreter the step runs with, e.g. `python3` or `/usr/bin/python3`. */
  python: string;
}

/** Lines the starter adds to the repository's .gitignore (the step's outputs). */
export const STARTER_GITIGNORE_LINES = ["build/"];

/**
 * A value as one YAML scalar on its line: plain where YAML reads it back as the same string
 * (`churn`, `/usr/bin/python3 train.py`), quoted where it would not (`true`, `null`, a `#`).
 */
function scalar(text: string): string {
  const written = stringify(text, { lineWidth: 0 }).trimEnd();
  // A line break gives a block scalar over several lines; JSON is YAML's double-quoted form.
  return written.includes("\n") ? JSON.stringify(text) : written;
}

export function starterManifest(options: StarterOptions): string {
  return `# The assets this repository builds, how, and when a model is promoted.
# Reference: https://github.com/kiln-ml/kiln/blob/main/docs/manifest.md
# After editing: \`npx kiln validate\`, then \`npx kiln generate\` to update the workflow.
version: 1
name: ${scalar(options.project)}

assets:
  ${scalar(options.asset)}:
    description: A linear model trained by gradient descent. Replace train.py with your own training.
    # Files whose content is the code version: editing one makes the model stale.
    code: [train.py]
    # Data files the step reads (globs work); a change makes the model stale, e.g.
    # inputs: [data/**/*.csv]
    # Run config, part of the version; the step reads it with kiln.config().
    config: { epochs: 40, learning_rate: 0.1, seed: 0 }
    # Runs from this file's folder. \`import kiln\` works without installing anything: Kiln puts
    # its helper on PYTHONPATH. Use the interpreter that has your packages (numpy, sklearn, …).
    run: ${scalar(`${options.python} train.py`)}
    # What the step writes. Kiln stores every version and restores it for dependants.
    outputs: [build/model.json]
    # The metric that decides promotion, and which way is better.
    metrics: { primary: val_mae, direction: minimize }
    checks:
      # A failed blocking check fails the run and keeps the version from being promoted.
      - { metric: "val_mae < 0.5", blocking: true }
    # Moves the \`champion\` alias to a new version only when it beats the current one by min-delta,
    # on the promoting branches (main or master unless \`environments.prod.branches\` says otherwise).
    promote: { alias: champion, min-delta: 0.001 }
    # eager: build as soon as code, config, inputs or a dependency change.
    # Retrain on a schedule instead with: { on_cron: "17 3 * * 1", tz: Europe/Berlin }
    automation: eager

# Per-environment config and branches; without this section every branch runs as dev and
# main/master promote. For example, fewer epochs away from main:
# environments:
#   dev: { config: { ${scalar(options.asset)}: { epochs: 20 } } }
#   prod: { branches: [main] }
`;
}

export const STARTER_TRAIN_PY = `"""Trains a linear regression by gradient descent on synthetic data (standard library only).

Replace the data and the model with yours; keep the four kiln calls:
  kiln.config()                 the run config from kiln.yml (environment overrides applied)
  kiln.log_series(epoch, ...)   one point per epoch: shown live by \`kiln run\`, charted in reports
  kiln.log_metrics(...)         the final metrics: checked, compared, used for promotion
  kiln.output_path(name)        where to write a declared output (parent folders created)
"""
import json
import random

import kiln

settings = kiln.config()
epochs = settings.get("epochs", 40)
learning_rate = settings.get("learning_rate", 0.1)
rng = random.Random(settings.get("seed", 0))

# y = 3·x1 − 2·x2 + 0.5 + noise; 200 rows, the last 50 held out for validation.
rows = []
for _ in range(200):
    x = [rng.gauss(0, 1), rng.gauss(0, 1)]
    rows.append((x, 3 * x[0] - 2 * x[1] + 0.5 + rng.gauss(0, 0.1)))
train, validation = rows[:150], rows[150:]


def predict(weights, bias, x):
    return sum(w * v for w, v in zip(weights, x)) + bias


def mae(weights, bias, data):
    return sum(abs(predict(weights, bias, x) - y) for x, y in data) / len(data)


weights, bias = [0.0, 0.0], 0.0
for epoch in range(1, epochs + 1):
    errors = [(x, predict(weights, bias, x) - y) for x, y in train]
    for j in range(len(weights)):
        weights[j] -= learning_rate * sum(e * x[j] for x, e in errors) / len(train)
    bias -= learning_rate * sum(e for _, e in errors) / len(train)
    kiln.log_series(epoch, train_mae=mae(weights, bias, train), val_mae=mae(weights, bias, validation))

val_mae = mae(weights, bias, validation)
val_rmse = (sum((predict(weights, bias, x) - y) ** 2 for x, y in validation) / len(validation)) ** 0.5
with open(kiln.output_path("build/model.json"), "w", encoding="utf-8") as handle:
    json.dump({"weights": weights, "bias": bias}, handle, indent=2)
print(f"validation MAE {val_mae:.4f} after {epochs} epochs")
kiln.log_metrics(val_mae=val_mae, val_rmse=val_rmse)
`;
