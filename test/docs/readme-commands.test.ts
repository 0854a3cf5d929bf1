// The README's command table names every command `kiln --help` lists (it once left out doctor).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { kilnIn } from "../support/kiln-in-process.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("the README's command table", () => {
  it("names every command of kiln --help", async () => {
    const help = (await kilnIn(ROOT, ["--help"])).output;
    const commands = [...help.slice(help.indexOf("Commands:")).matchAll(/^ {2}([a-z][a-z-]*)\b/gm)]
      .map((m) => m[1] as string)
      .filter((name) => name !== "help");
    expect(commands.length).toBeGreaterThan(10);
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const table = readme.split("\n").filter((line) => line.startsWith("| `kiln "));
    const named = new Set(table.flatMap((line) => [...line.matchAll(/`kiln ([a-z-]+)/g)].map((m) => m[1])));
    expect(commands.filter((name) => !named.has(name))).toEqual([]);
  });
});
