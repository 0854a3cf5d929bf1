// Text that reaches a GitHub Actions log must never become a workflow command. The runner reads a
// line as a command when, after leading whitespace, it starts with `::name` (TryParseV2), or when
// it holds `##[name` anywhere (the legacy syntax, still parsed); see actions/runner
// src/Runner.Common/ActionCommand.cs. `runnerCommands` applies those rules to a log as the runner
// does, so these tests see what a job's log would do, not how the escaping is spelt.
import { describe, expect, it } from "vitest";
import { runAction } from "../../src/action/main.js";
import { main } from "../../src/cli/program.js";
import { actionsLogText } from "../../src/report/escape.js";
import { jobEnv, recordingIO } from "../support/action-io.js";
import { engineRepo } from "../support/engine-run.js";

interface Command {
  name: string;
  data: string;
}

/** Every workflow command the runner would act on in `log`, by its two parsers' rules. */
function runnerCommands(log: string): Command[] {
  const found: Command[] = [];
  for (const raw of log.split(/\r?\n|\r/)) {
    // .NET's TrimStart removes every Unicode white space, not only spaces and tabs.
    const line = raw.replace(/^[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u, "");
    const v2 = /^::([^\s:]+)(?:\s[^:]*)?::(.*)$/.exec(line);
    if (v2) found.push({ name: v2[1]!, data: v2[2]! });
    const legacy = /##\[([^\s\]]+)[^\]]*\](.*)$/.exec(raw);
    if (legacy) found.push({ name: legacy[1]!, data: legacy[2]! });
  }
  return found;
}

const HOSTILE = [
  "::error::forged error",
  "  ::warning file=x::forged indented",
  "\t::add-mask::forged",
  "\u00a0::stop-commands::forged",
  "progress ##[set-output name=a]forged legacy",
  "::endgroup::",
  "::group::forged group",
];

describe("actionsLogText", () => {
  it("leaves no line the runner reads as a command, whatever the indentation or syntax", () => {
    expect(runnerCommands(HOSTILE.join("\n"))).not.toEqual([]); // the rules above do see them
    expect(runnerCommands(actionsLogText(HOSTILE.join("\n")))).toEqual([]);
    expect(runnerCommands(actionsLogText(HOSTILE.join("\r\n")))).toEqual([]);
    expect(runnerCommands(actionsLogText(HOSTILE.join("\r")))).toEqual([]);
  });

  it("keeps ordinary text, including colons and hashes that are not commands, as it was", () => {
    const text = "epoch 3: loss 0.25 · see #12 and C# code\nurl http://x:8080/a::b\n";
    expect(actionsLogText(text)).toBe(text);
  });
});

/** A project whose step prints each hostile line on stdout and names a series metric after one. */
function hostileRepo(): string {
  const lines = HOSTILE.map((line) => `console.log(${JSON.stringify(line)});`).join("\n");
  return engineRepo(
    `version: 1
assets:
  model:
    code: [train.mjs]
    run: node train.mjs
    outputs: [build/model.json]
    metrics: { primary: mae, direction: minimize }
`,
    {
      "train.mjs": `import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
${lines}
appendFileSync(process.env.KILN_SERIES, JSON.stringify({ step: 1, ["x\\n::error::forged metric"]: 1 }) + "\\n");
mkdirSync("build", { recursive: true });
writeFileSync("build/model.json", "{}");
writeFileSync(process.env.KILN_METRICS, JSON.stringify({ mae: 1 }));
`,
    },
  );
}

describe("a step's output in an Actions log", () => {
  it("kiln run under GITHUB_ACTIONS prints Kiln's groups and the step's lines, and no forged command", async () => {
    const dir = hostileRepo();
    let out = "";
    const env: NodeJS.ProcessEnv = { ...process.env, KILN_ENV: "", CI: "true", GITHUB_ACTIONS: "true" };
    for (const key of Object.keys(env))
      if (key.startsWith("GITHUB_") && key !== "GITHUB_ACTIONS") delete env[key];
    const code = await main(["run", "--ledger", "local"], {
      cwd: dir,
      env,
      stdout: (t) => (out += t),
      stderr: (t) => (out += t),
      isTTY: false,
      columns: 200,
    });
    expect(code, out).toBe(0);
    expect(out).toContain("forged indented"); // the step's log is shown…
    const commands = runnerCommands(out);
    expect(commands.filter((c) => c.data.includes("forged"))).toEqual([]); // …inert
    expect(commands.map((c) => c.name)).toEqual(["group", "endgroup"]);
    expect(commands[0]!.data).toMatch(/^✓ model: success/);
  });

  it("the action's materialize logs the step's lines through the same rule", async () => {
    const dir = hostileRepo();
    const env = jobEnv(dir, { event: "push", ref: "refs/heads/main", refName: "main" });
    const { io, logs, failed } = recordingIO(dir, env);
    const inputs: Record<string, string> = { command: "materialize", asset: "model", manifest: "kiln.yml" };
    await runAction(io, (name) => inputs[name] ?? "");
    expect(failed).toEqual([]);
    const log = logs.join("\n");
    expect(log).toContain("forged indented");
    expect(runnerCommands(log).filter((c) => c.data.includes("forged"))).toEqual([]);
  });
});
