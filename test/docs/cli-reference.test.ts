import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { cliReference } from "../../scripts/cli-reference.js";
import { kilnCommands } from "../../src/cli/program.js";

const committed = () => readFileSync(path.join(import.meta.dirname, "../../docs/cli.md"), "utf8");

it("docs/cli.md has a section for every command of the program (regenerate: npx tsx scripts/cli-reference.ts)", () => {
  const commands = kilnCommands();
  expect(commands).toContain("doctor");
  const text = committed();
  expect(commands.filter((name) => !text.includes(`\n## kiln ${name}\n`))).toEqual([]);
});

it("docs/cli.md is the CLI's current --help output (regenerate: npx tsx scripts/cli-reference.ts)", async () => {
  expect(committed()).toBe(await cliReference());
});
