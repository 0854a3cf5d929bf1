// `command: plan`: decide what this workflow run materializes. The job output `plan` is compact
// (GitHub limits job outputs to 1 MB): {"<asset>": "run" | "skip"}; the generated asset jobs gate
// on it with fromJSON(needs['kiln-plan'].outputs.plan)['<asset>'] == 'run'.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { UNMATCHED_HINT, unmatchedWarning } from "../version/fingerprint.js";
import { markdownTable } from "markdown-table";
import { environmentOfBranch, PROD } from "../app/environment.js";
import { planWorkspace, promoteCurrentVersions } from "../app/pipeline.js";
import type { Workspace } from "../app/workspace.js";
import { minuteTime, tickClock } from "../automation/tick.js";
import { runUrlFromEnv, workflowFileFromEnv } from "../github/context.js";
import { md } from "../report/escape.js";
import type { Project } from "../manifest/project.js";
import type { ProjectAssessment } from "../version/status.js";
import { layerChunks, matrixEntry } from "../workflow/layers.js";
import { pushTrigger } from "../workflow/push-trigger.js";
import { SCHEDULED_TICK_INPUT } from "../workflow/schedules.js";
import type { ActionIO } from "./io.js";
import type { ActionInputs } from "./inputs.js";
import { actionTick } from "./tick.js";
import { ActionFailure, actionOverrides, actionWorkspace } from "./workspace.js";

export type CompactPlan = Record<string, "run" | "skip">;

export async function planAction(io: ActionIO, inputs: ActionInputs): Promise<CompactPlan> {
  const tick = actionTick(io.env, inputs.event, { checked: true });
  const workspace = await actionWorkspace(io, inputs, tick);
  const overrides = actionOverrides(io, inputs, workspace);
  await warnUntriggeredDefaultBranch(io, workspace);
  if (tick.carried) {
    // A scheduled tick carries no selection: a run that also asked for assets, force or config
    // would be neither the tick nor the request, and handle the tick with the wrong run.
    if (inputs.selection.length > 0 || inputs.force || inputs.config.length > 0)
      throw new ActionFailure(
        `this dispatch carries a schedule tick (input "${SCHEDULED_TICK_INPUT}") and also assets, force or config: a scheduled tick plans what the automation says. Leave "${SCHEDULED_TICK_INPUT}" empty to run a selection by hand`,
      );
    io.info(
      `schedule tick of ${minuteTime(tick.now)}, dispatched onto ${workspace.git.branch ?? "this branch"} by the default branch's scheduled run: planned as that schedule event`,
    );
  }
  const planOptions = {
    selection: inputs.selection,
    force: inputs.force,
    tick,
    env: io.env,
    overrides,
    experimentSelection: true,
  };
  let planned = await io.group(`Plan (${tick.event}, environment ${workspace.environment})`, async () => {
    const result = await planWorkspace(workspace, planOptions);
    if (!result.ok) throw new ActionFailure(result.hint ? `${result.error} (${result.hint})` : result.error);
    for (const [name, entry] of result.plan.assets)
      io.info(`${entry.run ? "run " : "skip"} ${name}: ${entry.reasons.join("; ") || entry.status}`);
    // A file a pattern expects but this checkout lacks (gitignored locally, a typo) is seen here.
    for (const name of result.plan.assets.keys())
      for (const pattern of result.assessment.assets.get(name)?.unmatched ?? [])
        io.warning(`${unmatchedWarning(name, pattern)}: ${UNMATCHED_HINT}`);
    return result;
  });
  // A merged pull request's model is this branch's current version: judged now, since no asset
  // job will run it (promotion on merge). A move changes what `asset@alias` dependants read.
  const merged = await promoteCurrentVersions(
    workspace,
    planned,
    {
      by: io.env.GITHUB_ACTOR ?? "kiln",
      run: runUrlFromEnv(io.env) ?? io.env.GITHUB_RUN_ID,
      at: tickClock(tick)(),
    },
    ({ asset, reason }) => io.info(`${asset}: ${reason}`),
  );
  for (const { asset, outcome } of merged)
    io.info(`★ ${asset}: ${outcome.verdict.alias} → v${outcome.to}: ${outcome.verdict.reason}`);
  if (merged.length > 0) {
    const again = await planWorkspace(workspace, planOptions);
    if (!again.ok) throw new ActionFailure(again.hint ? `${again.error} (${again.hint})` : again.error);
    planned = again;
  }
  const compact: CompactPlan = {};
  for (const [name, entry] of planned.plan.assets) compact[name] = entry.run ? "run" : "skip";
  io.setOutput("plan", JSON.stringify(compact));
  // Assets the plan requested (a cron tick, a selection, dispatch `force`): their jobs must run them
  // even when they look fresh there, which a job alone cannot tell from "fresh because the
  // upstream data came out unchanged" (early cutoff). The others may stop at early cutoff.
  const forced = [...planned.plan.assets].filter(([, e]) => e.request).map(([name]) => name);
  io.setOutput("force", JSON.stringify(forced));
  // The alias dependencies that can be read whatever the aliased asset's job does in this run: a
  // dependant of one waits for that job, then runs even when it failed (generate.ts assetCondition).
  io.setOutput("aliases", JSON.stringify(namedAliases(workspace.project, planned.assessment)));
  // Layer workflows run one matrix job per graph layer: each gets the list of its assets to run.
  // Written whatever the workflow's shape (which only the generator decides, from the rendered
  // file's exact size); a per-asset workflow does not read them.
  for (const chunk of layerChunks(workspace.project)) {
    const entries = chunk.assets
      .filter((name) => compact[name] === "run")
      .map((name) => matrixEntry(workspace.project.assets.get(name)!, forced.includes(name)));
    io.setOutput(chunk.output, JSON.stringify(entries));
  }
  const rows = [...planned.plan.assets].map(([name, e]) => [
    name,
    e.run ? "▶ run" : "skip",
    e.status,
    e.reasons.join("; ") || "-",
  ]);
  const promotedNow = merged.map(
    ({ asset, outcome }) =>
      `- ★ ${md(asset)}: ${md(outcome.verdict.alias)} → v${outcome.to}: ${md(outcome.verdict.reason)}\n`,
  );
  await io.summary(
    `## Kiln plan\n\n${markdownTable([["asset", "plan", "status", "why"], ...rows.map((r) => r.map(md))])}\n${promotedNow.length > 0 ? `\n${promotedNow.join("")}` : ""}`,
  );
  // The tick is handled once its plan is published: a second delivery of the same schedule event
  // plans nothing, and a plan job that crashed before this point is evaluated again.
  await planned.plan.commit();
  return compact;
}

