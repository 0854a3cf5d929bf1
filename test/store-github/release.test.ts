import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
    const up = await uploadReleaseVersion({ client: client(), asset: "model", version: 5, files, root: src });
    expect(up.ok && up.locations.map((l) => [l.kind, l.ref])).toEqual([
      ["release", "kiln/model/v5/build__model.json"],
      ["release", "kiln/model/v5/build__nested__card.md"],
    ]);
    expect(server.releases.map((r) => [r.tagName, r.prerelease, r.assets.length])).toEqual([
      [releaseTag("model", 5), true, 2],
    ]);

    const dest = join(dir, "dest");
    expect(
      await downloadReleaseVersion({ client: client(), asset: "model", version: 5, files, root: dest }),
    ).toBe(true);
    expect(await readFile(join(dest, "build/model.json"), "utf8")).toBe('{"w":[1,2,3]}');
    expect(await readFile(join(dest, "build/nested/card.md"), "utf8")).toBe("# card\n");
    expect(
      await downloadReleaseVersion({ client: client(), asset: "model", version: 6, files, root: dest }),
    ).toBe(false);
    expect(server.violations).toEqual([]);
  });

  it("returns the read-only reason instead of throwing", async () => {
    await writeFile(join(dir, "x.json"), "{}");
    const up = await uploadReleaseVersion({
      client: client("fork-token"),
      asset: "model",
      version: 7,
      files: ["x.json"],
      root: dir,
    });
    expect(up).toMatchObject({ ok: false, reason: "read-only-token" });
  });

  it("refuses paths outside the root", async () => {
    await expect(
      uploadReleaseVersion({
        client: client(),
        asset: "model",
        version: 8,
        files: ["../etc/passwd"],
        root: dir,
      }),
    ).rejects.toThrow("refusing to read ../etc/passwd: it is outside the project folder");
  });
});
