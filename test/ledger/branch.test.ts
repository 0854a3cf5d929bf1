import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { aliasHolder } from "../../src/ledger/aliases.js";
import { BranchLedger, openBranchLedger } from "../../src/ledger/branch.js";
import { openLedger } from "../../src/ledger/open.js";
import {
  gitSync,
  newFailure,
  newMaterialization,
  promotionViolations,
  racingMaes,
  remoteWithClones,
  runWorker,
  tempDir,
} from "./fixtures.js";

/** Everything a user could notice about their checkout. */
function checkoutState(dir: string) {
  return {
    head: gitSync(dir, "rev-parse", "HEAD"),
    symbolic: gitSync(dir, "symbolic-ref", "HEAD"),
    status: gitSync(dir, "status", "--porcelain=v1", "--untracked-files=all"),
    index: readFileSync(path.join(dir, ".git/index")).toString("base64"),
    branches: gitSync(dir, "branch", "--list"),
  };
}

describe("BranchLedger", () => {
  it("writes records to the remote branch that another clone reads", async () => {
    const { remote, clones } = remoteWithClones(2);
    const [a, b] = clones as [string, string];
    const writer = new BranchLedger({ cwd: a });
    expect(writer.description).toBe("branch kiln-ledger of origin");
    expect(await writer.materializations("model")).toEqual([]); // no branch yet: an empty ledger

    const v1 = await writer.recordMaterialization(newMaterialization("model"));
    const v2 = await writer.recordMaterialization(newMaterialization("model", { metrics: { mae: 40 } }));
    await writer.recordFailure(newFailure("model", "2026-11-23T06:10:00.000Z"));
    expect(
      await writer.moveAlias({ alias: "champion", asset: "model", from: null, to: 2, by: "t", reason: "r" }),
    ).toBe(true);
    await writer.updateCursor({
      scope: { name: "refs/heads/main" },
      entries: { model: { eager: { at: "2026-11-23T06:00:00.000Z" } } },
      sources: {},
      updatedAt: "2026-11-23T06:00:00.000Z",
    });
    expect([v1.version, v2.version]).toEqual([1, 2]);

    // The branch on the remote holds exactly the documented layout, committed by kiln.
    const files = gitSync(remote, "ls-tree", "-r", "--name-only", "kiln-ledger").trim().split("\n");
    expect(files.filter((f) => !f.startsWith("failures/"))).toEqual([
      "aliases/model.jsonl",
      "cursors/refs_heads_main-f921bd05.json",
      "heads/model.jsonl",
      "materializations/model/v1.json",
      "materializations/model/v2.json",
      // Both versions have the same series: one file, named by its content.
      expect.stringMatching(/^series\/model\/[0-9a-f]{64}\.jsonl$/),
    ]);
    expect(files.filter((f) => f.startsWith("failures/"))).toHaveLength(1);
    expect(gitSync(remote, "log", "--format=%an <%ae>|%s", "kiln-ledger").trim().split("\n")).toEqual([
      "kiln <kiln@users.noreply.github.com>|kiln: cursor refs/heads/main",
      "kiln <kiln@users.noreply.github.com>|kiln: model champion none → v2",
      "kiln <kiln@users.noreply.github.com>|kiln: model failed (2026-11-23T06:10:00.000Z)",
      "kiln <kiln@users.noreply.github.com>|kiln: model v2 (success)",
      "kiln <kiln@users.noreply.github.com>|kiln: model v1 (success)",
    ]);
    // An orphan branch: it shares no history with main.
    expect(gitSync(remote, "rev-list", "--max-parents=0", "kiln-ledger").trim()).not.toBe(
      gitSync(remote, "rev-list", "--max-parents=0", "main").trim(),
    );

    const reader = new BranchLedger({ cwd: b });
    expect((await reader.materializations("model")).map((r) => [r.version, r.metrics.mae])).toEqual([
      [1, 61.5],
      [2, 40],
    ]);
    expect((await reader.heads("model")).map((h) => [h.version, h.metrics.mae])).toEqual([
      [1, 61.5],
      [2, 40],
    ]);
    const stored = (await reader.materialization("model", 2))!;
    expect(stored.series).toEqual([]);
    expect(await reader.series(stored)).toEqual(newMaterialization("model").series);
    expect((await reader.failures("model")).map((f) => f.error)).toEqual(["exit code 1"]);
    expect(aliasHolder(await reader.aliasHistory("model"), "champion")).toBe(2);
    expect((await reader.readCursor({ name: "refs/heads/main" }))?.assets).toEqual({
      model: { eager: "2026-11-23T06:00:00.000Z" },
    });
    expect(reader.problems()).toEqual([]);
  });

  it("a writer whose view is stale claims the next free version on the current tip", async () => {
    const { clones } = remoteWithClones(2);
    const [a, b] = clones as [string, string];
    const first = new BranchLedger({ cwd: a });
    const second = new BranchLedger({ cwd: b });
    await second.materializations("model"); // second's view: empty
    await first.recordMaterialization(newMaterialization("model"));
    await first.recordMaterialization(newMaterialization("model"));
    const record = await second.recordMaterialization(newMaterialization("model", { reasons: ["late"] }));
    expect(record.version).toBe(3);
    // Its stale read of the alias is a lost compare-and-swap, not an overwrite.
    expect(
      await first.moveAlias({ alias: "champion", asset: "model", from: null, to: 1, by: "a", reason: "" }),
    ).toBe(true);
    expect(
      await second.moveAlias({ alias: "champion", asset: "model", from: null, to: 3, by: "b", reason: "" }),
    ).toBe(false);
    expect(
      await second.moveAlias({ alias: "champion", asset: "model", from: 1, to: 3, by: "b", reason: "" }),
    ).toBe(true);
    await first.refresh();
    expect((await first.aliasHistory("model")).map((e) => [e.from, e.to])).toEqual([
      [null, 1],
      [1, 3],
    ]);
    expect((await first.materializations("model")).map((r) => r.reasons[0])).toEqual([
      "never materialized",
      "never materialized",
      "late",
    ]);
  });

  it("never touches the user's checkout: HEAD, index, working tree and status stay as they were", async () => {
    const { clones } = remoteWithClones(1);
    const dir = clones[0]!;
    // A checkout mid-work: a staged change, an unstaged change, an untracked file.
    writeFileSync(path.join(dir, "staged.txt"), "staged\n");
    gitSync(dir, "add", "staged.txt");
    writeFileSync(path.join(dir, "staged.txt"), "staged, then edited\n");
    writeFileSync(path.join(dir, "untracked.txt"), "new\n");
    const before = checkoutState(dir);

    const ledger = new BranchLedger({ cwd: dir });
    await ledger.recordMaterialization(newMaterialization("model"));
    await ledger.moveAlias({ alias: "champion", asset: "model", from: null, to: 1, by: "t", reason: "" });
    await ledger.aliasHistory("model");

    expect(checkoutState(dir)).toEqual(before);
    expect(readFileSync(path.join(dir, "staged.txt"), "utf8")).toBe("staged, then edited\n");
    // Only the mirror ref and the last ledger commit seen (to notice a rewrite) are new, outside refs/heads.
    expect(gitSync(dir, "for-each-ref", "--format=%(refname)", "refs/kiln").trim().split("\n")).toEqual([
      "refs/kiln/kiln-ledger",
      "refs/kiln/seen/origin/kiln-ledger",
    ]);
  });

  it("reports a corrupt record on the branch by path and skips it", async () => {
    const { clones } = remoteWithClones(2);
    const [a, b] = clones as [string, string];
    const ledger = new BranchLedger({ cwd: a });
    await ledger.recordMaterialization(newMaterialization("model"));
    // Someone commits a broken v2 by hand onto the branch.
    gitSync(b, "fetch", "-q", "origin", "kiln-ledger");
    gitSync(b, "checkout", "-q", "-b", "kiln-ledger", "FETCH_HEAD");
    writeFileSync(path.join(b, "materializations/model/v2.json"), "{ nope");
    gitSync(b, "add", ".");
    gitSync(b, "commit", "-q", "-m", "hand edit");
    gitSync(b, "push", "-q", "origin", "kiln-ledger");

    const reader = new BranchLedger({ cwd: a });
    expect((await reader.materializations("model")).map((r) => r.version)).toEqual([1]);
    expect(reader.problems()).toEqual([
      {
        path: "kiln-ledger:materializations/model/v2.json",
        message: expect.stringMatching(/^not valid JSON/),
      },
    ]);
    expect((await reader.recordMaterialization(newMaterialization("model"))).version).toBe(3);
  });

  it("gives up at once with a clear error when the remote is not there", async () => {
    const { remote, clones } = remoteWithClones(1);
    const dir = clones[0]!;
    gitSync(dir, "remote", "set-url", "origin", path.join(remote, "..", "gone.git"));
    const ledger = new BranchLedger({ cwd: dir, maxAttempts: 50, backoffMs: 10_000 });
    await expect(ledger.recordMaterialization(newMaterialization("model"))).rejects.toThrow(
      /^could not write model's new version to the ledger \(branch kiln-ledger of origin\): fetch failed: .*gone\.git.*Check that the remote exists and the token may push/s,
    );
  });

  it("gives up after the last attempt when every push loses the race", async () => {
    const { remote, clones } = remoteWithClones(1);
    const dir = clones[0]!;
    // Another writer moves the branch during every push (the update hook, which runs once the
    // pushed objects are in, commits on top of the tip as a concurrent run would), so each push
    // fails to update the ref and is tried again.
    writeFileSync(
      path.join(remote, "hooks/update"),
      [
        "#!/bin/sh",
        '[ "$1" = refs/heads/kiln-ledger ] || exit 0',
        "tip=$(git rev-parse -q --verify refs/heads/kiln-ledger)",
        "tree=$(git mktree < /dev/null)",
        'commit=$(git commit-tree "$tree" -m "another writer" ${tip:+-p "$tip"})',
        'git update-ref refs/heads/kiln-ledger "$commit"',
        'echo "$commit" >> "$GIT_DIR/raced"',
        "exit 0",
        "",
      ].join("\n"),
      { mode: 0o755 },
    );
    const ledger = new BranchLedger({ cwd: dir, maxAttempts: 3, backoffMs: 1 });
    await expect(ledger.recordMaterialization(newMaterialization("model"))).rejects.toThrow(
      /^could not write model's new version to the ledger \(branch kiln-ledger of origin\) after 3 attempts; last error: push rejected: .*Many runs may be writing at once: try again\.$/,
    );
    // Three attempts, each lost to the other writer; none of Kiln's commits is on the branch.
    expect(readFileSync(path.join(remote, "raced"), "utf8").trim().split("\n")).toHaveLength(3);
    expect(gitSync(remote, "log", "--format=%s", "kiln-ledger").trim().split("\n")).toEqual([
      "another writer",
      "another writer",
      "another writer",
    ]);
  });

  it("is chosen automatically in Actions when the checkout has the remote", async () => {
    const { clones } = remoteWithClones(1);
    expect(
      await openLedger({ kind: "auto", root: clones[0]!, inActions: true, project: "p" }),
    ).toBeInstanceOf(BranchLedger);
    expect(
      await openLedger({ kind: "auto", root: clones[0]!, inActions: false, project: "p" }),
    ).not.toBeInstanceOf(BranchLedger);
    const lonely = tempDir();
    gitSync(lonely, "init", "-q");
    await expect(openBranchLedger({ root: lonely })).rejects.toThrow(/has no remote "origin"$/);
  });
});

