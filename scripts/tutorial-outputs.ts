// Regenerates the shown outputs of the tutorials and the README's demo by running their documented
// commands, so the docs cannot drift from the tool. In the Markdown, a plain fenced block whose
// first line is a `$ ` command that stands for Kiln (`kiln …`, `npx kiln …`, `cd DIR && kiln …`, or
// a command the tutorial maps to Kiln, such as `npm run demo`) is a transcript: each command is run
// (in-process, the real CLI entry) in a scratch copy of the example, and its output replaces the
// lines under it. `| grep [-A N] WORD` and `| head -N` filter as the shell would. A documented
// output that starts with `...` leaves out the header and live progress lines.
//
// Directives, HTML comments the reader does not see, do what the prose tells the reader to do:
//   <!-- tutorial: replace FILE "OLD" "NEW" -->   edit a file
//   <!-- tutorial: git ARGS -->                   commit, branch, … (arguments split as a shell
//                                                 would for plain words and "quoted strings")
//   <!-- tutorial: report [ASSET] -->             the next fenced block is the latest report, from
//                                                 its first line up to its first collapsed section;
//                                                 with ASSET, its header and then ASSET's section
//
// `npx tsx scripts/tutorial-outputs.ts [DOC…]` rewrites the docs; test/docs/tutorials.test.ts and
// test/examples/xgboost.test.ts compare them with a fresh run, with times, hashes, dates and widths
// normalized (normalizeOutput).
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { main } from "../src/cli/program.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const MINUTE = 60_000;

export interface Tutorial {
  /** The Markdown file, relative to the repository. */
  doc: string;
  /** The example it walks through, copied to a scratch repository. */
  example: string;
  /** Where the example sits inside the scratch repository (default: its root). */
  at?: string;
  /** Where the tutorial's setup tells the reader to copy it: printed paths say this. */
  scratch: string;
  /** Packages the example imports, linked into the scratch repository's node_modules. */
  packages: Record<string, string>;
  /** Documented commands that stand for a Kiln command line, e.g. `npm run demo`. */
  commands?: Record<string, string>;
  /** Python modules the example's steps import from Debian's /usr/bin/python3. */
  python?: string[];
  /**
   * The clock of the documented runs: each `kiln run` and `kiln plan` written without `--now`
   * runs at this time plus one minute per command, so a tick the tutorial replays with `--now`
   * (next Monday's) stands where the prose says, whatever day the docs are checked on.
   */
  clock?: string;
}

const PACKAGES = { "vega-datasets": path.join(ROOT, "node_modules/vega-datasets"), "kiln-ml": ROOT };

export const TUTORIALS: Tutorial[] = [
  {
    doc: "docs/tutorial-quickstart.md",
    example: "examples/quickstart",
    scratch: "/tmp/quickstart",
    packages: PACKAGES,
  },
  {
    doc: "README.md",
    example: "examples/quickstart",
    at: "examples/quickstart",
    scratch: ".",
    packages: PACKAGES,
    commands: { "npm run demo": "kiln run --manifest examples/quickstart/kiln.yml" },
  },
  {
    doc: "docs/tutorial-xgboost.md",
    example: "examples/xgboost",
    scratch: "/tmp/xgboost",
    packages: {},
    python: ["xgboost", "sklearn", "pandas"],
    clock: "2026-11-23T07:20:00Z",
  },
];

/**
 * Whether Debian's /usr/bin/python3 has every module the tutorial's steps need. Found, not
 * imported: importing xgboost, sklearn and pandas costs a second of CPU, paid by every test file
 * that asks; a module that is there but broken fails the steps that use it, loudly.
 */
export function pythonReady(tutorial: Pick<Tutorial, "python">): boolean {
  if (!tutorial.python) return true;
  const found = `import importlib.util, sys; sys.exit(0 if all(importlib.util.find_spec(m) for m in sys.argv[1:]) else 1)`;
  return spawnSync("/usr/bin/python3", ["-c", found, ...tutorial.python]).status === 0;
}

function git(dir: string, ...args: string[]): void {
  const result = spawnSync(
    "git",
    ["-c", "user.name=Tutorial", "-c", "user.email=tutorial@example.com", ...args],
    { cwd: dir, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
}

function scratchCopy(tutorial: Tutorial): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-tutorial-"));
  const at = path.join(dir, tutorial.at ?? "");
  cpSync(path.join(ROOT, tutorial.example), at, {
    recursive: true,
    filter: (source) => !/[/\\](\.kiln|build|node_modules)$/.test(source),
  });
  mkdirSync(path.join(dir, "node_modules"));
  for (const [name, target] of Object.entries(tutorial.packages))
    symlinkSync(target, path.join(dir, "node_modules", name), "dir");
  writeFileSync(path.join(dir, ".gitignore"), ".kiln/\nbuild/\nnode_modules/\n");
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "the example");
  return dir;
}

