// `command: site`: renders the history site of every project of the repository from the ledger
// (the `kiln-ledger` branch in Actions) into the runner's temporary directory and hands its path to actions/upload-pages-artifact
// through the `path` output. The generated `kiln-pages` job runs it on the default branch.
import path from "node:path";
import { filesNamed, repoRoot } from "../git/repo.js";
import { MANIFEST_NAMES } from "../manifest/load.js";
import { buildSite } from "../site/build.js";
import type { ActionIO } from "./io.js";
import type { ActionInputs } from "./inputs.js";
import { actionTick } from "./tick.js";
import { ActionFailure, actionWorkspace } from "./workspace.js";

export async function siteAction(io: ActionIO, inputs: ActionInputs): Promise<string> {
  const tick = actionTick(io.env, inputs.event);
  const workspace = await actionWorkspace(io, inputs, tick);
  // GitHub Pages is one site per repository: it covers every project (manifest) of the repository,
  // whichever project's workflow publishes it.
  const top = await repoRoot(io.cwd);
  const others = top
    ? (await filesNamed(top, MANIFEST_NAMES))
        .map((file) => path.relative(io.cwd, path.join(top, file)))
        .filter((file) => path.resolve(io.cwd, file) !== workspace.project.manifestPath)
    : [];
  const workspaces = [workspace];
  for (const manifest of others) workspaces.push(await actionWorkspace(io, { ...inputs, manifest }, tick));
  const outDir = path.join(io.env.RUNNER_TEMP || workspace.kilnDir, "kiln-site");
  const result = await io.group("Render the history site", () =>
    buildSite({
      workspaces,
      outDir,
      now: tick.now,
      env: io.env,
      repositoryUrl:
        io.env.GITHUB_SERVER_URL && io.env.GITHUB_REPOSITORY
          ? `${io.env.GITHUB_SERVER_URL}/${io.env.GITHUB_REPOSITORY}`
          : undefined,
      title: workspaces.length === 1 ? workspace.project.site.title : undefined,
    }),
  );
  for (const problem of workspaces.flatMap((w) => w.ledger.problems()))
    io.warning(`skipped ${problem.path}: ${problem.message} (run \`kiln doctor\` for help)`);
  if (!result.ok) throw new ActionFailure(result.hint ? `${result.error} (${result.hint})` : result.error);
  io.info(
    `${result.assets} assets, ${result.versions} versions, ${result.failures} failed attempts in ${result.dir}`,
  );
  io.setOutput("path", result.dir);
  return result.dir;
}
