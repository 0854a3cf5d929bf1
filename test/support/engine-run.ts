// The engine driven in-process, as `kiln run` drives it but without the CLI: a committed temporary
// repository holding a manifest and its files, the workspace opened on the local ledger, and
// `runPipeline` with a reporter that keeps every event in order. Steps are real child processes
// (`sh -c`), git is real; nothing of Kiln's is replaced. For the tests of the executor,
// materialize, checks and restore, which assert on records, files and events.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Decided, type PipelineResult, runPipeline } from "../../src/app/pipeline.js";
import { openWorkspace, type Workspace } from "../../src/app/workspace.js";
import type { TickEvent } from "../../src/automation/tick.js";
import type { FailureRecord, MaterializationRecord } from "../../src/domain/records.js";
import { loadManifest } from "../../src/manifest/load.js";
import { overridesFrom } from "../../src/manifest/overrides.js";
import type { ProgressEvent, ProgressReporter } from "../../src/run/progress.js";
import { commitNewRepository } from "./git-script.js";
import { gitIn } from "./kiln-in-process.js";

/**
 * A committed git repository with `kiln.yml` and the given files (paths relative to it), and
 * `.kiln/` and `build/` ignored, as `kiln init` leaves them.
 */
export function engineRepo(manifest: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-engine-"));
  writeFileSync(path.join(dir, "kiln.yml"), manifest);
  writeFileSync(path.join(dir, ".gitignore"), ".kiln/\nbuild/\n");
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  commitNewRepository(dir, "init");
  return dir;
}

/** The environment of a local run: no GitHub variables, no KILN_ENV (as `kilnIn`). */
export function localEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KILN_ENV: "", USER: "tester", ...extra };
  for (const key of Object.keys(env)) if (key.startsWith("GITHUB_")) delete env[key];
  return env;
}

export async function openLocalWorkspace(
  dir: string,
  options: { env?: NodeJS.ProcessEnv; event?: TickEvent; base?: string } = {},
): Promise<Workspace> {
  const loaded = loadManifest(path.join(dir, "kiln.yml"));
  if (!loaded.ok) throw new Error(`kiln.yml does not load: ${loaded.error.map((d) => d.message).join("; ")}`);
  const opened = await openWorkspace({
    project: loaded.value.project,
    ledger: "local",
    event: options.event,
    base: options.base,
    env: options.env ?? localEnv(),
  });
  if (!opened.ok) throw new Error(`the workspace does not open: ${opened.error}`);
  return opened.workspace;
}

/** A reporter that keeps what a terminal would show: every state change and line, in order. */
export function recordingReporter(
  hooks: {
    onLine?: (asset: string, text: string) => void;
    onProgress?: (asset: string, text: string) => void;
  } = {},
) {
  const events: ProgressEvent[] = [];
  const lines: { asset: string; text: string }[] = [];
  const progress: { asset: string; text: string }[] = [];
  let closed = false;
  const reporter: ProgressReporter = {
    update: (event) => events.push(event),
    line: (asset, text) => {
      lines.push({ asset, text });
      hooks.onLine?.(asset, text);
    },
    progress: (asset, text) => {
      progress.push({ asset, text });
      hooks.onProgress?.(asset, text);
    },
    close: () => {
      closed = true;
    },
  };
  return {
    reporter,
    events,
    lines,
    progress,
    closed: () => closed,
    /** The states an asset went through: ["queued", "running", "success"]. */
    states: (asset: string) => events.filter((e) => e.asset === asset).map((e) => e.state),
    /** The index of the first event of `asset` in `state`, -1 when there is none. */
    at: (asset: string, state: ProgressEvent["state"]) =>
      events.findIndex((e) => e.asset === asset && e.state === state),
  };
}