/** Plain words and "double-quoted strings" (JSON escapes), as a shell would split them. */
function words(text: string): string[] {
  return [...text.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) =>
    m[1] !== undefined ? (JSON.parse(`"${m[1]}"`) as string) : (m[2] as string),
  );
}

type Filter = (lines: string[]) => string[];

/** `grep [-A N] WORD` and `head -N`, the only filters the docs use. */
function filter(text: string): Filter {
  const [name, ...args] = words(text);
  if (name === "head" && /^-\d+$/.test(args[0] ?? ""))
    return (lines) => lines.slice(0, Number(args[0]?.slice(1)));
  if (name === "grep") {
    const option = /^-A(\d*)$/.exec(args[0] ?? "");
    const after = option ? Number(option[1] || args[1]) : 0;
    const word = args[args.length - 1] ?? "";
    return (lines) =>
      lines.filter((_, i) => lines.slice(Math.max(0, i - after), i + 1).some((l) => l.includes(word)));
  }
  throw new Error(`unsupported filter in a documented command: | ${text}`);
}

export interface KilnLine {
  /** Folder the command runs in, relative to the scratch repository. */
  cwd: string;
  args: string[];
  filters: Filter[];
}

/** The Kiln command a documented `$ …` line stands for, or undefined when it is not one. */
export function kilnLine(tutorial: Tutorial, line: string): KilnLine | undefined {
  const [command = "", ...pipes] = line.split(/\s+\|\s+/);
  const cd = /^cd (\S+) && (.*)$/.exec(command);
  const cwd = cd ? (cd[1] as string) : "";
  let text = (cd ? (cd[2] as string) : command).trim();
  text = tutorial.commands?.[text] ?? text;
  const kiln = /^(?:npx )?kiln(?:\s+(.*))?$/.exec(text);
  if (!kiln) return undefined;
  return { cwd, args: words(kiln[1] ?? ""), filters: pipes.map(filter) };
}

export interface Session {
  /** The scratch repository. */
  dir: string;
  /** Runs a Kiln command line in it (in-process) and returns the exit code and everything printed. */
  kiln(args: string[], cwd?: string): Promise<Ran>;
  /** Every command run so far, documented ones first to last, with its full output. */
  log: Ran[];
}

export interface Ran {
  /** As documented (without the clock's `--now`). */
  args: string[];
  code: number;
  output: string;
}

