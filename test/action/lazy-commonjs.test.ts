// scripts/bundle.mjs gives a few Actions toolkit modules a stand-in for a CommonJS package they
// import at the top, whose members are required on first use (LAZY_COMMONJS). A stand-in has only
// the members it names: if an upgraded toolkit module took one more, the bundle would hand it
// `undefined` and fail only on the path that uses it (a proxy, an artifact download). This reads
// each importer as installed and checks that it still imports the package and takes nothing else.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { LAZY_COMMONJS } from "../../scripts/bundle.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".js"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** What `file` takes from `module`: its named imports, and the members read off a default or namespace import. */
function membersTaken(source: string, module: string): string[] | undefined {
  const escaped = module.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
  const from = `from\\s*['"]${escaped}['"]`;
  const statement = new RegExp(`import\\s+([^;]*?)\\s*${from}`, "g");
  const taken = new Set<string>();
  let found = false;
  for (const match of source.matchAll(statement)) {
    found = true;
    const clause = match[1]!;
    const named = /\{([^}]*)\}/.exec(clause);
    for (const part of named?.[1]?.split(",") ?? []) {
      const name = part.trim().split(/\s+as\s+/)[0];
      if (name) taken.add(name);
    }
    const binding = /^(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)/.exec(clause.replace(/\{[^}]*\}/, "").trim());
    if (binding) readOff(binding[1]!);
  }
  // The same module compiled to CommonJS: `const undici_1 = require("undici")`, or wrapped in
  // TypeScript's __importDefault/__importStar (whose `default` is the package itself).
  const required = new RegExp(
    `(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*=\\s*(?:__import\\w+\\()?require\\(\\s*['"]${escaped}['"]\\s*\\)`,
    "g",
  );
  for (const match of source.matchAll(required)) {
    found = true;
    readOff(match[1]!);
  }
  return found ? [...taken].sort() : undefined;

  function readOff(binding: string): void {
    for (const use of source.matchAll(new RegExp(`\\b${binding}\\.(?:default\\.)?([A-Za-z_$][\\w$]*)`, "g")))
      if (use[1] !== "default") taken.add(use[1]!);
  }
}

it("finds what a module takes from a package, named or off its default import", () => {
  expect(membersTaken(`import { ProxyAgent } from 'undici';\nnew ProxyAgent()`, "undici")).toEqual([
    "ProxyAgent",
  ]);
  expect(membersTaken(`import { fetch as f, Agent } from "undici";`, "undici")).toEqual(["Agent", "fetch"]);
  expect(
    membersTaken(`import zip from 'archiver';\nzip.create('zip'); zip.registerFormat()`, "archiver"),
  ).toEqual(["create", "registerFormat"]);
  expect(membersTaken(`import * as u from 'unzip-stream';\nu.Extract({})`, "unzip-stream")).toEqual([
    "Extract",
  ]);
  expect(membersTaken(`const undici_1 = require("undici");\nnew undici_1.ProxyAgent({})`, "undici")).toEqual([
    "ProxyAgent",
  ]);
  expect(
    membersTaken(`const a_1 = __importDefault(require("archiver"));\na_1.default.create("zip")`, "archiver"),
  ).toEqual(["create"]);
  expect(membersTaken(`import x from 'other';`, "undici")).toBeUndefined();
});

it("every lazily required package's importer, as installed, takes only the members its stand-in has", () => {
  const files = filesUnder(path.join(ROOT, "node_modules/@actions"));
  for (const lazy of LAZY_COMMONJS) {
    // Every installed copy (a package nested under another at its own version): the stand-in
    // replaces the import in each of them.
    const importers = files.filter((file) => lazy.importer.test(file));
    expect(importers.length, `no installed file matches ${lazy.importer}`).toBeGreaterThan(0);
    for (const importer of importers) {
      const taken = membersTaken(readFileSync(importer, "utf8"), lazy.module);
      expect(taken, `${importer} no longer imports ${lazy.module}`).toBeDefined();
      expect(taken, `${path.relative(ROOT, importer)} takes from ${lazy.module}`).toEqual(
        [...lazy.names].sort(),
      );
    }
  }
});
