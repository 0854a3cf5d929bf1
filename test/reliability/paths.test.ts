// Kiln writes only inside the project: outputs that escape it are manifest errors, and every writer
// (storing outputs, `kiln pull`, dependency restore, release downloads) refuses a path whose real
// location — symlinks of the existing parent chain resolved — is outside. Also: what an asset's
// version is computed from never includes Kiln's own state or the asset's outputs, `.kiln/` stays
// out of git, outputs are cleared before a step, and temporary files are never recorded.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { open } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { MaterializationRecord } from "../../src/domain/records.js";
import type { GitHubClient } from "../../src/github/client.js";
import { LocalLedger } from "../../src/ledger/local.js";
import { type Diagnostic, formatDiagnostics } from "../../src/manifest/diagnostics.js";
import { parseManifest } from "../../src/manifest/load.js";
import { LocalStore } from "../../src/store/local.js";
import { downloadReleaseVersion } from "../../src/store/release.js";
import { fingerprint, indexProjectFiles } from "../../src/version/fingerprint.js";
import { logicalVersion } from "../../src/version/versions.js";
import { gitIn, kilnIn } from "../support/kiln-in-process.js";
import { commitNewRepository } from "../support/git-script.js";

function errors(source: string): Diagnostic[] {
  const result = parseManifest(source, { manifestPath: "/repo/kiln.yml", displayName: "kiln.yml" });
  if (result.ok) throw new Error("expected the manifest to be rejected");
  return result.error;
}

/** A git repository (with one commit) in a folder of its own, next to a folder `outside`. */
function repo(files: Record<string, string>): { dir: string; outside: string } {
  const parent = mkdtempSync(path.join(os.tmpdir(), "kiln-paths-"));
  const dir = path.join(parent, "repo");
  const outside = path.join(parent, "outside");
  mkdirSync(outside);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  commitNewRepository(dir, "init");
  return { dir, outside };
}

async function kiln(dir: string, ...args: string[]) {
  return kilnIn(dir, args);
}

async function ok(dir: string, ...args: string[]): Promise<string> {
  const result = await kilnIn(dir, args);
  expect(result.code, result.output).toBe(0);
  return result.stdout;
}

interface StatusJson {
  assets: Record<string, { status: string; reasons: string[] }>;
}
async function status(dir: string): Promise<StatusJson> {
  return JSON.parse(await ok(dir, "status", "--json")) as StatusJson;
}

/** The files of `asset`'s records in the local ledger. */
function recordFiles(dir: string, asset: string): string[] {
  const base = path.join(dir, ".kiln/ledger");
  return readdirSync(base, { recursive: true })
    .map(String)
    .filter((f) =>
      new RegExp(`(^|/)materializations/${asset}/v\\d+\\.json$`).test(f.split(path.sep).join("/")),
    )
    .map((f) => path.join(base, f));
}

/** Every record of `asset` in the local ledger, oldest first. */
function records(dir: string, asset: string): MaterializationRecord[] {
  return recordFiles(dir, asset)
    .map((f) => JSON.parse(readFileSync(f, "utf8")) as MaterializationRecord)
    .sort((a, b) => a.version - b.version);
}

/** Edits `asset`'s v1 record in place, as a hand edit or another writer of the ledger would. */
function rewriteFirstRecord(dir: string, asset: string, edit: (record: MaterializationRecord) => void): void {
  const file = recordFiles(dir, asset).find((f) => f.endsWith(`${path.sep}v1.json`))!;
  const record = JSON.parse(readFileSync(file, "utf8")) as MaterializationRecord;
  edit(record);
  writeFileSync(file, JSON.stringify(record));
}

const TWO_ASSETS = `version: 1
assets:
  a:
    code-version: "1"
    run: mkdir -p build && echo A > build/a.txt
    outputs: [build/a.txt]
  b:
    deps: [a]
    code-version: "1"
    run: mkdir -p res && cat build/a.txt > res/b.txt
    outputs: [res/b.txt]
`;

/** One asset writing build/a.txt and build/extra.txt, declaring `outputs`. */
const manifest = (outputs: string) => `version: 1
assets:
  a:
    code-version: "1"
    run: mkdir -p build && echo A > build/a.txt && echo E > build/extra.txt
    outputs: [${outputs}]
`;

