// Nested config as flat `a.b.c → JSON value` pairs: how stale causes name a changed key
// (`config changed (model.max_depth 6 → 8)`) and how the history site diffs two versions' config.
// Pure, so the site's browser code shares it.

export function flatten(
  value: unknown,
  prefix = "",
  into: Record<string, string> = {},
): Record<string, string> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into[prefix] = JSON.stringify(value);
  }
  return into;
}
