// Files the manifest names that a run reads from the checkout: a check's `json-schema`. Missing, it
// fails the check only after the step has trained, so `kiln validate` names it first. Read from the
// disk, so only `kiln validate` asks: parsing stays a function of the manifest's text, which the
// parsed-project cache (cache.ts) relies on.
import { existsSync } from "node:fs";
import path from "node:path";
import { normalizeOutputPath, pathWithin } from "../paths/containment.js";
import type { Diagnostic } from "./diagnostics.js";
import type { LoadedManifest } from "./manifest-file.js";
import type { AssetSpec, Project } from "./project.js";

/** The asset declaring `file` as an output (`exact`) or as a file inside an output folder. */
function writer(
  project: Project,
  file: string,
): { asset: AssetSpec; output: string; exact: boolean } | undefined {
  let inside: { asset: AssetSpec; output: string; exact: boolean } | undefined;
  for (const asset of project.assets.values()) {
    for (const output of asset.outputs) {
      const normal = normalizeOutputPath(output);
      if (normal === file) return { asset, output, exact: true };
      if (!inside && pathWithin(file, normal)) inside = { asset, output, exact: false };
    }
  }
  return inside;
}

/**
 * A check's `json-schema` that is not on the disk: an error, unless the asset itself or one of its
 * dependencies (whose outputs are restored before the step) declares it as an output. Inside a
 * dependency's output folder it may or may not be written there: a warning.
 */
export async function checkoutFileDiagnostics(
  loaded: Pick<LoadedManifest, "project" | "source">,
  display: string,
): Promise<Diagnostic[]> {
  const { project } = loaded;
  const missing: { asset: AssetSpec; index: number; file: string }[] = [];
  for (const asset of project.assets.values()) {
    asset.checks.forEach((check, index) => {
      if (check.kind !== "output" || check.jsonSchema === undefined) return;
      if (!existsSync(path.resolve(project.root, check.jsonSchema)))
        missing.push({ asset, index, file: check.jsonSchema });
    });
  }
  if (missing.length === 0) return [];
  // Positions only when something is missing: the manifest is parsed again for them (a manifest
  // from the cache has not loaded the parser).
  const [{ LineCounter, parseDocument }, { makeLocator }] = await Promise.all([
    import("yaml"),
    import("./load.js"),
  ]);
  const lines = new LineCounter();
  const locator = makeLocator(display, parseDocument(loaded.source, { lineCounter: lines }), lines);
  const diagnostics: Diagnostic[] = [];
  for (const { asset, index, file } of missing) {
    const location = locator.locate(["assets", asset.name, "checks", index, "json-schema"]);
    const what = `json-schema file "${file}" of asset "${asset.name}"`;
    const from = writer(project, normalizeOutputPath(file));
    const restored = from && (from.asset === asset || asset.deps.includes(from.asset.name));
    if (from && restored && from.exact) continue;
    if (from && restored) {
      diagnostics.push({
        severity: "warning",
        reason: "json-schema-in-output-folder",
        message: `${what} is not in the checkout: the check reads it from the output ${from.output} of asset "${from.asset.name}", if its step writes it there`,
        location,
        hint: `commit the schema, or declare it as an output of ${from.asset.name} to say its step writes it`,
      });
    } else if (from) {
      diagnostics.push({
        severity: "error",
        reason: "json-schema-not-restored",
        message: `${what} is an output of asset "${from.asset.name}", which "${asset.name}" does not depend on`,
        location,
        hint: `add ${from.asset.name} to the deps of ${asset.name}: only a dependency's outputs are restored before its step and checks`,
      });
    } else {
      diagnostics.push({
        severity: "error",
        reason: "json-schema-missing",
        message: `${what} does not exist in the checkout`,
        location,
        hint: `add the schema at ${file} (a path from the manifest's folder) and commit it, or correct the path`,
      });
    }
  }
  return diagnostics;
}
