// Problems of the environment or of the user's input are not bugs in Kiln: each gets a message
// that names what is wrong and what to do, and exit 1 — never "internal error" and exit 2.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/program.js";
import { gitIn } from "../support/kiln-in-process.js";

async function kiln(dir: string, args: readonly string[]) {
  let output = "";
  const env: NodeJS.ProcessEnv = { ...process.env, KILN_ENV: "", CI: "true", USER: "tester" };
  for (const key of Object.keys(env)) if (key.startsWith("GITHUB_")) delete env[key];
  const write = (t: string) => {
    output += t;
  };
  const code = await main(args, { cwd: dir, env, stdout: write, stderr: write, isTTY: false, columns: 200 });
  return { code, output };
}

function repo(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-env-errors-"));
  gitIn(dir, "init", "-q", "-b", "main");
  mkdirSync(path.join(dir, "src"));
  writeFileSync(path.join(dir, "src/train.py"), "print('hi')\n");
  writeFileSync(
    path.join(dir, "kiln.yml"),
    'version: 1\nassets:\n  model:\n    code: ["src/*.py"]\n    run: "echo trained > model.txt"\n    outputs: [model.txt]\n',
  );
  gitIn(dir, "add", "-A");
  gitIn(dir, "commit", "-q", "-m", "init");
  return dir;
}

/** Exit 1 with the message, and none of the bug report's words. */
function userError(result: { code: number; output: string }, message: string) {
  expect(result.output).not.toContain("internal error");
  expect(result.output).toContain(message);
  expect(result.code).toBe(1);
}

describe("environment and user errors exit 1 with what to do", () => {
  let ran: string;
  beforeAll(async () => {
    ran = repo();
    expect((await kiln(ran, ["run", "--ledger", "local"])).code).toBe(0);
  }, 120_000);

  it("--ledger branch without a remote named origin", async () => {
    userError(
      await kiln(repo(), ["status", "--ledger", "branch"]),
      'kiln: error: the ledger branch is kept on a remote, and this repository has no remote "origin"\n  hint: add one (git remote add origin URL) or use the local ledger (--ledger local)\n',
    );
  });

  it("--ledger branch with an unreachable remote", async () => {
    const dir = repo();
    gitIn(dir, "remote", "add", "origin", path.join(dir, "no-such-remote.git"));
    const result = await kiln(dir, ["status", "--ledger", "branch"]);
    userError(result, "kiln: error: could not fetch the ledger");
    expect(result.output).toContain("hint: check that the remote is reachable");
  });

  it("an aliases file that is a directory", async () => {
    const dir = repo();
    expect((await kiln(dir, ["run", "--ledger", "local"])).code).toBe(0);
    const [project] = readdirSync(path.join(dir, ".kiln/ledger/projects"));
    const aliases = path.join(dir, ".kiln/ledger/projects", project!, "aliases/model.jsonl");
    rmSync(aliases, { force: true });
    mkdirSync(aliases, { recursive: true });
    // Doctor diagnoses it (#15c); every other command says what is wrong with the path and goes on
    // where it safely can (history), or stops promotion — never "internal error", never exit 2.
    for (const command of [["history", "model"], ["run"]]) {
      const result = await kiln(dir, [...command, "--ledger", "local"]);
      expect(result.output).not.toContain("internal error");
      if (command[0] === "history") {
        expect(result.output).toContain(`${aliases}: is a directory, not a file`);
        expect(result.output).toContain("kiln doctor");
      }
      expect(result.code).not.toBe(2);
    }
  });

  it("report -o into a folder that does not exist", async () => {
    userError(
      await kiln(ran, ["report", "-o", "missing/dir/report.md", "--ledger", "local"]),
      `kiln: error: cannot open ${path.join(ran, "missing/dir/report.md")}: no such file or directory\n  hint: check that the path and its folder exist\n`,
    );
  });

  it("a dangling symbolic link matched by a `code` glob", async () => {
    const dir = repo();
    symlinkSync(path.join(dir, "gone.py"), path.join(dir, "src/link.py"));
    for (const command of ["run", "status"]) {
      userError(
        await kiln(dir, [command, "--ledger", "local"]),
        `kiln: error: src/link.py is a symbolic link to ${path.join(dir, "gone.py")}, which does not exist, and a \`code\` or \`inputs\` pattern matches it`,
      );
    }
  });

  it("a corrupt store object on pull", async () => {
    const objects = path.join(ran, ".kiln/store");
    const [shard] = readdirSync(objects).filter((name) => name.length === 2);
    const [object] = readdirSync(path.join(objects, shard!));
    writeFileSync(path.join(objects, shard!, object!), "garbage");
    rmSync(path.join(ran, "model.txt"));
    const result = await kiln(ran, ["pull", "model", "--ledger", "local"]);
    userError(result, "is corrupt: it should hash to");
  });
});
