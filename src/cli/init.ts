// `kiln init`: a new user's first minute. Writes a commented kiln.yml with one Python training
// step, the step, what keeps Kiln's local state out of git, and the workflow (through the same
// code as `kiln generate`), then prints the next three commands. Asks nothing; never overwrites.
import { existsSync } from "node:fs";
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { STARTER_GITIGNORE_LINES, STARTER_TRAIN_PY, starterManifest } from "../init/starter.js";
import { repoRoot } from "../git/repo.js";
import { parseManifest } from "../manifest/load.js";
import { toProjectName } from "../manifest/project-name.js";
import { Name } from "../manifest/schema.js";
import { RESERVED_NAME_PREFIX } from "../manifest/validate.js";
import { ignoreKilnDir, kilnDir } from "../paths/kiln-dir.js";
import { generateWorkflowFile } from "../workflow/generate.js";
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

/**
 * Refuses a name the manifest would reject, before anything is written: the starter pastes it into
 * kiln.yml, and a manifest that does not load would be left behind for the next init to refuse.
 */
function checkName(option: "--asset" | "--name", value: string): void {
  const kind = option === "--asset" ? "asset" : "project";
  if (!Name.safeParse(value).success) {
    const suggestion = toProjectName(value);
    throw new UserError(
      `${option} "${value}" is not a valid ${kind} name`,
      `use lower case letters, digits, - and _, starting with a letter, at most 100 characters${suggestion !== value ? ` (e.g. ${option} ${suggestion})` : ""}`,
    );
  }
  if (option === "--asset" && value.startsWith(RESERVED_NAME_PREFIX)) {
    throw new UserError(
      `--asset "${value}" is not a valid asset name: names starting with "${RESERVED_NAME_PREFIX}" are reserved for the jobs Kiln generates`,
      `choose another name, e.g. --asset ${value.slice(RESERVED_NAME_PREFIX.length).replace(/^[^a-z]+/, "") || "model"}`,
    );
  }
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
  checkName("--asset", asset);
  // The folder's name, made a valid one (as a manifest without `name:` gets); a given one as is.
  const name = options.name ?? toProjectName(path.basename(dir));
  checkName("--name", name);
  const python = options.python ?? "python3";
  if (python.trim() === "")
    throw new UserError("--python is empty", "name the interpreter, e.g. --python python3");
  const manifestPath = path.join(dir, "kiln.yml");
  const trainPath = path.join(dir, "train.py");
  const kilnIgnore = path.join(kilnDir(dir), ".gitignore");

  // Everything is built and checked in memory before any file is written, so a refusal leaves
  // the folder as it was: the manifest (parsed as `kiln validate` would), the workflow and where
  // it goes (where `kiln generate` puts it: kiln.yml at the top, kiln-<project>.yml for a folder).
  const manifest = starterManifest({ project: name, asset, python });
  const loaded = parseManifest(manifest, { manifestPath, displayName: "kiln.yml" });
  if (!loaded.ok) {
    throw new Error(`the starter manifest does not load: ${loaded.error.map((d) => d.message).join("; ")}`);
  }
  const withWorkflow = options.workflow !== false;
  const root = await repoRoot(dir);
  const relative = (file: string) => path.relative(io.cwd, file) || file;
  let workflow: { target: Awaited<ReturnType<typeof workflowTarget>>; text: string } | undefined;
  if (withWorkflow) {
    const target = await workflowTarget(loaded.value.project, io.cwd, {
      actionRef: options.actionRef,
      env: io.env,
    });
    const generated = generateWorkflowFile(loaded.value.project, target.generateOptions);
    if (!generated.ok) {
      throw new UserError(
        `cannot write the workflow: ${generated.error}; nothing was written`,
        `${generated.hint}, or pass --no-workflow`,
      );
    }
    workflow = { target, text: generated.text };
  }
  const existing = [
    manifestPath,
    path.join(dir, "kiln.yaml"),
    trainPath,
    ...(workflow ? [workflow.target.output] : []),
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
      workflow && existing.includes(workflow.target.output) && existing.length === 1
        ? "pass --no-workflow to keep your workflow, then add Kiln's jobs with `npx kiln generate -o OTHER.yml`"
        : "run it in a folder without them, or edit the existing manifest (see docs/manifest.md)",
    );
  }
  await writeFile(manifestPath, manifest, { flag: "wx" });

  const wrote: [string, string][] = [[relative(manifestPath), "the manifest: one Python training step"]];
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
      "the GitHub Actions workflow (`npx kiln generate` after each manifest edit)",
    ]);
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
