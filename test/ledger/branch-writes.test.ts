// How a branch ledger's writes reach the remote with few processes, and why that loses nothing: a
// write soon after the ledger fetched or pushed builds on the tip it knows instead of fetching
// again, and its push carries a lease (the remote must still have the branch at that tip). These
// tests put another writer, a deletion or a rewind between the tip's read and the push.
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BranchLedger } from "../../src/ledger/branch.js";
import { openLedger } from "../../src/ledger/open.js";
import { LedgerStateError } from "../../src/ledger/ledger.js";
import { gitProcessesOf, subcommand } from "../support/git-processes.js";
import { gitSync, newMaterialization, remoteWithClones } from "./fixtures.js";

/** The remote's ledger branch, oldest commit first, by subject. */
function subjects(remote: string): string[] {
  return gitSync(remote, "log", "--reverse", "--format=%s", "kiln-ledger").trim().split("\n");
}

const SEEN = "refs/kiln/seen/origin/kiln-ledger";
const MIRROR = "refs/kiln/kiln-ledger";

function ref(dir: string, name: string): string | undefined {
  return gitSync(dir, "for-each-ref", "--format=%(objectname)", name).trim() || undefined;
}

describe("a branch ledger's write", () => {
  it("soon after a read builds on the tip it read: no fetch, one push, one update of its refs", async () => {
    const { remote, clones } = remoteWithClones(1);
    const ledger = new BranchLedger({ cwd: clones[0]!, trustTipMs: Number.POSITIVE_INFINITY });
    expect(await ledger.materializations("model")).toEqual([]);
    const first = await gitProcessesOf(() => ledger.recordMaterialization(newMaterialization("model")));
    expect(first.value.version).toBe(1);
    // Blobs, trees and commit from one fast-import; the push; the refs in one transaction.
    expect(first.commands.map(subcommand)).toEqual(["fast-import", "push", "update-ref"]);
    // The next write builds on its own push.
    const second = await gitProcessesOf(() =>
      ledger.moveAlias({ alias: "champion", asset: "model", from: null, to: 1, by: "t", reason: "r" }),
    );
    expect(second.value).toBe(true);
    expect(second.commands.map(subcommand)).not.toContain("fetch");
    expect(subjects(remote)).toEqual(["kiln: model v1 (success)", "kiln: model champion none → v1"]);
    // Both refs name the pushed commit: the seen ref (rewind guard) and the mirror.
    const tip = gitSync(remote, "rev-parse", "kiln-ledger").trim();
    expect([ref(clones[0]!, SEEN), ref(clones[0]!, MIRROR)]).toEqual([tip, tip]);
  });

  it("on a tip another writer moved since is refused, fetches, and takes the next version: both records stay", async () => {
    const { remote, clones } = remoteWithClones(2);
    const [a, b] = clones as [string, string];
    const late = new BranchLedger({ cwd: a, trustTipMs: Number.POSITIVE_INFINITY });
    expect(await late.materializations("model")).toEqual([]); // its tip: no branch yet
    await new BranchLedger({ cwd: b }).recordMaterialization(newMaterialization("model", { reasons: ["b"] }));
    const written = await gitProcessesOf(() =>
      late.recordMaterialization(newMaterialization("model", { reasons: ["a"] })),
    );
    expect(written.value.version).toBe(2);
    // The guess was pushed and refused; the write then fetched and pushed again.
    expect(written.commands.map(subcommand).filter((c) => c === "push" || c === "fetch")).toEqual([
      "push",
      "fetch",
      "push",
    ]);
    expect(subjects(remote)).toEqual(["kiln: model v1 (success)", "kiln: model v2 (success)"]);
    const reader = new BranchLedger({ cwd: b });
    expect((await reader.materializations("model")).map((r) => [r.version, r.reasons[0]])).toEqual([
      [1, "b"],
      [2, "a"],
    ]);
    // Having lost a race, its next write fetches first instead of guessing again.
    await new BranchLedger({ cwd: b }).recordMaterialization(
      newMaterialization("model", { reasons: ["b2"] }),
    );
    const next = await gitProcessesOf(() =>
      late.recordMaterialization(newMaterialization("model", { reasons: ["a2"] })),
    );
    expect(next.value.version).toBe(4);
    expect(next.commands.map(subcommand).filter((c) => c === "push" || c === "fetch")).toEqual([
      "fetch",
      "push",
    ]);
    // The commits were built under refs of the writer's own, all gone once pushed.
    expect(gitSync(a, "for-each-ref", "refs/kiln/build")).toBe("");
  });

  it("that fails leaves no ref of its own behind", async () => {
    const { remote, clones } = remoteWithClones(1);
    const dir = clones[0]!;
    const ledger = new BranchLedger({ cwd: dir, trustTipMs: Number.POSITIVE_INFINITY });
    expect(await ledger.materializations("model")).toEqual([]);
    // The remote goes away after the read: the commit is built on the known tip, then the push fails.
    gitSync(dir, "remote", "set-url", "origin", path.join(remote, "..", "gone.git"));
    await expect(ledger.recordMaterialization(newMaterialization("model"))).rejects.toThrow(
      /could not write/,
    );
    expect(gitSync(dir, "for-each-ref", "refs/kiln")).toBe("");
  });

  it("on a tip whose branch was deleted since does not create the branch again", async () => {
    const { remote, clones } = remoteWithClones(1);
    const ledger = new BranchLedger({ cwd: clones[0]!, trustTipMs: Number.POSITIVE_INFINITY });
    await ledger.recordMaterialization(newMaterialization("model"));
    gitSync(remote, "update-ref", "-d", "refs/heads/kiln-ledger");
    // A push that only had to fast-forward would create the branch anew from this clone's tip.
    await expect(ledger.recordMaterialization(newMaterialization("model"))).rejects.toThrow(/is gone/);
    expect(gitSync(remote, "for-each-ref", "refs/heads").trim()).not.toContain("kiln-ledger");
  });

  it("on a tip the branch was rewound from since does not undo the rewind", async () => {
    const { remote, clones } = remoteWithClones(1);
    const ledger = new BranchLedger({ cwd: clones[0]!, trustTipMs: Number.POSITIVE_INFINITY });
    await ledger.recordMaterialization(newMaterialization("model", { metrics: { mae: 50 } }));
    const v1 = gitSync(remote, "rev-parse", "kiln-ledger").trim();
    await ledger.recordMaterialization(newMaterialization("model", { metrics: { mae: 40 } }));
    gitSync(remote, "update-ref", "refs/heads/kiln-ledger", v1); // someone force-pushes v1's commit
    // The commit built on the known tip fast-forwards v1: only the lease refuses it.
    const write = ledger.recordMaterialization(newMaterialization("model", { metrics: { mae: 45 } }));
    await expect(write).rejects.toThrow(LedgerStateError);
    await expect(write).rejects.toThrow(/was rewritten/);
    expect(gitSync(remote, "rev-parse", "kiln-ledger").trim()).toBe(v1);
  });

  it("that fetches first is the old sequence when told not to trust a tip (trustTipMs 0)", async () => {
    const { clones } = remoteWithClones(1);
    const ledger = new BranchLedger({ cwd: clones[0]!, trustTipMs: 0 });
    await ledger.recordMaterialization(newMaterialization("model"));
    const second = await gitProcessesOf(() => ledger.recordMaterialization(newMaterialization("model")));
    expect(second.commands.map(subcommand).slice(0, 2)).toEqual(["fetch", "for-each-ref"]);
    expect(second.value.version).toBe(2);
  });

  it("keeps the seen ref when another process holds the mirror's lock", async () => {
    const { remote, clones } = remoteWithClones(1);
    const dir = clones[0]!;
    const ledger = new BranchLedger({ cwd: dir });
    await ledger.recordMaterialization(newMaterialization("model"));
    const before = ref(dir, MIRROR);
    writeFileSync(path.join(dir, ".git", `${MIRROR}.lock`), ""); // another process updating the mirror
    await ledger.recordMaterialization(newMaterialization("model"));
    const tip = gitSync(remote, "rev-parse", "kiln-ledger").trim();
    expect(ref(dir, SEEN)).toBe(tip);
    expect(ref(dir, MIRROR)).toBe(before);
  });
});

