// Merge-base comparison for pull requests: the champion says how a PR compares with what is
// deployed; the merge-base record says what the PR's own changes did, excluding later changes on
// the base branch.
import { isExperiment, type RunContext } from "../domain/records.js";

/** What the search needs of a version: a record or its head. */
type Candidate = { version: number; context: RunContext };

/** The git questions this module needs, injected so it never spawns git itself. */
export interface MergeBaseGit {
  mergeBase(a: string, b: string): Promise<string | undefined>;
  /** True when `ancestor` is `descendant` or one of its ancestors. */
  isAncestor(ancestor: string, descendant: string): Promise<boolean>;
}

/**
 * The record materialized at `mergeBaseSha`, or else at its nearest ancestor that has one. Among
 * several records of one commit the latest version wins. Records without a git sha, or made from a
 * dirty tree (they do not describe any commit), are not candidates.
 */
export async function findMergeBaseRecord<T extends Candidate>(
  records: readonly T[],
  isAncestorOrSameCommit: MergeBaseGit["isAncestor"],
  mergeBaseSha: string,
): Promise<T | undefined> {
  const verdicts = new Map<string, Promise<boolean>>();
  const ask = (a: string, b: string): Promise<boolean> => {
    const key = `${a}\u0000${b}`;
    let answer = verdicts.get(key);
    if (!answer) {
      answer = isAncestorOrSameCommit(a, b);
      verdicts.set(key, answer);
    }
    return answer;
  };
  let best: T | undefined;
  for (const record of [...records].sort((a, b) => b.version - a.version)) {
    const sha = record.context.gitSha;
    if (!sha || record.context.dirty) continue;
    if (!(await ask(sha, mergeBaseSha))) continue;
    const bestSha = best?.context.gitSha;
    if (!best || !bestSha) {
      best = record;
    } else if (sha !== bestSha && (await ask(bestSha, sha))) {
      // Strictly nearer to the merge-base than the current best.
      best = record;
    }
  }
  return best;
}

/**
 * The merge-base of a pull request's head and base, and the record found for it among the
 * versions of `environment` (the report's): a dev build or an experiment made at the merge-base
 * commit is not what the base branch had, and comparing with it would misstate the PR's effect.
 */
export async function mergeBaseRecord<T extends Candidate>(
  records: readonly T[],
  git: MergeBaseGit,
  head: string,
  base: string,
  environment: string,
): Promise<{ sha: string; record?: T | undefined } | undefined> {
  const sha = await git.mergeBase(head, base);
  if (!sha) return undefined;
  const candidates = records.filter((r) => r.context.environment === environment && !isExperiment(r));
  return { sha, record: await findMergeBaseRecord(candidates, (a, b) => git.isAncestor(a, b), sha) };
}
