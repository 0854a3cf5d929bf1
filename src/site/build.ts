// `kiln site`: writes the static history site for a workspace into a directory. The site is built
// in a sibling temporary directory and swapped in at the end, so a crash never leaves a half-written
// site, and an existing directory is replaced only when it holds a site Kiln wrote before.
import { existsSync, writeFileSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { setImmediate } from "node:timers/promises";
import { type AssetGraph, buildGraph } from "../graph/graph.js";
import { loadCron } from "../automation/cron.js";
import { type Workspace, workspaceLineage } from "../app/workspace.js";
import { RunLedgerView } from "../ledger/run-view.js";
import { assessProject, type ProjectAssessment } from "../version/status.js";
import { compareShell, versionShell } from "./app-pages.js";
import { assetPage } from "./asset-page.js";
import { siteClient } from "./client-bundle.js";
import { writeAssetData } from "./asset-data.js";
import {
  type AssetSummary,
  assetMeta,
  type DetailContext,
  failureDetail,
  readAssetHistory,
  type SiteHead,
  siteHead,
  summarize,
} from "./collect.js";
import { type ChunkResult, versionsToBuild } from "./version-chunks.js";
import { upstreamPart } from "./upstream-index.js";
import { dataFile } from "./data-file.js";
import { siteKey } from "./data.js";
import { overviewPage } from "./overview-page.js";
import { makeStateDir } from "../paths/kiln-dir.js";

/** A file in the site root that marks a directory as one `kiln site` may replace. */
export const SITE_MARKER = ".kiln-site";

export interface SiteOptions {
  /** Threads building version chunks (chunk-workers.ts); 1 builds in-process. Default: by size. */
  threads?: number | undefined;
  /** One workspace per project (manifest) of the repository; each reads its own ledger namespace. */
  workspaces: Workspace[];
  /** The directory to (re)write. */
  outDir: string;
  /** The build time: "last refresh" and "next tick" are relative to it. */
  now: Date;
  /** Process environment for `observe` commands of sources. */
  env: NodeJS.ProcessEnv;
  /** `https://github.com/owner/repo`, for commit links; else read from each record's run URL. */
  repositoryUrl?: string | undefined;
  title?: string | undefined;
}

export type SiteResult =
  | {
      ok: true;
      dir: string;
      assets: number;
      versions: number;
      failures: number;
      files: number;
      bytes: number;
      /** Version chunks kept from the site this build replaced, and chunks read from the ledger. */
      chunks: { kept: number; read: number };
      /** Worker threads that built the chunks (0: in-process). */
      threads: number;
    }
  | { ok: false; error: string; hint?: string | undefined };

async function checkTarget(dir: string): Promise<{ ok: true } | { ok: false; error: string; hint: string }> {
  if (!existsSync(dir)) return { ok: true };
  const entries = await readdir(dir).catch(() => undefined);
  if (entries === undefined)
    return { ok: false, error: `${dir} exists and is not a directory`, hint: "choose another --output" };
  if (entries.length === 0 || entries.includes(SITE_MARKER)) return { ok: true };
  return {
    ok: false,
    error: `${dir} is not empty and was not written by \`kiln site\`; refusing to replace it`,
    hint: "choose a new or empty directory with --output",
  };
}

/** One project's assessment: read before any page, since every asset page shows its status. */
interface ProjectState {
  workspace: Workspace;
  /**
   * The heads, failures and alias histories status read, kept for the pages (each is one log per
   * asset, read and parsed once); whole records and series are read from the ledger itself, once
   * each, and not kept.
   */
  view: RunLedgerView;
  graph: AssetGraph;
  names: string[];
  assessment: ProjectAssessment;
  /** Filled as each asset's pages are written; the overview is written last from these. */
  summaries: Map<string, AssetSummary>;
}

async function assess(
  workspace: Workspace,
  view: RunLedgerView,
  options: SiteOptions,
): Promise<ProjectState> {
  const { project } = workspace;
  const assessment = await assessProject({
    project,
    ledger: view,
    environment: workspace.environment,
    env: options.env,
    // As the report job judges it: this checkout's environment and line of history, its failures
    // only (src/version/lineage.ts).
    lineage: workspaceLineage(workspace),
    gitRoot: workspace.git.root ?? null,
  });
  return {
    workspace,
    view,
    graph: assessment.graph,
    names: assessment.graph.order.filter((n) => project.assets.has(n)),
    assessment,
    summaries: new Map(),
  };
}

/** Where the records came from, without this machine's absolute paths: a site is shared. */
function ledgerText(workspace: Workspace): string {
  return workspace.ledger.description.replaceAll(`${workspace.project.root}${path.sep}`, "");
}

export async function buildSite(options: SiteOptions): Promise<SiteResult> {
  const outDir = path.resolve(options.outDir);
  const target = await checkTarget(outDir);
  if (!target.ok) return target;
  // Each asset's next tick (summarize) is worked out synchronously.
  await loadCron();
  const ordered = [...options.workspaces].sort((a, b) => a.project.name.localeCompare(b.project.name));
  // An earlier site in the target is where unchanged chunks are kept from (see reuse.ts); only the
  // versions of the others are read, and they decide whether worker threads are worth starting.
  const previousSite = existsSync(path.join(outDir, SITE_MARKER)) ? outDir : undefined;
  const siteTitle = options.title ?? (ordered.length === 1 ? `${ordered[0]!.project.name} · Kiln` : "Kiln");
  const generatedAt = options.now.toISOString();

  const temp = `${outDir}.tmp-${process.pid}-${Date.now()}`;
  let files = 0;
  let bytes = 0;
  let kept = 0;
  let read = 0;
  // Synchronously: an open through the thread pool cost more than the write itself.
  const write = async (relative: string, content: string) => {
    writeFileSync(path.join(temp, relative), content);
    files++;
    bytes += Buffer.byteLength(content);
  };
  try {
    // The default place is .kiln/site: creating .kiln there also keeps it out of git.
    await makeStateDir(path.join(temp, "static"));
    const builder = (await import("./chunk-workers.js")).chunkBuilder({
      site: { temp, previousSite, repositoryUrl: options.repositoryUrl },
      projects: ordered.map((workspace) => ({ ledger: workspace.ledger, names: workspace.project })),
      threads: options.threads,
    });
    let assets = 0;
    let versions = 0;
    let failures = 0;
    const projects: ProjectState[] = [];
    try {
      // Each asset is handed to the builder as soon as its heads are read (it runs them in graph
      // order as threads come free), with its part of the index of data versions that links a
      // record to its exact upstream versions; its pages are written below as its chunks are done.
      // Status, failures and alias moves are read while the chunks are built.
      const built: Array<Map<string, Promise<ChunkResult>>> = [];
      const shown: Array<Map<string, SiteHead[]>> = [];
      const views: RunLedgerView[] = [];
      for (const [p, workspace] of ordered.entries()) {
        const { project } = workspace;
        await mkdir(path.join(temp, "assets", project.name), { recursive: true });
        const view = new RunLedgerView(workspace.ledger);
        const jobs = new Map<string, Promise<ChunkResult>>();
        const headsOf = new Map<string, SiteHead[]>();
        for (const name of buildGraph(project).order) {
          if (!project.assets.has(name)) continue;
          await setImmediate(); // as in the pages below: the workers' messages are read meanwhile
          // From the ledger, not the view: only what the site shows of each head is kept (siteHead).
          const read = await workspace.ledger.heads(name);
          builder.upstream(p, upstreamPart(name, read));
          const heads = read.map(siteHead);
          headsOf.set(name, heads);
          const key = siteKey(project.name, name);
          await mkdir(path.join(temp, "data", key), { recursive: true });
          const toRead = versionsToBuild(previousSite, key, options.repositoryUrl, heads);
          const job = builder.build(p, { name, key, heads }, toRead);
          // Settled as they are awaited below, so a failure of one leaves none unhandled.
          job.catch(() => {});
          jobs.set(name, job);
        }
        views.push(view);
        built.push(jobs);
        shown.push(headsOf);
      }
      builder.submitted();
      for (const [p, workspace] of ordered.entries())
        projects.push(await assess(workspace, views[p]!, options));
      const client = await siteClient();
      await Promise.all([
        write(SITE_MARKER, "This directory was written by `kiln site` and is replaced by its next run.\n"),
        // Pages deployments from the Pages actions skip Jekyll anyway; a branch-based one would not.
        write(".nojekyll", ""),
        write("static/kiln.js", client.js),
        write("static/kiln.css", client.css),
        write("static/THIRD-PARTY-NOTICES.txt", client.licenses),
        write("version.html", versionShell(siteTitle, generatedAt)),
        write("compare.html", compareShell(siteTitle, generatedAt)),
      ]);
      for (const [p, state] of projects.entries()) {
        const { project } = state.workspace;
        const ctx: DetailContext = {
          project,
          index: builder.index(p),
          repositoryUrl: options.repositoryUrl,
        };
        for (const name of state.names) {
          // Back to the event loop between assets: an asset whose chunks are done goes on without
          // waiting, and a run of them would keep the workers' messages (their next asset) unread.
          await setImmediate();
          const asset = project.assets.get(name)!;
          const key = siteKey(project.name, name);
          const chunks = await built[p]!.get(name)!;
          files += chunks.files;
          bytes += chunks.bytes;
          const data = await writeAssetData({
            asset,
            key,
            history: await readAssetHistory(state.view, name, shown[p]!.get(name)!),
            chunks,
            repositoryUrl: options.repositoryUrl,
            write,
          });
          const { history } = data;
          const summary = summarize(asset, state.assessment.assets.get(name), history, options.now);
          state.summaries.set(name, summary);
          await Promise.all([
            write(
              `assets/${key}.html`,
              assetPage({
                siteTitle,
                generatedAt,
                project: project.name,
                projects: projects.length,
                asset,
                summary,
                history,
                table: data.table,
                graph: state.graph,
              }),
            ),
            write(
              `data/${key}/meta.js`,
              dataFile(`${key}/meta`, assetMeta(asset, history, key, options.repositoryUrl)),
            ),
            write(
              `data/${key}/failures.js`,
              dataFile(
                `${key}/failures`,
                history.failures.map((f, i) => failureDetail(f, i + 1, ctx)),
              ),
            ),
          ]);
          assets++;
          versions += history.heads.length;
          failures += history.failures.length;
          kept += chunks.kept;
          read += chunks.read;
        }
      }
    } finally {
      await builder.close();
    }
    await write(
      "index.html",
      overviewPage({
        siteTitle,
        generatedAt,
        projects: projects.map((p) => ({
          name: p.workspace.project.name,
          environment: p.workspace.environment,
          ledger: ledgerText(p.workspace),
          graph: p.graph,
          summaries: p.summaries,
          problems: p.workspace.ledger.problems().length,
        })),
      }),
    );
    await rm(outDir, { recursive: true, force: true });
    await rename(temp, outDir);
    return {
      ok: true,
      dir: outDir,
      assets,
      versions,
      failures,
      files,
      bytes,
      chunks: { kept, read },
      threads: builder.threads,
    };
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}
