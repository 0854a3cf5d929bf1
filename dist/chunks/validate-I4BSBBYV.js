import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  loadAllProjects,
  loadProject
} from "./chunk-BQANME2X.js";
import {
  UserError,
  printDiagnostics
} from "./chunk-HYWDW5XQ.js";
import "./chunk-BNVABWUQ.js";

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
  for (const project of loaded) {
    if (project.warnings.length > 0) printDiagnostics(project.warnings, project.files, io.stderr);
    io.stdout(summary(project));
  }
  return 0;
}
export {
  validateCommand
};
