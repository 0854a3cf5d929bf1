// Every stale cause, in the words `kiln status` prints.
import { describe, expect, it } from "vitest";
import type { Provenance } from "../../src/domain/records.js";
import { staleCauses } from "../../src/version/status.js";
import { codeVersion, dataVersion, logicalVersion } from "../../src/version/versions.js";

const base: Provenance = {
  codeVersion: codeVersion({ runHash: "r1", code: { "train.py": "aaa" } }),
  code: { "train.py": "aaa" },
  runHash: "r1",
  config: { max_depth: 6, optimizer: { lr: 0.1 } },
  env: { MODE: "fast", TOKEN: "secret:API_TOKEN" },
  inputs: { "data/a.csv": "111", "data/b.csv": "222" },
  deps: { features: "dv1" },
};
const texts = (after: Partial<Omit<Provenance, "deps">> & { deps?: Record<string, string | undefined> }) =>
  staleCauses(base, { ...base, ...after }).map((c) => c.text);

describe("stale causes", () => {
  it("name what changed, in words", () => {
    const code = { "train.py": "bbb", "utils.py": "ccc" };
    expect(texts({ code, codeVersion: codeVersion({ runHash: "r1", code }) })).toEqual([
      "code changed (train.py)",
      "code changed (utils.py)",
    ]);
    expect(texts({ runHash: "r2", codeVersion: codeVersion({ runHash: "r2", code: base.code }) })).toEqual([
      "run command changed",
    ]);
    expect(texts({ codeVersion: codeVersion({ declared: "v2", runHash: "r1", code: {} }) })).toEqual([
      "code version changed (from files → v2)",
    ]);
    expect(texts({ config: { max_depth: 8, optimizer: { lr: 0.1 } } })).toEqual([
      "config changed (max_depth 6 → 8)",
    ]);
    expect(texts({ config: { max_depth: 6, optimizer: { lr: 0.05 }, seed: 1 } })).toEqual([
      "config changed (optimizer.lr 0.1 → 0.05)",
      "config changed (seed added: 1)",
    ]);
    expect(texts({ env: { MODE: "slow", TOKEN: "secret:API_TOKEN" } })).toEqual(["env changed (MODE)"]);
    expect(texts({ inputs: { "data/a.csv": "999", "data/c.csv": "333" } })).toEqual([
      "input changed (data/a.csv)",
      "input added (data/c.csv)",
      "input removed (data/b.csv)",
    ]);
    expect(texts({ deps: { features: "dv2" } })).toEqual(["dependency features has a new data version"]);
    expect(texts({ deps: { features: "dv1", extra: "x" } })).toEqual(["dependency added: extra"]);
    expect(texts({ deps: {} })).toEqual(["dependency removed: features"]);
    expect(texts({ deps: { features: undefined } })).toEqual([]); // unknown yet: reported as "dependency X is stale"
    expect(
      staleCauses(
        { ...base, outputs: ["build/a.bin", "build/old.bin"] },
        { ...base, outputs: ["build/a.bin", "build/new.bin"] },
      ).map((c) => c.text),
    ).toEqual(["outputs changed (build/new.bin added)", "outputs changed (build/old.bin removed)"]);
    expect(texts({})).toEqual([]);
  });

  it("versions are stable hashes of what they cover", () => {
    expect(logicalVersion(base)).toBe(
      logicalVersion({ ...base, config: { optimizer: { lr: 0.1 }, max_depth: 6 } }),
    );
    expect(logicalVersion(base)).not.toBe(
      logicalVersion({ ...base, inputs: { ...base.inputs, "data/b.csv": "223" } }),
    );
    expect(dataVersion({ "b.txt": { blob: "2" }, "a.txt": { blob: "1" } })).toBe(
      dataVersion({ "a.txt": { blob: "1" }, "b.txt": { blob: "2" } }),
    );
    expect(dataVersion({ "a.txt": { blob: "1" } })).not.toBe(dataVersion({ "b.txt": { blob: "1" } }));
  });
});