describe("a branch ledger's first read", () => {
  it("of a branch that does not exist yet: two fetches and one ref read, nothing to delete in a fresh clone", async () => {
    const { clones } = remoteWithClones(1);
    const read = await gitProcessesOf(() => new BranchLedger({ cwd: clones[0]! }).materializations("model"));
    expect(read.value).toEqual([]);
    expect(read.commands.map(subcommand)).toEqual(["fetch", "fetch", "for-each-ref"]);
  });

  it("is the fetch: opening the ledger fetches nothing, so a refresh right after it fetches once", async () => {
    const { clones } = remoteWithClones(2);
    await new BranchLedger({ cwd: clones[1]! }).recordMaterialization(newMaterialization("model"));
    const opened = await gitProcessesOf(async () => {
      const ledger = await openLedger({ kind: "branch", root: clones[0]!, project: "p" });
      await ledger.refresh?.();
      return ledger.materializations("model");
    });
    expect(opened.commands.map(subcommand).filter((c) => c === "fetch")).toEqual(["fetch"]);
    // Reads that start together, as a plan's do for every asset, share the first fetch.
    const together = await gitProcessesOf(async () => {
      const ledger = await openLedger({ kind: "branch", root: clones[0]!, project: "p" });
      return Promise.all(["model", "data", "features", "report"].map((asset) => ledger.heads(asset)));
    });
    expect(together.value.map((heads) => heads.length)).toEqual([1, 0, 0, 0]);
    expect(together.commands.map(subcommand).filter((c) => c === "fetch")).toEqual(["fetch"]);
  });

  it("fetches again when another process of the clone removes the mirror right after the fetch", async () => {
    // Processes sharing a clone: one whose fetch found no branch deletes the mirror another one's
    // fetch has just written. A reference-transaction hook plays that process, once.
    const { clones } = remoteWithClones(2);
    const [a, b] = clones as [string, string];
    await new BranchLedger({ cwd: b }).recordMaterialization(newMaterialization("model"));
    const once = path.join(a, ".git", "remove-mirror-once");
    writeFileSync(once, "");
    const hook = path.join(a, ".git", "hooks", "reference-transaction");
    writeFileSync(
      hook,
      `#!/bin/sh\n[ "$1" = committed ] || exit 0\ngrep -q " ${MIRROR}$" || exit 0\n[ -f "${once}" ] || exit 0\nrm -f "${once}"\ngit update-ref -d ${MIRROR}\n`,
      { mode: 0o755 },
    );
    const read = await gitProcessesOf(() => new BranchLedger({ cwd: a }).materializations("model"));
    expect(read.value.map((r) => r.version)).toEqual([1]);
    expect(existsSync(once)).toBe(false); // the other process did remove it
    expect(read.commands.map(subcommand).filter((c) => c === "fetch")).toEqual(["fetch", "fetch"]);
  });

  it("of a branch deleted with its watermark forgets the clone's mirror of it", async () => {
    const { remote, clones } = remoteWithClones(1);
    const dir = clones[0]!;
    await new BranchLedger({ cwd: dir }).recordMaterialization(newMaterialization("model"));
    expect(ref(dir, MIRROR)).toBeDefined();
    // The user accepts the deletion as the ledger's fix says: watermark and seen ref go too.
    gitSync(remote, "update-ref", "-d", "refs/heads/kiln-ledger");
    gitSync(remote, "update-ref", "-d", "refs/kiln-watermark/kiln-ledger");
    gitSync(dir, "update-ref", "-d", SEEN);
    expect(await new BranchLedger({ cwd: dir }).materializations("model")).toEqual([]);
    expect(ref(dir, MIRROR)).toBeUndefined();
    expect(existsSync(path.join(dir, ".git", MIRROR))).toBe(false);
  });
});
