import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { manifestReference } from "../../scripts/manifest-reference.js";
import { manifestJsonSchema } from "../../src/manifest/json-schema.js";
import { commitNewRepository } from "../support/git-script.js";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";

const committed = readFileSync(path.join(import.meta.dirname, "../../docs/manifest.md"), "utf8");

it("docs/manifest.md is generated from the current schema (regenerate: npx tsx scripts/manifest-reference.ts)", () => {
  expect(committed).toBe(manifestReference());
});

it("documents every key of an asset, with the defaults normalization fills in", () => {
  const schema = manifestJsonSchema() as {
    properties: { assets: { additionalProperties: { properties: object } } };
  };
  const assetSection = committed.slice(
    committed.indexOf("### `assets.*`"),
    committed.indexOf("### `assets.*.metrics`"),
  );
  for (const key of Object.keys(schema.properties.assets.additionalProperties.properties))
    expect(assetSection).toMatch(new RegExp(`\\| \\[?\`${key}\``));
  expect(assetSection).toContain(
    "| `runs-on` | string or list of string |  | `defaults.runs-on`, else `ubuntu-latest` |",
  );
  expect(assetSection).toContain("`artifact` when the asset has `promote`, else `cache`");
  expect(committed).toContain('| `alias` | name |  | `"champion"` |');
});

it("the 'rebuild when the asset's own code changes' example does what its sentence says", async () => {
  const marker = "Rebuild when the asset's own code";
  const at = committed.indexOf(marker);
  expect(at, `docs/manifest.md no longer says "${marker}"`).toBeGreaterThanOrEqual(0);
  const automation = /^\s*(automation: .*)$/m.exec(committed.slice(at))?.[1] ?? "";
  expect(automation).not.toBe("");
  // A daily snapshot upstream (new bytes every day) and the asset with the documented condition.
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-own-code-"));
  const other = (text: string) =>
    `import { mkdirSync, writeFileSync } from "node:fs"; mkdirSync("build", { recursive: true }); writeFileSync("build/other.txt", "${text}");\n`;
  writeFileSync(
    path.join(dir, "kiln.yml"),
    `version: 1
assets:
  snapshot:
    run: node snap.mjs
    code: [snap.mjs]
    outputs: [data/snapshot.txt]
    automation: { on_cron: "0 6 * * *", tz: Europe/Berlin }
  other:
    run: node other.mjs
    code: [other.mjs]
    deps: [snapshot]
    outputs: [build/other.txt]
    ${automation}
`,
  );
  writeFileSync(
    path.join(dir, "snap.mjs"),
    `import { mkdirSync, writeFileSync } from "node:fs"; mkdirSync("data", { recursive: true }); writeFileSync("data/snapshot.txt", String(process.hrtime.bigint()));\n`,
  );
  writeFileSync(path.join(dir, "other.mjs"), other("1"));
  writeFileSync(path.join(dir, ".gitignore"), ".kiln\nbuild\ndata\n");
  commitNewRepository(dir, "init");
  const rows = async (args: string[]) => {
    const ran = await kilnIn(dir, args);
    expect(ran.code, ran.output).toBe(0);
    return ran.stdout;
  };
  // The first version is built.
  expect(await rows(["run", "--now", "2030-01-01T06:10:00Z"])).toMatch(/^other\s+success\s.*\bv1$/m);
  // Upstream moves (the next day's snapshot): the asset is not rebuilt for that.
  expect(await rows(["run", "--event", "schedule", "--now", "2030-01-02T06:10:00Z"])).toMatch(
    /^snapshot\s+success\s.*\bv2$/m,
  );
  expect(await rows(["plan", "--now", "2030-01-02T06:20:00Z"])).toMatch(/^other\s+skip\s/m);
  // Its own code changes: it is rebuilt, on the upstream as it is now.
  writeFileSync(path.join(dir, "other.mjs"), other("2"));
  gitIn(dir, "commit", "-qam", "other v2");
  expect(await rows(["run", "--now", "2030-01-02T06:30:00Z"])).toMatch(/^other\s+success\s.*\bv2$/m);
}, 240_000);
