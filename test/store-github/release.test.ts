import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GitHubClient } from "../../src/github/client.js";
import { downloadReleaseVersion, releaseTag, uploadReleaseVersion } from "../../src/store/release.js";
import { GitHubApiServer } from "../support/github-api.js";

let server: GitHubApiServer;
let dir: string;

beforeAll(async () => {
  server = new GitHubApiServer({ readOnlyTokens: ["fork-token"] });
  await server.start();
  dir = await mkdtemp(join(tmpdir(), "kiln-release-"));
});

afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

const client = (token = "rw") =>
  new GitHubClient({
    token,
    apiUrl: server.url,
    owner: "acme",
    repo: "churn",
    msPerSecond: 1,
    pacing: false,
  });

describe("release store", () => {
  it("round-trips a version's files through release assets", async () => {
    const src = join(dir, "src");
    await mkdir(join(src, "build/nested"), { recursive: true });
    await writeFile(join(src, "build/model.json"), '{"w":[1,2,3]}');
    await writeFile(join(src, "build/nested/card.md"), "# card\n");
    const files = ["build/model.json", "build/nested/card.md"];
    const data = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    const up = await uploadReleaseVersion({
      client: client(),
      project: "churn",
      asset: "model",
      version: 5,
      dataVersion: data,
      files,
      root: src,
    });
    const tag = "kiln/churn/model/v5-9f86d081884c";
    expect(releaseTag("churn", "model", 5, data)).toBe(tag);
    expect(up.ok && up.locations.map((l) => [l.kind, l.ref])).toEqual([
      ["release", `${tag}/build__model.json`],
      ["release", `${tag}/build__nested__card.md`],
    ]);
    expect(server.releases.map((r) => [r.tagName, r.prerelease, r.assets.length])).toEqual([[tag, true, 2]]);

    const dest = join(dir, "dest");
    expect(await downloadReleaseVersion({ client: client(), tag, files, root: dest })).toBe(true);
    expect(await readFile(join(dest, "build/model.json"), "utf8")).toBe('{"w":[1,2,3]}');
    expect(await readFile(join(dest, "build/nested/card.md"), "utf8")).toBe("# card\n");
    expect(
      await downloadReleaseVersion({
        client: client(),
        tag: "kiln/churn/model/v6-9f86d081884c",
        files,
        root: dest,
      }),
    ).toBe(false);
    expect(server.violations).toEqual([]);
  });

  it("keeps each writer's bytes when two projects of one repository, or two runs expecting the same number, publish the same asset's v1", async () => {
    const files = ["build/model.json"];
    const publish = async (project: string, bytes: string) => {
      const root = join(dir, `${project}-${bytes.length}`);
      await mkdir(join(root, "build"), { recursive: true });
      await writeFile(join(root, "build/model.json"), bytes);
      const dataVersion = `${project}${bytes.length}`.padEnd(64, "0");
      const up = await uploadReleaseVersion({
        client: client(),
        project,
        asset: "model",
        version: 1,
        dataVersion,
        files,
        root,
      });
      if (!up.ok) throw new Error(up.message);
      return up.locations[0]!.ref.replace(/\/[^/]+$/, "");
    };
    // churn/kiln.yml and fraud/kiln.yml both have `model`; and two prod runs of churn on
    // different branches both expect v1 with other bytes.
    const churn = await publish("churn", '{"churn": 1}');
    const fraud = await publish("fraud", '{"fraud": 22}');
    const churnAgain = await publish("churn", '{"churn": "other run"}');
    expect(new Set([churn, fraud, churnAgain]).size).toBe(3);
    for (const [tag, bytes] of [
      [churn, '{"churn": 1}'],
      [fraud, '{"fraud": 22}'],
      [churnAgain, '{"churn": "other run"}'],
    ] as const) {
      const dest = join(dir, "dest-" + tag.replaceAll("/", "_"));
      expect(await downloadReleaseVersion({ client: client(), tag, files, root: dest })).toBe(true);
      expect(await readFile(join(dest, "build/model.json"), "utf8")).toBe(bytes);
    }
    expect(server.violations).toEqual([]);
  });

  it("round-trips files whose names GitHub would rename (spaces, other characters, leading periods)", async () => {
    const src = join(dir, "odd");
    const files = ["build/my model (1).bin", ".hidden/ünïcode.json", "build/my_model__1_.bin"];
    for (const [i, file] of files.entries()) {
      await mkdir(dirname(join(src, file)), { recursive: true });
      await writeFile(join(src, file), `bytes ${i}`);
    }
    const up = await uploadReleaseVersion({
      client: client(),
      project: "churn",
      asset: "odd",
      version: 1,
      dataVersion: "a".repeat(64),
      files,
      root: src,
    });
    if (!up.ok) throw new Error(up.message);
    // Every name reaches GitHub as it is kept, and no two files share one.
    const tag = up.locations[0]!.ref.replace(/\/[^/]+$/, "");
    const names = server.releases.find((r) => r.tagName === tag)!.assets.map((a) => a.name);
    expect(new Set(names).size).toBe(files.length);
    expect(names.map((n) => /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(n))).toEqual(files.map(() => true));
    const dest = join(dir, "odd-dest");
    expect(await downloadReleaseVersion({ client: client(), tag, files, root: dest })).toBe(true);
    for (const [i, file] of files.entries())
      expect(await readFile(join(dest, file), "utf8")).toBe(`bytes ${i}`);
  });

  it("returns the read-only reason instead of throwing", async () => {
    await writeFile(join(dir, "x.json"), "{}");
    const up = await uploadReleaseVersion({
      client: client("fork-token"),
      project: "churn",
      asset: "model",
      version: 7,
      dataVersion: "0".repeat(64),
      files: ["x.json"],
      root: dir,
    });
    expect(up).toMatchObject({ ok: false, reason: "read-only-token" });
  });

  it("refuses paths outside the root", async () => {
    await expect(
      uploadReleaseVersion({
        client: client(),
        project: "churn",
        asset: "model",
        version: 8,
        dataVersion: "0".repeat(64),
        files: ["../etc/passwd"],
        root: dir,
      }),
    ).rejects.toThrow("refusing to read ../etc/passwd: it is outside the project folder");
  });
});