describe("paths outside the project are manifest errors", () => {
  it("rejects outputs, inputs and code that are absolute or climb out, with file:line:col", () => {
    const found = errors(`version: 1
assets:
  a:
    code: [/etc/passwd, src/ok.py]
    inputs: [../data/*.csv]
    run: "true"
    outputs: [../OUT, /tmp/ABS, build/ok.txt, build/../../up.txt]
`);
    const text = formatDiagnostics(found);
    expect(found.map((d) => [d.reason, d.location.range?.line, d.location.range?.column])).toEqual([
      ["path-outside-project", 4, 12],
      ["path-outside-project", 5, 14],
      ["path-outside-project", 7, 15],
      ["path-outside-project", 7, 23],
      ["path-outside-project", 7, 47],
    ]);
    expect(text).toContain('kiln.yml:7:15 error: output "../OUT" of asset "a" is outside the project folder');
    expect(text).toContain('kiln.yml:7:23 error: output "/tmp/ABS" of asset "a" is an absolute path');
    expect(text).toContain('kiln.yml:4:12 error: code "/etc/passwd" of asset "a" is an absolute path');
    expect(text).toContain(
      'kiln.yml:5:14 error: input "../data/*.csv" of asset "a" is outside the project folder',
    );
    expect(text).toContain("hint:");
  });

  it("rejects outputs that are the project folder itself, or inside .kiln or .git", () => {
    const found = errors(`version: 1
assets:
  a:
    code-version: "1"
    run: "true"
    outputs: [., .kiln/model.bin, .git/hooks/pre-commit, ./]
`);
    expect(found.map((d) => [d.reason, d.location.range?.column])).toEqual([
      ["reserved-output-path", 15],
      ["reserved-output-path", 18],
      ["reserved-output-path", 35],
      ["reserved-output-path", 58],
    ]);
    expect(formatDiagnostics(found)).toContain('output ".kiln/model.bin" of asset "a" is inside .kiln');
  });

  it("rejects a source's inputs outside the project", () => {
    const found = errors(`version: 1
sources:
  raw: { inputs: [../shared/raw.csv] }
assets:
  a: { deps: [raw], code-version: "1", run: "true" }
`);
    expect(found.map((d) => d.reason)).toEqual(["path-outside-project"]);
  });
});

describe("one containment check on real paths, for every writer", () => {
  it("`kiln run` refuses an output whose parent is a symlink out of the project, and runs nothing", async () => {
    const { dir, outside } = repo({ "kiln.yml": TWO_ASSETS });
    symlinkSync(outside, path.join(dir, "build"));
    const result = await kiln(dir, "run", "a");
    expect(result.code).toBe(1);
    expect(result.output).toContain(
      `refusing to clear or store output build/a.txt: it resolves to ${path.join(outside, "a.txt")}, outside the project`,
    );
    expect(readdirSync(outside)).toEqual([]);
  });

  it("`kiln pull` and dependency restore refuse to write through a symlinked parent directory", async () => {
    const { dir, outside } = repo({ "kiln.yml": TWO_ASSETS });
    await ok(dir, "run");
    rmSync(path.join(dir, "build"), { recursive: true });
    symlinkSync(outside, path.join(dir, "build"));

    const pulled = await kiln(dir, "pull", "a");
    expect(pulled.code).toBe(1);
    expect(pulled.output).toMatch(/refus.*build\/a\.txt.*outside the project/s);
    expect(readdirSync(outside)).toEqual([]);

    const all = await kiln(dir, "pull", "--all");
    expect(all.code).toBe(1);
    expect(readdirSync(outside)).toEqual([]);

    const rebuilt = await kiln(dir, "run", "b", "--force");
    expect(rebuilt.code).toBe(1);
    expect(rebuilt.output).toContain("outside the project");
    expect(readdirSync(outside)).toEqual([]);
  });

  it("`kiln pull` refuses a recorded output path that climbs out of the project", async () => {
    const { dir } = repo({ "kiln.yml": TWO_ASSETS });
    await ok(dir, "run", "a");
    rewriteFirstRecord(dir, "a", (record) => {
      record.outputs = { "../escape.txt": record.outputs["build/a.txt"]! };
    });
    rmSync(path.join(dir, "build"), { recursive: true });

    const pulled = await kiln(dir, "pull", "a");
    expect(pulled.code).not.toBe(0);
    expect(existsSync(path.join(dir, "..", "escape.txt"))).toBe(false);
  });

  it("a release download refuses paths outside the root, also through a symlinked parent", async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), "kiln-release-"));
    const root = path.join(parent, "repo");
    const outside = path.join(parent, "outside");
    mkdirSync(root);
    mkdirSync(outside);
    symlinkSync(outside, path.join(root, "build"));
    const client = {
      downloadReleaseAsset: async () => Buffer.from("bytes"),
    } as unknown as GitHubClient;
    for (const file of ["../x.bin", "build/model.bin"]) {
      await expect(
        downloadReleaseVersion({ client, tag: "kiln/p/m/v1-000000000000", files: [file], root }),
      ).rejects.toThrow(/outside the project/);
    }
    expect(readdirSync(outside)).toEqual([]);
    expect(existsSync(path.join(parent, "x.bin"))).toBe(false);
  });
});

