// Secrets reach a step under the names the manifest gives them and nowhere else: every writer
// (the step's log, the live lines, the failure record pushed to the ledger, the report built from
// it) sees them masked — multi-line values, their JSON-escaped forms, values split across output
// chunks or between stdout and stderr — and the step's environment carries none of the action's
// own credentials.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadManifest } from "../../src/manifest/load.js";
import { runPipeline } from "../../src/app/pipeline.js";
import type { ProgressReporter } from "../../src/run/progress.js";
import { SecretMasker } from "../../src/domain/secret-mask.js";
import { runStep } from "../../src/run/step.js";
import { openWorkspace } from "../../src/app/workspace.js";
import { Rig } from "../e2e/rig.js";

// A throwaway RSA key in PEM form and a service-account JSON key (the shapes that broke line masking).
const PEM = [
  "-----BEGIN RSA PRIVATE KEY-----",
  "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu",
  "KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQJAIJLixBy2qpFoS4DSmoEm",
  "o3qGy0t6z09AIJtH+5OeRV1be+N4cDYJKffGzDa88vQENZiRm0GRq6a+HPGQMd2k",
  "TQIhAKMSvzIBnni7ot/OSie2TmJLY4SwTQAevXysE2RbFDYdAiEBCUEaRQnMnbp7",
  "-----END RSA PRIVATE KEY-----",
].join("\n");
const SERVICE_ACCOUNT = JSON.stringify(
  {
    type: "service_account",
    project_id: "kiln-demo-41",
    private_key_id: "4b1c9e0f7a2d8e6b3c5a9f1d0e7b2c4a",
    private_key: `${PEM}\n`,
    client_email: "trainer@kiln-demo-41.iam.gserviceaccount.com",
  },
  null,
  2,
);
const PEM_LINES = PEM.split("\n").slice(1, -1);

const quiet: ProgressReporter = { update() {}, line() {}, progress() {}, close() {} };

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? allFiles(full) : [full];
  });
}

async function step(command: string, secrets: string[], env: NodeJS.ProcessEnv = {}) {
  const rig = new Rig({});
  const logFile = path.join(rig.dir, "log.txt");
  const lines: string[] = [];
  const result = await runStep({
    command,
    cwd: rig.dir,
    env: { PATH: process.env.PATH, ...env },
    timeoutMs: 60_000,
    logFile,
    onLine: (line) => lines.push(line),
    masker: new SecretMasker(secrets),
  });
  return { lines, log: readFileSync(logFile, "utf8"), tail: result.tail };
}

function expectNoPiece(text: string, pieces: readonly string[]) {
  for (const piece of pieces) expect(text, `contains ${JSON.stringify(piece)}`).not.toContain(piece);
}

