// Turns zod's schema issues into positioned diagnostics with plain-language messages.
import type * as z from "zod";
import { conditionDiagnostics } from "./condition-issues.js";
import type { Diagnostic } from "./diagnostics.js";
import type { Locator } from "./load.js";
import { Manifest } from "./schema.js";
import { closest } from "./suggest.js";

type Issue = z.core.$ZodIssue;
export type Path = (string | number)[];

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

export function valueAt(data: unknown, p: Path): unknown {
  let node = data;
  for (const key of p) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** `assets.model.checks[0]`: the path as a user would point at it. */
export function where(p: Path): string {
  if (p.length === 0) return "the manifest";
  return `\`${p.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("")}\``;
}

// Walking zod's definitions keeps the did-you-mean candidates in step with the schema: a key added
// to schema.ts is suggested without touching this file.
type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** The object schemas that can sit at `p` (several under a union), unwrapping defaults and lazies. */
function objectsAt(schema: unknown, p: Path): Def[] {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "default":
    case "nullable":
    case "readonly":
    case "prefault":
    case "catch":
      return objectsAt(def.innerType, p);
    case "pipe":
      return objectsAt(def.in, p);
    case "lazy":
      return objectsAt((def.getter as () => unknown)(), p);
    case "union":
      return (def.options as unknown[]).flatMap((option) => objectsAt(option, p));
    case "object": {
      if (p.length === 0) return [def];
      const field = (def.shape as Record<string, unknown>)[String(p[0])];
      return field ? objectsAt(field, p.slice(1)) : [];
    }
    case "record":
      return p.length === 0 ? [] : objectsAt(def.valueType, p.slice(1));
    case "array":
      return p.length === 0 ? [] : objectsAt(def.element, p.slice(1));
    default:
      return [];
  }
}

/** Keys the schema allows in the map at `p`. */
export function knownKeysAt(p: Path): string[] {
  return [...new Set(objectsAt(Manifest, p).flatMap((def) => Object.keys(def.shape as object)))];
}

/** The condition tree holding `p`: conditions sit at `assets.<name>.automation` and `defaults.automation`. */
function conditionRoot(p: Path): Path | undefined {
  if (p.length >= 3 && p[0] === "assets" && p[2] === "automation") return p.slice(0, 3);
  if (p.length >= 2 && p[0] === "defaults" && p[1] === "automation") return p.slice(0, 2);
  return undefined;
}

const TYPE_NAMES: Record<string, string> = {
  object: "a map",
  array: "a list",
  string: "a string",
  number: "a number",
  boolean: "true or false",
  int: "an integer",
  record: "a map",
};

const isDuration = (p: Path): boolean => p.at(-1) === "timeout" || p.at(-1) === "retry-failed";

const UNION_EXPECTATIONS: [(p: Path) => boolean, string][] = [
  [isDuration, "a duration such as 90s, 30m, 2h or 1d, or a number of minutes"],
  [(p) => p.at(-1) === "runs-on", "a runner label or a list of labels"],
  [(p) => p.at(-1) === "github-issue", "true, false or {labels: [...]}"],
  [(p) => p.at(-2) === "env", "a string, number, boolean or {secret: NAME}"],
];

