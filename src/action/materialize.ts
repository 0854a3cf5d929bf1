// `command: materialize` (one asset per job) and `command: run` (a selection in one job).
// Bytes come and go through the workspace's store chain (local → Actions cache → artifacts →
// releases): each dependency is restored at exactly the version the plan chose, and a new
// version's outputs are saved to the backends its asset's `store` names before it is recorded.
import { markdownTable } from "markdown-table";
import { runUrlFromEnv } from "../github/context.js";
import { runAttemptOf } from "../domain/run-attempt.js";
import { declaredSecrets } from "../manifest/project.js";
import type { AssetOutcome } from "../run/executor.js";
import { runPipeline } from "../app/pipeline.js";
import { md } from "../report/escape.js";
import { actionsReporter } from "../run/progress.js";
import { knownSecretsMasker } from "../run/step-environment.js";
import type { ActionIO } from "./io.js";
import type { ActionInputs } from "./inputs.js";
import { RunRecordsLedger, uploadRunRecords } from "./run-records.js";
import { heldBackElsewhere } from "./upstream-gate.js";
import { actionTick } from "./tick.js";
import { ActionFailure, actionOverrides, actionWorkspace } from "./workspace.js";

export interface MaterializeSummary {
  outcomes: AssetOutcome[];
  failed: boolean;
}

function githubContext(env: NodeJS.ProcessEnv) {
  return {
    runId: env.GITHUB_RUN_ID,
    runAttempt: env.GITHUB_RUN_ID ? runAttemptOf(env) : undefined,
    runUrl: runUrlFromEnv(env),
    actor: env.GITHUB_ACTOR,
  };
}

export async function materializeAction(io: ActionIO, inputs: ActionInputs): Promise<MaterializeSummary> {
  const tick = actionTick(io.env, inputs.event);
  const workspace = await actionWorkspace(io, inputs, tick);
  const selection = inputs.command === "materialize" ? [inputs.asset!] : inputs.selection;
  const overrides = actionOverrides(io, inputs, workspace);
  // The runner masks the secrets it maps into the job, but line by line: a multi-line value (a PEM
  // key) or its JSON-escaped form would pass. Each form Kiln masks is registered with the runner too,
  // so what Kiln masks is also masked in anything printed later in the job (the action's own
  // messages, a later step, the runner's annotations).
  for (const form of knownSecretsMasker(io.env, declaredSecrets(workspace.project)).registrations())
    io.mask(form);

  // An asset job carries out the plan job's decision: it does not evaluate the conditions again
  // (the plan job handled the tick). A request (the plan's `force` list: a cron tick, a selection,
  // dispatch force) runs even when the asset is fresh by now; the rest may stop at early cutoff.
  // On a schedule tick (a dispatched one included) nothing but the automation requests an asset:
  // its record says so, not "forced" as for the dispatch form's force.
  const requested = tick.event === "schedule" ? "requested by the schedule tick" : "forced";
  const decided =
    inputs.command === "materialize"
      ? new Map([[inputs.asset!, { request: inputs.force, reason: inputs.force ? requested : undefined }]])
      : undefined;
  const outcome = await runPipeline({
    workspace,
    selection,
    decided,
    // A leg of a layer workflow starts whatever happened in earlier layers (a failed leg must not
    // skip unrelated assets): it is skipped when a dependency the plan job ran elsewhere in this
    // run failed there or was held back (upstream-gate.ts), or is not fresh now (the executor).
    heldBackElsewhere:
      inputs.command === "materialize"
        ? await heldBackElsewhere(
            workspace,
            inputs.asset!,
            inputs.plan,
            io.env.GITHUB_RUN_ID ? { run: io.env.GITHUB_RUN_ID, attempt: runAttemptOf(io.env) } : undefined,
          )
        : undefined,
    runElsewhere:
      inputs.command === "materialize"
        ? new Set(
            Object.keys(inputs.plan).filter((name) => inputs.plan[name] === "run" && name !== inputs.asset),
          )
        : undefined,
    force: inputs.force,
    tick,
    reporter: actionsReporter({
      text: (text) => io.info(text.replace(/\n$/, "")),
      group: (title, body) => io.logGroup(title, body),
    }),
    env: io.env,
    context: githubContext(io.env),
    overrides,
    // One asset per job: the plan job checked the selection; `run` plans its own selection.
    experimentSelection: inputs.command === "run",
  });
  if (!outcome.ok)
    throw new ActionFailure(outcome.hint ? `${outcome.error} (${outcome.hint})` : outcome.error);
  const outcomes = [...outcome.result.execution.outcomes.values()];

  for (const done of outcomes) {
    if (done.outcome !== "success" || !done.record) continue;
    for (const warning of done.record.warnings ?? [])
      io.warning(`${done.asset} v${done.record.version}: ${warning}`);
    for (const location of done.record.locations)
      io.info(
        `${done.asset} v${done.record.version} → ${location.kind}: ${location.ref}${location.url ? ` (${location.url})` : ""}`,
      );
  }

  if (workspace.ledger instanceof RunRecordsLedger) {
    const label = inputs.command === "materialize" ? inputs.asset! : (io.env.GITHUB_JOB ?? "run");
    const uploaded = await uploadRunRecords(workspace.ledger, label, io.env.GITHUB_RUN_ATTEMPT);
    if (uploaded)
      io.info(`this job's records are in the ${uploaded} artifact (the ledger is read-only here)`);
  }

  const single =
    inputs.command === "materialize" ? outcomes.find((o) => o.asset === inputs.asset) : undefined;
  io.setOutput("ran", String(outcomes.some((o) => o.outcome === "success" || o.outcome === "failed")));
  io.setOutput("version", single?.record ? `v${single.record.version}` : "");
  io.setOutput("promoted", String(outcomes.some((o) => o.promotion?.moved)));

  const rows = outcomes.map((o) => [o.asset, o.outcome, o.record ? `v${o.record.version}` : "", o.detail]);
  await io.summary(
    `## Kiln ${inputs.command === "materialize" ? inputs.asset : "run"}\n\n` +
      // A leg skipped for its dependencies says why in a sentence (the report job quotes it).
      (single?.outcome === "skipped"
        ? `Skipped: ${md(single.detail)}.`
        : rows.length
          ? markdownTable([["asset", "result", "version", "detail"], ...rows.map((r) => r.map(md))])
          : "Nothing to run: every selected asset is fresh.") +
      "\n",
  );
  const failed = outcomes.filter((o) => o.outcome === "failed");
  for (const f of failed) io.error(`${f.asset} failed: ${f.detail}`, { title: `kiln: ${f.asset} failed` });
  return { outcomes, failed: failed.length > 0 || outcome.result.execution.cancelled };
}
