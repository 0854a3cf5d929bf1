// `kiln generate` in-process (the real CLI entry, no child process): the workflow written where the
// manifest's project says, `--check` on a missing, current and edited file, `--output`, and the
// refusal of `--all` with `--output`. test/e2e/projects.test.ts runs the command for several projects.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { engineRepo } from "../support/engine-run.js";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";

const MANIFEST = `version: 1
assets:
  model:
    code-version: "1"
    run: node train.mjs
    outputs: [build/model.json]
`;

describe("kiln generate", () => {
  it("writes the workflow, and --check says whether the committed one is missing, current or out of date", async () => {
    const dir = engineRepo(MANIFEST);
    const missing = await kilnIn(dir, ["generate", "--check"]);
    expect(missing.code).toBe(1);
    expect(missing.output).toContain(
      "kiln: error: .github/workflows/kiln.yml does not exist; run `kiln generate` and commit it",
    );

    const wrote = await kilnIn(dir, ["generate"]);
    expect(wrote).toMatchObject({ code: 0, stdout: "wrote .github/workflows/kiln.yml\n" });
    const workflow = parse(readFileSync(path.join(dir, ".github/workflows/kiln.yml"), "utf8"));
    expect(workflow.name).toBe("Kiln");
    expect(Object.keys(workflow.jobs)).toContain("model");

    expect(await kilnIn(dir, ["generate", "--check"])).toMatchObject({
      code: 0,
      stdout: ".github/workflows/kiln.yml is up to date\n",
    });

    writeFileSync(
      path.join(dir, "kiln.yml"),
      MANIFEST.replace('code-version: "1"', 'code-version: "1"\n    runs-on: gpu'),
    );
    const stale = await kilnIn(dir, ["generate", "--check"]);
    expect(stale.code).toBe(1);
    expect(stale.output).toContain(
      "kiln: error: .github/workflows/kiln.yml is out of date; run `kiln generate` and commit it",
    );
    expect(stale.output).toContain("+    runs-on: gpu");
  });

  it("triggers on the repository's default branch that selects prod, read from origin/HEAD, and warns when it cannot know it", async () => {
    // A repository whose default branch is trunk and whose manifest names no prod branch: the run
    // treats trunk as prod, so pushes to trunk must run the workflow.
    const remote = engineRepo(MANIFEST);
    gitIn(remote, "branch", "-m", "trunk");
    const clone = mkdtempSync(path.join(os.tmpdir(), "kiln-trunk-"));
    gitIn(clone, "clone", "-q", remote, ".");
    expect(gitIn(clone, "symbolic-ref", "refs/remotes/origin/HEAD")).toBe("refs/remotes/origin/trunk");

    const wrote = await kilnIn(clone, ["generate"]);
    expect(wrote).toMatchObject({ code: 0, output: "wrote .github/workflows/kiln.yml\n" });
    const text = readFileSync(path.join(clone, ".github/workflows/kiln.yml"), "utf8");
    expect(parse(text).on.push).toEqual({ branches: ["trunk"] });
    expect(text).toContain("the repository's default branch, trunk");

    // A checkout that cannot tell (no origin/HEAD, as in many CI clones) keeps what the committed
    // file says, so --check gives the same answer there.
    gitIn(clone, "remote", "set-head", "origin", "--delete");
    expect(await kilnIn(clone, ["generate", "--check"])).toMatchObject({
      code: 0,
      output: ".github/workflows/kiln.yml is up to date\n",
    });

    // With neither, main and master, and a warning saying what to do.
    rmSync(path.join(clone, ".github"), { recursive: true });
    const unknown = await kilnIn(clone, ["generate"]);
    expect(unknown.code).toBe(0);
    expect(unknown.output).toContain(
      "kiln: warning: kiln.yml names no prod branch and the repository's default branch is not known here (no origin/HEAD): the workflow runs on pushes to main and master",
    );
    expect(unknown.output).toContain("environments.prod.branches");
    expect(parse(readFileSync(path.join(clone, ".github/workflows/kiln.yml"), "utf8")).on.push).toEqual({
      branches: ["main", "master"],
    });

    // Declared prod branches need no default branch, and no warning.
    writeFileSync(
      path.join(clone, "kiln.yml"),
      `${MANIFEST}environments:\n  prod: { branches: [release] }\n`,
    );
    expect(await kilnIn(clone, ["generate"])).toMatchObject({
      code: 0,
      output: "wrote .github/workflows/kiln.yml\n",
    });
  });

  it("lets the dispatch job send schedule ticks onto prod's branch when it is not the default branch, and says so when it cannot tell", async () => {
    // GitHub runs schedules on the default branch only: with prod on production and main the
    // default, the dispatch job of a scheduled run dispatches the tick onto production.
    const remote = engineRepo(
      `${MANIFEST.replace("run:", 'automation: { on_cron: "17 3 * * 1" }\n    run:')}environments:\n  prod: { branches: [production] }\n`,
    );
    // production carries a workflow from before: GitHub would refuse the dispatch's input there.
    gitIn(remote, "checkout", "-q", "-b", "production");
    mkdirSync(path.join(remote, ".github/workflows"), { recursive: true });
    writeFileSync(
      path.join(remote, ".github/workflows/kiln.yml"),
      "on:\n  workflow_dispatch: {}\njobs: {}\n",
    );
    gitIn(remote, "add", "-A");
    gitIn(remote, "commit", "-q", "-m", "an older workflow");
    gitIn(remote, "checkout", "-q", "main");
    const clone = mkdtempSync(path.join(os.tmpdir(), "kiln-release-flow-"));
    gitIn(clone, "clone", "-q", remote, ".");
    const file = path.join(clone, ".github/workflows/kiln.yml");
    const wrote = await kilnIn(clone, ["generate"]);
    expect(wrote.code).toBe(0);
    expect(wrote.output).toContain(
      "kiln: warning: kiln.yml: GitHub refuses a scheduled run's dispatch onto production until production's .github/workflows/kiln.yml declares the workflow_dispatch input scheduled-tick (origin/production's does not)\n  hint: merge the workflow written here into production\n",
    );
    const text = readFileSync(file, "utf8");
    // Once production has it, nothing to say.
    gitIn(remote, "checkout", "-q", "production");
    writeFileSync(path.join(remote, ".github/workflows/kiln.yml"), text);
    gitIn(remote, "commit", "-q", "-am", "the workflow kiln generate wrote");
    gitIn(remote, "checkout", "-q", "main");
    gitIn(clone, "fetch", "-q");
    expect(await kilnIn(clone, ["generate"])).toMatchObject({
      code: 0,
      output: "wrote .github/workflows/kiln.yml\n",
    });
    expect(parse(text).jobs["kiln-dispatch"].permissions).toEqual({ contents: "read", actions: "write" });
    expect(text).toContain(
      "# Schedules run on the default branch, main: the dispatch job sends each tick onto prod's branch production.",
    );

    // A checkout without origin/HEAD reads the default branch back from the committed file.
    gitIn(clone, "remote", "set-head", "origin", "--delete");
    expect(await kilnIn(clone, ["generate", "--check"])).toMatchObject({
      code: 0,
      output: ".github/workflows/kiln.yml is up to date\n",
    });
    // With neither, main or master is taken for it, and a warning says what to do.
    rmSync(path.join(clone, ".github"), { recursive: true });
    const unknown = await kilnIn(clone, ["generate"]);
    expect(unknown.code).toBe(0);
    expect(unknown.output).toContain(
      "kiln: warning: kiln.yml: GitHub runs schedules on the repository's default branch, which is not known here (no origin/HEAD): the workflow takes main or master for it, and its dispatch job sends each tick onto prod's branch production",
    );
    expect(unknown.output).toContain("hint: run `git remote set-head origin --auto`");

    // prod on the default branch: nothing to dispatch, nothing to say.
    gitIn(clone, "remote", "set-head", "origin", "--auto");
    writeFileSync(
      path.join(clone, "kiln.yml"),
      readFileSync(path.join(clone, "kiln.yml"), "utf8").replace("[production]", "[main]"),
    );
    const quiet = await kilnIn(clone, ["generate"]);
    expect(quiet).toMatchObject({ code: 0, output: "wrote .github/workflows/kiln.yml\n" });
    expect(parse(readFileSync(file, "utf8")).jobs["kiln-dispatch"]).toBeUndefined();
  });

  it("warns when it cannot know the default branch and takes prod's own branch for it (a git-flow repository)", async () => {
    // prod on main, dev on develop, develop the default branch: without origin/HEAD, main is taken
    // for the default branch and nothing is dispatched, while GitHub runs the schedules on develop.
    const remote = engineRepo(
      `${MANIFEST.replace("run:", 'automation: { on_cron: "17 3 * * 1" }\n    run:')}environments:\n  dev: { branches: [develop] }\n  prod: { branches: [main] }\n`,
    );
    gitIn(remote, "branch", "-m", "develop");
    const clone = mkdtempSync(path.join(os.tmpdir(), "kiln-git-flow-"));
    gitIn(clone, "clone", "-q", remote, ".");
    gitIn(clone, "remote", "set-head", "origin", "--delete");
    const unknown = await kilnIn(clone, ["generate"]);
    expect(unknown.code).toBe(0);
    expect(unknown.output).toContain(
      "kiln: warning: kiln.yml: GitHub runs schedules on the repository's default branch, which is not known here (no origin/HEAD): the workflow takes main or master for it, prod's own branch, so it dispatches nothing; if the default branch is another, its scheduled runs never retrain prod",
    );
    expect(unknown.output).toContain("hint: run `git remote set-head origin --auto`");
    // Told the default branch, it lets the dispatch job dispatch onto main.
    gitIn(clone, "remote", "set-head", "origin", "--auto");
    expect(await kilnIn(clone, ["generate"])).toMatchObject({
      code: 0,
      output: "wrote .github/workflows/kiln.yml\n",
    });
    const text = readFileSync(path.join(clone, ".github/workflows/kiln.yml"), "utf8");
    expect(parse(text).jobs["kiln-dispatch"].permissions).toEqual({ contents: "read", actions: "write" });
  });

  it("writes where --output says, and refuses --output with --all", async () => {
    const dir = engineRepo(MANIFEST);
    const wrote = await kilnIn(dir, ["generate", "--output", "ci/pipeline.yml"]);
    expect(wrote).toMatchObject({ code: 0, stdout: "wrote ci/pipeline.yml\n" });
    expect(existsSync(path.join(dir, ".github/workflows/kiln.yml"))).toBe(false);
    expect(parse(readFileSync(path.join(dir, "ci/pipeline.yml"), "utf8")).jobs.model).toBeDefined();
    rmSync(path.join(dir, "ci"), { recursive: true });

    const both = await kilnIn(dir, ["generate", "--all", "--output", "ci/pipeline.yml"]);
    expect(both.code).not.toBe(0);
    expect(both.output).toContain(
      "--all takes every manifest of the repository, each with its own workflow file",
    );
    expect(both.output).toContain("drop --output and --manifest, or drop --all");
    expect(existsSync(path.join(dir, "ci"))).toBe(false);
  });
});
