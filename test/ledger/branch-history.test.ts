// A ledger branch rewound under a clone (force-pushed to an older commit, or deleted): the clone
// refuses to follow it, with what happened and the fix, instead of numbering new versions again
// from the older tip and giving used numbers to different models.
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/domain/errors.js";
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

    // The user accepts the rewrite with the commands the fix names: the ledger follows it again.
    expect(error.fix).toContain("git push origin :refs/kiln-watermark/kiln-ledger");
    gitSync(a, "push", "-q", "origin", ":refs/kiln-watermark/kiln-ledger");
    gitSync(a, "update-ref", "-d", "refs/kiln/seen/origin/kiln-ledger");
    const accepted = new BranchLedger({ cwd: a });
    expect((await accepted.materializations("model")).map((r) => r.version)).toEqual([1]);
  });

  it("is refused by a fresh clone too: the remote's watermark names the newest commit Kiln pushed", async () => {
    // An Actions job checks out a fresh clone every time: it has read nothing before, so only
    // something on the remote can tell that the branch went backwards.
    const { remote, clones } = remoteWithClones(2);
    const [a, fresh] = clones as [string, string];
    const writer = new BranchLedger({ cwd: a });
    await writer.recordMaterialization(newMaterialization("model", { metrics: { mae: 50 } }));
    const v1 = gitSync(remote, "rev-parse", "kiln-ledger").trim();
    await writer.recordMaterialization(newMaterialization("model", { metrics: { mae: 40 } }));
    const v2 = gitSync(remote, "rev-parse", "kiln-ledger").trim();
    expect(gitSync(remote, "rev-parse", "refs/kiln-watermark/kiln-ledger").trim()).toBe(v2);
    gitSync(remote, "update-ref", "refs/heads/kiln-ledger", v1); // a force-push of an older commit

    const write = new BranchLedger({ cwd: fresh }).recordMaterialization(
      newMaterialization("model", { metrics: { mae: 45 } }),
    );
    await expect(write).rejects.toThrow(LedgerStateError);
    await expect(write).rejects.toThrow(
      new RegExp(`kiln-ledger of origin was rewritten: it no longer contains commit ${v2.slice(0, 12)}`),
    );
    const error = (await write.catch((e: unknown) => e)) as LedgerStateError;
    expect(error.fix).toContain(`git push origin ${v2}:refs/heads/kiln-ledger`);
    expect(error.fix).toContain("git push origin :refs/kiln-watermark/kiln-ledger");
    expect(gitSync(remote, "rev-parse", "kiln-ledger").trim()).toBe(v1);

    // Putting the history back, as the fix says, is all it takes.
    gitSync(remote, "update-ref", "refs/heads/kiln-ledger", v2);
    await new BranchLedger({ cwd: fresh }).recordMaterialization(
      newMaterialization("model", { metrics: { mae: 45 } }),
    );
    expect((await new BranchLedger({ cwd: a }).materializations("model")).map((r) => r.version)).toEqual([
      1, 2, 3,
    ]);

    // An intended rewrite is accepted once the watermark is removed, in clones that never read past it.
    const v3 = gitSync(remote, "rev-parse", "kiln-ledger").trim();
    gitSync(remote, "update-ref", "refs/heads/kiln-ledger", v1);
    await expect(new BranchLedger({ cwd: fresh }).materializations("model")).rejects.toThrow(
      new RegExp(`no longer contains commit ${v3.slice(0, 12)}`),
    );
    gitSync(fresh, "push", "-q", "origin", ":refs/kiln-watermark/kiln-ledger");
    gitSync(fresh, "update-ref", "-d", "refs/kiln/seen/origin/kiln-ledger");
    expect((await new BranchLedger({ cwd: fresh }).materializations("model")).map((r) => r.version)).toEqual([
      1,
    ]);
  });

  it("a deleted branch is refused by every clone while its watermark stays; without it a new one starts", async () => {
    const { remote, clones } = remoteWithClones(3);
    const [a, b, c] = clones as [string, string, string];
    await new BranchLedger({ cwd: a }).recordMaterialization(newMaterialization("model"));
    expect((await new BranchLedger({ cwd: b }).materializations("model")).map((r) => r.version)).toEqual([1]);
    gitSync(remote, "update-ref", "-d", "refs/heads/kiln-ledger");
    await expect(new BranchLedger({ cwd: a }).materializations("model")).rejects.toThrow(/is gone/);
    await expect(new BranchLedger({ cwd: b }).materializations("model")).rejects.toThrow(/is gone/);
    const fresh = new BranchLedger({ cwd: c }).materializations("model");
    await expect(fresh).rejects.toThrow(/is gone/);
    expect(((await fresh.catch((e: unknown) => e)) as LedgerStateError).fix).toContain(
      "git push origin :refs/kiln-watermark/kiln-ledger",
    );
    gitSync(c, "push", "-q", "origin", ":refs/kiln-watermark/kiln-ledger");
    expect(await new BranchLedger({ cwd: c }).materializations("model")).toEqual([]);
  });
});

