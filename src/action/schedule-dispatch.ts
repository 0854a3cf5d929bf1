// A scheduled run's dispatch job (`command: dispatch`) starts the workflow on prod's other branches. GitHub runs every
// schedule on the default branch, with that branch's workflow file: in a release-branch flow (main
// is the default branch and dev, `environments.prod.branches: [production]`) prod would never see a
// tick. Checking production out from here would run this file's jobs (needs, secrets, asset list)
// on another branch's manifest and code; a workflow_dispatch on production runs production's own
// file, manifest and code instead. It carries this tick's time (`scheduled-tick`), so the run there
// plans the same tick as a schedule event (action/tick.ts): idempotent as every tick is, however
// late it starts, and reported as a scheduled tick rather than a manual dispatch. A job of its own,
// the only one with `actions: write`, and only on schedule events: the plan job, which runs the
// manifest's observe commands on every event, pull requests included, does not hold it.
import path from "node:path";
import type { Workspace } from "../app/workspace.js";
import { minuteTime, type Tick } from "../automation/tick.js";
import type { DispatchRefused } from "../github/client.js";
import { workflowFileFromEnv } from "../github/context.js";
import { SCHEDULED_TICK_INPUT, scheduleDispatchBranches } from "../workflow/schedules.js";
import { md, mdLink } from "../report/escape.js";
import type { ActionInputs } from "./inputs.js";
import type { ActionIO } from "./io.js";
import { actionTick } from "./tick.js";
import { actionWorkspace } from "./workspace.js";

const TITLE = "kiln: schedule tick not dispatched";

/** One dispatch of the tick, for the job's summary: the run it started, or why none. */
export interface DispatchedTick {
  branch: string;
  url?: string | undefined;
  refused?: string | undefined;
}

/**
 * On a schedule event, dispatches the tick onto each of prod's branches other than this one (the
 * default branch), one dispatch per branch: each is a line of history with its own cursor, as its
 * pushes are. A refusal is a warning annotation saying what to change; this run's own work goes on.
 */
export async function dispatchScheduleTick(
  io: ActionIO,
  workspace: Workspace,
  tick: Tick,
  token: string,
): Promise<DispatchedTick[]> {
  // The event GitHub started this run for: a dispatched run plans as a schedule, never dispatches.
  if (io.env.GITHUB_EVENT_NAME !== "schedule") return [];
  const { project, git } = workspace;
  const branches = scheduleDispatchBranches(project, git.branch ?? git.defaultBranch);
  if (branches.length === 0) return [];
  const at = minuteTime(tick.now);
  const onto = (branch: string) =>
    `could not dispatch this schedule tick (${at}) onto prod's branch ${branch}`;
  const file = workflowFileFromEnv(io.env);
  if (!file || !token) {
    const why = file
      ? "the action has no github-token"
      : "GITHUB_WORKFLOW_REF does not name a workflow file of this repository";
    for (const branch of branches)
      io.warning(`${onto(branch)}: ${why}; prod on ${branch} retrains only on its pushes and dispatches`, {
        title: TITLE,
      });
    return branches.map((branch) => ({ branch, refused: why }));
  }
  // Octokit is loaded only by the runs that dispatch: every other plan job starts without it.
  const { githubClientFromEnv } = await import("../github/client.js");
  const client = githubClientFromEnv(token, io.env);
  const workflow = path.posix.basename(file);
  const done: DispatchedTick[] = [];
  for (const branch of branches) {
    const outcome = await client.dispatchWorkflow({
      workflow,
      ref: branch,
      inputs: { [SCHEDULED_TICK_INPUT]: tick.now.toISOString() },
    });
    if (outcome.ok) {
      io.info(
        `dispatched this schedule tick (${at}) onto prod's branch ${branch}: ${outcome.url ?? `a workflow_dispatch run of ${workflow} on ${branch}`}`,
      );
      done.push({ branch, url: outcome.url });
    } else {
      io.warning(`${onto(branch)}: ${refusal(outcome, { branch, file })}`, { title: TITLE });
      done.push({ branch, refused: `${outcome.status ?? "no answer"}: ${outcome.message}` });
    }
  }
  return done;
}

/** The summary's lines for the dispatches, Markdown. */
export function dispatchSummary(tick: Tick, dispatched: readonly DispatchedTick[]): string {
  return dispatched
    .map(({ branch, url, refused }) =>
      refused
        ? `- ⚠️ this schedule tick (${minuteTime(tick.now)}) was not dispatched onto prod's branch ${md(branch)}: ${md(refused)}\n`
        : `- ↪ this schedule tick (${minuteTime(tick.now)}) was dispatched onto prod's branch ${md(branch)}${url ? `: ${mdLink("its run", url) ?? md(url)}` : ""}\n`,
    )
    .join("");
}

/** What GitHub's refusal means and what to change, in the words a user acts on. */
function refusal(outcome: DispatchRefused, where: { branch: string; file: string }): string {
  const said = `GitHub refused it (${outcome.status ? `${outcome.status}: ` : ""}${outcome.message})`;
  const goesOn = `This run's own work goes on; prod on ${where.branch} misses this tick, and the next schedule tick dispatches again`;
  if (outcome.status === 403 && !/rate limit/i.test(outcome.message))
    return `${said}. The dispatch job needs \`actions: write\`: run \`kiln generate\` in a clone that knows the default branch (\`git remote set-head origin --auto\`) and commit the workflow (it grants it where prod's branch is not the default branch), or give it to the job running \`command: dispatch\` in a hand-written workflow. ${goesOn}`;
  if (outcome.status === 422 || outcome.status === 404)
    return `${said}. ${where.branch}'s ${where.file} must declare the workflow_dispatch input ${SCHEDULED_TICK_INPUT}: merge the workflow \`kiln generate\` writes into ${where.branch} (and check that the branch exists). ${goesOn}`;
  if (outcome.status === undefined) return `${outcome.message}. ${goesOn}`;
  return `${said}. ${goesOn}`;
}

/**
 * The dispatch job: on a schedule event, dispatches the tick onto prod's other branches and says
 * where it went in the job summary. Runs beside the plan job (not after it): prod's branch gets its
 * tick even when planning here fails.
 */
export async function dispatchAction(io: ActionIO, inputs: ActionInputs): Promise<DispatchedTick[]> {
  const tick = actionTick(io.env, inputs.event);
  const workspace = await actionWorkspace(io, inputs, tick);
  const dispatched = await dispatchScheduleTick(io, workspace, tick, inputs.token);
  if (dispatched.length > 0)
    await io.summary(`## Kiln schedule dispatch\n\n${dispatchSummary(tick, dispatched)}`);
  else io.info("nothing to dispatch: not a schedule event, or prod trains on this branch");
  return dispatched;
}