describe("what a version is computed from", () => {
  it('`code: ["**"]` picks up neither .kiln/ nor the asset\'s own outputs: fresh after a run', async () => {
    const { dir } = repo({
      "kiln.yml": `version: 1
assets:
  a:
    code: ["**"]
    run: mkdir -p build/dir && echo A > build/a.txt && echo D > build/dir/d.txt
    outputs: [build/a.txt, build/dir]
`,
    });
    await ok(dir, "run");
    expect((await status(dir)).assets.a).toMatchObject({ status: "fresh" });
    // Even with .kiln/.gitignore gone, Kiln's state is never part of a version.
    rmSync(path.join(dir, ".kiln/.gitignore"));
    expect((await status(dir)).assets.a).toMatchObject({ status: "fresh" });
  });

  it("the file index never lists .kiln/, in git or not", async () => {
    for (const inGit of [true, false]) {
      const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-index-"));
      writeFileSync(path.join(dir, "train.py"), "print(1)\n");
      mkdirSync(path.join(dir, ".kiln/ledger"), { recursive: true });
      writeFileSync(path.join(dir, ".kiln/ledger/v1.json"), "{}");
      mkdirSync(path.join(dir, "sub/.kiln"), { recursive: true });
      writeFileSync(path.join(dir, "sub/.kiln/x"), "{}");
      if (inGit) gitIn(dir, "init", "-q");
      const index = await indexProjectFiles(dir);
      expect(Object.keys((await fingerprint(index, ["**"])).files), `in git: ${inGit}`).toEqual(["train.py"]);
    }
  });

  it("adding a path to `outputs` makes the asset stale, naming the output", async () => {
    const { dir } = repo({ "kiln.yml": manifest("build/a.txt") });
    await ok(dir, "run");
    expect((await status(dir)).assets.a?.status).toBe("fresh");
    writeFileSync(path.join(dir, "kiln.yml"), manifest("build/a.txt, build/extra.txt"));
    expect((await status(dir)).assets.a).toMatchObject({
      status: "stale",
      reasons: ["outputs changed (build/extra.txt added)"],
    });
    await ok(dir, "run");
    expect(Object.keys(records(dir, "a").at(-1)!.outputs)).toEqual(["build/a.txt", "build/extra.txt"]);
    expect((await status(dir)).assets.a?.status).toBe("fresh");
    writeFileSync(path.join(dir, "kiln.yml"), manifest("build/extra.txt"));
    expect((await status(dir)).assets.a).toMatchObject({
      status: "stale",
      reasons: ["outputs changed (build/a.txt removed)"],
    });
  });
});

describe("records written before outputs were versioned", () => {
  it("stay fresh when they recorded the declared outputs, and name the difference when not", async () => {
    const { dir } = repo({ "kiln.yml": manifest("build/a.txt") });
    await ok(dir, "run");
    // Rewrite v1 as an older Kiln wrote it: no outputs in its provenance, nor in its version.
    rewriteFirstRecord(dir, "a", (record) => {
      expect(record.provenance.outputs).toEqual(["build/a.txt"]);
      delete record.provenance.outputs;
      record.logicalVersion = logicalVersion(record.provenance);
    });

    expect((await status(dir)).assets.a?.status).toBe("fresh");
    writeFileSync(path.join(dir, "kiln.yml"), manifest("build/a.txt, build/extra.txt"));
    expect((await status(dir)).assets.a).toMatchObject({
      status: "stale",
      reasons: ["outputs changed (build/extra.txt added)"],
    });
  });
});