describe("the step log masks", () => {
  it("a multi-line secret printed as is: the whole value and each of its lines", async () => {
    const { lines, log, tail } = await step(
      'printf "%s\\n" "$KEY"; echo "second line only: $(printf "%s" "$KEY" | sed -n 3p)"',
      [PEM],
      { KEY: PEM },
    );
    expectNoPiece(log, PEM_LINES);
    expectNoPiece(lines.join("\n"), PEM_LINES);
    expectNoPiece(tail.join("\n"), PEM_LINES);
    expect(log).toContain("second line only: ***");
  });

  it("a secret inside JSON output, where its newlines and quotes are escaped", async () => {
    const { log } = await step(
      `node -e 'console.log(JSON.stringify({ credentials: process.env.SA, pem: process.env.KEY }))'`,
      [SERVICE_ACCOUNT, PEM],
      { SA: SERVICE_ACCOUNT, KEY: PEM },
    );
    expectNoPiece(log, [...PEM_LINES, "4b1c9e0f7a2d8e6b3c5a9f1d0e7b2c4a", "trainer@kiln-demo-41"]);
    expect(log).toContain('{"credentials":"***","pem":"***"}');
  });

  it("a multi-line secret written in pieces that split its lines", async () => {
    // Three writes that cut the key mid-line: each piece is a separate chunk on the pipe.
    const cut = [PEM.slice(0, 50), PEM.slice(50, 140), PEM.slice(140)];
    const { log, lines } = await step(
      `node -e 'const s=JSON.parse(process.env.CUT); (async()=>{for (const p of s){ await new Promise(r=>process.stdout.write(p, r)); } process.stdout.write("\\ndone\\n");})()'`,
      [PEM],
      { CUT: JSON.stringify(cut) },
    );
    expectNoPiece(log, PEM_LINES);
    expectNoPiece(lines.join("\n"), PEM_LINES);
    expect(lines.at(-1)).toBe("done");
  });

  it("a secret whose line is interrupted by output on the other stream", async () => {
    const { log } = await step(
      `node -e 'process.stdout.write("token=hunt", () => process.stderr.write("progress 50%\\n", () => process.stdout.write("er2-secret-value\\n")))'`,
      ["hunter2-secret-value"],
    );
    expect(log).not.toContain("hunt");
    expect(log).not.toContain("er2-secret");
    expect(log).toContain("progress 50%");
  });

  it("a secret printed half on stdout and half on stderr", async () => {
    const { log } = await step(
      `node -e 'process.stdout.write("token=hunter2-se", () => process.stderr.write("cret-value\\n"))'`,
      ["hunter2-secret-value"],
    );
    expect(log).not.toContain("hunter2-se");
    expect(log).not.toContain("cret-value");
  });

  it("a secret shorter than 4 characters where it stands alone, without destroying the log", async () => {
    const { log } = await step('echo "pin=$PIN; a banana at 42, 421"', ["42"], { PIN: "42" });
    expect(log).toBe("pin=***; a banana at ***, 421\n");
    const one = await step('echo "a=$ONE and a banana"', ["a"], { ONE: "a" });
    // The one-character value is masked where it stands alone; words containing it are kept.
    expect(one.log).toBe("***=*** and *** banana\n");
  });
});

/** A project in a temporary repository run in-process, as the CLI and the action run it. */
async function pipeline(files: Record<string, string>, env: NodeJS.ProcessEnv) {
  const rig = new Rig(files);
  rig.commit();
  const loaded = loadManifest(path.join(rig.dir, "kiln.yml"));
  if (!loaded.ok) throw new Error(loaded.error.map((d) => d.message).join("\n"));
  const opened = await openWorkspace({
    project: loaded.value.project,
    event: "push",
    ledger: "local",
    env: {},
  });
  if (!opened.ok) throw new Error(opened.error);
  const lines: string[] = [];
  const reporter: ProgressReporter = { ...quiet, line: (_asset, line) => lines.push(line) };
  const outcome = await runPipeline({
    workspace: opened.workspace,
    selection: [],
    force: false,
    jobs: 1,
    tick: { event: "push", now: new Date("2026-11-20T07:00:00Z") },
    reporter,
    env,
  });
  if (!outcome.ok) throw new Error(outcome.error);
  // What Kiln wrote: the ledger, the store, the logs (not the step's own metrics and series files).
  const kilnFiles = allFiles(path.join(rig.dir, ".kiln")).filter(
    (file) => !/\/runs\/.*\/(metrics\.json|series\.jsonl)$/.test(file),
  );
  return {
    rig,
    result: outcome.result,
    lines,
    written: kilnFiles.map((f) => readFileSync(f, "utf8")).join("\n"),
  };
}

const manifest = (run: string, env = "{ API_KEY: { secret: KILN_TEST_KEY } }") =>
  `version: 1\nassets:\n  model:\n    code-version: "1"\n    env: ${env}\n    run: ${JSON.stringify(run)}\n`;

