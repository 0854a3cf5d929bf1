// Regenerates the shown outputs of a tutorial by running its documented commands, so the docs
// cannot drift from the tool. In the Markdown, a plain fenced block whose first line is `$ kiln …`
// is a transcript: each `$ kiln ARGS [| grep WORD]` line is run (in-process, the real CLI entry)
// in a scratch copy of the example, and its output replaces the lines under it. A documented
// output that starts with `...` leaves out the header and live progress lines. Between transcripts,
// `<!-- tutorial: replace FILE "OLD" "NEW" -->` edits a file as the prose tells the reader to.
// `npx tsx scripts/tutorial-outputs.ts` rewrites docs/tutorial-quickstart.md; test/docs compares
// the docs with a fresh run, with times, hashes, dates and widths normalized (normalizeOutput).
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { main } from "../src/cli/program.js";

const ROOT = path.resolve(import.meta.dirname, "..");

export interface Tutorial {
  /** The Markdown file, relative to the repository. */
  doc: string;
  /** The example it walks through, copied to a scratch repository. */
  example: string;
  /** Where the tutorial's setup tells the reader to copy it: printed paths say this. */
  scratch: string;
  /** Packages the example imports, linked into the scratch copy's node_modules. */
  packages: Record<string, string>;
}

export const TUTORIALS: Tutorial[] = [
  {
    doc: "docs/tutorial-quickstart.md",
    example: "examples/quickstart",
    scratch: "/tmp/quickstart",
    packages: { "vega-datasets": path.join(ROOT, "node_modules/vega-datasets"), "kiln-ml": ROOT },
  },
];

function git(dir: string, ...args: string[]): void {
  const result = spawnSync(
    "git",
    ["-c", "user.name=Tutorial", "-c", "user.email=tutorial@example.com", ...args],
    {
      cwd: dir,
      encoding: "utf8",
    },
  );
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
}

function scratchCopy(tutorial: Tutorial): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-tutorial-"));
  cpSync(path.join(ROOT, tutorial.example), dir, {
    recursive: true,
    filter: (source) => !/[/\\](\.kiln|build|node_modules)$/.test(source),
  });
  mkdirSync(path.join(dir, "node_modules"));
  for (const [name, target] of Object.entries(tutorial.packages))
    symlinkSync(target, path.join(dir, "node_modules", name), "dir");
  writeFileSync(path.join(dir, ".gitignore"), ".kiln/\nbuild/\nnode_modules/\n");
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "quickstart");
  return dir;
}

/** Runs one documented command line (`kiln ARGS [| grep WORD]`) and returns what it printed. */
async function runLine(dir: string, line: string): Promise<string> {
  const [command, filter] = line.split(/\s+\|\s+grep\s+/);
  const args = (command ?? "").trim().split(/\s+/).slice(1);
  let output = "";
  const env: NodeJS.ProcessEnv = { ...process.env, KILN_ENV: "", CI: "true" };
  for (const key of Object.keys(env)) if (key.startsWith("GITHUB_")) delete env[key];
  await main(args, {
    cwd: dir,
    env,
    stdout: (text) => {
      output += text;
    },
    stderr: (text) => {
      output += text;
    },
    isTTY: false,
    columns: 100,
  });
  const lines = output.replace(/\n+$/, "").split("\n");
  return (filter ? lines.filter((l) => l.includes(filter.trim())) : lines).join("\n");
}

const DIRECTIVE = /^<!-- tutorial: replace (\S+) ("(?:[^"\\]|\\.)*") ("(?:[^"\\]|\\.)*") -->$/;

/** The tutorial with every transcript's output regenerated from a real run. */
export async function regenerate(tutorial: Tutorial): Promise<string> {
  const lines = readFileSync(path.join(ROOT, tutorial.doc), "utf8").split("\n");
  const dir = scratchCopy(tutorial);
  const out: string[] = [];
  try {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      const directive = DIRECTIVE.exec(line);
      if (directive) {
        const file = path.join(dir, directive[1] as string);
        const [from, to] = [
          JSON.parse(directive[2] as string),
          JSON.parse(directive[3] as string),
        ] as string[];
        const text = readFileSync(file, "utf8");
        if (!text.includes(from as string))
          throw new Error(`${tutorial.doc}:${i + 1}: "${from}" not in ${directive[1]}`);
        writeFileSync(file, text.replace(from as string, to as string));
      }
      out.push(line);
      if (line !== "```" || !lines[i + 1]?.startsWith("$ kiln")) continue;
      // A transcript: commands and their documented outputs, up to the closing fence.
      let end = i + 1;
      while (end < lines.length && lines[end] !== "```") end++;
      const body = lines.slice(i + 1, end);
      for (let j = 0; j < body.length; j++) {
        const command = body[j] as string;
        if (!command.startsWith("$ ")) continue;
        let next = j + 1;
        while (next < body.length && !(body[next] as string).startsWith("$ ")) next++;
        const documented = body.slice(j + 1, next);
        // The scratch copy stands where the tutorial's setup puts it.
        let shown = (await runLine(dir, command.slice(2))).replaceAll(dir, tutorial.scratch).split("\n");
        // `...` elides the header and the live progress: the output from its first blank line on.
        if (documented[0] === "...") shown = ["...", ...shown.slice(shown.indexOf("") + 1)];
        out.push(command, ...shown);
        j = next - 1;
      }
      i = end - 1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out.join("\n");
}

/**
 * What may differ between two honest runs: durations, dates and times, hashes and run ids,
 * commit ids, the number of workers, and the column widths those change.
 */
export function normalizeOutput(text: string): string {
  return text
    .replace(/\d{8}T\d{6}Z-[0-9a-f]{6}/g, "<run>")
    .replace(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?( UTC)?/g, "<time>")
    .replace(/\b[0-9a-f]{7,64}\b/g, "<hash>")
    .replace(/\d+(\.\d+)? ?(ms|s)\b/g, "<duration>")
    .replace(/\d+ worker\(s\)/g, "<n> worker(s)")
    .replace(/─+/g, "─")
    .replace(/[ \t]+/g, " ")
    .replace(/ +$/gm, "");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const tutorial of TUTORIALS) {
    writeFileSync(path.join(ROOT, tutorial.doc), await regenerate(tutorial));
    process.stdout.write(`wrote ${tutorial.doc}\n`);
  }
}