describe("outputs are cleared before a step", () => {
  it("bytes left by a failed run are not versioned: a step that writes nothing fails", async () => {
    const { dir } = repo({
      "kiln.yml": `version: 1
assets:
  a:
    code-version: "1"
    run: if [ -f fail ]; then mkdir -p build && echo STALE > build/a.txt; exit 1; fi
    outputs: [build/a.txt]
`,
    });
    writeFileSync(path.join(dir, "fail"), "");
    expect((await kiln(dir, "run")).code).toBe(1);
    expect(existsSync(path.join(dir, "build/a.txt"))).toBe(true); // left by the failed step
    rmSync(path.join(dir, "fail"));
    const again = await kiln(dir, "run", "a");
    expect(again.code).toBe(1);
    expect(again.output).toContain("did not write its declared output build/a.txt");
    expect(existsSync(path.join(dir, "build/a.txt"))).toBe(false);
    expect(existsSync(path.join(dir, ".kiln/ledger")) ? records(dir, "a") : []).toEqual([]);
  });

  it("a temporary file left in a directory output (a killed pull) is never recorded", async () => {
    const { dir } = repo({
      "kiln.yml": `version: 1
assets:
  d:
    code: [step.sh]
    run: sh step.sh
    outputs: [build/dir]
`,
      "step.sh": "mkdir -p build/dir && echo one > build/dir/a.txt\n",
    });
    await ok(dir, "run");
    // What a `kiln pull` killed between writing and renaming left behind.
    writeFileSync(path.join(dir, "build/dir/.kiln-tmp-0b5e2f1c"), "half a model");
    writeFileSync(path.join(dir, "step.sh"), "mkdir -p build/dir && echo two > build/dir/a.txt\n");
    await ok(dir, "run");
    expect(Object.keys(records(dir, "d").at(-1)!.outputs)).toEqual(["build/dir/a.txt"]);
    expect(readdirSync(path.join(dir, "build/dir"))).toEqual(["a.txt"]);
  });

  it("a restore writes its temporary files in .kiln/, never inside the output tree", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-store-"));
    const store = new LocalStore(path.join(dir, ".kiln/store"));
    // The stored object is a named pipe: the copy into the workspace then stops, deterministically,
    // with its temporary file open, as a `kiln pull` killed at that moment would leave it.
    const blob = "0123456789abcdef0123456789abcdef01234567";
    mkdirSync(path.dirname(store.objectPath(blob)), { recursive: true });
    spawnSync("mkfifo", [store.objectPath(blob)]);
    mkdirSync(path.join(dir, "build/dir"), { recursive: true });
    const getting = store.get(blob, path.join(dir, "build/dir/model.bin")).catch((error: unknown) => error);
    const writer = await open(store.objectPath(blob), "w");
    const temp = await until(() =>
      [
        path.join(dir, "build/dir"),
        ...readdirSync(path.join(dir, ".kiln"), { recursive: true }).map((f) =>
          path.join(dir, ".kiln", String(f)),
        ),
      ]
        .flatMap((d) =>
          existsSync(d) && statSync(d).isDirectory() ? readdirSync(d).map((f) => path.join(d, f)) : [],
        )
        .find((f) => /tmp/.test(path.basename(f)) && statSync(f).isFile()),
    );
    expect(path.relative(dir, temp).startsWith(`.kiln${path.sep}`), temp).toBe(true);
    expect(readdirSync(path.join(dir, "build/dir"))).toEqual([]);
    await writer.close();
    expect(await getting).toBeInstanceOf(Error); // the pipe's (empty) bytes do not match the blob id
    expect(readdirSync(path.join(dir, "build/dir"))).toEqual([]);
  });
});

/** Polls until `find` returns something (no fixed sleep decides the outcome). */
async function until<T>(find: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe(".kiln/ stays out of git", () => {
  it("whichever writer creates .kiln/ (store, ledger) also writes .kiln/.gitignore", async () => {
    for (const create of ["store", "ledger"] as const) {
      const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-ignore-"));
      gitIn(dir, "init", "-q");
      writeFileSync(path.join(dir, "model.bin"), "weights");
      if (create === "store")
        await new LocalStore(path.join(dir, ".kiln/store")).put(path.join(dir, "model.bin"));
      else
        await new LocalLedger(path.join(dir, ".kiln/ledger/projects/demo")).moveAlias({
          asset: "m",
          alias: "champion",
          from: null,
          to: null,
          by: "t",
          reason: "test",
        });
      expect(readFileSync(path.join(dir, ".kiln/.gitignore"), "utf8"), create).toMatch(/^\*$/m);
      expect(gitIn(dir, "status", "--porcelain", "--untracked-files=all"), create).toBe("?? model.bin");
    }
  });
});