function session(tutorial: Tutorial, dir: string): Session {
  const log: Ran[] = [];
  return {
    dir,
    log,
    async kiln(documented, cwd = "") {
      let args = documented;
      const command = args[0];
      if (tutorial.clock && (command === "run" || command === "plan") && !args.includes("--now")) {
        const now = new Date(Date.parse(tutorial.clock) + log.length * MINUTE);
        args = [...args, "--now", now.toISOString()];
      }
      let output = "";
      const env: NodeJS.ProcessEnv = { ...process.env, KILN_ENV: "", CI: "true" };
      for (const key of Object.keys(env)) if (key.startsWith("GITHUB_")) delete env[key];
      const code = await main(args, {
        cwd: path.join(dir, cwd),
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
      const ran = { args: documented, code, output };
      log.push(ran);
      return ran;
    },
  };
}

async function runLine(tutorial: Tutorial, run: Session, line: string, where: string): Promise<string[]> {
  const parsed = kilnLine(tutorial, line);
  if (!parsed) throw new Error(`${where}: not a Kiln command: ${line}`);
  const { output } = await run.kiln(parsed.args, parsed.cwd);
  // The scratch copy stands where the tutorial's setup puts it.
  let lines = output
    .replace(/\n+$/, "")
    .replaceAll(`${run.dir}/`, tutorial.scratch === "." ? "" : `${tutorial.scratch}/`);
  lines = lines.replaceAll(run.dir, tutorial.scratch);
  return parsed.filters.reduce((shown, keep) => keep(shown), lines.split("\n"));
}

const DIRECTIVE = /^<!-- tutorial: (\S+)(?: (.*?))? -->$/;

/** The latest report up to its first collapsed section; with an asset, the header and its section. */
async function reportExcerpt(tutorial: Tutorial, run: Session, asset: string): Promise<string[]> {
  const { code, output } = await run.kiln(["report"], tutorial.at ?? "");
  if (code !== 0) throw new Error(`kiln report exited ${code}: ${output}`);
  let lines = output.split("\n");
  if (asset) {
    const header = lines.findIndex((line) => line.startsWith("### "));
    const section = lines.findIndex((line) => line.startsWith("### ") && line.includes(` ${asset} · `));
    if (section < 0) throw new Error(`the report has no section for ${asset}`);
    lines = [...lines.slice(0, header), ...lines.slice(section)];
  }
  const end = lines.findIndex((line) => line.startsWith("<details>"));
  const excerpt = lines.slice(0, end < 0 ? lines.length : end);
  while (excerpt.length > 0 && excerpt[excerpt.length - 1] === "") excerpt.pop();
  return excerpt;
}

/**
 * The tutorial with every transcript's output regenerated from a real run. `inspect` sees the
 * scratch repository after the last command, before it is removed (the XGBoost test asserts on it).
 */
export async function regenerate(
  tutorial: Tutorial,
  options: { inspect?: (run: Session) => Promise<void> } = {},
): Promise<string> {
  const lines = readFileSync(path.join(ROOT, tutorial.doc), "utf8").split("\n");
  const dir = scratchCopy(tutorial);
  const run = session(tutorial, dir);
  const out: string[] = [];
  let report: string | undefined;
  try {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      const where = `${tutorial.doc}:${i + 1}`;
      out.push(line);
      const directive = DIRECTIVE.exec(line);
      if (directive) {
        const [, verb = "", rest = ""] = directive;
        if (verb === "replace") {
          const [file = "", from = "", to = ""] = words(rest);
          const target = path.join(dir, tutorial.at ?? "", file);
          const text = readFileSync(target, "utf8");
          if (!text.includes(from)) throw new Error(`${where}: "${from}" not in ${file}`);
          writeFileSync(target, text.replace(from, to));
        } else if (verb === "git") git(path.join(dir, tutorial.at ?? ""), ...words(rest));
        else if (verb === "report") report = rest;
        else throw new Error(`${where}: unknown directive ${verb}`);
        continue;
      }
      if (!line.startsWith("```")) continue;
      let end = i + 1;
      while (end < lines.length && lines[end] !== "```") end++;
      if (report !== undefined) {
        // The report's excerpt replaces the block's contents.
        out.push(...(await reportExcerpt(tutorial, run, report)), ...lines.slice(end, end + 1));
        report = undefined;
        i = end;
        continue;
      }
      const first = lines[i + 1] ?? "";
      if (line !== "```" || !first.startsWith("$ ") || !kilnLine(tutorial, first.slice(2))) {
        // Another kind of block: kept as written.
        out.push(...lines.slice(i + 1, end + 1));
        i = end;
        continue;
      }
      // A transcript: commands and their documented outputs, up to the closing fence.
      const body = lines.slice(i + 1, end);
      for (let j = 0; j < body.length; j++) {
        const command = body[j] as string;
        if (!command.startsWith("$ ")) continue;
        let next = j + 1;
        while (next < body.length && !(body[next] as string).startsWith("$ ")) next++;
        const documented = body.slice(j + 1, next);
        let shown = await runLine(tutorial, run, command.slice(2), `${tutorial.doc}:${i + 2 + j}`);
        // `...` elides the header and the live progress: the output from its first blank line on.
        if (documented[0] === "...") shown = ["...", ...shown.slice(shown.indexOf("") + 1)];
        out.push(command, ...shown);
        j = next - 1;
      }
      out.push(...lines.slice(end, end + 1));
      i = end;
    }
    await options.inspect?.(run);
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
    .replace(/-{3,}/g, "---")
    .replace(/[ \t]+/g, " ")
    .replace(/ +$/gm, "");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv.slice(2);
  for (const tutorial of TUTORIALS.filter((t) => only.length === 0 || only.includes(t.doc))) {
    if (!pythonReady(tutorial)) {
      process.stderr.write(
        `skipped ${tutorial.doc}: /usr/bin/python3 does not find ${tutorial.python?.join(", ")}\n`,
      );
      continue;
    }
    writeFileSync(path.join(ROOT, tutorial.doc), await regenerate(tutorial));
    process.stdout.write(`wrote ${tutorial.doc}\n`);
  }
}
