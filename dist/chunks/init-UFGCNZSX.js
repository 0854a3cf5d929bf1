import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  RESERVED_NAME_PREFIX,
  parseManifest
} from "./chunk-FGIYWRQH.js";
import {
  Name
} from "./chunk-JRDQNYU3.js";
import {
  workflowTarget
} from "./chunk-BZGVPAUL.js";
import {
  generateWorkflowFile
} from "./chunk-WF2FANSE.js";
import "./chunk-EERXAFT6.js";
import {
  require_dist
} from "./chunk-Q7KBE4RR.js";
import "./chunk-XTEFASAO.js";
import "./chunk-BI5EDGJF.js";
import "./chunk-E7VF6EEA.js";
import "./chunk-CVFTVLUI.js";
import "./chunk-YJUY5MZT.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import {
  UserError,
  ignoreKilnDir,
  kilnDir,
  repoRoot,
  toProjectName
} from "./chunk-DQNGLDMZ.js";
import {
  __toESM
} from "./chunk-BNVABWUQ.js";

// src/cli/init.ts
import { existsSync } from "node:fs";
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

// src/init/starter.ts
var import_yaml = __toESM(require_dist(), 1);
var STARTER_GITIGNORE_LINES = ["build/"];
function scalar(text) {
  const written = (0, import_yaml.stringify)(text, { lineWidth: 0 }).trimEnd();
  return written.includes("\n") ? JSON.stringify(text) : written;
}
function starterManifest(options) {
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
    # its helper on PYTHONPATH. Use the interpreter that has your packages (numpy, sklearn, \u2026).
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
function checkName(option, value) {
  const kind = option === "--asset" ? "asset" : "project";
  if (!Name.safeParse(value).success) {
    const suggestion = toProjectName(value);
    throw new UserError(
      `${option} "${value}" is not a valid ${kind} name`,
      `use lower case letters, digits, - and _, starting with a letter, at most 100 characters${suggestion !== value ? ` (e.g. ${option} ${suggestion})` : ""}`
    );
  }
  if (option === "--asset" && value.startsWith(RESERVED_NAME_PREFIX)) {
    throw new UserError(
      `--asset "${value}" is not a valid asset name: names starting with "${RESERVED_NAME_PREFIX}" are reserved for the jobs Kiln generates`,
      `choose another name, e.g. --asset ${value.slice(RESERVED_NAME_PREFIX.length).replace(/^[^a-z]+/, "") || "model"}`
    );
  }
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
  checkName("--asset", asset);
  const name = options.name ?? toProjectName(path.basename(dir));
  checkName("--name", name);
  const python = options.python ?? "python3";
  if (python.trim() === "")
    throw new UserError("--python is empty", "name the interpreter, e.g. --python python3");
  const manifestPath = path.join(dir, "kiln.yml");
  const trainPath = path.join(dir, "train.py");
  const kilnIgnore = path.join(kilnDir(dir), ".gitignore");
  const manifest = starterManifest({ project: name, asset, python });
  const loaded = parseManifest(manifest, { manifestPath, displayName: "kiln.yml" });
  if (!loaded.ok) {
    throw new Error(`the starter manifest does not load: ${loaded.error.map((d) => d.message).join("; ")}`);
  }
  const withWorkflow = options.workflow !== false;
  const root = await repoRoot(dir);
  const relative = (file) => path.relative(io.cwd, file) || file;
  let workflow;
  if (withWorkflow) {
    const target = await workflowTarget(loaded.value.project, io.cwd, {
      actionRef: options.actionRef,
      env: io.env
    });
    const generated = generateWorkflowFile(loaded.value.project, target.generateOptions);
    if (!generated.ok) {
      throw new UserError(
        `cannot write the workflow: ${generated.error}; nothing was written`,
        `${generated.hint}, or pass --no-workflow`
      );
    }
    workflow = { target, text: generated.text };
  }
  const existing = [
    manifestPath,
    path.join(dir, "kiln.yaml"),
    trainPath,
    ...workflow ? [workflow.target.output] : []
  ].filter((file) => existsSync(file));
  if (existing.length > 0) {
    throw new UserError(
      `${existing.map(relative).join(", ").replace(
        /, ([^,]*)$/,
        " and $1"
      )} already exist${existing.length === 1 ? "s" : ""}; kiln init never overwrites, so nothing was written`,
      workflow && existing.includes(workflow.target.output) && existing.length === 1 ? "pass --no-workflow to keep your workflow, then add Kiln's jobs with `npx kiln generate -o OTHER.yml`" : "run it in a folder without them, or edit the existing manifest (see docs/manifest.md)"
    );
  }
  await writeFile(manifestPath, manifest, { flag: "wx" });
  const wrote = [[relative(manifestPath), "the manifest: one Python training step"]];
  await writeFile(trainPath, STARTER_TRAIN_PY, { flag: "wx" });
  wrote.push([relative(trainPath), `the step, run as \`${python} train.py\`; uses \`import kiln\``]);
  if (await ignoreKilnDir(path.dirname(kilnIgnore))) {
    wrote.push([relative(kilnIgnore), "keeps Kiln's local records and model files out of git"]);
  }
  const added = await ignoreLines(path.join(dir, ".gitignore"), STARTER_GITIGNORE_LINES);
  if (added.length > 0)
    wrote.push([relative(path.join(dir, ".gitignore")), `ignores ${added.join(", ")} (the step's outputs)`]);
  if (workflow) {
    await mkdir(path.dirname(workflow.target.output), { recursive: true });
    await writeFile(workflow.target.output, workflow.text, { flag: "wx" });
    wrote.push([
      workflow.target.shown,
      "the GitHub Actions workflow (`npx kiln generate` after each manifest edit)"
    ]);
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
