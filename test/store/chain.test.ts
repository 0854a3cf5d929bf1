// The store chain a run resolves bytes through (src/store/chain.ts), with real backends: the local
// store, the Actions cache (the real @actions/cache against the results service and Azurite) and
// release assets (the real Octokit client against the GitHub stand-in, checked against GitHub's
// OpenAPI description). What is asserted is what a user and the ledger see: files put back, where
// they came from, the locations recorded, and the message naming every place looked in.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { StoreLocation } from "../../src/domain/records.js";
import { GitHubClient } from "../../src/github/client.js";
import { ActionsCacheStore } from "../../src/store/actions-cache.js";
import { ArtifactStore } from "../../src/store/artifact.js";
import { loadManifest } from "../../src/manifest/load.js";
import { StoreChain } from "../../src/store/chain.js";
import { LocalStore } from "../../src/store/local.js";
import { openStores } from "../../src/store/open.js";
import { ReleaseStore, releaseTag } from "../../src/store/release.js";
import type { StoredVersion } from "../../src/store/types.js";
import { blobId } from "../../src/version/blob.js";
import { applyEnv } from "../support/results-service.js";
import { type StandIns, startStandIns } from "../support/stand-ins.js";

let standIns: StandIns;
const undo: Array<() => void> = [];

beforeAll(async () => {
  standIns = await startStandIns();
});

afterAll(async () => {
  await standIns?.stop();
});

/** Leaves the current job: its env and working directory are undone. */
function endJob(): void {
  while (undo.length > 0) undo.pop()?.();
}

afterEach(() => {
  endJob();
  expect(standIns.github.violations).toEqual([]);
});

/** A fresh checkout of one job of run `runId`: its own local store, the job's Actions env, cwd there. */
function job(runId: number, name: string): { root: string; local: LocalStore } {
  const root = mkdtempSync(path.join(os.tmpdir(), `kiln-chain-${name}-`));
  mkdirSync(path.join(root, ".tmp"));
  const cwd = process.cwd();
  // @actions/cache globs relative to the working directory, as a runner's step starts in the checkout.
  process.chdir(root);
  undo.push(() => process.chdir(cwd));
  undo.push(
    applyEnv({
      ...standIns.jobEnv({ runId, job: name }),
      GITHUB_WORKSPACE: root,
      RUNNER_TEMP: path.join(root, ".tmp"),
    }),
  );
  return { root, local: new LocalStore(path.join(root, ".kiln/store")) };
}

function releases(): ReleaseStore {
  const client = new GitHubClient({
    token: "rw",
    apiUrl: standIns.github.url,
    owner: "acme",
    repo: "churn",
    msPerSecond: 1,
    pacing: false,
  });
  return new ReleaseStore({
    client: async () => client,
    repository: client,
    project: "churn",
    commit: "0123456789abcdef0123456789abcdef01234567",
  });
}

/** Writes the files under `root` and describes them as a recorded version would. */
function version(root: string, asset: string, number: number, files: Record<string, string>): StoredVersion {
  const outputs: StoredVersion["outputs"] = {};
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
    outputs[file] = { blob: blobId(text), size: Buffer.byteLength(text) };
  }
  const dataVersion = blobId(JSON.stringify(outputs));
  return { asset, version: number, dataVersion, outputs, locations: [] };
}

const read = (root: string, file: string) => readFileSync(path.join(root, file), "utf8");

