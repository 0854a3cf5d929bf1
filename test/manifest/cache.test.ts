// The manifest cache (issue #16): a command takes the normalized project from `.kiln/cache/` while
// the manifest's content is unchanged, and parses again on any edit, including one that keeps the
// file's size and modification time; a damaged cache is ignored; errors keep their positions.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sha256 } from "../../src/domain/hash.js";
import { loadManifest } from "../../src/manifest/load.js";
import { openManifest } from "../../src/manifest/manifest-file.js";
import { KILN_DIR_GITIGNORE } from "../../src/paths/kiln-dir.js";

const MANIFEST = [
  "version: 1",
  "name: shop",
  "defaults:",
  "  env: { REGION: eu }",
  "sources:",
  "  raw:",
  "    inputs: [data/raw.csv]",
  "assets:",
  "  features:",
  "    deps: [raw]",
  "    run: python features.py",
  "    outputs: [build/features.parquet]",
  "    config: { window: 7, weights: [0.5, 0.25], nested: { on: true } }",
  "  model:",
  "    deps: [features]",
  "    run: python train.py",
  "    metrics: { primary: mae, direction: minimize }",
  "    promote: { alias: champion }",
  "    automation: { any: [on_missing, { on_cron: '0 3 * * 1', tz: Europe/Berlin }] }",
  "environments:",
  "  staging:",
  "    branches: [release]",
  "    config: { features: { window: 14 } }",
  "",
].join("\n");

/** A project folder where Kiln keeps state (`.kiln` with its .gitignore), with kiln.yml. */
function project(text = MANIFEST): { dir: string; manifest: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-manifest-cache-"));
  mkdirSync(path.join(dir, ".kiln"));
  writeFileSync(path.join(dir, ".kiln/.gitignore"), KILN_DIR_GITIGNORE);
  const manifest = path.join(dir, "kiln.yml");
  writeFileSync(manifest, text);
  return { dir, manifest };
}

async function load(manifest: string, displayName = "kiln.yml") {
  const loaded = await openManifest(manifest, { displayName });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  return loaded.value;
}

function cacheFiles(dir: string): string[] {
  const cache = path.join(dir, ".kiln/cache");
  return existsSync(cache) ? readdirSync(cache) : [];
}

