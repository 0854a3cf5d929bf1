// A ledger branch rewound under a clone (force-pushed to an older commit, or deleted): the clone
// refuses to follow it, with what happened and the fix, instead of numbering new versions again
// from the older tip and giving used numbers to different models.
import { describe, expect, it } from "vitest";
import { BranchLedger } from "../../src/ledger/branch.js";
import { LedgerStateError } from "../../src/ledger/ledger.js";
import { gitSync, newMaterialization, remoteWithClones } from "./fixtures.js";

describe("a rewritten ledger branch", () => {
  it("is refused by a clone that read the later history, and accepted once the user says so", async () => {
    const { remote, clones } = remoteWithClones(1);
    const [a] = clones as [string];
    const writer = new BranchLedger({ cwd: a });
    await writer.recordMaterialization(newMaterialization("model", { metrics: { mae: 50 } }));
    const v1 = gitSync(remote, "rev-parse", "kiln-ledger").trim();
    await writer.recordMaterialization(newMaterialization("model", { metrics: { mae: 40 } }));
    gitSync(remote, "update-ref", "refs/heads/kiln-ledger", v1); // someone force-pushes v1's commit

    const next = new BranchLedger({ cwd: a });
    const write = next.recordMaterialization(newMaterialization("model", { metrics: { mae: 45 } }));
    await expect(write).rejects.toThrow(LedgerStateError);
    await expect(write).rejects.toThrow(
      /kiln-ledger of origin was rewritten: it no longer contains commit [0-9a-f]{12}/,
    );
    const error = (await write.catch((e: unknown) => e)) as LedgerStateError;
    expect(error.fix).toContain("git update-ref -d refs/kiln/seen/origin/kiln-ledger");
    // Nothing was written: v2 is not given to a different model.
    expect(gitSync(remote, "rev-parse", "kiln-ledger").trim()).toBe(v1);
    await expect(new BranchLedger({ cwd: a }).materializations("model")).rejects.toThrow(LedgerStateError);

    // The user accepts the rewrite with the command the fix names: the ledger follows it again.
    gitSync(a, "update-ref", "-d", "refs/kiln/seen/origin/kiln-ledger");
    const accepted = new BranchLedger({ cwd: a });
    expect((await accepted.materializations("model")).map((r) => r.version)).toEqual([1]);
  });

  it("a deleted branch is refused by clones that read it; a clone that never did starts a new one", async () => {
    const { remote, clones } = remoteWithClones(3);
    const [a, b, c] = clones as [string, string, string];
    await new BranchLedger({ cwd: a }).recordMaterialization(newMaterialization("model"));
    expect((await new BranchLedger({ cwd: b }).materializations("model")).map((r) => r.version)).toEqual([1]);
    gitSync(remote, "update-ref", "-d", "refs/heads/kiln-ledger");
    await expect(new BranchLedger({ cwd: a }).materializations("model")).rejects.toThrow(/is gone/);
    await expect(new BranchLedger({ cwd: b }).materializations("model")).rejects.toThrow(/is gone/);
    expect(await new BranchLedger({ cwd: c }).materializations("model")).toEqual([]);
  });
});
