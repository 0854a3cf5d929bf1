// Each manifest is a project with its own namespace on the ledger: two manifests in one repository
// (churn/kiln.yml and fraud/kiln.yml, each with an asset `model`) never see each other's records,
// aliases, failures or cursors, on either backend.
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { aliasHolder } from "../../src/ledger/aliases.js";
import { BranchLedger } from "../../src/ledger/branch.js";
import { LocalLedger } from "../../src/ledger/local.js";
import { loadManifest } from "../../src/manifest/load.js";
import { openWorkspace } from "../../src/app/workspace.js";
import { gitSync, newFailure, newMaterialization, remoteWithClones, tempDir } from "./fixtures.js";

const MANIFEST = (name?: string) =>
  `version: 1\n${name ? `name: ${name}\n` : ""}assets:\n  model:\n    run: "true"\n    outputs: [build/model.json]\n    metrics: { primary: mae, direction: minimize }\n    promote: { alias: champion }\n`;

function write(file: string, text: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

async function open(manifest: string, ledger: "local" | "branch") {
  const loaded = loadManifest(manifest);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  const opened = await openWorkspace({ project: loaded.value.project, ledger, env: {} });
  if (!opened.ok) throw new Error(opened.error);
  return opened.workspace;
}

/** churn writes a champion, a failure and a cursor; fraud must see none of it. */
async function expectIsolated(churnManifest: string, fraudManifest: string, ledger: "local" | "branch") {
  const churn = await open(churnManifest, ledger);
  const v1 = await churn.ledger.recordMaterialization(newMaterialization("model", { metrics: { mae: 10 } }));
  await churn.ledger.moveAlias({
    alias: "champion",
    asset: "model",
    from: null,
    to: v1.version,
    by: "t",
    reason: "r",
  });
  await churn.ledger.recordFailure(newFailure("model", "2026-11-23T06:10:00.000Z"));
  await churn.ledger.updateCursor({
    scope: { name: "refs/heads/main" },
    entries: { model: { eager: { at: "2026-11-23T06:00:00.000Z" } } },
    sources: {},
    updatedAt: "2026-11-23T06:00:00.000Z",
  });

  const fraud = await open(fraudManifest, ledger);
  expect(fraud.project.name).toBe("fraud");
  expect(await fraud.ledger.materializations("model")).toEqual([]);
  expect(await fraud.ledger.failures("model")).toEqual([]);
  expect(aliasHolder(await fraud.ledger.aliasHistory("model"), "champion")).toBeNull();
  expect(await fraud.ledger.readCursor({ name: "refs/heads/main" })).toBeUndefined();

  // fraud's own first version is its v1, and churn's champion is still churn's v1.
  const f1 = await fraud.ledger.recordMaterialization(newMaterialization("model", { metrics: { mae: 99 } }));
  expect(f1.version).toBe(1);
  const churnAgain = await open(churnManifest, ledger);
  expect((await churnAgain.ledger.materializations("model")).map((r) => r.metrics.mae)).toEqual([10]);
  expect(aliasHolder(await churnAgain.ledger.aliasHistory("model"), "champion")).toBe(1);
}

describe("projects on one ledger", () => {
  it("two manifests in one repository keep apart on the kiln-ledger branch", async () => {
    const { clones } = remoteWithClones(1);
    const repo = clones[0]!;
    const churn = write(path.join(repo, "churn/kiln.yml"), MANIFEST());
    const fraud = write(path.join(repo, "fraud/kiln.yml"), MANIFEST());
    await expectIsolated(churn, fraud, "branch");
    const files = gitSync(repo, "ls-tree", "-r", "--name-only", "origin/kiln-ledger").trim().split("\n");
    expect(files.filter((f) => !f.startsWith("projects/churn/") && !f.startsWith("projects/fraud/"))).toEqual(
      [],
    );
  });

  it("two manifests in one folder keep apart in the local ledger", async () => {
    const dir = tempDir("kiln-projects-");
    gitSync(dir, "init", "-q", "-b", "main");
    const churn = write(path.join(dir, "kiln.yml"), MANIFEST("churn"));
    const fraud = write(path.join(dir, "fraud.kiln.yml"), MANIFEST("fraud"));
    await expectIsolated(churn, fraud, "local");
  });
});

/** A ledger written before projects existed: v1, v2 with v2 champion, at the ledger's root. */
async function writeLegacy(ledger: LocalLedger | BranchLedger): Promise<void> {
  await ledger.recordMaterialization(newMaterialization("model", { metrics: { mae: 10 } }));
  await ledger.recordMaterialization(newMaterialization("model", { metrics: { mae: 5 } }));
  await ledger.moveAlias({ alias: "champion", asset: "model", from: null, to: 2, by: "t", reason: "r" });
}

async function expectAdopted(manifest: string, ledger: "local" | "branch") {
  const workspace = await open(manifest, ledger);
  expect((await workspace.ledger.materializations("model")).map((r) => r.metrics.mae)).toEqual([10, 5]);
  expect(aliasHolder(await workspace.ledger.aliasHistory("model"), "champion")).toBe(2);
  expect(workspace.ledger.problems()).toEqual([]);
  return workspace;
}

describe("ledgers written before projects existed", () => {
  it("the project of a .kiln/ledger in the old layout adopts its records, once and for all", async () => {
    const dir = tempDir("kiln-legacy-");
    const manifest = write(path.join(dir, "kiln.yml"), MANIFEST("churn"));
    const base = path.join(dir, ".kiln/ledger");
    await writeLegacy(new LocalLedger(base));
    await expectAdopted(manifest, "local");
    expect(readdirSync(base).sort()).toEqual(["projects"]);
    expect(readdirSync(path.join(base, "projects/churn")).sort()).toEqual([
      "aliases",
      "heads",
      "materializations",
      "series",
    ]);
    // A second manifest beside it finds the records taken and starts empty.
    const fraud = await open(write(path.join(dir, "fraud.kiln.yml"), MANIFEST("fraud")), "local");
    expect(await fraud.ledger.materializations("model")).toEqual([]);
    // Reopened, churn still reads its history (nothing moves twice).
    await expectAdopted(manifest, "local");
  });

  it("an adoption cut short by a crash is finished by its owner and never split with another project", async () => {
    const dir = tempDir("kiln-legacy-");
    const churn = write(path.join(dir, "kiln.yml"), MANIFEST("churn"));
    const fraud = write(path.join(dir, "fraud.kiln.yml"), MANIFEST("fraud"));
    const base = path.join(dir, ".kiln/ledger");
    await writeLegacy(new LocalLedger(base));
    // churn claimed the old records and moved materializations/ when the process died.
    mkdirSync(path.join(base, "projects/churn"), { recursive: true });
    writeFileSync(path.join(base, "projects/.legacy-owner"), "churn\n");
    renameSync(path.join(base, "materializations"), path.join(base, "projects/churn/materializations"));

    const other = await open(fraud, "local");
    expect(aliasHolder(await other.ledger.aliasHistory("model"), "champion")).toBeNull();
    expect(existsSync(path.join(base, "aliases"))).toBe(true); // fraud took nothing
    // One problem per folder left at the root (aliases, heads, series), all saying the same.
    expect(new Set(other.ledger.problems().map((p) => p.message))).toEqual(
      new Set([
        "left from before projects existed and adopted by project churn; project fraud does not read it",
      ]),
    );
    await expectAdopted(churn, "local");
    expect(readdirSync(base).sort()).toEqual(["projects"]);
  });

  it("the only project of a repository adopts a kiln-ledger branch in the old layout in one commit", async () => {
    const { remote, clones } = remoteWithClones(2);
    const [a, b] = clones as [string, string];
    await writeLegacy(new BranchLedger({ cwd: a }));
    const manifest = write(path.join(b, "churn/kiln.yml"), MANIFEST());
    await expectAdopted(manifest, "branch");
    const files = gitSync(remote, "ls-tree", "-r", "--name-only", "kiln-ledger").trim().split("\n");
    expect(files).toEqual([
      "projects/churn/aliases/model.jsonl",
      "projects/churn/heads/model.jsonl",
      "projects/churn/materializations/model/v1.json",
      "projects/churn/materializations/model/v2.json",
      expect.stringMatching(/^projects\/churn\/series\/model\/[0-9a-f]{64}\.jsonl$/),
    ]);
    expect(gitSync(remote, "log", "-1", "--format=%s", "kiln-ledger").trim()).toBe(
      "kiln: move the records from before projects into projects/churn/",
    );
    await expectAdopted(manifest, "branch"); // a second open moves nothing
  });

  it("with several manifests in the repository, no project takes an old-layout branch unasked", async () => {
    const { clones } = remoteWithClones(2);
    const [a, b] = clones as [string, string];
    await writeLegacy(new BranchLedger({ cwd: a }));
    const churn = write(path.join(b, "churn/kiln.yml"), MANIFEST());
    write(path.join(b, "fraud/kiln.yml"), MANIFEST());
    const workspace = await open(churn, "branch");
    expect(await workspace.ledger.materializations("model")).toEqual([]);
    expect(workspace.ledger.problems()[0]?.message).toMatch(
      /several manifests, so Kiln cannot tell whose they are; they are not read\. Run `kiln adopt-ledger --manifest PATH`/,
    );
    const loaded = loadManifest(churn);
    if (!loaded.ok) throw new Error("manifest");
    const opened = await openWorkspace({
      project: loaded.value.project,
      ledger: "branch",
      legacyLedger: "adopt",
      env: {},
    });
    if (!opened.ok) throw new Error(opened.error);
    expect(aliasHolder(await opened.workspace.ledger.aliasHistory("model"), "champion")).toBe(2);
  });
});
