import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  cliTick,
  cliWorkspace,
  reportLedgerProblems,
  resolveRecordRef
} from "./chunk-5XYJN2M7.js";
import {
  planWorkspace,
  restoreFreshAssets,
  restoreOutputs
} from "./chunk-TEKJZMCW.js";
import "./chunk-GXZWNREP.js";
import "./chunk-5NGXEBNQ.js";
import "./chunk-EMTFGBJD.js";
import "./chunk-VN6Y6SGB.js";
import "./chunk-FBEGHNJI.js";
import "./chunk-LW25RPEI.js";
import "./chunk-MRQYCUP6.js";
import "./chunk-QFGPE3EY.js";
import "./chunk-4QRKHNA4.js";
import "./chunk-QCEZCV3Y.js";
import "./chunk-CL637EV3.js";
import "./chunk-TL4QTD52.js";
import "./chunk-25V2UBXB.js";
import "./chunk-RAPG5CLJ.js";
import "./chunk-Y6SFYQTD.js";
import "./chunk-UWEJRO7T.js";
import "./chunk-MUE6WUQZ.js";
import "./chunk-VHDSH6SG.js";
import {
  UserError
} from "./chunk-ZEDKQCI5.js";
import "./chunk-JX27GHEJ.js";
import "./chunk-6MFEQHWA.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-3EVHPUE2.js";

// src/cli/pull.ts
init_define_KILN_SITE_CLIENT();
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
  const fresh = [...planned.plan.assets].filter(([, entry]) => entry.status === "fresh").map(([name]) => planned.assessment.assets.get(name)?.latest).filter((record) => record !== void 0);
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
