import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/manifest/suggest.ts
function editDistance(a, b) {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array(b.length).fill(0)
  ]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2][j - 2] + 1);
      rows[i][j] = best;
    }
  }
  return rows[a.length][b.length];
}
function closest(word, candidates) {
  const limit = Math.min(3, Math.max(1, Math.ceil(word.length / 3)));
  let best;
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
function closestMetric(name, reported) {
  const spelled = closest(name, reported);
  if (spelled) return spelled;
  const parts = (text) => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const wanted = parts(name);
  const matches = reported.filter((candidate) => {
    const have = parts(candidate);
    const [shorter, longer] = have.length < wanted.length ? [have, wanted] : [wanted, have];
    if (shorter.length === 0) return false;
    const joined = (list) => list.join("_");
    return joined(longer).endsWith(`_${joined(shorter)}`) || joined(longer).startsWith(`${joined(shorter)}_`);
  });
  return matches.length === 1 ? matches[0] : void 0;
}
var LISTED_NAMES = 12;
function unknownNameHint(name, candidates, noun = "assets") {
  const suggestion = closest(name, candidates);
  const shown = candidates.length > LISTED_NAMES ? `${candidates.slice(0, LISTED_NAMES).join(", ")}, \u2026and ${candidates.length - LISTED_NAMES} more` : candidates.join(", ");
  const list = candidates.length > 0 ? `${noun}: ${shown}` : `the manifest has no ${noun}`;
  return suggestion ? `did you mean "${suggestion}"? ${list}` : list;
}
function unreportedMetric(name, reported) {
  if (reported.length === 0)
    return `metric ${name} was not reported (the step wrote no metrics to KILN_METRICS)`;
  const suggestion = closestMetric(name, reported);
  const shown = reported.length > 6 ? [...reported.slice(0, 6), "\u2026"] : reported;
  return `metric ${name} was not reported${suggestion ? `; did you mean ${suggestion}?` : ""} (reported: ${shown.join(", ")})`;
}

export {
  closest,
  unknownNameHint,
  unreportedMetric
};
