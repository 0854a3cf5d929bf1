// Plays a generated workflow the way GitHub schedules it: jobs in `needs` order, each job's `if:`
// (and every `${{ }}` in its `with:`, `outputs:` and matrix) evaluated by GitHub's own expression
// engine (@actions/expressions) against the contexts GitHub provides — `github`, `inputs`,
// `needs.<job>.result/outputs`, `steps`, `matrix` — and the job-level status functions. Nothing
// here knows what Kiln's conditions say: a wrong condition shows up as a wrong job running.
import { data, Evaluator, Lexer, Parser } from "@actions/expressions";
import { truthy } from "@actions/expressions/result";
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import { parse as parseYaml } from "yaml";

export type JobStatus = "success" | "failure" | "cancelled" | "skipped";

export interface WorkflowStep {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

export interface WorkflowJob {
  name?: string;
  needs?: string[] | string;
  env?: Record<string, string>;
  if?: string;
  outputs?: Record<string, string>;
  strategy?: { matrix?: { include?: unknown } };
  steps?: WorkflowStep[];
}

const CONTEXTS = [
  "github",
  "inputs",
  "needs",
  "steps",
  "matrix",
  "env",
  "runner",
  "vars",
  "secrets",
  "strategy",
  "job",
];
const STATUS_FUNCTIONS = ["always", "success", "failure", "cancelled"];

/** Errors from GitHub's own parser (schema, expressions, `needs` cycles and unknown jobs). */
export function workflowErrors(name: string, content: string): Promise<string[]> {
  // A file plays the same generated workflow in run after run: parse each text once.
  const key = `${name}\0${content}`;
  let errors = checked.get(key);
  if (!errors) {
    errors = parseErrors(name, content);
    checked.set(key, errors);
  }
  return errors;
}

const checked = new Map<string, Promise<string[]>>();

async function parseErrors(name: string, content: string): Promise<string[]> {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((e) => e.message);
  if (errors.length > 0 || !result.value) return errors;
  await convertWorkflowTemplate(result.context, result.value);
  return result.context.errors.getErrors().map((e) => e.message);
}

function needsOf(job: WorkflowJob): string[] {
  return job.needs === undefined ? [] : typeof job.needs === "string" ? [job.needs] : job.needs;
}

/** The text inside `${{ }}` when the whole value is one expression, else undefined. */
function wholeExpression(text: string): string | undefined {
  const match = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(text);
  return match && !match[1]!.includes("}}") ? match[1]!.trim() : undefined;
}

function toData(value: unknown): data.ExpressionData {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData;
}

function toJs(value: data.ExpressionData): unknown {
  return JSON.parse(JSON.stringify(value, data.replacer));
}

/** How GitHub turns an expression's value into the string a `with:` input or output receives. */
function asString(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export interface Contexts {
  github?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
  needs?: Record<string, { result: JobStatus; outputs: Record<string, string> }>;
  steps?: Record<string, { outputs: Record<string, string> }>;
  matrix?: Record<string, unknown>;
  secrets?: Record<string, string>;
}

export interface Status {
  cancelled: boolean;
  /** Results of every job this one needs, directly or through others. */
  ancestors: JobStatus[];
  /** Results of the jobs in its `needs`. */
  direct: JobStatus[];
}

/** Evaluates one expression (the text inside `${{ }}`) as GitHub does; returns a plain JS value. */
export function evaluate(expression: string, contexts: Contexts, status?: Status): unknown {
  const calls: Record<string, () => boolean> = {
    always: () => true,
    cancelled: () => status?.cancelled ?? false,
    // With jobs, failure() is true when any ancestor failed; success() when the run is not
    // cancelled and every needed job succeeded.
    failure: () => (status?.ancestors ?? []).includes("failure"),
    success: () => !(status?.cancelled ?? false) && (status?.direct ?? []).every((r) => r === "success"),
  };
  const functions = new Map(
    STATUS_FUNCTIONS.map((name) => [
      name,
      { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(calls[name]!()) },
    ]),
  );
  const lexed = new Lexer(expression).lex();
  const parsed = new Parser(lexed.tokens, CONTEXTS, [...functions.values()]).parse();
  const context = new data.Dictionary(
    ...CONTEXTS.map((key) => ({ key, value: toData((contexts as Record<string, unknown>)[key] ?? {}) })),
  );
  return toJs(new Evaluator(parsed, context, functions).evaluate());
}

/** A `with:`/`outputs:` value: one whole expression keeps its type; text interpolates. */
export function evaluateValue(value: unknown, contexts: Contexts): unknown {
  if (typeof value !== "string") return value;
  const whole = wholeExpression(value);
  if (whole !== undefined) return evaluate(whole, contexts);
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expr: string) =>
    asString(evaluate(expr.trim(), contexts)),
  );
}

/** Whether GitHub starts the job: its `if:`, with the implicit `success() &&` when it names no status function. */
export function jobRuns(job: WorkflowJob, contexts: Contexts, status: Status): boolean {
  const raw = job.if === undefined ? "success()" : (wholeExpression(job.if) ?? job.if);
  const withoutStrings = raw.replace(/'(?:[^']|'')*'/g, "''");
  const namesStatus = new RegExp(`\\b(${STATUS_FUNCTIONS.join("|")})\\s*\\(`, "i").test(withoutStrings);
  const condition = namesStatus ? raw : `success() && (${raw})`;
  return truthy(toData(evaluate(condition, contexts, status)));
}

