// Two dependants of one asset that read different versions of it (`model@champion` and `model`)
// share the dependency's declared output path. Each must run on the bytes its record names. Found
// by review: both restored their version into build/model.json before either step ran, and the
// second restore won for both, so `b_latest` trained on the champion while its record named the
// newest model.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openLedger } from "../../src/ledger/open.js";
import { DependencyViews } from "../../src/run/dependency-views.js";
import { kilnIn } from "../support/kiln-in-process.js";
import { commitNewRepository } from "../support/git-script.js";

const MANIFEST = `version: 1
name: views
assets:
  model:
    run: 'n=$(cat counter 2>/dev/null || echo 0); n=$((n+1)); echo $n > counter; mkdir -p build; echo "{\\"v\\": $n}" > build/model.json; echo "{\\"score\\": $((20 - n*5))}" > "$KILN_METRICS"'
    outputs: [build/model.json]
    metrics: { primary: score, direction: maximize }
    promote: { alias: champion }
  a_champ:
    deps: [model@champion]
    run: cp build/model.json build/a.json
    outputs: [build/a.json]
  b_latest:
    deps: [model]
    run: cp build/model.json build/b.json
    outputs: [build/b.json]
`;

describe("dependants reading different versions of one dependency", () => {
  for (const jobs of ["1", "4"])
    it(`each run on the bytes their records name (-j ${jobs})`, async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-views-"));
      writeFileSync(path.join(dir, "kiln.yml"), MANIFEST);
      writeFileSync(path.join(dir, ".gitignore"), "build/\n.kiln/\ncounter\n");
      commitNewRepository(dir, "init");
      const first = await kilnIn(dir, ["run", "-j", jobs]);
      expect(first.code, first.output).toBe(0);
      // model v2 scores worse: champion stays on v1, while b_latest reads v2.
      const second = await kilnIn(dir, ["run", "--force", "-j", jobs]);
      expect(second.code, second.output).toBe(0);

      const ledger = await openLedger({ kind: "local", root: dir, project: "views" });
      const models = await ledger.materializations("model");
      expect(models.map((m) => m.version)).toEqual([1, 2]);
      const read = (file: string) => JSON.parse(readFileSync(path.join(dir, "build", file), "utf8")).v;
      expect(read("a.json")).toBe(1);
      expect(read("b.json")).toBe(2);
      const [a, b] = [
        (await ledger.materializations("a_champ")).at(-1)!,
        (await ledger.materializations("b_latest")).at(-1)!,
      ];
      expect(a.provenance.deps["model@champion"]).toBe(models[0]!.dataVersion);
      expect(b.provenance.deps.model).toBe(models[1]!.dataVersion);
    });
});

describe("DependencyViews", () => {
  it("lets readers of one version share, makes another version wait for the last of them, and gives up on a cancel", async () => {
    const views = new DependencyViews();
    const v1a = await views.hold(new Map([["model", "d1"]]));
    const v1b = await views.hold(
      new Map([
        ["model", "d1"],
        ["data", "x"],
      ]),
    );
    const order: string[] = [];
    const waited: string[] = [];
    const v2 = views
      .hold(new Map([["model", "d2"]]), { onWait: (dep) => waited.push(dep) })
      .then((release) => {
        order.push("v2");
        return release;
      });
    const cancel = new AbortController();
    const cancelled = views.hold(new Map([["data", "y"]]), { signal: cancel.signal });
    cancel.abort();
    expect(await cancelled).toBeUndefined();
    v1a!();
    order.push("v1a released");
    v1b!();
    order.push("v1b released");
    (await v2)!();
    expect(order).toEqual(["v1a released", "v1b released", "v2"]);
    expect(waited).toEqual(["model"]);
    // Nothing held now: any version is taken at once.
    expect(await views.hold(new Map([["model", "d3"]]))).toBeTypeOf("function");
  });
});