describe("BranchLedger under concurrent processes", () => {
  // Four writers contend as much as eight for what is tested (every push but one per round loses
  // and retries on the new tip); eight took 300 s at load 40 and failed CI on its limit.
  it("four processes in four clones push to one remote: every record once, versions unique, the best model champion", async () => {
    const writers = 4;
    const perWriter = 3;
    const { clones } = remoteWithClones(writers);
    const results = await Promise.all(
      racingMaes(writers, perWriter).map((maes, i) =>
        runWorker({ backend: "branch", dir: clones[i]!, asset: "model", maes, id: String(i) }),
      ),
    );
    const claimed = results.flatMap((r) => r.versions).sort((a, b) => a - b);
    expect(claimed).toEqual(Array.from({ length: writers * perWriter }, (_, i) => i + 1));

    const ledger = new BranchLedger({ cwd: clones[0]! });
    const records = await ledger.materializations("model");
    expect(records.map((r) => r.version)).toEqual(claimed);
    const reasons = records.map((r) => r.reasons[0]);
    expect(new Set(reasons).size).toBe(writers * perWriter); // each landed exactly once

    const history = await ledger.aliasHistory("model");
    expect(history.length).toBe(results.reduce((n, r) => n + r.wins, 0));
    expect(await promotionViolations(ledger, "model")).toEqual([]);
    expect(ledger.problems()).toEqual([]);
    // One linear commit per effective write: no record or move was pushed twice or merged.
    const remote = gitSync(clones[0]!, "remote", "get-url", "origin").trim();
    expect(Number(gitSync(remote, "rev-list", "--count", "kiln-ledger"))).toBe(
      writers * perWriter + history.length,
    );
    expect(gitSync(remote, "rev-list", "--merges", "kiln-ledger")).toBe("");
    // The limit only catches a livelock, never decides the outcome.
  }, 600_000);

  it("processes sharing one clone also settle (the mirror ref is contended, not needed)", async () => {
    const { clones } = remoteWithClones(1);
    const results = await Promise.all(
      racingMaes(4, 3).map((maes, i) =>
        runWorker({ backend: "branch", dir: clones[0]!, asset: "data", maes, id: String(i) }),
      ),
    );
    expect(results.flatMap((r) => r.versions).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    expect(await promotionViolations(new BranchLedger({ cwd: clones[0]! }), "data")).toEqual([]);
  }, 600_000);
});
