// "Did you mean" suggestions for misspelled keys and names.

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** The closest candidate within about a third of the word's length (1 to 3 edits). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.ceil(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance && d <= limit) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * A metric the user may have meant: a close spelling, or a name that differs by a prefix or suffix
 * (`mae` → `val_mae`, `val_loss` → `loss`), which is how metric names usually drift.
 */
export function closestMetric(name: string, reported: readonly string[]): string | undefined {
  const spelled = closest(name, reported);
  if (spelled) return spelled;
  const parts = (text: string) =>
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
  const wanted = parts(name);
  const matches = reported.filter((candidate) => {
    const have = parts(candidate);
    const [shorter, longer] = have.length < wanted.length ? [have, wanted] : [wanted, have];
    if (shorter.length === 0) return false;
    const joined = (list: string[]) => list.join("_");
    return joined(longer).endsWith(`_${joined(shorter)}`) || joined(longer).startsWith(`${joined(shorter)}_`);
  });
  return matches.length === 1 ? matches[0] : undefined;
}

/** How many names a hint lists before it says how many more there are. */
const LISTED_NAMES = 12;

/**
 * The hint for a name that is not among `candidates`: a did-you-mean when one is close, and the
 * names there are (`did you mean "model"? assets: cars, features, model, evaluation`).
 */
export function unknownNameHint(name: string, candidates: readonly string[], noun = "assets"): string {
  const suggestion = closest(name, candidates);
  const shown =
    candidates.length > LISTED_NAMES
      ? `${candidates.slice(0, LISTED_NAMES).join(", ")}, …and ${candidates.length - LISTED_NAMES} more`
      : candidates.join(", ");
  const list = candidates.length > 0 ? `${noun}: ${shown}` : `the manifest has no ${noun}`;
  return suggestion ? `did you mean "${suggestion}"? ${list}` : list;
}

/** "metric mae was not reported" with what was, and a did-you-mean when one name is close. */
export function unreportedMetric(name: string, reported: readonly string[]): string {
  if (reported.length === 0)
    return `metric ${name} was not reported (the step wrote no metrics to KILN_METRICS)`;
  const suggestion = closestMetric(name, reported);
  const shown = reported.length > 6 ? [...reported.slice(0, 6), "…"] : reported;
  return `metric ${name} was not reported${suggestion ? `; did you mean ${suggestion}?` : ""} (reported: ${shown.join(", ")})`;
}
