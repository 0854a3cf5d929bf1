// `kiln init`: a new user's first minute. Writes a commented kiln.yml with one Python training
// step, the step, what keeps Kiln's local state out of git, and the workflow (through the same
// code as `kiln generate`), then prints the next three commands. Asks nothing; never overwrites.
import { existsSync } from "node:fs";
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { STARTER_GITIGNORE_LINES, STARTER_TRAIN_PY, starterManifest } from "../init/starter.js";
import { repoRoot } from "../git/repo.js";
import { loadManifest } from "../manifest/load.js";
import { NAME_PATTERN } from "../manifest/schema.js";
import { ignoreKilnDir, kilnDir } from "../paths/kiln-dir.js";
import { generateWorkflow } from "../workflow/generate.js";
import { UserError } from "./errors.js";
import { workflowTarget } from "./generate.js";
import type { CliIO } from "./io.js";

export interface InitOptions {
  asset?: string;
  python?: string;
  name?: string;
  workflow?: boolean;
  actionRef?: string;
}

/** A project name from the folder's name: lower case, safe in file names and job ids. */
function projectName(dir: string): string {
  const name = path
    .basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .replace(/-+$/, "");
  return name || "kiln";
}

/** Adds the lines a .gitignore lacks; creates it when missing. Returns the lines added. */
async function ignoreLines(file: string, lines: readonly string[]): Promise<string[]> {
  const existing = existsSync(file) ? await readFile(file, "utf8") : "";
  const present = new Set(existing.split(/\r?\n/).map((line) => line.trim()));
  const missing = lines.filter((line) => !present.has(line) && !present.has(line.replace(/\/$/, "")));
  if (missing.length === 0) return [];
  const separator = existing === "" || existing.endsWith("\n") ? "" : "\n";
  await appendFile(file, `${separator}${missing.join("\n")}\n`);
  return missing;
}

export async function initCommand(io: CliIO, options: InitOptions): Promise<number> {
  const dir = io.cwd;
  const asset = options.asset ?? "model";
  if (!NAME_PATTERN.test(asset)) {
    throw new UserError(
      `--asset "${asset}" is not a valid asset name`,
      "use lower case letters, digits, - and _, starting with a letter",
    );
  }
  const python = options.python ?? "python3";
  const manifestPath = path.join(dir, "kiln.yml");
  const trainPath = path.join(dir, "train.py");
  const kilnIgnore = path.join(kilnDir(dir), ".gitignore");

  // Every file is checked before any is written, so a refusal leaves the folder as it was. The
  // workflow goes where `kiln generate` puts it: the repository root's .github/workflows.
  const withWorkflow = options.workflow !== false;
  const root = await repoRoot(dir);
  const workflowPath = path.join(root ?? dir, ".github/workflows/kiln.yml");
  const relative = (file: string) => path.relative(io.cwd, file) || file;
  const existing = [
    manifestPath,
    path.join(dir, "kiln.yaml"),
    trainPath,
    ...(withWorkflow ? [workflowPath] : []),
  ].filter((file) => existsSync(file));
  if (existing.length > 0) {
    throw new UserError(
      `${existing
        .map(relative)
        .join(", ")
        .replace(
          /, ([^,]*)$/,
          " and $1",
        )} already exist${existing.length === 1 ? "s" : ""}; kiln init never overwrites, so nothing was written`,
      existing.includes(workflowPath) && existing.length === 1
        ? "pass --no-workflow to keep your workflow, then add Kiln's jobs with `npx kiln generate -o OTHER.yml`"
        : "run it in a folder without them, or edit the existing manifest (see docs/manifest.md)",
    );
  }
  const manifest = starterManifest({ project: options.name ?? projectName(dir), asset, python });
  await writeFile(manifestPath, manifest, { flag: "wx" });
  const loaded = loadManifest(manifestPath, { displayName: "kiln.yml" });
  if (!loaded.ok) {
    throw new Error(`the starter manifest does not load: ${loaded.error.map((d) => d.message).join("; ")}`);
  }

  const wrote: [string, string][] = [[relative(manifestPath), "the manifest: one Python training step"]];
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
      flag: "wx",
    });
    wrote.push([target.shown, "the GitHub Actions workflow (`npx kiln generate` after each manifest edit)"]);
  }

  const width = Math.max(...wrote.map(([file]) => file.length));
  const next: [string, string][] = [
    // Outside git a run is recorded in dev and promotes nothing: only promoting branches move it.
    ...(root
      ? []
      : [["git init -b main", "versions are tied to commits; runs on main promote"] as [string, string]]),
    ["npx kiln run", "train locally; `npx kiln report` shows the result"],
    ['git add -A && git commit -m "Train with Kiln"', ""],
    ["git push", "GitHub Actions trains, checks and promotes on main"],
  ];
  const nextWidth = Math.max(...next.map(([command]) => command.length));
  io.stdout(
    `Created a Kiln project in ${relative(dir) === dir ? dir : relative(dir) || "."}:\n` +
      wrote.map(([file, what]) => `  ${file.padEnd(width)}  ${what}\n`).join("") +
      "\nNext:\n" +
      next
        .map(([command, what]) => `  ${what ? `${command.padEnd(nextWidth)}  # ${what}` : command}\n`)
        .join(""),
  );
  return 0;
}
