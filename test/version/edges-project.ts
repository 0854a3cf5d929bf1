// A temporary repository with one asset `m` for the fingerprint edge cases (fingerprint-*.test.ts),
// and the status a user sees of it.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";

export function write(dir: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

/** A committed repository with one asset `m` reading `code` and `inputs`. */
export function project(options: {
  code?: string[];
  inputs?: string[];
  files?: Record<string, string>;
}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-fp-edges-"));
  gitIn(dir, "init", "-q", "-b", "main");
  const list = (patterns: string[]) => `[${patterns.map((p) => JSON.stringify(p)).join(", ")}]`;
  write(
    dir,
    "kiln.yml",
    [
      "version: 1",
      "name: edges",
      "assets:",
      "  m:",
      `    code: ${list(options.code ?? ["train.sh"])}`,
      `    inputs: ${list(options.inputs ?? [])}`,
      "    run: sh train.sh",
      "    outputs: [out/m.txt]",
      "",
    ].join("\n"),
  );
  write(dir, "train.sh", "mkdir -p out && echo ok > out/m.txt\n");
  write(dir, ".gitignore", ".kiln/\nout/\n");
  for (const [file, text] of Object.entries(options.files ?? {})) write(dir, file, text);
  gitIn(dir, "add", "-A");
  gitIn(dir, "commit", "-q", "-m", "start");
  return dir;
}

export async function status(
  dir: string,
): Promise<{ status: string; reasons: string[]; unmatched?: string[] }> {
  const result = await kilnIn(dir, ["status", "--json"]);
  expect(result.code, result.output).toBe(0);
  return JSON.parse(result.stdout).assets.m;
}

export async function run(dir: string): Promise<void> {
  const result = await kilnIn(dir, ["run"]);
  expect(result.code, result.output).toBe(0);
}
