// The ledger branch authenticates with the token it is given (the action's `github-token`), not
// with whatever credential the checkout left in .git/config, against a git remote over HTTP that
// checks tokens as GitHub does.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BranchLedger } from "../../src/ledger/branch.js";
import { LedgerWriteDenied } from "../../src/ledger/ledger.js";
import { GitHttpServer } from "../support/git-server.js";
import { gitSync, newMaterialization, tempDir } from "./fixtures.js";

const WRITE = "ghs_maywrite";
const READ = "ghs_readonly";
let server: GitHttpServer;

beforeAll(async () => {
  server = new GitHttpServer({ [WRITE]: "write", [READ]: "read" });
  await server.start();
});
afterAll(() => server.stop());

const header = (token: string) =>
  `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString("base64")}`;

/** A clone as actions/checkout leaves it: with `persisted`, that token's header stays in the config. */
async function checkout(persisted: string | undefined): Promise<{ bare: string; clone: string }> {
  const root = tempDir();
  const bare = path.join(root, "origin.git");
  gitSync(root, "init", "-q", "--bare", "-b", "main", bare);
  const url = server.serve(`acme/${path.basename(root)}`, bare);
  const clone = path.join(root, "clone");
  // Asynchronously: the server answers from this process.
  await new Promise<void>((resolve, reject) => {
    const child = spawn("git", ["-c", `http.extraheader=${header(WRITE)}`, "clone", "-q", url, clone], {
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0" },
    });
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`clone exited ${code}`))));
  });
  if (persisted) gitSync(clone, "config", "--local", `http.${server.origin}/.extraheader`, header(persisted));
  return { bare, clone };
}

describe("the ledger branch over an authenticated remote", () => {
  it("pushes with the given token when checkout persisted no credential", async () => {
    const { bare, clone } = await checkout(undefined);
    const ledger = new BranchLedger({ cwd: clone, token: WRITE });
    const record = await ledger.recordMaterialization(newMaterialization("model"));
    expect(record.version).toBe(1);
    expect(gitSync(bare, "ls-tree", "-r", "--name-only", "kiln-ledger")).toContain(
      "materializations/model/v1.json",
    );
  });

  it("pushes with the given token instead of a persisted read-only one, sending one Authorization header", async () => {
    const { bare, clone } = await checkout(READ);
    const before = server.requests.length;
    const ledger = new BranchLedger({ cwd: clone, token: WRITE });
    await ledger.recordMaterialization(newMaterialization("model"));
    expect(gitSync(bare, "ls-tree", "-r", "--name-only", "kiln-ledger")).toContain(
      "materializations/model/v1.json",
    );
    const mine = server.requests.slice(before);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.token === WRITE && r.status === 200)).toBe(true);
  });

  it("refuses at once, as a denied write, with a read-only token", async () => {
    const { clone } = await checkout(undefined);
    const ledger = new BranchLedger({ cwd: clone, token: READ, maxAttempts: 20 });
    const write = ledger.recordMaterialization(newMaterialization("model"));
    await expect(write).rejects.toBeInstanceOf(LedgerWriteDenied);
    await expect(write).rejects.toThrow(/403.*the token may push/);
  });
});
