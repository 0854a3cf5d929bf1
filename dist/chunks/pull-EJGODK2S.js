import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  cliTick,
  cliWorkspace,
  reportLedgerProblems,
  resolveRecordRef
} from "./chunk-QIP3KMKT.js";
import {
  planWorkspace,
  restoreFreshAssets,
  restoreOutputs
} from "./chunk-6BZ3OXED.js";
import "./chunk-7N3FU4S7.js";
import "./chunk-TVBXDYJF.js";
import "./chunk-GCS3BNMZ.js";
import "./chunk-OB4SRQCA.js";
import "./chunk-Y33LDR5M.js";
import "./chunk-N5HPWT7C.js";
import "./chunk-OU24UHTD.js";
import "./chunk-JAI5KS4O.js";
import "./chunk-5KQUMPKL.js";
import "./chunk-HMPS2V6G.js";
import "./chunk-CV3KGLCG.js";
import "./chunk-NRD5VI7B.js";
import "./chunk-CX3NDJYI.js";
import "./chunk-JR7K3TV3.js";
import "./chunk-GW6L3DRJ.js";
import "./chunk-O4X6H4ZD.js";
import "./chunk-JKHZKIAG.js";
import "./chunk-4RAWEK3G.js";
import "./chunk-E4MQVDXR.js";
import {
  UserError
} from "./chunk-XWO3MBIM.js";
import "./chunk-NKEEGYDI.js";
import "./chunk-QDXV5WE7.js";
import {
  init_define_KILN_SITE_CLIENT
} from "./chunk-NF4SADUS.js";

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