describe("the store chain", () => {
  it("a job's chain, opened as the action opens it, publishes to the cache, the run's artifacts and a release; a later run restores from the artifact once the cache entry is evicted", async () => {
    const producer = job(707, "model");
    writeFileSync(
      path.join(producer.root, "kiln.yml"),
      "version: 1\nassets:\n  model:\n    run: 'true'\n    outputs: [build/model.json]\n    store: release\n    retention-days: 30\n",
    );
    const loaded = loadManifest(path.join(producer.root, "kiln.yml"));
    if (!loaded.ok) throw new Error(loaded.error.map((d) => d.message).join("; "));
    const open = (local: LocalStore) =>
      openStores({
        local,
        project: loaded.value.project,
        env: process.env,
        token: "rw",
        repository: { owner: "acme", repo: "churn" },
        commit: "0123456789abcdef0123456789abcdef01234567",
        pullRequest: false,
      });
    const chain = await open(producer.local);
    expect((await chain.remotes()).map((s) => s.description)).toEqual([
      "the Actions cache",
      "artifacts of acme/churn",
      "releases of acme/churn",
    ]);
    const v4 = version(producer.root, "model", 4, { "build/model.json": '{"trees": 200}\n' });
    const locations = await chain.save(v4, producer.root, "release");
    expect(locations.map((l) => [l.kind, l.ref])).toEqual([
      ["cache", `kiln-model-${v4.dataVersion}`],
      ["artifact", "kiln-model-v4@707"],
      ["release", `${releaseTag(loaded.value.project.name, "model", 4, v4.dataVersion)}/build__model.json`],
    ]);
    // Kept as long as the manifest asks.
    const expires = new Date(locations[1]!.expiresAt!).getTime() - Date.now();
    expect(Math.round(expires / 86_400_000)).toBe(30);
    endJob();

    expect(standIns.results.evictCaches().map((e) => e.key)).toContain(`kiln-model-${v4.dataVersion}`);
    const consumer = job(808, "serve");
    const recorded: StoredVersion = { ...v4, locations };
    const later = await open(consumer.local);
    expect(await later.available(recorded)).toBe(true);
    const restored = await later.restore(consumer.root, recorded);
    expect(restored.ok && [restored.restored, restored.from?.kind]).toEqual([
      ["build/model.json"],
      "artifact",
    ]);
    expect(read(consumer.root, "build/model.json")).toBe('{"trees": 200}\n');
    // Nothing of the artifact's unpacking is left behind.
    expect(
      existsSync(path.join(consumer.root, ".kiln/tmp"))
        ? readdirSync(path.join(consumer.root, ".kiln/tmp"))
        : [],
    ).toEqual([]);
  });

  it("restores a version from the second store that has it, keeps it locally and in this ref's cache, and records the cache entry", async () => {
    // A run published model v3 as release assets only (its cache entry has since been evicted).
    const producer = job(101, "model");
    const v3 = version(producer.root, "model", 3, {
      "build/model.json": '{"w": [1, 2, 3]}\n',
      "build/card/README.md": "# model v3\n",
    });
    const published = await new StoreChain(producer.local, [releases()]).save(v3, producer.root, "release");
    expect(published.map((l) => l.ref)).toEqual([
      `${releaseTag("churn", "model", 3, v3.dataVersion)}/build__model.json`,
      `${releaseTag("churn", "model", 3, v3.dataVersion)}/build__card__README.md`,
    ]);
    const recorded: StoredVersion = { ...v3, locations: published };
    endJob();

    // A later job: nothing local, nothing cached; the release has it.
    const consumer = job(202, "serve");
    const added: StoreLocation[][] = [];
    const cache = new ActionsCacheStore(consumer.root);
    const chain = new StoreChain(consumer.local, [cache, releases()], {
      recordLocations: async (v, locations) => {
        expect(v.version).toBe(3);
        added.push(locations);
      },
    });
    expect(await chain.available(recorded)).toBe(true);
    const restored = await chain.restore(consumer.root, recorded);
    expect(restored).toMatchObject({
      ok: true,
      restored: ["build/model.json", "build/card/README.md"],
    });
    expect(restored.ok && restored.from?.kind).toBe("release");
    expect(read(consumer.root, "build/model.json")).toBe('{"w": [1, 2, 3]}\n');
    expect(read(consumer.root, "build/card/README.md")).toBe("# model v3\n");
    // Kept in the local store, so the next reader in this workspace needs no network.
    expect(await consumer.local.has(recorded)).toBe(true);
    // Put into this ref's cache, and the new location handed to the ledger.
    expect(added).toEqual([[{ kind: "cache", ref: `kiln-model-${recorded.dataVersion}` }]]);
    endJob();

    // The run's next job finds it in the cache, without the release.
    const next = job(202, "report");
    const fromCache = await new StoreChain(next.local, [new ActionsCacheStore(next.root)]).restore(
      next.root,
      recorded,
    );
    expect(fromCache.ok && fromCache.from?.kind).toBe("cache");
    expect(read(next.root, "build/model.json")).toBe('{"w": [1, 2, 3]}\n');

    // Up to date: asked again, nothing is fetched.
    expect(await new StoreChain(next.local, []).restore(next.root, recorded)).toEqual({
      ok: true,
      restored: [],
    });
  });

  it("passes over a backend that fails or gives other bytes (leaving none behind), and names every place looked in when none has them", async () => {
    const producer = job(303, "model");
    const v1 = version(producer.root, "model", 1, { "build/model.bin": "weights v1\n" });
    const published = await new StoreChain(producer.local, [releases()]).save(v1, producer.root, "release");
    // The record says other bytes than the release holds (an asset replaced by hand).
    const recorded: StoredVersion = {
      ...v1,
      outputs: { "build/model.bin": { blob: blobId("weights v2\n"), size: "weights v2\n".length } },
      locations: published,
    };
    endJob();

    const consumer = job(304, "serve");
    const chain = new StoreChain(consumer.local, [new ActionsCacheStore(consumer.root), releases()]);
    const missing = await chain.restore(consumer.root, recorded);
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.error).toBe(
      `the outputs of model v1 (build/model.bin) are in no store; looked in ${consumer.local.describeLookup()}; ` +
        `the Actions cache (key kiln-model-${recorded.dataVersion}); ${releases().describeLookup(recorded)} ` +
        "(gave other bytes for build/model.bin). Rebuild it with `kiln run model --force`",
    );
    // The other bytes are not left where the output goes, taken for no version's.
    expect(existsSync(path.join(consumer.root, "build/model.bin"))).toBe(false);
    expect((await chain.restore(consumer.root, recorded)).ok).toBe(false);

    endJob();

    // The release answers with an error: the chain says where, and what it answered.
    const other = job(305, "serve");
    standIns.github.failNext({ status: 401, message: "Bad credentials" });
    const failed = await new StoreChain(other.local, [releases()]).restore(other.root, {
      ...v1,
      locations: published,
    });
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.error).toBe(
      `the outputs of model v1 (build/model.bin) are in no store; looked in ${other.local.describeLookup()}; ` +
        `release ${releaseTag("churn", "model", 1, v1.dataVersion)} (failed: Bad credentials). Rebuild it with \`kiln run model --force\``,
    );
  });

  it("a version the remote stores serve only in part leaves the workspace exactly as it was", async () => {
    // Model v1 is a folder of two files, published to the cache, this run's artifacts and a
    // release. Then the cache entry is evicted, one release asset is deleted by hand, and the only
    // recorded artifact holds one of the two files.
    const producer = job(911, "model");
    const files = { "build/model/a.bin": "a-one\n", "build/model/b.bin": "b-one\n" };
    const v1 = version(producer.root, "model", 1, files);
    const artifacts = (run: string) =>
      new ArtifactStore({
        run: { id: run },
        repository: { owner: "acme", repo: "churn", token: "rw" },
        retentionDays: () => undefined,
      });
    const published = await new StoreChain(producer.local, [
      new ActionsCacheStore(producer.root),
      releases(),
    ]).save(v1, producer.root, "release");
    const [artifact] = await artifacts("911").save(
      { ...v1, outputs: { "build/model/a.bin": v1.outputs["build/model/a.bin"]! } },
      producer.root,
    );
    const recorded: StoredVersion = { ...v1, locations: [...published, artifact!] };
    endJob();
    standIns.results.evictCaches();
    const release = standIns.github.releases.find(
      (r) => r.tagName === releaseTag("churn", "model", 1, v1.dataVersion),
    );
    release!.assets.splice(
      release!.assets.findIndex((a) => a.name === "build__model__b.bin"),
      1,
    );

    // A later job has v2 on disk, with a file v1 does not list.
    const consumer = job(912, "serve");
    const v2 = {
      "build/model/a.bin": "a-two\n",
      "build/model/b.bin": "b-two\n",
      "build/model/c.bin": "c-two\n",
    };
    version(consumer.root, "model", 2, v2);
    const chain = new StoreChain(
      consumer.local,
      [new ActionsCacheStore(consumer.root), artifacts("912"), releases()],
      {
        declaredOutputs: () => ["build/model"],
      },
    );
    const result = await chain.restore(consumer.root, recorded);
    expect(result.ok).toBe(false);
    for (const [file, text] of Object.entries(v2)) expect(read(consumer.root, file), file).toBe(text);
    expect(readdirSync(path.join(consumer.root, "build/model")).sort()).toEqual(["a.bin", "b.bin", "c.bin"]);
    // Nothing of the downloads is left behind.
    expect(readdirSync(path.join(consumer.root, ".kiln/tmp"))).toEqual([]);
    // The message names the backend that had only part of it, and what it lacked.
    expect(!result.ok && result.error).toContain(`(id ${artifact!.id}) (lacks build/model/b.bin)`);
  });

  it("says when the token may not read another run's artifact (it needs actions: read), apart from an artifact that is gone", async () => {
    const producer = job(1111, "model");
    const v8 = version(producer.root, "model", 8, { "build/model.json": '{"trees": 8}\n' });
    const artifacts = (run: string) =>
      new ArtifactStore({
        run: { id: run },
        repository: { owner: "acme", repo: "churn", token: "rw" },
        retentionDays: () => undefined,
      });
    const recorded: StoredVersion = { ...v8, locations: await artifacts("1111").save(v8, producer.root) };
    endJob();

    const consumer = job(1112, "serve");
    const chain = new StoreChain(consumer.local, [artifacts("1112")]);
    // A token without `actions: read` (a hand-written workflow's permissions).
    standIns.github.failNext({ status: 403, message: "Resource not accessible by integration" });
    const refused = await chain.restore(consumer.root, recorded);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatch(
      /artifact kiln-model-v8@1111 \(id \d+\) \(failed: .*HTTP 403.*the job's token needs the `actions: read` permission/,
    );
    expect(existsSync(path.join(consumer.root, "build/model.json"))).toBe(false);

    // Deleted (or expired early): no word about permissions.
    standIns.results.artifacts.splice(
      standIns.results.artifacts.findIndex((a) => a.name === "kiln-model-v8"),
      1,
    );
    const gone = await chain.restore(consumer.root, recorded);
    expect(!gone.ok && gone.error).toMatch(/artifact kiln-model-v8@1111 \(id \d+\)\. Rebuild it/);
    expect(!gone.ok && gone.error).not.toContain("actions: read");
  });

  it("refuses a recorded path outside the workspace before asking any backend, writing nothing", async () => {
    const { root, local } = job(404, "model");
    const outside: StoredVersion = {
      asset: "model",
      version: 7,
      dataVersion: "dv",
      outputs: { "../escaped.txt": { blob: blobId("x"), size: 1 } },
      locations: [],
    };
    const asked = standIns.github.requests.length;
    const result = await new StoreChain(local, [releases()]).restore(root, outside);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^refusing to restore model v7: .*nothing was written/);
    expect(existsSync(path.join(root, "../escaped.txt"))).toBe(false);
    expect(standIns.github.requests.length).toBe(asked);
  });

  it("saves to the backends the asset's store names, no release on a pull request, nothing for an asset without outputs", async () => {
    const { root, local } = job(505, "model");
    const v2 = version(root, "model", 2, { "build/model.json": "{}\n" });
    const cacheOnly = await new StoreChain(local, [new ActionsCacheStore(root), releases()]).save(
      v2,
      root,
      "cache",
    );
    expect(cacheOnly).toEqual([{ kind: "cache", ref: `kiln-model-${v2.dataVersion}` }]);
    const before = standIns.github.releases.length;

    const pullRequest = new StoreChain(local, [new ActionsCacheStore(root), releases()], {
      publishPublic: false,
    });
    expect((await pullRequest.save(v2, root, "release")).map((l) => l.kind)).toEqual(["cache"]);
    expect(standIns.github.releases.length).toBe(before);

    const empty: StoredVersion = {
      asset: "notify",
      version: 1,
      dataVersion: "dv",
      outputs: {},
      locations: [],
    };
    expect(await new StoreChain(local, [releases()]).save(empty, root, "release")).toEqual([]);

    const outside: StoredVersion = { ...v2, outputs: { "/etc/hostname": { blob: blobId("x"), size: 1 } } };
    await expect(new StoreChain(local, [releases()]).save(outside, root, "release")).rejects.toThrow(
      /etc\/hostname/,
    );
    expect(standIns.github.releases.length).toBe(before);
  });

  it("a cache save that fails is a warning when an artifact or a release kept the bytes, and a failure when the cache was the only store", async () => {
    const { root, local } = job(1010, "model");
    const v6 = version(root, "model", 6, { "build/model.json": '{"trees": 6}\n' });
    const chain = new StoreChain(local, [new ActionsCacheStore(root), releases()]);
    standIns.results.refuseCacheWrites = true;
    undo.push(() => {
      standIns.results.refuseCacheWrites = false;
    });
    const warnings: string[] = [];
    const kept = await chain.save(v6, root, "release", { warn: (w) => warnings.push(w) });
    expect(kept.map((l) => l.kind)).toEqual(["release"]);
    expect(warnings).toEqual([
      `could not save model's outputs to the Actions cache (key kiln-model-${v6.dataVersion}); ` +
        "the version is kept in the releases of acme/churn, which later jobs download it from",
    ]);
    await expect(chain.save(v6, root, "cache", { warn: (w) => warnings.push(w) })).rejects.toThrow(
      "could not save model's outputs to the Actions cache",
    );
    expect(warnings).toHaveLength(1);
  });

  it("finds in the Actions cache a version a job saved from a project in a subfolder of the checkout (manifest: ml/kiln.yml)", async () => {
    // The runner's working directory is the checkout; the project root is its ml/ folder.
    const producer = job(808, "features");
    const root = path.join(producer.root, "ml");
    const v5 = version(root, "features", 5, { "build/rows.csv": "a,b\n1,2\n" });
    const saved = await new StoreChain(new LocalStore(path.join(root, ".kiln/store")), [
      new ActionsCacheStore(root),
    ]).save(v5, root, "cache");
    expect(saved.map((l) => l.kind)).toEqual(["cache"]);
    endJob();

    // The next job of the run: a fresh checkout, nothing local. Status asks whether the cache has
    // it (a lookup only), then the job restores it.
    const consumer = job(808, "model");
    const consumerRoot = path.join(consumer.root, "ml");
    const chain = new StoreChain(new LocalStore(path.join(consumerRoot, ".kiln/store")), [
      new ActionsCacheStore(consumerRoot),
    ]);
    expect(await chain.available(v5)).toBe(true);
    const restored = await chain.restore(consumerRoot, v5);
    expect(restored.ok && restored.from?.kind).toBe("cache");
    expect(read(consumerRoot, "build/rows.csv")).toBe("a,b\n1,2\n");
    expect(existsSync(path.join(consumer.root, "build"))).toBe(false);
  });

  it("restores from the Actions cache and saves to it at the same time in one process, each through its own folder", async () => {
    const producer = job(1212, "features");
    const saved = new StoreChain(producer.local, [new ActionsCacheStore(producer.root)]);
    const a = version(producer.root, "alpha", 1, { "build/alpha/x.txt": "alpha\n" });
    const b = version(producer.root, "beta", 1, { "build/beta/y.txt": "beta\n" });
    await saved.save(a, producer.root, "cache");
    await saved.save(b, producer.root, "cache");
    endJob();

    // `command: run` in one job: two dependencies restored while a third asset's outputs are saved.
    const consumer = job(1212, "run");
    const chain = new StoreChain(consumer.local, [new ActionsCacheStore(consumer.root)]);
    const c = version(consumer.root, "gamma", 1, { "build/gamma/z.txt": "gamma\n" });
    const [ra, rb, sc] = await Promise.all([
      chain.restore(consumer.root, a),
      chain.restore(consumer.root, b),
      chain.save(c, consumer.root, "cache"),
    ]);
    expect([ra.ok && ra.from?.kind, rb.ok && rb.from?.kind]).toEqual(["cache", "cache"]);
    expect(read(consumer.root, "build/alpha/x.txt")).toBe("alpha\n");
    expect(read(consumer.root, "build/beta/y.txt")).toBe("beta\n");
    expect(sc).toEqual([{ kind: "cache", ref: `kiln-gamma-${c.dataVersion}` }]);
    expect(process.env.GITHUB_WORKSPACE).toBe(consumer.root);
    endJob();

    // The saved entry holds the outputs at their paths in the checkout.
    const next = job(1212, "report");
    const restored = await new StoreChain(next.local, [new ActionsCacheStore(next.root)]).restore(
      next.root,
      c,
    );
    expect(restored.ok).toBe(true);
    expect(read(next.root, "build/gamma/z.txt")).toBe("gamma\n");
  });

  it("says a version is unavailable when no backend has it, passing over a backend that cannot answer", async () => {
    const { root, local } = job(606, "model");
    const v9 = version(root, "model", 9, { "build/model.json": '{"never": "cached"}\n' });
    expect(await new StoreChain(local, [new ActionsCacheStore(root)]).available(v9)).toBe(false);
    // The cache service gone (its URL points nowhere): no answer is not a yes.
    undo.push(applyEnv({ ACTIONS_RESULTS_URL: "http://127.0.0.1:9/" }));
    expect(await new StoreChain(local, [new ActionsCacheStore(root)]).available(v9)).toBe(false);
    await local.save(v9, root);
    expect(await new StoreChain(local, [new ActionsCacheStore(root)]).available(v9)).toBe(true);
  });
});