function issueDiagnostics(issue: Issue, data: unknown, locator: Locator): Diagnostic[] {
  const p = issue.path as Path;
  const actual = valueAt(data, p);
  const error = (
    reason: string,
    message: string,
    location = locator.locate(p),
    hint?: string,
  ): Diagnostic[] => [{ severity: "error", reason, message, location, hint }];
  const root = conditionRoot(p);
  if (root && !(issue.code === "invalid_type" && actual === undefined)) {
    const found = conditionDiagnostics(valueAt(data, root), root, locator);
    if (found.length > 0) return found;
  }
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => {
        const suggestion = closest(key, knownKeysAt(p));
        return {
          severity: "error" as const,
          reason: "unknown-key",
          message: `unknown key "${key}" in ${where(p)}`,
          location: locator.locateKey([...p, key]),
          hint: suggestion ? `did you mean "${suggestion}"?` : `known keys: ${knownKeysAt(p).join(", ")}`,
        };
      });
    case "invalid_type": {
      if (actual === undefined) {
        const key = p[p.length - 1];
        return error(
          "missing-key",
          `missing required key "${String(key)}" in ${where(p.slice(0, -1))}`,
          locator.locateKey(p.slice(0, -1)),
          key === "version" ? "start the manifest with `version: 1`" : undefined,
        );
      }
      if (p.length === 0)
        return error(
          "manifest-not-a-map",
          `the manifest must be a map of keys (version, assets, ...), not ${describe(actual)}`,
        );
      return error(
        "wrong-type",
        `${where(p)} must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, not ${describe(actual)}`,
      );
    }
    case "invalid_union": {
      const expected = UNION_EXPECTATIONS.find(([matches]) => matches(p))?.[1];
      return error(
        "invalid-value",
        expected
          ? `${where(p)} must be ${expected}, not ${describe(actual)}`
          : `${where(p)} has an invalid value ${describe(actual)}`,
      );
    }
    case "invalid_value": {
      if (actual === undefined) {
        return error(
          "missing-key",
          `missing required key "${String(p.at(-1))}" in ${where(p.slice(0, -1))}`,
          locator.locateKey(p.slice(0, -1)),
          p[0] === "version" ? "start the manifest with `version: 1`" : undefined,
        );
      }
      if (p.length === 1 && p[0] === "version") {
        // `version: "1"` is the right version quoted: say that, not "unsupported version 1".
        if (typeof actual === "string" && issue.values.map(String).includes(actual.trim()))
          return error(
            "unsupported-version",
            `the manifest version must be the number ${actual.trim()}, not the string ${describe(actual)}`,
            undefined,
            `write \`version: ${actual.trim()}\` without quotes`,
          );
        return error(
          "unsupported-version",
          `unsupported manifest version ${describe(actual)}: this Kiln reads version 1`,
          undefined,
          "write `version: 1`",
        );
      }
      const s = typeof actual === "string" ? closest(actual, issue.values.map(String)) : undefined;
      return error(
        "invalid-value",
        `${where(p)} must be ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}, not ${describe(actual)}`,
        undefined,
        s ? `did you mean "${s}"?` : undefined,
      );
    }
    case "invalid_key":
      if (p.at(-2) === "env") {
        return error(
          "invalid-env-name",
          `invalid environment variable name ${describe(p.at(-1))} in ${where(p.slice(0, -1))}: names must match [A-Za-z_][A-Za-z0-9_]*`,
          locator.locateKey(p),
        );
      }
      // A map key that is not a valid name, e.g. an environment called "Prod".
      return error(
        "invalid-name",
        `invalid name ${describe(p.at(-1))} in ${where(p.slice(0, -1))}: names must match [a-z][a-z0-9_-]*`,
        locator.locateKey(p),
      );
    case "invalid_format":
      return error("invalid-value", `${where(p)} ${issue.message}, not ${describe(actual)}`);
    case "too_small":
      if (Array.isArray(actual) && actual.length === 0)
        return error("invalid-value", `${where(p)} must not be empty`);
      if (typeof actual === "string" && actual.length === 0)
        return error("invalid-value", `${where(p)} must not be empty`);
      // `timeout: 0` is a number of minutes: say it as `0s` is said (the string's pattern).
      if (isDuration(p))
        return error(
          "invalid-value",
          `${where(p)} must be a duration longer than zero, not ${describe(actual)}`,
        );
      // zod's `inclusive: false` is `positive()`, `gt(n)`: n itself is refused too.
      return error(
        "invalid-value",
        `${where(p)} must be ${issue.inclusive === false ? "more than" : "at least"} ${String(issue.minimum)}, not ${describe(actual)}`,
      );
    case "too_big":
      return error(
        "invalid-value",
        `${where(p)} must be ${issue.inclusive === false ? "less than" : "at most"} ${String(issue.maximum)}, not ${describe(actual)}`,
      );
    case "custom":
      return error("invalid-value", `${where(p)}: ${issue.message}`);
    default:
      return error("invalid-value", `${where(p)}: ${issue.message}`);
  }
}

export function schemaIssueDiagnostics(issues: Issue[], data: unknown, locator: Locator): Diagnostic[] {
  const diagnostics = issues.flatMap((issue) => issueDiagnostics(issue, data, locator));
  // Several issues can land on one spot (a union reports per option); say each thing once.
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.message}@${d.location.range?.line}:${d.location.range?.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