export interface EngineRunOptions {
  selection?: string[];
  force?: boolean;
  jobs?: number;
  env?: NodeJS.ProcessEnv;
  event?: TickEvent;
  /** A pull request's base branch (`kiln run --event pull_request --base main`). */
  base?: string;
  signal?: AbortSignal;
  /** `kiln run` puts fresh selected assets' outputs back (default true, as the CLI). */
  restoreFresh?: boolean;
  now?: Date;
  /** Called with each line a step prints, as it prints it (to cancel a run once a step runs). */
  onLine?: (asset: string, text: string) => void;
  /** Called with each progress text (the newest series point) while a step runs. */
  onProgress?: (asset: string, text: string) => void;
  /** What a workflow's plan job decided, as an asset job receives it. */
  decided?: ReadonlyMap<string, Decided>;
  /** `--set ASSET.KEY=VALUE`: an experiment (the selection defaults to the overridden assets). */
  set?: string[];
}

/** One run of the pipeline in `dir`, as `kiln run` makes it; the planning error when there is one. */
export async function tryRunEngine(dir: string, options: EngineRunOptions = {}) {
  const env = options.env ?? localEnv();
  const workspace = await openLocalWorkspace(dir, { env, event: options.event, base: options.base });
  return tryRunInWorkspace(workspace, { ...options, env });
}

/**
 * tryRunEngine in a workspace the test opened (and may have changed: a ledger or a store chain
 * that notes what is asked of it).
 */
export async function tryRunInWorkspace(workspace: Workspace, options: EngineRunOptions = {}) {
  const env = options.env ?? localEnv();
  const recorded = recordingReporter(options);
  const overrides = overridesFrom(workspace.project, workspace.environment, options.set ?? []);
  if (!overrides.ok) throw new Error(`bad --set: ${overrides.errors.join("; ")}`);
  const outcome = await runPipeline({
    workspace,
    selection: options.selection ?? [],
    force: options.force ?? false,
    jobs: options.jobs ?? 1,
    tick: { event: options.event ?? "local", now: options.now ?? new Date() },
    reporter: recorded.reporter,
    signal: options.signal,
    env,
    restoreFresh: options.restoreFresh ?? true,
    decided: options.decided,
    overrides: overrides.overrides,
    experimentSelection: true,
  });
  return { outcome, workspace, ...recorded };
}

/** One run of the pipeline in `dir`, as `kiln run` makes it; fails the test on a planning error. */
export async function runEngine(dir: string, options: EngineRunOptions = {}) {
  const { outcome, ...rest } = await tryRunEngine(dir, options);
  if (!outcome.ok) throw new Error(`the run was not planned: ${outcome.error}`);
  const result: PipelineResult = outcome.result;
  return {
    ...rest,
    result,
    outcome: (asset: string) => result.execution.outcomes.get(asset),
  };
}

/** The records and failures of an asset, read back from the ledger as `kiln history` reads them. */
export async function ledgerOf(
  workspace: Workspace,
  asset: string,
): Promise<{ records: MaterializationRecord[]; failures: FailureRecord[] }> {
  return {
    records: await workspace.ledger.materializations(asset),
    failures: await workspace.ledger.failures(asset),
  };
}

/**
 * `features` (code `features.sh`, writing build/features.csv) → `model` (running `modelRun`,
 * writing build/model.txt): the smallest graph for early cutoff and handled failures.
 */
export function featuresModelRepo(modelRun: string): string {
  return engineRepo(
    `version: 1
assets:
  features:
    code: [features.sh]
    run: sh features.sh
    outputs: [build/features.csv]
  model:
    deps: [features]
    run: '${modelRun}'
    outputs: [build/model.txt]
`,
    { "features.sh": "mkdir -p build\nprintf 'x\\n1\\n2\\n' > build/features.csv\n" },
  );
}

/** Edits and commits features.sh without changing the bytes it writes: features runs again. */
export function reformatFeatures(dir: string): void {
  const file = path.join(dir, "features.sh");
  writeFileSync(file, `# reformatted\n${readFileSync(file, "utf8")}`);
  gitIn(dir, "commit", "-qam", "reformat features");
}
