// Turns zod's schema issues into positioned diagnostics with plain-language messages.
import type { z } from "zod";
import type { Diagnostic } from "./diagnostics.js";
import type { Locator } from "./load.js";
import { closest } from "./suggest.js";

type Issue = z.core.$ZodIssue;
type Path = (string | number)[];

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "string") return `"${value}"`;
  return String(value);
}

function valueAt(data: unknown, p: Path): unknown {
  let node = data;
  for (const key of p) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function where(p: Path): string {
  return p.length === 0 ? "the manifest" : `\`${p.join(".")}\``;
}

/** Known keys of the object that holds an unrecognized key, read from the other issues' schema. */
const KNOWN_KEYS: Record<string, string[]> = {
  root: ["version", "name", "defaults", "setup", "sources", "assets", "environments", "alerts"],
  asset: [
    "description", "group", "deps", "code", "code-version", "inputs", "run", "outputs", "config", "env",
    "metrics", "checks", "promote", "automation", "runs-on", "timeout", "retries", "pull-requests", "store",
    "retention-days",
  ],
  source: ["description", "group", "observe", "inputs"],
  defaults: ["runs-on", "timeout", "retries", "pull-requests", "automation", "env", "retention-days"],
  environment: ["description", "branches", "config", "env"],
  metrics: ["primary", "direction", "directions"],
  promote: ["alias", "metric", "min-delta", "min-relative", "threshold", "branches"],
  check: ["name", "description", "metric", "output", "json-schema", "command", "blocking"],
  alerts: ["slack", "github-issue"],
};

function knownKeysFor(p: Path): string[] {
  const [top, , section] = p;
  if (p.length === 0) return KNOWN_KEYS.root!;
  if (top === "assets" && p.length === 2) return KNOWN_KEYS.asset!;
  if (top === "sources" && p.length === 2) return KNOWN_KEYS.source!;
  if (top === "environments" && p.length === 2) return KNOWN_KEYS.environment!;
  if (top === "defaults" && p.length === 1) return KNOWN_KEYS.defaults!;
  if (top === "alerts" && p.length === 1) return KNOWN_KEYS.alerts!;
  if (top === "assets" && section === "metrics" && p.length === 3) return KNOWN_KEYS.metrics!;
  if (top === "assets" && section === "promote" && p.length === 3) return KNOWN_KEYS.promote!;
  if (top === "assets" && section === "checks" && p.length === 4) return KNOWN_KEYS.check!;
  return [];
}

function issueDiagnostics(issue: Issue, data: unknown, locator: Locator): Diagnostic[] {
  const p = issue.path as Path;
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => {
        const suggestion = closest(key, knownKeysFor(p));
        return {
          severity: "error" as const,
          reason: "unknown-key",
          message: `unknown key "${key}" in ${where(p)}`,
          location: locator.locateKey([...p, key]),
          hint: suggestion ? `did you mean "${suggestion}"?` : undefined,
        };
      });
    case "invalid_type": {
      const actual = valueAt(data, p);
      if (actual === undefined) {
        const key = p[p.length - 1];
        return [
          {
            severity: "error",
            reason: "missing-key",
            message: `missing required key "${String(key)}" in ${where(p.slice(0, -1))}`,
            location: locator.locateKey(p.slice(0, -1)),
          },
        ];
      }
      return [
        {
          severity: "error",
          reason: "wrong-type",
          message: `${where(p)} must be ${issue.expected === "object" ? "a map" : issue.expected === "array" ? "a list" : `a ${issue.expected}`}, not ${describe(actual)}`,
          location: locator.locate(p),
        },
      ];
    }
    case "invalid_union":
      return [
        {
          severity: "error",
          reason: "invalid-value",
          message: `${where(p)} has an invalid value ${describe(valueAt(data, p))}`,
          location: locator.locate(p),
          hint: unionHint(p),
        },
      ];
    case "invalid_value":
      return [
        {
          severity: "error",
          reason: "invalid-value",
          message: `${where(p)} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, not ${describe(valueAt(data, p))}`,
          location: locator.locate(p),
          hint: (() => {
            const actual = valueAt(data, p);
            const s = typeof actual === "string" ? closest(actual, issue.values.map(String)) : undefined;
            return s ? `did you mean "${s}"?` : undefined;
          })(),
        },
      ];
    default:
      return [
        {
          severity: "error",
          reason: "invalid-value",
          message: `${where(p)} ${issue.message}`,
          location: locator.locate(p),
        },
      ];
  }
}

function unionHint(p: Path): string | undefined {
  if (p.includes("automation")) {
    return "a condition is eager, on_missing, manual, missing, stale, code_changed, deps_updated, {on_cron: EXPR, tz: ZONE}, {cron: EXPR}, {all: [...]}, {any: [...]} or {not: ...}";
  }
  if (p.includes("timeout")) return "a duration such as 90s, 30m or 2h, or a number of minutes";
  if (p.includes("runs-on")) return "a runner label or a list of labels";
  return undefined;
}

export function schemaIssueDiagnostics(issues: Issue[], data: unknown, locator: Locator): Diagnostic[] {
  return issues.flatMap((issue) => issueDiagnostics(issue, data, locator));
}
