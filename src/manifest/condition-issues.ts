// Automation conditions are a recursive union; zod can only say "invalid value" about the whole
// tree. This walks the tree as written and says which part is wrong, with did-you-mean over the
// condition names. (Cron expressions and time zones are checked in validate.ts.)
import type { Diagnostic } from "./diagnostics.js";
import type { Locator } from "./load.js";
import { CONDITION_NAMES, CONDITION_OPERATORS } from "./schema.js";
import { closest } from "./suggest.js";

type Path = (string | number)[];

const ALL_NAMES: readonly string[] = [...CONDITION_NAMES, ...CONDITION_OPERATORS];
const SHAPE_HINT =
  "a condition is one of eager, on_missing, manual, missing, stale, code_changed, deps_updated, or a map: {on_cron: EXPR, tz: ZONE}, {cron: EXPR}, {all: [...]}, {any: [...]}, {not: ...}";

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function conditionDiagnostics(value: unknown, at: Path, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (reason: string, message: string, p: Path, hint?: string, key = false) =>
    out.push({
      severity: "error",
      reason,
      message,
      location: key ? locator.locateKey(p) : locator.locate(p),
      hint,
    });
  const unknown = (name: string, p: Path, key: boolean) => {
    const suggestion = closest(name, ALL_NAMES);
    error(
      "unknown-condition",
      `unknown automation condition "${name}"`,
      p,
      suggestion ? `did you mean "${suggestion}"?` : SHAPE_HINT,
      key,
    );
  };

  const visit = (node: unknown, p: Path): void => {
    if (typeof node === "string") {
      if ((CONDITION_NAMES as readonly string[]).includes(node)) return;
      if ((CONDITION_OPERATORS as readonly string[]).includes(node)) {
        error("invalid-condition", `"${node}" needs a value: write {${node}: ...}`, p, SHAPE_HINT);
        return;
      }
      unknown(node, p, false);
      return;
    }
    if (!isMap(node)) {
      error(
        "invalid-condition",
        `an automation condition must be a name or a map, not ${Array.isArray(node) ? "a list" : String(node)}`,
        p,
        SHAPE_HINT,
      );
      return;
    }
    const keys = Object.keys(node);
    const operators = keys.filter((k) => (CONDITION_OPERATORS as readonly string[]).includes(k));
    if (operators.length === 0) {
      if (keys.length === 0)
        error("invalid-condition", "an automation condition cannot be an empty map", p, SHAPE_HINT);
      for (const key of keys) unknown(key, [...p, key], true);
      return;
    }
    if (operators.length > 1) {
      error(
        "invalid-condition",
        `a condition map has one operator, not ${operators.map((o) => `"${o}"`).join(" and ")}`,
        p,
        "combine conditions with {all: [...]} or {any: [...]}",
      );
      return;
    }
    const op = operators[0]!;
    const allowed = op === "on_cron" || op === "cron" ? [op, "tz"] : [op];
    for (const key of keys.filter((k) => !allowed.includes(k))) {
      const suggestion = closest(key, allowed);
      error(
        "unknown-key",
        `unknown key "${key}" in {${op}: ...}`,
        [...p, key],
        suggestion ? `did you mean "${suggestion}"?` : `{${op}: ...} takes only ${allowed.join(", ")}`,
        true,
      );
    }
    const inner = node[op];
    if (op === "on_cron" || op === "cron") {
      if (typeof inner !== "string" || inner.trim() === "") {
        error("invalid-condition", `\`${op}\` takes a cron expression such as "0 3 * * 1"`, [...p, op]);
      }
      if ("tz" in node && (typeof node.tz !== "string" || node.tz === "")) {
        error("invalid-condition", "`tz` takes an IANA time zone such as Europe/Berlin", [...p, "tz"]);
      }
    } else if (op === "all" || op === "any") {
      if (!Array.isArray(inner) || inner.length === 0) {
        error("invalid-condition", `\`${op}\` takes a non-empty list of conditions`, [...p, op]);
      } else {
        inner.forEach((item, i) => {
          visit(item, [...p, op, i]);
        });
      }
    } else {
      visit(inner, [...p, op]);
    }
  };
  visit(value, at);
  return out;
}
