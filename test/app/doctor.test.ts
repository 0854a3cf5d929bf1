// `kiln doctor` in-process: it reads everything the ledger keeps, series included, so damage a
// reader would only meet later (a chart, `kiln show`, the site) is named now, with its file.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { diagnose } from "../../src/app/doctor.js";
import { engineRepo, openLocalWorkspace, runEngine } from "../support/engine-run.js";

const MANIFEST = `version: 1
assets:
  model:
    code: [model.sh]
    run: sh model.sh
    outputs: [build/model.txt]
`;

const MODEL = `mkdir -p build
for e in 1 2 3; do echo "{\\"step\\": $e, \\"loss\\": 0.$e}" >> "$KILN_SERIES"; done
echo '{"loss": 0.3}' > "$KILN_METRICS"
echo m > build/model.txt
`;

describe("kiln doctor", () => {
  it("names a damaged series file, which nothing else reads until a chart needs it", async () => {
    const dir = engineRepo(MANIFEST, { "model.sh": MODEL });
    const run = await runEngine(dir);
    expect(run.outcome("model")?.detail).toBe("v1");
    expect((await diagnose(await openLocalWorkspace(dir))).findings).toEqual([]);

    const files = readdirSync(path.join(dir, ".kiln/ledger"), { recursive: true, encoding: "utf8" }).filter(
      (f) => f.includes(`series${path.sep}model${path.sep}`) && f.endsWith(".jsonl"),
    );
    expect(files).toHaveLength(1);
    const file = path.join(dir, ".kiln/ledger", files[0]!);
    const lines = readFileSync(file, "utf8").split("\n");
    lines[1] = lines[1]!.slice(0, 8); // the second point cut short
    writeFileSync(file, lines.join("\n"));

    const { findings } = await diagnose(await openLocalWorkspace(dir));
    expect(findings).toEqual([
      expect.objectContaining({
        severity: "error",
        path: `${file}:2`,
        problem: "an unreadable series line; skipped",
      }),
    ]);
  });
});