describe("failure records and metrics errors", () => {
  it("a multi-line secret in a failing step's output stays out of the failure record", async () => {
    const { result, written } = await pipeline(
      { "kiln.yml": manifest('printf "%s\\n" "$API_KEY"; exit 3') },
      { PATH: process.env.PATH, KILN_TEST_KEY: PEM },
    );
    expect(result.execution.outcomes.get("model")?.outcome).toBe("failed");
    expectNoPiece(written, PEM_LINES);
  });

  it("invalid metrics JSON holding a secret: the error names the file and line, without the content", async () => {
    const secret = "sk-live-51Hq2fJ8v9";
    const step = `node -e 'require("fs").writeFileSync(process.env.KILN_METRICS, "{\\n  \\"mae\\": 1,\\n  \\"key\\": " + process.env.API_KEY + "\\n}")'`;
    const { result, written } = await pipeline(
      { "kiln.yml": manifest(step) },
      { PATH: process.env.PATH, KILN_TEST_KEY: secret },
    );
    const outcome = result.execution.outcomes.get("model");
    expect(outcome?.outcome).toBe("failed");
    expect(outcome?.detail).toMatch(/invalid JSON .*metrics\.json:3/);
    expect(outcome?.detail).not.toContain("sk-l");
    expect(written).not.toContain("sk-l");
  });

  it("invalid metrics JSON never leaks its first characters through the parser's message", async () => {
    const step = `node -e 'require("fs").writeFileSync(process.env.KILN_METRICS, "private-data-not-json")'`;
    const { result, written } = await pipeline(
      { "kiln.yml": manifest(step, "{}") },
      { PATH: process.env.PATH },
    );
    const detail = result.execution.outcomes.get("model")?.detail ?? "";
    expect(detail).toMatch(/invalid JSON .*metrics\.json:1/);
    expect(detail).not.toContain("priv");
    expect(written).not.toContain("priv");
  });

  it("a secret as a metric value or a series value is not echoed in the error", async () => {
    const secret = "sk-live-51Hq2fJ8v9";
    const metrics = `node -e 'require("fs").writeFileSync(process.env.KILN_METRICS, JSON.stringify({ mae: process.env.API_KEY }))'`;
    const a = await pipeline(
      { "kiln.yml": manifest(metrics) },
      { PATH: process.env.PATH, KILN_TEST_KEY: secret },
    );
    expect(a.result.execution.outcomes.get("model")?.detail).toContain('metric "mae"');
    expect(a.written).not.toContain(secret);
    const series = `node -e 'require("fs").writeFileSync(process.env.KILN_SERIES, JSON.stringify({ step: 1, loss: "x" + process.env.API_KEY }) + "\\n")'`;
    const b = await pipeline(
      { "kiln.yml": manifest(series) },
      { PATH: process.env.PATH, KILN_TEST_KEY: secret },
    );
    expect(b.result.execution.outcomes.get("model")?.detail).toContain("series.jsonl:1");
    expect(b.written).not.toContain(secret);
  });

  it("a secret used as a metric name is masked in the record", async () => {
    const secret = "sk-live-51Hq2fJ8v9";
    const step = `node -e 'require("fs").writeFileSync(process.env.KILN_METRICS, JSON.stringify({ mae: 1, [process.env.API_KEY]: 2 }))'`;
    const { result, written } = await pipeline(
      { "kiln.yml": manifest(step) },
      { PATH: process.env.PATH, KILN_TEST_KEY: secret },
    );
    expect(result.execution.outcomes.get("model")?.outcome).toBe("success");
    expect(written).not.toContain(secret);
  });
});