/**
 * A workflow generated where the repository's default branch was not known triggers on pushes to
 * main and master; when the default branch is another one and selects prod, pushes and merges to
 * it start no run: prod trains only on a schedule or a dispatch, and nothing promotes on merge.
 * Every run's plan job can see it (a schedule runs on the default branch), from the event's
 * default branch and the running workflow's file, so it says so in the log.
 */
async function warnUntriggeredDefaultBranch(io: ActionIO, workspace: Workspace): Promise<void> {
  const { project, git } = workspace;
  const defaultBranch = git.defaultBranch;
  const file = workflowFileFromEnv(io.env);
  if (!defaultBranch || !git.root || !file) return;
  if (environmentOfBranch(project, defaultBranch, defaultBranch) !== PROD) return;
  let text: string;
  try {
    text = await readFile(path.join(git.root, file), "utf8");
  } catch {
    return; // not in this checkout: nothing to compare with
  }
  const trigger = pushTrigger(text, defaultBranch);
  if (trigger.runs !== false) return;
  const manifest = path.relative(git.root, project.manifestPath).split(path.sep).join("/");
  io.warning(
    `the repository's default branch ${defaultBranch} selects prod, but pushes to it do not run ${file} ` +
      `(push: ${trigger.branches.join(", ") || "none"}): prod trains on ${defaultBranch} only on a schedule or a ` +
      `dispatch, and nothing promotes on merge. Run \`kiln generate\` in a clone whose origin/HEAD is ` +
      `${defaultBranch}, or declare environments.prod.branches in ${manifest}, and commit the workflow`,
    { file },
  );
}

/** `asset@alias` for each alias dependency whose alias names a version now, sorted. */
export function namedAliases(project: Project, assessment: ProjectAssessment): string[] {
  const named = new Set<string>();
  for (const asset of project.assets.values()) {
    const unavailable = assessment.assets.get(asset.name)?.unavailable ?? [];
    for (const [dep, alias] of Object.entries(asset.depAliases))
      if (!unavailable.includes(dep)) named.add(`${dep}@${alias}`);
  }
  return [...named].sort();
}
