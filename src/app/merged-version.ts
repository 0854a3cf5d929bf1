// Promotion on merge judges a version trained on another branch (a pull request's) once this
// line finds it current. Finding it current is not enough: a pull request that changed nothing
// the model is built from trains it at the very version main has too, and main would then promote
// a model no merge brought (a weekly model, trained on a README-only pull request mid-week,
// became champion on main's next unrelated push). The version is taken only when this line has
// what that branch brought:
// - its commit is an ancestor of HEAD (a merge commit, a fast-forward): merged;
// - or the branch changed what the asset is built from — its own code, config, env or inputs
//   differ from every version of it this line built, or a dependency's version it read was itself
//   brought that way — and this line now has that change (the same logical version): a squash or
//   rebase merge, whose commits are not ancestors.
// Otherwise it is not promoted, with the reason; a shallow clone, which cannot tell, fails safe.
import { isExperiment, type MaterializationRecord, type Provenance } from "../domain/records.js";
import type { Ledger } from "../ledger/ledger.js";
import { historyPlace, type Lineage, lineageFilter } from "../version/lineage.js";
import { canonicalJson } from "../version/versions.js";

export type MergedAnswer = { merged: true } | { merged: false; reason: string };

export interface MergedQuestion {
  /** The version trained on another branch, current and fresh on this checkout. */
  record: MaterializationRecord;
  /** Where it was trained, in words: `branch docs`, `pull request #7`. */
  where: string;
  lineage: Lineage;
  ledger: Ledger;
  /** The current record of an asset (a dependency), as the run's assessment found it. */
  currentRecord: (asset: string) => Promise<MaterializationRecord | undefined>;
}

export async function mergedHere(question: MergedQuestion): Promise<MergedAnswer> {
  const { record, where } = question;
  const place = await historyPlace(question.lineage, record);
  if (place === "ancestor") return { merged: true };
  if (await brought(question, record, new Set())) return { merged: true };
  const byHand = `\`kiln promote ${record.asset} v${record.version}\` promotes it by hand`;
  return {
    merged: false,
    reason:
      place === "elsewhere"
        ? `v${record.version} is not promoted on merge: it was trained on ${where}, whose commit is not on this checkout's history (not merged), and it changes nothing ${record.asset} is built from on this branch; ${byHand}`
        : `v${record.version} is not promoted on merge: it was trained on ${where}, it changes nothing ${record.asset} is built from on this branch, and this clone cannot tell whether its commit was merged (a shallow clone: check out with fetch-depth: 0); ${byHand}`,
  };
}

/** What the asset itself is built from, its dependencies aside. */
function ownDefinition(provenance: Provenance): string {
  const { codeVersion, config, env, inputs, outputs } = provenance;
  return canonicalJson({ codeVersion, config, env, inputs, outputs: outputs ?? null });
}

/**
 * Whether a version not built on this line brought a change of its own or through a dependency:
 * no version of the asset on this line was built from its own definition, or a dependency's
 * version it read (the dependency's current one) was brought so.
 */
async function brought(
  question: MergedQuestion,
  record: MaterializationRecord,
  seen: Set<string>,
): Promise<boolean> {
  if (seen.has(record.asset)) return false;
  seen.add(record.asset);
  const all = await question.ledger.materializations(record.asset);
  const onLine = await lineageFilter(question.lineage, [record, ...all]);
  if (onLine(record)) return false;
  const own = ownDefinition(record.provenance);
  const built = all.some(
    (r) =>
      r.version !== record.version &&
      !isExperiment(r) &&
      onLine(r, r.asset) &&
      ownDefinition(r.provenance) === own,
  );
  if (!built) return true;
  for (const [dep, dataVersion] of Object.entries(record.provenance.deps)) {
    if (dep.includes("@")) continue; // read through an alias: the alias's move, not a merge
    const current = await question.currentRecord(dep);
    if (current?.dataVersion === dataVersion && (await brought(question, current, seen))) return true;
  }
  return false;
}
