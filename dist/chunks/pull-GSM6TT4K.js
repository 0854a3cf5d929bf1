import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  restoreFreshAssets,
  restoreOutputs
} from "./chunk-CJQU3OYL.js";
import {
  cliTick,
  cliWorkspace,
  reportLedgerProblems,
  resolveRecordRef
} from "./chunk-OUH2H67V.js";
import {
  planWorkspace
} from "./chunk-4ZJDM7V3.js";
import "./chunk-V6MFDO7J.js";
import "./chunk-76MPOCN6.js";
import "./chunk-OGGCQ7AA.js";
import "./chunk-V3RJ3XOT.js";
import "./chunk-ME3GNNNO.js";
import "./chunk-DK4MLLIB.js";
import "./chunk-EEE47QAN.js";
import "./chunk-YCJ7GVD5.js";
import "./chunk-IWKAIHU6.js";
import "./chunk-NIANUAGP.js";
import "./chunk-BWNFBKPT.js";
import "./chunk-PNMKFYGG.js";
import "./chunk-SJSYFK5C.js";
import "./chunk-4HTCWRU5.js";
import "./chunk-VXUOW7BF.js";
import "./chunk-YT4HA7MX.js";
import "./chunk-ONHVZZCI.js";
import "./chunk-GR2CBACB.js";
import "./chunk-AJBSU7EQ.js";
import "./chunk-DYEOWQQP.js";
import "./chunk-VEISCYBZ.js";
import "./chunk-KGK3EUFU.js";
import "./chunk-AIVCXB6U.js";
import {
  UserError
} from "./chunk-4ZWKADQZ.js";
import "./chunk-QQ24XY56.js";
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
