// A real project in a temporary git repository, driven tick by tick in-process: plan and run with
// the same engine the CLI and the action use, against the local ledger and store.
import path from "node:path";
import type { TickEvent } from "../../src/automation/tick.js";
import { loadManifest } from "../../src/manifest/load.js";
import { type PipelineResult, planWorkspace, runPipeline } from "../../src/app/pipeline.js";
import type { ProgressReporter } from "../../src/run/progress.js";
import { openWorkspace, type Workspace } from "../../src/app/workspace.js";
import { Rig } from "../e2e/rig.js";

const quiet: ProgressReporter = { update() {}, line() {}, progress() {}, close() {} };

export class TickWorld extends Rig {
  /** Where the ledger lives: `.kiln/ledger`, or the `kiln-ledger` branch of `origin` (see withRemote). */
  ledgerKind: "local" | "branch" = "local";

  constructor(files: Record<string, string>) {
    super(files);
    this.commit();
  }

  /** Gives the repository a bare `origin` and keeps the ledger on its `kiln-ledger` branch. */
  withRemote(): this {
    const remote = `${this.dir}-origin.git`;
    this.git("init", "-q", "--bare", "-b", "main", remote);
    this.git("remote", "add", "origin", remote);
    this.git("push", "-q", "origin", "main");
    this.ledgerKind = "branch";
    return this;
  }

  /** `environment`: the run's `--env`. */
  async workspace(event: TickEvent = "local", base?: string, environment?: string): Promise<Workspace> {
    const loaded = loadManifest(path.join(this.dir, "kiln.yml"));
    if (!loaded.ok) throw new Error(loaded.error.map((d) => d.message).join("\n"));
    const opened = await openWorkspace({
      project: loaded.value.project,
      event,
      base,
      environment,
      ledger: this.ledgerKind,
      env: {},
    });
    if (!opened.ok) throw new Error(opened.error);
    return opened.workspace;
  }

  async plan(now: string, event: TickEvent = "schedule", selection: string[] = [], force = false) {
    const planned = await planWorkspace(await this.workspace(event), {
      selection,
      force,
      tick: { event, now: new Date(now) },
      env: process.env,
    });
    if (!planned.ok) throw new Error(planned.error);
    return planned.plan;
  }

  /** Assets the plan marks "run" at this tick, without running them. */
  async planned(now: string, event: TickEvent = "schedule", selection: string[] = []): Promise<string[]> {
    const plan = await this.plan(now, event, selection);
    return [...plan.assets].filter(([, e]) => e.run).map(([name]) => name);
  }

  async run(
    now: string,
    event: TickEvent = "schedule",
    selection: string[] = [],
    force = false,
    /** A pull request's base branch, variables the steps' environment may name (secrets), `--env`. */
    extra: { base?: string; env?: Record<string, string>; environment?: string } = {},
  ): Promise<PipelineResult> {
    const outcome = await runPipeline({
      workspace: await this.workspace(event, extra.base, extra.environment),
      selection,
      force,
      jobs: 2,
      tick: { event, now: new Date(now) },
      reporter: quiet,
      env: { ...process.env, PATH: process.env.PATH, ...extra.env },
    });
    if (!outcome.ok) throw new Error(outcome.error);
    return outcome.result;
  }

  /** Runs a tick and returns the assets that materialized (a new record) in it. */
  async materialized(
    now: string,
    event: TickEvent = "schedule",
    selection: string[] = [],
  ): Promise<string[]> {
    const result = await this.run(now, event, selection);
    return [...result.execution.outcomes.values()].filter((o) => o.outcome === "success").map((o) => o.asset);
  }
}
