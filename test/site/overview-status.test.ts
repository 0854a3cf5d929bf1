// The overview judges each asset as `kiln status` does on the checkout the site is built from: its
// environment and its line of history. The pages job builds the site on the default branch, so a
// dev build failing on a feature branch, or a pull request's failed run, must not turn main's
// fresh model red; those failures are still listed with the asset's other failed attempts.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readDataFile } from "../../src/site/data-file.js";
import { tempDir } from "../ledger/fixtures.js";
import { commitNewRepository } from "../support/git-script.js";
import { gitIn as git, kilnIn } from "../support/kiln-in-process.js";

const MANIFEST = `version: 1
name: site
assets:
  model:
    code: [train.sh]
    run: sh train.sh
    outputs: [build/model.json]
    metrics: { primary: mae, direction: minimize }
    promote: {}
`;

const TRAIN = `mkdir -p build\necho '{}' > build/model.json\necho '{"mae":50}' > "$KILN_METRICS"\n`;

/** The overview's row of the model: its status class and its text. */
async function overviewRow(dir: string): Promise<{ status: string; text: string; failures: unknown[] }> {
  const out = path.join(dir, "site-out");
  const built = await kilnIn(dir, ["site", "--output", out]);
  expect(built.code, built.output).toBe(0);
  const index = readFileSync(path.join(out, "index.html"), "utf8");
  const row = /<tr class="row-(\w+)">[\s\S]*?<\/tr>/.exec(index);
  const failures = readDataFile(
    readFileSync(path.join(out, "data/site/model/failures.js"), "utf8"),
    "site/model/failures",
  );
  return { status: row?.[1] ?? "", text: row?.[0] ?? "", failures: failures as unknown[] };
}

describe("the site's overview on main", () => {
  it("shows main's model fresh when only a feature branch's or a pull request's run failed", async () => {
    const dir = tempDir("kiln-site-status-");
    writeFileSync(path.join(dir, "kiln.yml"), MANIFEST);
    writeFileSync(path.join(dir, "train.sh"), TRAIN);
    writeFileSync(path.join(dir, ".gitignore"), "build/\n.kiln/\nsite-out/\n");
    commitNewRepository(dir, "init");
    expect((await kilnIn(dir, ["run"])).code).toBe(0);
    git(dir, "checkout", "-q", "-b", "feature/broken");
    writeFileSync(path.join(dir, "train.sh"), "echo 'experiment crashed' >&2\nexit 1\n");
    git(dir, "commit", "-qam", "try something");
    expect((await kilnIn(dir, ["run"])).code).toBe(1);
    expect((await kilnIn(dir, ["run", "--event", "pull_request", "--base", "main"])).code).toBe(1);
    git(dir, "checkout", "-q", "main");

    const status = await kilnIn(dir, ["status", "--json"]);
    expect(JSON.parse(status.stdout).assets.model.status).toBe("fresh");
    const onMain = await overviewRow(dir);
    expect(onMain.status, onMain.text).toBe("fresh");
    expect(onMain.text).not.toContain("last run failed");
    // Not hidden: the asset page still lists both failed attempts.
    expect(onMain.failures).toHaveLength(2);

    // Main's own failure is what the overview shows first.
    writeFileSync(path.join(dir, "train.sh"), "echo 'main crashed' >&2\nexit 1\n");
    git(dir, "commit", "-qam", "break main");
    expect((await kilnIn(dir, ["run"])).code).toBe(1);
    const broken = await overviewRow(dir);
    expect(broken.status, broken.text).toBe("failed");
    expect(broken.text).toContain("last run failed: `sh train.sh` exited with code 1");
  }, 180_000);
});
