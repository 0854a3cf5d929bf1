import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { cliReference } from "../../scripts/cli-reference.js";

it("docs/cli.md is the CLI's current --help output (regenerate: npx tsx scripts/cli-reference.ts)", async () => {
  const committed = readFileSync(path.join(import.meta.dirname, "../../docs/cli.md"), "utf8");
  expect(committed).toBe(await cliReference());
});
