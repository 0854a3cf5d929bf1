import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  restoreFreshAssets,
  restoreOutputs
} from "./chunk-6PHCYVA6.js";
import {
  cliTick,
  cliWorkspace,
  reportLedgerProblems,
  resolveRecordRef
} from "./chunk-D63PQ4RB.js";
import {
  planWorkspace
} from "./chunk-HM6LPUCN.js";
import "./chunk-4RBXJX62.js";
import "./chunk-WMLO2HU4.js";
import "./chunk-77BUVOLW.js";
import "./chunk-V3RJ3XOT.js";
import "./chunk-ME3GNNNO.js";
import "./chunk-DK4MLLIB.js";
import "./chunk-RHEN5QSW.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-YE6CBXGQ.js";
import "./chunk-NIANUAGP.js";
import "./chunk-WIFSPINL.js";
import "./chunk-PNMKFYGG.js";
import "./chunk-P34CEENB.js";
import "./chunk-4HTCWRU5.js";
import "./chunk-VXUOW7BF.js";
import "./chunk-BUD566VL.js";
import "./chunk-7CZ7Y2OC.js";
import "./chunk-LXDUWDU6.js";
import "./chunk-GR2CBACB.js";
import "./chunk-AJBSU7EQ.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-LZV4TYKF.js";
import "./chunk-BOWR73ZZ.js";
import {
  UserError
} from "./chunk-IL3SHYLP.js";
import "./chunk-H2WSXFTE.js";
import "./chunk-LR43NXA7.js";
import "./chunk-FICLRJIW.js";
import "./chunk-BNVABWUQ.js";

// src/cli/pull.ts
import path from "node:path";
async function pullCommand(io, globals, refs, options) {
  if (options.all) return pullAll(io, globals, refs);
  if (refs.length !== 1)
    throw new UserError("name one version to pull", "kiln pull model@champion, or kiln pull --all");
  const { workspace, record } = await resolveRecordRef(io, globals, refs[0]);
  const restored = await restoreOutputs(workspace.project.root, [record], workspace.stores);
  if (!restored.ok) throw new UserError(restored.error);
  const files = Object.keys(record.outputs);
  io.stdout(
    `${record.asset} v${record.version}: ${restored.restored.length} of ${files.length} output(s) restored${restored.from.length ? ` from ${restored.from.join(", ")}` : ""}${restored.restored.length < files.length ? " (the rest were already up to date)" : ""}
` + files.map((f) => `  ${f}
`).join("")
  );
  return 0;
}
async function pullAll(io, globals, selection) {
  const workspace = await cliWorkspace(io, globals, { quiet: true });
  const planned = await planWorkspace(workspace, {
    selection,
    force: false,
    tick: cliTick({}, io.env),
    env: io.env
  });
  if (!planned.ok) throw new UserError(planned.error, planned.hint);
  reportLedgerProblems(workspace, io);
  const fresh = [...planned.plan.assets].filter(([, entry]) => entry.status === "fresh").map(([name]) => planned.assessment.assets.get(name)?.current).filter((current) => current !== void 0);
  const results = await restoreFreshAssets(workspace.project.root, fresh, workspace.stores);
  for (const r of results) {
    if (r.error) io.stderr(`kiln: ${r.error}
`);
    else
      io.stdout(
        `${r.asset} v${r.version}: ${r.restored.length ? `${r.restored.length} output(s) restored from ${r.from.join(", ")}` : "up to date"}
`
      );
  }
  const notFresh = [...planned.plan.assets].filter(([, e]) => e.status !== "fresh").map(([n]) => n);
  if (notFresh.length)
    io.stdout(
      `not fresh, nothing to pull: ${notFresh.join(", ")} (\`kiln run\` builds them; see ${path.relative(io.cwd, workspace.kilnDir) || ".kiln"})
`
    );
  return results.some((r) => r.error) ? 1 : 0;
}
export {
  pullCommand
};