describe("a remote that refuses the watermark ref", () => {
  it("still takes the ledger's writes, and the ledger says what protection is lost", async () => {
    const { remote, clones } = remoteWithClones(1);
    const [a] = clones as [string];
    const hook = path.join(remote, "hooks", "pre-receive");
    writeFileSync(
      hook,
      `#!/bin/sh\nwhile read old new ref; do case "$ref" in refs/kiln-watermark/*) echo "refs outside branches are not allowed" >&2; exit 1;; esac; done\nexit 0\n`,
    );
    chmodSync(hook, 0o755);
    const ledger = new BranchLedger({ cwd: a });
    await ledger.recordMaterialization(newMaterialization("model", { metrics: { mae: 50 } }));
    await ledger.recordMaterialization(newMaterialization("model", { metrics: { mae: 40 } }));
    expect((await new BranchLedger({ cwd: a }).materializations("model")).map((r) => r.version)).toEqual([
      1, 2,
    ]);
    expect(gitSync(remote, "for-each-ref", "refs/kiln-watermark").trim()).toBe("");
    expect(ledger.problems()).toEqual([
      expect.objectContaining({
        path: "kiln-ledger:(history)",
        message: expect.stringContaining("the remote refused the ref refs/kiln-watermark/kiln-ledger"),
      }),
    ]);
  });
});

describe("a remote that refuses the ledger branch itself", () => {
  it("fails the write at once, saying the remote refused the branch, instead of retrying it as a lost race", async () => {
    const { remote, clones } = remoteWithClones(1);
    const [a] = clones as [string];
    // A hook (or a ruleset) that refuses every ref: `git push --atomic` then reports the watermark
    // as refused too, exactly as when only the watermark is refused.
    const hook = path.join(remote, "hooks", "pre-receive");
    const calls = path.join(remote, "hook-calls");
    writeFileSync(
      hook,
      `#!/bin/sh\necho call >> "${calls}"\necho "GH006: Protected branch update failed" >&2\nexit 1\n`,
    );
    chmodSync(hook, 0o755);
    const ledger = new BranchLedger({ cwd: a, maxAttempts: 3 });
    const write = ledger.recordMaterialization(newMaterialization("model", { metrics: { mae: 50 } }));
    await expect(write).rejects.toThrow(UserError);
    await expect(write).rejects.toThrow(
      /the remote refused the branch kiln-ledger: .*pre-receive hook declined/,
    );
    const error = (await write.catch((e: unknown) => e)) as UserError;
    expect(error.message).not.toMatch(/Many runs may be writing at once/);
    // One atomic push, one push of the branch alone to tell a refused watermark from a refused branch.
    expect(readFileSync(calls, "utf8").trim().split("\n")).toHaveLength(2);
    // Nothing remembers the watermark as refused: the branch was.
    expect(ledger.problems()).toEqual([]);
    expect(gitSync(remote, "for-each-ref", "refs/heads/kiln-ledger").trim()).toBe("");
  });
});
