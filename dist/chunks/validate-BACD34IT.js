import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  loadAllProjects,
  loadProject
} from "./chunk-JR7K3TV3.js";
import "./chunk-GW6L3DRJ.js";
import "./chunk-O4X6H4ZD.js";
import "./chunk-JKHZKIAG.js";
import {
  printDiagnostics
} from "./chunk-4RAWEK3G.js";
import "./chunk-E4MQVDXR.js";
import {
  UserError
} from "./chunk-XWO3MBIM.js";
import "./chunk-NKEEGYDI.js";
import "./chunk-QDXV5WE7.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

// src/cli/validate.ts
init_define_KILN_SITE_CLIENT();
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
  const loaded = options.all ? (await loadAllProjects(io)).projects : [loadProject(io, globals)];
  for (const project of loaded) {
    if (project.warnings.length > 0) printDiagnostics(project.warnings, project.files, io.stderr);
    io.stdout(summary(project));
  }
  return 0;
}
export {
  validateCommand
};