/** What a job's step did, as the harness ran it. */
export interface StepOutcome {
  ok: boolean;
  /** The job ends cancelled (as at its timeout-minutes) rather than failed. */
  cancelled?: boolean;
  outputs: Record<string, string>;
}

export interface PlayOptions {
  workflow: string;
  github: Record<string, unknown>;
  inputs?: Record<string, unknown>;
  secrets?: Record<string, string>;
  cancelled?: boolean;
  /** Called as each job (each matrix leg) ends, with the name GitHub shows for it. */
  onJobDone?(job: { id: string; name: string; result: JobStatus }): void;
  /** Runs one step (checkout and other steps the harness cannot run are not passed); undefined skips it. */
  runStep(
    job: string,
    step: WorkflowStep & { with: Record<string, string> },
    matrix?: Record<string, unknown>,
    /** The job's `env:` and the step's own (which wins), evaluated. */
    env?: Record<string, string>,
  ): Promise<StepOutcome | undefined> | StepOutcome | undefined;
  /** Steps the harness runs; default: every `uses:` step except actions/checkout. */
  runs?: (step: WorkflowStep) => boolean;
}

export interface PlayedRun {
  results: Record<string, JobStatus>;
  outputs: Record<string, Record<string, string>>;
  /** Jobs in the order they ran (matrix legs as `job (asset)` entries are not listed). */
  order: string[];
}

/** Plays every job of `workflow`: `needs` order, `if:` evaluated, steps run through `runStep`. */
export async function playWorkflow(options: PlayOptions): Promise<PlayedRun> {
  const workflow = parseYaml(options.workflow) as { jobs: Record<string, WorkflowJob> };
  const jobs = workflow.jobs;
  const results: Record<string, JobStatus> = {};
  const outputs: Record<string, Record<string, string>> = {};
  const order: string[] = [];
  const ancestors = new Map<string, Set<string>>();
  const ancestorsOf = (id: string): Set<string> => {
    let found = ancestors.get(id);
    if (found) return found;
    found = new Set();
    for (const need of needsOf(jobs[id]!)) {
      found.add(need);
      for (const a of ancestorsOf(need)) found.add(a);
    }
    ancestors.set(id, found);
    return found;
  };
  const runs =
    options.runs ?? ((step) => step.uses !== undefined && !step.uses.startsWith("actions/checkout"));
  const pending = Object.keys(jobs);
  while (pending.length > 0) {
    const index = pending.findIndex((id) => needsOf(jobs[id]!).every((n) => n in results));
    if (index < 0) throw new Error(`jobs ${pending.join(", ")} need jobs that never finish`);
    const id = pending.splice(index, 1)[0]!;
    const job = jobs[id]!;
    const needs = Object.fromEntries(
      needsOf(job).map((n) => [n, { result: results[n]!, outputs: outputs[n] ?? {} }]),
    );
    const base: Contexts = {
      github: options.github,
      inputs: options.inputs ?? {},
      needs,
      secrets: options.secrets ?? {},
    };
    const status: Status = {
      cancelled: options.cancelled ?? false,
      ancestors: [...ancestorsOf(id)].map((a) => results[a]!),
      direct: needsOf(job).map((n) => results[n]!),
    };
    if (!jobRuns(job, base, status)) {
      results[id] = "skipped";
      options.onJobDone?.({ id, name: job.name ?? id, result: "skipped" });
      continue;
    }
    order.push(id);
    const include = job.strategy?.matrix?.include;
    const legs: Array<Record<string, unknown> | undefined> =
      include === undefined ? [undefined] : (evaluateValue(include, base) as Array<Record<string, unknown>>);
    let ok = true;
    let cancelled = false;
    let stepOutputs: Record<string, { outputs: Record<string, string> }> = {};
    for (const matrix of legs) {
      stepOutputs = {};
      const legContexts: Contexts = { ...base, ...(matrix ? { matrix } : {}) };
      const env = Object.fromEntries(
        Object.entries(job.env ?? {}).map(([k, v]) => [k, asString(evaluateValue(v, legContexts))]),
      );
      let legResult: JobStatus = "success";
      for (const step of job.steps ?? []) {
        if (!runs(step)) continue;
        const contexts: Contexts = { ...legContexts, steps: stepOutputs };
        const withInputs = Object.fromEntries(
          Object.entries(step.with ?? {}).map(([k, v]) => [k, asString(evaluateValue(v, contexts))]),
        );
        const stepEnv = Object.fromEntries(
          Object.entries(step.env ?? {}).map(([k, v]) => [k, asString(evaluateValue(v, contexts))]),
        );
        const outcome = await options.runStep(id, { ...step, with: withInputs }, matrix, {
          ...env,
          ...stepEnv,
        });
        if (!outcome) continue;
        if (step.id) stepOutputs[step.id] = { outputs: outcome.outputs };
        if (!outcome.ok) {
          legResult = outcome.cancelled ? "cancelled" : "failure";
          break;
        }
      }
      if (legResult === "failure") ok = false;
      if (legResult === "cancelled") cancelled = true;
      const name = job.name === undefined ? id : asString(evaluateValue(job.name, legContexts));
      options.onJobDone?.({ id, name, result: legResult });
    }
    // A matrix job fails when any leg failed; a cancelled leg (and no failed one) cancels it.
    results[id] = !ok ? "failure" : cancelled ? "cancelled" : "success";
    outputs[id] = Object.fromEntries(
      Object.entries(job.outputs ?? {}).map(([k, v]) => [
        k,
        asString(evaluateValue(v, { ...base, steps: stepOutputs })),
      ]),
    );
  }
  return { results, outputs, order };
}
