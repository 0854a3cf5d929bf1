// The tutorials' shown outputs are what the tool prints: each documented command is run again in a
// scratch copy of its example (scripts/tutorial-outputs.ts) and the docs must match, up to what
// differs between honest runs (times, dates, hashes, widths). `npx tsx scripts/tutorial-outputs.ts`
// rewrites them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeOutput, regenerate, TUTORIALS } from "../../scripts/tutorial-outputs.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("tutorial outputs", () => {
  for (const tutorial of TUTORIALS) {
    it(`${tutorial.doc} shows what the commands print`, { timeout: 600_000 }, async () => {
      const documented = readFileSync(path.join(ROOT, tutorial.doc), "utf8");
      const fresh = await regenerate(tutorial);
      expect(
        normalizeOutput(documented),
        `${tutorial.doc} drifted from the tool: npx tsx scripts/tutorial-outputs.ts`,
      ).toBe(normalizeOutput(fresh));
    });
  }

  it("normalizes only what differs between honest runs", () => {
    const a = "✓ model: success (172 ms) — v1\ncars        success  1.7 s  v1\ncommit 6d69da8-dirty";
    const b = "✓ model: success (1.9 s) — v1\ncars        success  172 ms  v1\ncommit be6cfcd-dirty";
    expect(normalizeOutput(a)).toBe(normalizeOutput(b));
    expect(normalizeOutput("model  success  v1")).not.toBe(normalizeOutput("model  success  v2"));
    expect(normalizeOutput("val_mae 2.444")).not.toBe(normalizeOutput("val_mae 2.508"));
  });
});
