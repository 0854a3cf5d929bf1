import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { manifestReference } from "../../scripts/manifest-reference.js";
import { manifestJsonSchema } from "../../src/manifest/json-schema.js";

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
