import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  restoreFreshAssets,
  restoreOutputs
} from "./chunk-DT5DGOB4.js";
import {
  cliTick,
  cliWorkspace,
  reportLedgerProblems,
  resolveRecordRef
} from "./chunk-E7VF6EEA.js";
import "./chunk-CVFTVLUI.js";
import {
  planWorkspace
} from "./chunk-YJUY5MZT.js";
import "./chunk-YCJ7GVD5.js";
import {
  withAssetLock
} from "./chunk-OAUXH6FU.js";
import "./chunk-CZZZSMQQ.js";
import {
  UserError
} from "./chunk-DQNGLDMZ.js";
import "./chunk-BNVABWUQ.js";

// src/cli/pull.ts
import path from "node:path";
async function pullCommand(io, globals, refs, options) {
  if (options.all) {
    if (options.branch !== void 0)
      throw new UserError(
        "--branch picks one version to pull; --all pulls the current ones",
        "drop one of them"
      );
    return pullAll(io, globals, refs);
  }
  if (refs.length !== 1)
    throw new UserError("name one version to pull", "kiln pull model@champion, or kiln pull --all");
  const { workspace, record, why } = await resolveRecordRef(io, globals, refs[0], {
    environment: globals.env,
    branch: options.branch,
    skipExperiments: true
  });
  const restored = await withOutputsLock(
    io,
    workspace,
    record.asset,
    () => restoreOutputs(workspace.project.root, [record], workspace.stores)
  );
  if (restored === void 0) throw new Error("bug: the asset lock gave up without a signal");
  if (!restored.ok) throw new UserError(restored.error);
  const files = Object.keys(record.outputs);
  io.stdout(
    `${record.asset} v${record.version}: ${restored.restored.length} of ${files.length} output(s) restored${restored.from.length ? ` from ${restored.from.join(", ")}` : ""}${restored.restored.length < files.length ? " (the rest were already up to date)" : ""}
` + (why ? `  ${why}
` : "") + files.map((f) => `  ${f}
`).join("")
  );
  return 0;
}
function withOutputsLock(io, workspace, asset, work) {
  const locks = path.join(workspace.kilnDir, "locks", workspace.project.name);
  return withAssetLock(locks, asset, work, {
    holder: "pull",
    onWait: (message) => io.stderr(`${message}
`)
  });
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
  const results = [];
  for (const record of fresh) {
    const restored = await withOutputsLock(
      io,
      workspace,
      record.asset,
      () => restoreFreshAssets(workspace.project.root, [record], workspace.stores)
    );
    if (restored === void 0) throw new Error("bug: the asset lock gave up without a signal");
    results.push(...restored);
  }
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