describe("the step environment", () => {
  const dump = `cat /proc/$$/environ | tr '\\0' '\\n' > env.txt`;
  const envOf = (rig: Rig) =>
    Object.fromEntries(
      rig
        .read("env.txt")
        .split("\n")
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
  const actionEnv = {
    PATH: process.env.PATH,
    HOME: "/home/runner",
    LANG: "C.UTF-8",
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
    GITHUB_REPOSITORY: "octo/demo",
    GITHUB_WORKSPACE: "/home/runner/work/demo/demo",
    GITHUB_OUTPUT: "/home/runner/work/_temp/_runner_file_commands/set_output_1",
    GITHUB_ENV: "/home/runner/work/_temp/_runner_file_commands/set_env_1",
    GITHUB_TOKEN: "ghs_jobtoken000000000000000000000000",
    RUNNER_TEMP: "/home/runner/work/_temp",
    RUNNER_OS: "Linux",
    pythonLocation: "/opt/hostedtoolcache/Python/3.12.7/x64",
    "INPUT_GITHUB-TOKEN": "ghs_inputtoken0000000000000000000000",
    INPUT_COMMAND: "materialize",
    ACTIONS_RUNTIME_TOKEN: "eyJhbGciOi.runtime.token",
    ACTIONS_RUNTIME_URL: "https://pipelines.actions.githubusercontent.com/x/",
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: "eyJhbGciOi.oidc.token",
    ACTIONS_ID_TOKEN_REQUEST_URL: "https://pipelines.actions.githubusercontent.com/oidc",
    ACTIONS_RESULTS_URL: "https://results-receiver.actions.githubusercontent.com/",
    KILN_SLACK_WEBHOOK: "https://hooks.slack.com/services/T000/B000/XXXX",
    KILN_TEST_KEY: "sk-live-51Hq2fJ8v9",
    OTHER_ASSET_SECRET: "sk-other-asset-000",
  };

  it("in GitHub Actions: the manifest's variables and the runner's ordinary ones, none of the action's tokens", async () => {
    const { rig, result } = await pipeline(
      { "kiln.yml": manifest(dump, "{ API_KEY: { secret: KILN_TEST_KEY }, MODE: fast }") },
      actionEnv,
    );
    expect(result.execution.outcomes.get("model")?.outcome).toBe("success");
    const env = envOf(rig);
    expect(env).toMatchObject({
      API_KEY: "sk-live-51Hq2fJ8v9",
      MODE: "fast",
      PATH: process.env.PATH,
      HOME: "/home/runner",
      LANG: "C.UTF-8",
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_SHA: actionEnv.GITHUB_SHA,
      GITHUB_REPOSITORY: "octo/demo",
      RUNNER_TEMP: "/home/runner/work/_temp",
      pythonLocation: actionEnv.pythonLocation,
    });
    expect(env.KILN_METRICS).toMatch(/metrics\.json$/);
    for (const name of [
      "INPUT_GITHUB-TOKEN",
      "INPUT_COMMAND",
      "ACTIONS_RUNTIME_TOKEN",
      "ACTIONS_RUNTIME_URL",
      "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
      "ACTIONS_ID_TOKEN_REQUEST_URL",
      "ACTIONS_RESULTS_URL",
      "GITHUB_TOKEN",
      "GITHUB_OUTPUT",
      "GITHUB_ENV",
      "KILN_SLACK_WEBHOOK",
      "KILN_TEST_KEY",
      "OTHER_ASSET_SECRET",
    ])
      expect(env, name).not.toHaveProperty([name]);
  });

  it("in GitHub Actions a source's observe command keeps what setup left, without the action's tokens or the steps' secrets", async () => {
    // The command runs in the plan job and in every asset job that assesses its dependants: the
    // action's token (which can write contents), the runner's tokens and the secrets the manifest
    // maps to steps are not its; what the job's setup steps exported for it (cloud credentials,
    // a region) is.
    const observe = `cat /proc/$$/environ | tr '\\0' '\\n' > env.txt; echo feed-v1`;
    const fromSetup = {
      AWS_ACCESS_KEY_ID: "AKIAEXAMPLE",
      AWS_SESSION_TOKEN: "session-from-oidc",
      AWS_REGION: "eu-west-1",
    };
    const { rig, result } = await pipeline(
      {
        "kiln.yml": `version: 1\nsources:\n  feed: { observe: ${JSON.stringify(observe)} }\nassets:\n  model:\n    deps: [feed]\n    code-version: "1"\n    env: { API_KEY: { secret: KILN_TEST_KEY } }\n    run: "true"\n`,
      },
      { ...actionEnv, ...fromSetup },
    );
    expect(result.execution.outcomes.get("model")?.outcome).toBe("success");
    const env = envOf(rig);
    expect(env).toMatchObject({ ...fromSetup, PATH: process.env.PATH, GITHUB_SHA: actionEnv.GITHUB_SHA });
    for (const name of [
      "INPUT_GITHUB-TOKEN",
      "INPUT_COMMAND",
      "ACTIONS_RUNTIME_TOKEN",
      "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
      "ACTIONS_RESULTS_URL",
      "GITHUB_TOKEN",
      "GITHUB_OUTPUT",
      "GITHUB_ENV",
      "KILN_SLACK_WEBHOOK",
      "KILN_TEST_KEY",
    ])
      expect(env, name).not.toHaveProperty([name]);
  });

  it("in GitHub Actions the manifest can pass the job's token explicitly", async () => {
    const { rig } = await pipeline(
      { "kiln.yml": manifest(dump, "{ GH_TOKEN: { secret: GITHUB_TOKEN } }") },
      actionEnv,
    );
    expect(envOf(rig).GH_TOKEN).toBe(actionEnv.GITHUB_TOKEN);
    expect(envOf(rig)).not.toHaveProperty(["GITHUB_TOKEN"]);
  });

  it("locally: the user's environment passes through (venvs, conda), but not unmapped secrets", async () => {
    const local = {
      PATH: process.env.PATH,
      HOME: "/home/ada",
      VIRTUAL_ENV: "/home/ada/demo/.venv",
      CONDA_PREFIX: "/home/ada/miniconda3/envs/demo",
      MY_SETTING: "kept",
      KILN_TEST_KEY: "sk-live-51Hq2fJ8v9",
    };
    const { rig } = await pipeline(
      { "kiln.yml": manifest(dump, "{ API_KEY: { secret: KILN_TEST_KEY } }") },
      local,
    );
    const env = envOf(rig);
    expect(env).toMatchObject({
      API_KEY: "sk-live-51Hq2fJ8v9",
      VIRTUAL_ENV: local.VIRTUAL_ENV,
      CONDA_PREFIX: local.CONDA_PREFIX,
      MY_SETTING: "kept",
      HOME: "/home/ada",
    });
    expect(env).not.toHaveProperty(["KILN_TEST_KEY"]);
  });
});

describe("a secret withheld from a pull request", () => {
  it("fails the step with why: prod's secrets stay out of pull-request runs", async () => {
    const { result } = await pipeline(
      { "kiln.yml": manifest("true", "{ API_KEY: { secret: KILN_TEST_KEY } }") },
      {
        PATH: process.env.PATH,
        GITHUB_ACTIONS: "true",
        GITHUB_EVENT_NAME: "pull_request",
        KILN_TEST_KEY: "",
      },
    );
    const outcome = result.execution.outcomes.get("model");
    expect(outcome?.outcome).toBe("failed");
    expect(outcome?.detail).toContain("secret KILN_TEST_KEY not set");
    expect(outcome?.detail).toContain(
      "pull-request runs get no secret that only the prod environment's env names",
    );
  });
});

describe("SecretMasker", () => {
  it("registers each line and escaped form of a multi-line secret with a line-based masker (the runner)", () => {
    const forms = new SecretMasker([PEM]).registrations();
    for (const line of PEM_LINES) expect(forms).toContain(line);
    expect(forms).toContain(JSON.stringify(PEM).slice(1, -1));
    expect(forms.every((form) => !form.includes("\n"))).toBe(true);
  });

  it("masks record fields deeply, keys included, and leaves numbers alone", () => {
    const masker = new SecretMasker(["sk-live-51Hq2fJ8v9"]);
    expect(
      masker.maskDeep({
        error: "key sk-live-51Hq2fJ8v9 rejected",
        metrics: { "sk-live-51Hq2fJ8v9": 2, mae: 1 },
      }),
    ).toEqual({
      error: "key *** rejected",
      metrics: { "***": 2, mae: 1 },
    });
  });
});
