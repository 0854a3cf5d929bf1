// `kiln plan --explain ASSET`: the condition tree with ✓/✗ at each node and the facts behind it,
// like Dagster's evaluation view.
import type { Evaluation } from "./conditions.js";

export function explain(evaluation: Evaluation, indent = ""): string {
  const lines = [`${indent}${evaluation.value ? "✓" : "✗"} ${evaluation.label}`];
  for (const fact of evaluation.facts) lines.push(`${indent}    · ${fact}`);
  for (const child of evaluation.children) lines.push(explain(child, `${indent}  `));
  return lines.join("\n");
}