describe("manifest cache", () => {
  it("gives back the same project as a parse, its positions naming the file as this command shows it", async () => {
    const { dir, manifest } = project();
    const parsed = loadManifest(manifest, { displayName: "kiln.yml" });
    if (!parsed.ok) throw new Error("fixture");
    const first = await load(manifest);
    expect(cacheFiles(dir)).toEqual(["manifest-kiln.yml.json"]);
    const second = await load(manifest, "sub/../kiln.yml");
    const fresh = parsed.value.project;
    const cached = second.project;
    expect(cached.assets).toBeInstanceOf(Map);
    expect({ ...cached, assets: [...cached.assets], sources: [...cached.sources] }).toEqual({
      ...fresh,
      // Locations name the file as this command shows it.
      assets: [...fresh.assets].map(([n, a]) => [
        n,
        { ...a, location: { ...a.location, file: "sub/../kiln.yml" } },
      ]),
      sources: [...fresh.sources].map(([n, s]) => [
        n,
        { ...s, location: { ...s.location, file: "sub/../kiln.yml" } },
      ]),
      nameLocation: { ...fresh.nameLocation, file: "sub/../kiln.yml" },
      // What answers worked out from the project are kept under (version/versions-memo.ts).
      sourceHash: sha256(readFileSync(manifest, "utf8")),
    });
    expect(first.project.sourceHash).toBe(cached.sourceHash);
    expect(second.project.assets.get("model")?.automation).toEqual(
      first.project.assets.get("model")?.automation,
    );
    expect(second.project.assets.get("model")?.location.range?.line).toBe(14);
    expect(second.project.nameLocation?.range?.line).toBe(2);
  });

  it("is read by a command without loading the YAML parser, the schema or the checks", async () => {
    const { manifest } = project();
    await load(manifest);
    // A fresh module graph: what openManifest imports when the cache has the project.
    const script = [
      `const { openManifest } = await import(${JSON.stringify(path.resolve("src/manifest/manifest-file.ts"))});`,
      `const loaded = await openManifest(${JSON.stringify(manifest)}, { displayName: "kiln.yml" });`,
      "if (!loaded.ok) throw new Error('not loaded');",
      "console.log(JSON.stringify({ assets: [...loaded.value.project.assets.keys()] }));",
    ].join("\n");
    const loader = path.join(os.tmpdir(), `kiln-cache-loads-${process.pid}.mjs`);
    // Records every module the script's graph resolves.
    writeFileSync(
      loader,
      "export async function resolve(spec, ctx, next) { const r = await next(spec, ctx); process.stderr.write(`loaded ${r.url}\\n`); return r; }\n",
    );
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", "--loader", loader, "--input-type=module", "-e", script],
      { encoding: "utf8" },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ assets: ["features", "model"] });
    const loaded = result.stderr.split("\n").filter((l) => l.startsWith("loaded "));
    expect(loaded.some((l) => l.includes("manifest-file.ts"))).toBe(true);
    expect(loaded.filter((l) => /\/(yaml|zod)\/|manifest\/(load|schema|validate)/.test(l))).toEqual([]);
  });

  it("parses again after an edit that keeps the size and the modification time", async () => {
    const { manifest } = project();
    await load(manifest);
    const { mtime, size } = statSync(manifest);
    // Same length, same mtime: only the content says it changed.
    const edited = MANIFEST.replace("window: 7", "window: 8");
    expect(edited.length).toBe(MANIFEST.length);
    writeFileSync(manifest, edited);
    utimesSync(manifest, mtime, mtime);
    expect(statSync(manifest).size).toBe(size);
    expect((await load(manifest)).project.assets.get("features")?.config).toMatchObject({ window: 8 });
    // And an edit that breaks the manifest is reported with its position, not read from the cache.
    writeFileSync(manifest, MANIFEST.replace("deps: [features]", "deps: [featurez]"));
    const broken = await openManifest(manifest, { displayName: "kiln.yml" });
    expect(broken.ok).toBe(false);
    if (broken.ok) return;
    const errors = broken.error.filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.reason, d.location.range?.line, d.location.range?.column])).toEqual([
      ["unknown-dependency", 15, 12],
    ]);
  });

  it("ignores a cache that is cut short, of another shape or written for another manifest text", async () => {
    const { dir, manifest } = project();
    await load(manifest);
    const file = path.join(dir, ".kiln/cache/manifest-kiln.yml.json");
    const whole = readFileSync(file, "utf8");
    // What the cache holds is what the next command gets, without parsing (a marked entry shows it).
    writeFileSync(file, whole.replace('"name":"shop"', '"name":"from-the-cache"'));
    expect((await load(manifest)).project.name).toBe("from-the-cache");
    for (const damaged of [whole.slice(0, whole.length / 2), "[]", "null", '{"stamp": 1}']) {
      writeFileSync(file, damaged);
      expect((await load(manifest)).project.assets.get("model")?.deps).toEqual(["features"]);
      // Written again whole.
      expect(readFileSync(file, "utf8")).toBe(whole);
    }
    // A cache whose entry claims this text but holds another project is never taken for a file
    // with other content: the hash is of the text read now.
    writeFileSync(manifest, MANIFEST.replace("name: shop", "name: shoe"));
    expect((await load(manifest)).project.name).toBe("shoe");
  });

  it("keeps warnings and shows them with the current file name", async () => {
    // Neither asset lists its code: a warning each.
    const { manifest } = project();
    const fresh = await load(manifest);
    expect(fresh.warnings.map((w) => w.reason)).toEqual(["no-code-version", "no-code-version"]);
    const cached = await load(manifest, "elsewhere/kiln.yml");
    expect(cached.warnings.map((w) => [w.reason, w.message, w.location.range])).toEqual(
      fresh.warnings.map((w) => [w.reason, w.message, w.location.range]),
    );
    expect(cached.warnings.every((w) => w.location.file === "elsewhere/kiln.yml")).toBe(true);
  });

  it("writes nothing where Kiln keeps no state yet", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiln-manifest-cache-"));
    writeFileSync(path.join(dir, "kiln.yml"), MANIFEST);
    await load(path.join(dir, "kiln.yml"));
    expect(readdirSync(dir)).toEqual(["kiln.yml"]);
  });
});
