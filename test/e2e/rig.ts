// A temporary git repository with a manifest and scripts, and the real `kiln` command run as a
// child process against it (wireit's test rig, in miniature): the CLI bundled as it ships
// (test/support/bundles.ts), started with node.
import { type ChildProcessByStdio, spawn, spawnSync } from "node:child_process";
import type { Readable } from "node:stream";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadManifest } from "../../src/manifest/load.js";
import { bundles } from "../support/bundles.js";
import { commitAll } from "../support/git-script.js";

export interface KilnResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Started {
  child: ChildProcessByStdio<null, Readable, Readable>;
  result: Promise<KilnResult>;
  /** stdout so far. */
  output: () => string;
  /** Resolves once stdout contains `text`; rejects if the process ends first. */
  printed: (text: string) => Promise<void>;
}

export class Rig {
  readonly dir: string;

  constructor(files: Record<string, string> = {}) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), "kiln-e2e-"));
    this.git("init", "-q", "-b", "main");
    this.write(files);
  }

  write(files: Record<string, string>): void {
    for (const [file, text] of Object.entries(files)) {
      const full = path.join(this.dir, file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
  }

  /** A path inside the namespace of the project of `manifest` in the local ledger. */
  ledger(file = "", manifest = "kiln.yml"): string {
    const loaded = loadManifest(path.join(this.dir, manifest));
    if (!loaded.ok) throw new Error(`${manifest} does not load: ${loaded.error[0]?.message}`);
    return path.join(path.dirname(manifest), ".kiln/ledger/projects", loaded.value.project.name, file);
  }

  read(file: string): string {
    return readFileSync(path.join(this.dir, file), "utf8");
  }

  git(...args: string[]): string {
    const result = spawnSync("git", args, { cwd: this.dir, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
    return result.stdout;
  }

  commit(message = "change"): void {
    commitAll(this.dir, message);
  }

  /** Starts `kiln ARGS` in the rig: the process, its end (`result`), and what it printed so far. */
  async start(args: string[], env: Record<string, string> = {}): Promise<Started> {
    const { cli } = await bundles();
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: this.dir,
      env: { ...process.env, CI: "true", GITHUB_ACTIONS: "", KILN_ENV: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const waiting: Array<{ text: string; resolve: () => void }> = [];
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
      for (const wait of waiting.filter((w) => stdout.includes(w.text))) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve();
      }
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    const result = new Promise<KilnResult>((resolve) =>
      child.on("close", (code) => resolve({ code, stdout, stderr })),
    );
    const printed = (text: string) =>
      new Promise<void>((resolve, reject) => {
        if (stdout.includes(text)) return resolve();
        waiting.push({ text, resolve });
        // The process ended without printing it: fail with what it did print, never wait forever.
        void result.then((r) =>
          reject(
            new Error(
              `kiln ${args.join(" ")} exited ${r.code} before printing ${JSON.stringify(text)}:\n${r.stdout}${r.stderr}`,
            ),
          ),
        );
      });
    return { child, result, output: () => stdout, printed };
  }

  async kiln(...args: string[]): Promise<KilnResult> {
    return (await this.start(args)).result;
  }

  async json<T = unknown>(...args: string[]): Promise<T> {
    const result = await this.kiln(...args);
    if (result.code !== 0) throw new Error(`kiln ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
    return JSON.parse(result.stdout) as T;
  }
}

/**
 * A small real pipeline: data → features → model (metric from config) → report. The steps are
 * shell scripts: every workflow scenario and e2e test runs them, and a node process per step was a
 * large part of those tests' time.
 */
export function pipelineFiles(config: { quality: number } = { quality: 50 }): Record<string, string> {
  return {
    "kiln.yml": `version: 1
assets:
  data:
    code: [steps/data.sh]
    inputs: [raw/*.csv]
    run: sh steps/data.sh
    outputs: [build/data.txt]
  features:
    deps: [data]
    code: [steps/features.sh]
    run: sh steps/features.sh
    outputs: [build/features.txt]
  model:
    deps: [features]
    code: [steps/model.sh]
    config: { quality: ${config.quality} }
    run: sh steps/model.sh
    outputs: [build/model.json]
    metrics: { primary: mae, direction: minimize }
    checks:
      - { metric: "mae < 100", blocking: true }
    promote: { min-delta: 1 }
  report:
    deps: [model]
    code: [steps/report.sh]
    run: sh steps/report.sh
    outputs: [build/report.txt]
`,
    ".gitignore": "build/\n.kiln/\n",
    "raw/a.csv": "x\n1\n2\n3\n",
    // The rows after the header, joined by commas.
    "steps/data.sh": `mkdir -p build
tail -n +2 raw/a.csv | paste -sd, - | tr -d '\\n' > build/data.txt
`,
    // Their sum.
    "steps/features.sh": `awk -F, '{ for (i = 1; i <= NF; i++) s += $i } END { printf "%d", s }' build/data.txt > build/features.txt
`,
    // mae is the config's quality; three epochs of loss quality / epoch.
    "steps/model.sh": `quality=$(tr -d ' \\n' < "$KILN_CONFIG" | sed -n 's/.*"quality":\\([-0-9.eE+]*\\).*/\\1/p')
for epoch in 1 2 3; do
  awk -v q="$quality" -v e="$epoch" 'BEGIN { printf "{\\"step\\":%d,\\"loss\\":%.15g}\\n", e, q / e }' >> "$KILN_SERIES"
done
printf '{"sum":%s,"quality":%s}' "$(cat build/features.txt)" "$quality" > build/model.json
printf '{"mae":%s}' "$quality" > "$KILN_METRICS"
`,
    "steps/report.sh": `printf 'model: ' > build/report.txt
cat build/model.json >> build/report.txt
`,
  };
}
