// Which records a checkout continues: its lineage. Stale causes and the "current version" are told
// against the last successful materialization of the same environment on the same line of
// history, never against whichever record is newest (a dev build on a feature branch made `kiln
// status` on main print `config changed (epochs 5 → 60)`). A record is on the line of history
// when its commit is an ancestor of HEAD; a shallow clone (Actions checks out one commit) cannot
// tell, so there the record's branch decides. A version the line took up without building it (a
// merged pull request's, found fresh there by its logical version: LineAdoption) is on the line
// from the commit that took it up: status calls it current there, so causes, a report's previous
// version and a later pull request's merge-base are told against it too.
import type { LineAdoption, RunContext } from "../domain/records.js";

export interface Lineage {
  /** The environment the checkout runs in; records of other environments never count. */
  environment: string;
  /**
   * Branches whose records continue this checkout when ancestry cannot be told: the branch
   * checked out and, for a pull request, its base.
   */
  branches: readonly string[];
  /**
   * Answers which commits HEAD descends from (one batch for every record); undefined outside git,
   * where the environment alone decides.
   */
  ancestry?: ((commits: readonly string[]) => Promise<AncestryAnswer>) | undefined;
  /** True when the checkout runs for a pull request (see failureFilter). */
  pullRequest?: boolean | undefined;
  /**
   * The versions the lines of `branches` took up in this environment, by asset (read once, when
   * first asked); absent: none.
   */
  adoptions?: (() => Promise<ReadonlyMap<string, readonly LineAdoption[]>>) | undefined;
}

/** Whether a record, or the head of one of `asset`'s versions, is on the line (see lineageFilter). */
export type OnLine = (record: { context: RunContext; version?: number }, asset?: string) => boolean;

export interface AncestryAnswer {
  ancestors: ReadonlySet<string>;
  present: ReadonlySet<string>;
  shallow: boolean;
}

/**
 * Where one commit stands to HEAD's history: `ancestor` (HEAD descends from it: on this line,
 * or merged into it), `elsewhere` (this clone has the commit in full history and HEAD does not
 * descend from it), or `unknown` (a shallow clone, history not fetched, no commit recorded).
 */
export type HistoryPlace = "ancestor" | "elsewhere" | "unknown";

function placeIn(answer: AncestryAnswer, sha: string | undefined): HistoryPlace {
  if (!sha) return "unknown";
  if (answer.ancestors.has(sha)) return "ancestor";
  return answer.present.has(sha) && !answer.shallow ? "elsewhere" : "unknown";
}

/** Where a record's commit stands to the checkout's history (see HistoryPlace). */
export async function historyPlace(lineage: Lineage, record: { context: RunContext }): Promise<HistoryPlace> {
  const sha = record.context.gitSha;
  if (!sha || !lineage.ancestry) return "unknown";
  return placeIn(await lineage.ancestry([sha]), sha);
}

/**
 * Decides membership for every record at once; pass the records of all assets together. A record
 * is on the line when built on it, or (given its asset) when its version was taken up at a commit
 * HEAD descends from (adoptedOnLine).
 */
export async function lineageFilter(
  lineage: Lineage,
  records: readonly { context: RunContext }[],
): Promise<OnLine> {
  const sameEnvironment = (r: { context: RunContext }) => r.context.environment === lineage.environment;
  if (!lineage.ancestry) return sameEnvironment;
  const adopted = await adoptedOnLine(lineage);
  const commits = [
    ...new Set(records.filter(sameEnvironment).flatMap((r) => (r.context.gitSha ? [r.context.gitSha] : []))),
  ];
  const answer: AncestryAnswer =
    commits.length > 0
      ? await lineage.ancestry(commits)
      : { ancestors: new Set(), present: new Set(), shallow: false };
  return (record, asset) => {
    if (!sameEnvironment(record)) return false;
    if (asset !== undefined && record.version !== undefined && adopted.get(asset)?.has(record.version))
      return true;
    const place = placeIn(answer, record.context.gitSha);
    if (place !== "unknown") return place === "ancestor";
    // Unknown here (shallow clone, history not fetched, or recorded outside git): by branch.
    return record.context.ref !== undefined && lineage.branches.includes(record.context.ref);
  };
}

/**
 * asset → the versions its line took up at HEAD or a commit HEAD descends from. An adoption at a
 * commit git cannot place (a shallow clone) counts: it was made on one of the line's branches.
 */
async function adoptedOnLine(lineage: Lineage): Promise<Map<string, Set<number>>> {
  const all = (await lineage.adoptions?.()) ?? new Map<string, readonly LineAdoption[]>();
  const commits = [...new Set([...all.values()].flatMap((list) => list.map((a) => a.gitSha)))];
  const on = new Map<string, Set<number>>();
  if (commits.length === 0 || !lineage.ancestry) return on;
  const answer = await lineage.ancestry(commits);
  for (const [asset, list] of all)
    for (const { version, gitSha } of list)
      if (placeIn(answer, gitSha) !== "elsewhere") on.set(asset, (on.get(asset) ?? new Set()).add(version));
  return on;
}

/**
 * `asset`'s heads as its line holds them, for a search by commit (a pull request's merge-base):
 * each as built, and each version the line took up once more as at the commit that took it up.
 */
export async function headsAsTakenUp<T extends { version: number; context: RunContext }>(
  lineage: Lineage,
  asset: string,
  heads: readonly T[],
): Promise<T[]> {
  const adoptions = (await lineage.adoptions?.())?.get(asset) ?? [];
  const taken = adoptions.flatMap((a) => {
    const head = heads.find((h) => h.version === a.version && h.context.environment === lineage.environment);
    return head ? [{ ...head, context: { ...head.context, gitSha: a.gitSha, dirty: undefined } }] : [];
  });
  return [...heads, ...taken];
}

/**
 * Which failed attempts count for this checkout: those on its lineage, as for successes, made on
 * one of its branches (the branch checked out and, in a pull request's run, its base), and a pull
 * request's only in a pull request's run. A failure holds an asset back ("handled", not retried at
 * that version), so one from another line of history must not: a branch's failed attempt at the
 * code main merges later (a merge makes its commit an ancestor of main's HEAD, and `--env prod`
 * on the branch made it prod's), or a pull request's failure for want of prod's secrets, which
 * pull requests never get, would stop main from ever training that code. A pull request's record
 * names its merge commit, or locally the branch's own commit, which a fast-forward merge puts on
 * main's line: hence the event rule. Without a branch (a detached HEAD, outside git) only failures
 * made without one count.
 */
export async function failureFilter(
  lineage: Lineage,
  failures: readonly { context: RunContext }[],
): Promise<(failure: { context: RunContext }) => boolean> {
  const onLineage = await lineageFilter(lineage, failures);
  const madeHere = (ref: string | undefined) =>
    lineage.branches.length === 0 ? ref === undefined : ref !== undefined && lineage.branches.includes(ref);
  return (failure) =>
    onLineage(failure) &&
    madeHere(failure.context.ref) &&
    (lineage.pullRequest === true || failure.context.event !== "pull_request");
}
