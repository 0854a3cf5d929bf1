import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  loadManifest
} from "./chunk-U4FAW2PQ.js";
import "./chunk-4HTCWRU5.js";
import "./chunk-VXUOW7BF.js";
import "./chunk-BUD566VL.js";
import "./chunk-7CZ7Y2OC.js";
import {
  workflowTarget
} from "./chunk-XUDKH3MU.js";
import {
  generateWorkflow
} from "./chunk-33WSQS65.js";
import "./chunk-ZUT4F4RM.js";
import "./chunk-523OZPGU.js";
import "./chunk-LXDUWDU6.js";
import {
  NAME_PATTERN
} from "./chunk-P4627AVA.js";
import "./chunk-GR2CBACB.js";
import "./chunk-AJBSU7EQ.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-LZV4TYKF.js";
import "./chunk-BOWR73ZZ.js";
import {
  UserError,
  repoRoot
} from "./chunk-IL3SHYLP.js";
import "./chunk-H2WSXFTE.js";
import "./chunk-LR43NXA7.js";
import {
  ignoreKilnDir,
  kilnDir
} from "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";

// src/cli/init.ts
import { existsSync } from "node:fs";
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

// src/init/starter.ts
var STARTER_GITIGNORE_LINES = ["build/"];
function starterManifest(options) {
  return `# The assets this repository builds, how, and when a model is promoted.
# Reference: https://github.com/kiln-ml/kiln/blob/main/docs/manifest.md
# After editing: \`npx kiln validate\`, then \`npx kiln generate\` to update the workflow.
version: 1
name: ${options.project}

assets:
  ${options.asset}:
    description: A linear model trained by gradient descent. Replace train.py with your own training.
    # Files whose content is the code version: editing one makes the model stale.
    code: [train.py]
    # Data files the step reads (globs work); a change makes the model stale, e.g.
    # inputs: [data/**/*.csv]
    # Run config, part of the version; the step reads it with kiln.config().
    config: { epochs: 40, learning_rate: 0.1, seed: 0 }
    # Runs from this file's folder. \`import kiln\` works without installing anything: Kiln puts
    # its helper on PYTHONPATH. Use the interpreter that has your packages (numpy, sklearn, \u2026).
    run: ${options.python} train.py
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
#   dev: { config: { ${options.asset}: { epochs: 20 } } }
#   prod: { branches: [main] }
`;
}
var STARTER_TRAIN_PY = `"""Trains a linear regression by gradient descent on synthetic data (standard library only).

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

# y = 3\xB7x1 \u2212 2\xB7x2 + 0.5 + noise; 200 rows, the last 50 held out for validation.
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

// src/cli/init.ts
function projectName(dir) {
  const name = path.basename(dir).toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^[^a-z]+/, "").replace(/-+$/, "");
  return name || "kiln";
}
async function ignoreLines(file, lines) {
  const existing = existsSync(file) ? await readFile(file, "utf8") : "";
  const present = new Set(existing.split(/\r?\n/).map((line) => line.trim()));
  const missing = lines.filter((line) => !present.has(line) && !present.has(line.replace(/\/$/, "")));
  if (missing.length === 0) return [];
  const separator = existing === "" || existing.endsWith("\n") ? "" : "\n";
  await appendFile(file, `${separator}${missing.join("\n")}
`);
  return missing;
}
async function initCommand(io, options) {
  const dir = io.cwd;
  const asset = options.asset ?? "model";
  if (!NAME_PATTERN.test(asset)) {
    throw new UserError(
      `--asset "${asset}" is not a valid asset name`,
      "use lower case letters, digits, - and _, starting with a letter"
    );
  }
  const python = options.python ?? "python3";
  const manifestPath = path.join(dir, "kiln.yml");
  const trainPath = path.join(dir, "train.py");
  const kilnIgnore = path.join(kilnDir(dir), ".gitignore");
  const withWorkflow = options.workflow !== false;
  const root = await repoRoot(dir);
  const workflowPath = path.join(root ?? dir, ".github/workflows/kiln.yml");
  const relative = (file) => path.relative(io.cwd, file) || file;
  const existing = [
    manifestPath,
    path.join(dir, "kiln.yaml"),
    trainPath,
    ...withWorkflow ? [workflowPath] : []
  ].filter((file) => existsSync(file));
  if (existing.length > 0) {
    throw new UserError(
      `${existing.map(relative).join(", ").replace(
        /, ([^,]*)$/,
        " and $1"
      )} already exist${existing.length === 1 ? "s" : ""}; kiln init never overwrites, so nothing was written`,
      existing.includes(workflowPath) && existing.length === 1 ? "pass --no-workflow to keep your workflow, then add Kiln's jobs with `npx kiln generate -o OTHER.yml`" : "run it in a folder without them, or edit the existing manifest (see docs/manifest.md)"
    );
  }
  const manifest = starterManifest({ project: options.name ?? projectName(dir), asset, python });
  await writeFile(manifestPath, manifest, { flag: "wx" });
  const loaded = loadManifest(manifestPath, { displayName: "kiln.yml" });
  if (!loaded.ok) {
    throw new Error(`the starter manifest does not load: ${loaded.error.map((d) => d.message).join("; ")}`);
  }
  const wrote = [[relative(manifestPath), "the manifest: one Python training step"]];
  await writeFile(trainPath, STARTER_TRAIN_PY, { flag: "wx" });
  wrote.push([relative(trainPath), `the step, run as \`${python} train.py\`; uses \`import kiln\``]);
  if (await ignoreKilnDir(path.dirname(kilnIgnore))) {
    wrote.push([relative(kilnIgnore), "keeps Kiln's local records and model files out of git"]);
  }
  const added = await ignoreLines(path.join(dir, ".gitignore"), STARTER_GITIGNORE_LINES);
  if (added.length > 0)
    wrote.push([relative(path.join(dir, ".gitignore")), `ignores ${added.join(", ")} (the step's outputs)`]);
  if (withWorkflow) {
    const target = await workflowTarget(loaded.value.project, io.cwd, { actionRef: options.actionRef });
    await mkdir(path.dirname(target.output), { recursive: true });
    await writeFile(target.output, generateWorkflow(loaded.value.project, target.generateOptions), {
      flag: "wx"
    });
    wrote.push([target.shown, "the GitHub Actions workflow (`npx kiln generate` after each manifest edit)"]);
  }
  const width = Math.max(...wrote.map(([file]) => file.length));
  const next = [
    // Outside git a run is recorded in dev and promotes nothing: only promoting branches move it.
    ...root ? [] : [["git init -b main", "versions are tied to commits; runs on main promote"]],
    ["npx kiln run", "train locally; `npx kiln report` shows the result"],
    ['git add -A && git commit -m "Train with Kiln"', ""],
    ["git push", "GitHub Actions trains, checks and promotes on main"]
  ];
  const nextWidth = Math.max(...next.map(([command]) => command.length));
  io.stdout(
    `Created a Kiln project in ${relative(dir) === dir ? dir : relative(dir) || "."}:
` + wrote.map(([file, what]) => `  ${file.padEnd(width)}  ${what}
`).join("") + "\nNext:\n" + next.map(([command, what]) => `  ${what ? `${command.padEnd(nextWidth)}  # ${what}` : command}
`).join("")
  );
  return 0;
}
export {
  initCommand
};
