import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  loadAllProjects,
  loadProject
} from "./chunk-CVFTVLUI.js";
import {
  DiagnosticsError,
  UserError,
  normalizeOutputPath,
  pathWithin,
  printDiagnostics
} from "./chunk-DQNGLDMZ.js";
import "./chunk-BNVABWUQ.js";

// src/manifest/checkout-files.ts
import { existsSync } from "node:fs";
import path from "node:path";
function writer(project, file) {
  let inside;
  for (const asset of project.assets.values()) {
    for (const output of asset.outputs) {
      const normal = normalizeOutputPath(output);
      if (normal === file) return { asset, output, exact: true };
      if (!inside && pathWithin(file, normal)) inside = { asset, output, exact: false };
    }
  }
  return inside;
}
async function checkoutFileDiagnostics(loaded, display) {
  const { project } = loaded;
  const missing = [];
  for (const asset of project.assets.values()) {
    asset.checks.forEach((check, index) => {
      if (check.kind !== "output" || check.jsonSchema === void 0) return;
      if (!existsSync(path.resolve(project.root, check.jsonSchema)))
        missing.push({ asset, index, file: check.jsonSchema });
    });
  }
  if (missing.length === 0) return [];
  const [{ LineCounter, parseDocument }, { makeLocator }] = await Promise.all([
    import("./dist-LEUJNN6U.js"),
    import("./load-252BNIVS.js")
  ]);
  const lines = new LineCounter();
  const locator = makeLocator(display, parseDocument(loaded.source, { lineCounter: lines }), lines);
  const diagnostics = [];
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
        hint: `commit the schema, or declare it as an output of ${from.asset.name} to say its step writes it`
      });
    } else if (from) {
      diagnostics.push({
        severity: "error",
        reason: "json-schema-not-restored",
        message: `${what} is an output of asset "${from.asset.name}", which "${asset.name}" does not depend on`,
        location,
        hint: `add ${from.asset.name} to the deps of ${asset.name}: only a dependency's outputs are restored before its step and checks`
      });
    } else {
      diagnostics.push({
        severity: "error",
        reason: "json-schema-missing",
        message: `${what} does not exist in the checkout`,
        location,
        hint: `add the schema at ${file} (a path from the manifest's folder) and commit it, or correct the path`
      });
    }
  }
  return diagnostics;
}

// src/cli/validate.ts
function summary({ project, warnings, display }) {
  const assets = project.assets.size;
  const sources = project.sources.size;
  return `${display} is valid: project ${project.name}, ${assets} asset${assets === 1 ? "" : "s"}, ${sources} source${sources === 1 ? "" : "s"}${warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? "" : "s"}` : ""}
`;
}
async function validateCommand(io, globals, options = {}) {
  if (options.all && globals.manifest) {
    throw new UserError("--all takes every manifest of the repository", "drop --manifest or --all");
  }
  const loaded = options.all ? (await loadAllProjects(io)).projects : [await loadProject(io, globals)];
  const checked = await Promise.all(
    loaded.map(async (project) => {
      const found = await checkoutFileDiagnostics(project, project.display);
      return { ...project, warnings: [...project.warnings, ...found] };
    })
  );
  const errors = checked.flatMap((project) => project.warnings.filter((d) => d.severity === "error"));
  if (errors.length > 0) {
    const files = Object.assign({}, ...checked.map((project) => project.files));
    throw new DiagnosticsError(
      checked.flatMap((project) => project.warnings),
      files
    );
  }
  for (const project of checked) {
    if (project.warnings.length > 0) printDiagnostics(project.warnings, project.files, io.stderr);
    io.stdout(summary(project));
  }
  return 0;
}
export {
  validateCommand
};
