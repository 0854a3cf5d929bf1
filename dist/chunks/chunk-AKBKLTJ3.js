import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  seriesChart
} from "./chunk-MN5WRH3G.js";
import {
  nextTick
} from "./chunk-ME3GNNNO.js";
import {
  aliasHolders,
  replayAliases
} from "./chunk-ND4BC56W.js";
import {
  _enum,
  array,
  literal,
  number,
  object,
  record,
  string,
  tuple
} from "./chunk-GR2CBACB.js";

// src/site/version-chunks.ts
import { writeFile } from "node:fs/promises";
import path2 from "node:path";

// src/site/links.ts
function repositoryFromRunUrl(url) {
  return url ? /^(https?:\/\/[^/\s]+\/[^/\s]+\/[^/\s]+)\/actions\/runs\//.exec(url)?.[1] : void 0;
}
function commitLink(sha, runUrl, repositoryUrl) {
  const repo = repositoryUrl ?? repositoryFromRunUrl(runUrl);
  return repo && sha && /^[0-9a-f]{7,64}$/.test(sha) ? `${repo}/commit/${sha}` : void 0;
}

// src/site/data.ts
var CHUNK_VERSIONS = 25;
var SITE_SERIES_POINTS = 2e3;
var SITE_SERIES_DIGITS = 6;
var TABLE_PAGE_ROWS = 50;
var TABLE_METRICS = 4;
var SITE_DATA_FORMAT = 3;
var SITE_LOG_LINES = 200;
function siteKey(project, asset) {
  return `${project}/${asset}`;
}
function chunkOf(version) {
  return Math.floor((version - 1) / CHUNK_VERSIONS);
}
var DATA_CALLBACK = "kilnData";

// src/site/collect.ts
async function readAssetHistory(ledger, asset) {
  const [heads, failures, history] = await Promise.all([
    ledger.heads(asset),
    ledger.failures(asset),
    ledger.aliasHistory(asset)
  ]);
  return assetHistory(heads, failures, history);
}
function assetHistory(heads, failures, aliasHistory) {
  const { effective } = replayAliases(aliasHistory, new Set(heads.map((r) => r.version)));
  return { heads, failures, aliasEvents: effective, holders: aliasHolders(effective) };
}
function branchOf(context) {
  return context.ref?.replace(/^refs\/heads\//, "") || void 0;
}
function lineOf(context) {
  const branch = branchOf(context);
  return branch ? `${context.environment} \xB7 ${branch}` : context.environment;
}
function commitUrl(context, repositoryUrl) {
  return commitLink(context.gitSha, context.runUrl, repositoryUrl);
}
function runInfo(context, repositoryUrl, withCommitUrl) {
  return {
    event: context.event,
    environment: context.environment,
    branch: branchOf(context),
    gitSha: context.gitSha,
    commitUrl: withCommitUrl ? commitUrl(context, repositoryUrl) : void 0,
    runUrl: context.runUrl,
    actor: context.actor,
    pullRequest: context.pullRequest,
    dirty: context.dirty
  };
}
function conditionText(condition) {
  switch (condition.kind) {
    case "on_cron":
    case "cron":
      return `${condition.kind}: ${condition.cron}${condition.tz === "UTC" ? "" : ` (${condition.tz})`}`;
    case "all":
    case "any":
      return `${condition.kind}(${condition.of.map(conditionText).join(", ")})`;
    case "not":
      return `not(${conditionText(condition.of)})`;
    default:
      return condition.kind;
  }
}
function crons(condition) {
  switch (condition.kind) {
    case "on_cron":
    case "cron":
      return [{ cron: condition.cron, tz: condition.tz }];
    case "all":
    case "any":
      return condition.of.flatMap(crons);
    case "not":
      return [];
    default:
      return [];
  }
}
function nextScheduledTick(asset, now) {
  let next;
  for (const { cron, tz } of crons(asset.automation)) {
    const tick = nextTick(cron, tz, now);
    if (tick && (!next || tick < next)) next = tick;
  }
  return next;
}
function metricSpec(asset) {
  const directions = { ...asset.metrics?.directions ?? {} };
  if (asset.metrics) directions[asset.metrics.primary] = asset.metrics.direction;
  if (asset.promote) directions[asset.promote.metric] = asset.promote.direction;
  return { primary: asset.metrics?.primary ?? asset.promote?.metric, directions };
}
function summarize(asset, assessment, read, now) {
  const { heads, failures, holders } = read;
  const newest = heads.at(-1);
  const lastFailure = failures.at(-1);
  const failedLast = lastFailure !== void 0 && (!newest || lastFailure.finishedAt > newest.finishedAt);
  let status = assessment?.status ?? (newest ? "stale" : "missing");
  let reasons = assessment?.reasons ?? [];
  if (failedLast) {
    status = "failed";
    const first = lastFailure.error.split("\n")[0] ?? "";
    reasons = [`last run failed: ${first}`, ...reasons.filter((r) => !r.startsWith("last run failed"))];
  }
  const spec = metricSpec(asset);
  const alias = asset.promote?.alias ?? "champion";
  const holder = holders.get(alias);
  const holderRecord = holder === void 0 ? void 0 : heads.find((r) => r.version === holder);
  const next = nextScheduledTick(asset, now);
  return {
    name: asset.name,
    description: asset.description,
    group: asset.group,
    status,
    reasons,
    versions: heads.length,
    failures: failures.length,
    latest: newest ? { version: newest.version, finishedAt: newest.finishedAt } : void 0,
    champion: holder === void 0 ? void 0 : {
      alias,
      version: holder,
      metric: spec.primary,
      value: spec.primary ? holderRecord?.metrics[spec.primary] : void 0
    },
    primary: spec.primary,
    nextTick: next?.toISOString(),
    automation: conditionText(asset.automation)
  };
}
function dataVersions(records) {
  const byData = /* @__PURE__ */ new Map();
  for (const r of records) if (!byData.has(r.dataVersion)) byData.set(r.dataVersion, r.version);
  return byData;
}
function depKind(project, name) {
  return project.assets.has(name) ? "asset" : project.sources.has(name) ? "source" : "unknown";
}
function upstreamLinks(provenance, project, index) {
  return Object.entries(provenance.deps).sort(([a], [b]) => a.localeCompare(b)).map(([name, dataVersion]) => ({
    name,
    kind: depKind(project, name),
    dataVersion,
    version: index.get(name)?.get(dataVersion)
  }));
}
function siteSeries(series) {
  if (series.length === 0) return void 0;
  const chart = seriesChart(series, SITE_SERIES_POINTS);
  if (!chart) return void 0;
  const { omitted, sourcePoints, ...drawn } = chart;
  return {
    ...drawn,
    values: chart.values.map((line) => line.map(siteValue)),
    ...omitted.length > 0 ? { omitted } : {},
    ...sourcePoints !== chart.steps.length ? { sourcePoints } : {}
  };
}
function siteValue(value) {
  return Number.isInteger(value) ? value : Number(value.toPrecision(SITE_SERIES_DIGITS));
}
function versionDetail(record2, ctx, series) {
  const p = record2.provenance;
  return {
    version: record2.version,
    logicalVersion: record2.logicalVersion,
    dataVersion: record2.dataVersion,
    startedAt: record2.startedAt,
    finishedAt: record2.finishedAt,
    durationMs: record2.durationMs,
    attempts: record2.attempts,
    run: runInfo(record2.context, ctx.repositoryUrl, false),
    reasons: record2.reasons,
    codeVersion: p.codeVersion,
    code: p.code,
    config: p.config,
    env: p.env,
    inputs: p.inputs,
    upstream: upstreamLinks(p, ctx.project, ctx.index),
    outputs: Object.entries(record2.outputs).sort(([a], [b]) => a.localeCompare(b)).map(([path3, o]) => ({ path: path3, blob: o.blob, size: o.size })),
    locations: record2.locations,
    metrics: record2.metrics,
    series: siteSeries(series),
    checks: record2.checks,
    promotion: record2.promotion
  };
}
function rowFacts(record2) {
  const failed = record2.checks.filter((c) => !c.passed);
  return {
    checks: {
      passed: record2.checks.length - failed.length,
      total: record2.checks.length,
      ...failed.length > 0 ? { failed: failed.map((c) => `${c.name}: ${c.message}`).join("\n") } : {}
    },
    durationMs: record2.durationMs
  };
}
function versionRow(head, facts, metrics) {
  const { context } = head;
  return {
    v: head.version,
    at: head.finishedAt,
    sha: context.gitSha,
    line: lineOf(context),
    metrics: metrics.map((m) => {
      const value = head.metrics[m];
      return value === void 0 ? null : value;
    }),
    checks: facts.checks,
    durationMs: facts.durationMs,
    runUrl: context.runUrl,
    event: context.event
  };
}
function versionTable(asset, read, key, facts, repositoryUrl) {
  const metrics = chartMetrics(read.heads, metricSpec(asset).primary, TABLE_METRICS);
  return {
    asset: key,
    repositoryUrl,
    metrics,
    aliases: Object.fromEntries(read.holders),
    rows: read.heads.map((h) => versionRow(h, facts.get(h.version), metrics))
  };
}
function failureDetail(failure, index, ctx) {
  return {
    asset: failure.asset,
    index,
    status: failure.status,
    error: failure.error,
    logTail: failure.logTail.slice(-SITE_LOG_LINES),
    logTruncated: Math.max(0, failure.logTail.length - SITE_LOG_LINES),
    startedAt: failure.startedAt,
    finishedAt: failure.finishedAt,
    durationMs: failure.durationMs,
    attempts: failure.attempts,
    run: runInfo(failure.context, ctx.repositoryUrl, true),
    reasons: failure.reasons,
    config: failure.provenance.config,
    metrics: failure.metrics,
    checks: failure.checks,
    upstream: upstreamLinks(failure.provenance, ctx.project, ctx.index)
  };
}
function assetMeta(asset, read, key, repositoryUrl) {
  return {
    asset: key,
    repositoryUrl,
    description: asset.description,
    metrics: metricSpec(asset),
    promoteAlias: asset.promote?.alias,
    versions: read.heads.map((r) => ({
      v: r.version,
      at: r.finishedAt,
      env: r.context.environment,
      branch: branchOf(r.context)
    })),
    aliases: Object.fromEntries(read.holders),
    failures: read.failures.length
  };
}
function chartMetrics(records, primary, limit = 12) {
  const names = /* @__PURE__ */ new Set();
  for (const r of records)
    for (const [name, value] of Object.entries(r.metrics)) if (Number.isFinite(value)) names.add(name);
  const sorted = [...names].sort();
  const ordered = primary && names.has(primary) ? [primary, ...sorted.filter((n) => n !== primary)] : sorted;
  return ordered.slice(0, limit);
}
function historyData(asset, read, key) {
  const spec = metricSpec(asset);
  const alias = asset.promote?.alias ?? "champion";
  const metrics = chartMetrics(read.heads, spec.primary);
  const lines = [];
  const lineIndex = /* @__PURE__ */ new Map();
  const line = read.heads.map((r) => {
    const name = lineOf(r.context);
    let i = lineIndex.get(name);
    if (i === void 0) {
      i = lines.push(name) - 1;
      lineIndex.set(name, i);
    }
    return i;
  });
  return {
    asset: key,
    versions: read.heads.map((r) => r.version),
    lines,
    line,
    metrics: metrics.map((name) => ({
      name,
      direction: spec.directions[name],
      // At the series' precision: a chart's hover shows four digits; the table has every value.
      values: read.heads.map((r) => {
        const value = r.metrics[name];
        return value !== void 0 && Number.isFinite(value) ? siteValue(value) : null;
      })
    })),
    championMoves: read.aliasEvents.filter((e) => e.alias === alias && e.to !== null).map((e) => e.to),
    alias
  };
}

// src/site/data-file.ts
function dataFile(key, value) {
  return `${DATA_CALLBACK}(${JSON.stringify(key)},${JSON.stringify(value)});
`;
}
function readDataFile(text, key) {
  const head = `${DATA_CALLBACK}(${JSON.stringify(key)},`;
  const tail = ");\n";
  if (!text.startsWith(head) || !text.endsWith(tail)) return void 0;
  try {
    return JSON.parse(text.slice(head.length, -tail.length));
  } catch {
    return void 0;
  }
}

// src/site/reuse.ts
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { copyFile, link, stat } from "node:fs/promises";
import path from "node:path";
var upstreamSchema = object({
  kind: _enum(["asset", "source", "unknown"]),
  /** Its versions up to `last`: links resolve to the first version with a data version. */
  count: number(),
  last: number()
});
var chunkSchema = object({
  key: string(),
  /** Dependencies the chunk's versions link to. */
  deps: array(string()),
  /** [dependency, data version] links that named no version then (they may resolve now). */
  unresolved: array(tuple([string(), string()]))
});
var buildSchema = object({
  format: literal(SITE_DATA_FORMAT),
  repositoryUrl: string().nullable(),
  upstream: record(string(), upstreamSchema),
  chunks: record(string(), chunkSchema)
});
var rowsSchema = object({
  rows: array(
    object({
      v: number(),
      checks: object({ passed: number(), total: number(), failed: string().optional() }),
      durationMs: number()
    })
  )
});
function readJson(file, parse) {
  try {
    return parse(readFileSync(file, "utf8"));
  } catch {
    return void 0;
  }
}
function previousAsset(siteDir, key, repositoryUrl) {
  const dir = path.join(siteDir, "data", key);
  const build = previousBuild(siteDir, key, repositoryUrl);
  if (!build) return void 0;
  const table = rowsSchema.safeParse(
    readJson(path.join(dir, "versions.js"), (text) => readDataFile(text, `${key}/versions`))
  );
  if (!table.success) return void 0;
  const facts = /* @__PURE__ */ new Map();
  for (const row of table.data.rows) facts.set(row.v, { checks: row.checks, durationMs: row.durationMs });
  return { dir, build, facts };
}
function previousBuild(siteDir, key, repositoryUrl) {
  const build = buildSchema.safeParse(readJson(path.join(siteDir, "data", key, "build.json"), JSON.parse));
  return build.success && build.data.repositoryUrl === (repositoryUrl ?? null) ? build.data : void 0;
}
function chunkKey(heads) {
  const hash = createHash("sha256");
  for (const h of heads)
    hash.update(`${h.version}\0${h.finishedAt}\0${h.logicalVersion}\0${h.dataVersion}
`);
  return hash.digest("hex");
}
function upstreamState(kind, versions) {
  return { kind, count: versions.length, last: versions.at(-1) ?? 0 };
}
function upstreamUnchanged(then, kind, versions) {
  if (then.kind !== kind) return false;
  let count = 0;
  for (const v of versions) if (v <= then.last) count++;
  return count === then.count;
}
function chunkBuild(key, links) {
  const deps = /* @__PURE__ */ new Set();
  const unresolved = /* @__PURE__ */ new Map();
  for (const link2 of links) {
    deps.add(link2.name);
    if (link2.version === void 0)
      unresolved.set(`${link2.name}\0${link2.dataVersion}`, [link2.name, link2.dataVersion]);
  }
  return { key, deps: [...deps].sort(), unresolved: [...unresolved.values()] };
}
async function keepFile(from, to) {
  try {
    await link(from, to);
  } catch {
    if (!await copyFile(from, to).then(
      () => true,
      () => false
    ))
      return void 0;
  }
  return (await stat(to)).size;
}

// src/site/version-chunks.ts
function byChunk(heads) {
  const chunks = /* @__PURE__ */ new Map();
  for (const head of heads) {
    const k = chunkOf(head.version);
    const list = chunks.get(k);
    if (list) list.push(head);
    else chunks.set(k, [head]);
  }
  return chunks;
}
function versionsToBuild(siteDir, key, repositoryUrl, heads) {
  const previous = siteDir ? previousBuild(siteDir, key, repositoryUrl) : void 0;
  if (!previous) return heads.length;
  let count = 0;
  for (const [k, chunk] of byChunk(heads))
    if (previous.chunks[String(k)]?.key !== chunkKey(chunk)) count += chunk.length;
  return count;
}
function linksHold(project, previous, k) {
  const chunk = previous.build.chunks[k];
  if (!chunk) return false;
  for (const dep of chunk.deps) {
    const then = previous.build.upstream[dep];
    const versions = project.versionsOf.get(dep) ?? [];
    if (!then || !upstreamUnchanged(then, depKind(project.names, dep), versions)) return false;
  }
  return chunk.unresolved.every(
    ([dep, dataVersion]) => project.index.get(dep)?.get(dataVersion) === void 0
  );
}
async function buildVersionChunks(job, ledger, project, site) {
  const { name, key } = job;
  const ctx = {
    project: project.names,
    index: project.index,
    repositoryUrl: site.repositoryUrl
  };
  const previous = site.previousSite ? previousAsset(site.previousSite, key, site.repositoryUrl) : void 0;
  const build = {
    format: SITE_DATA_FORMAT,
    repositoryUrl: site.repositoryUrl ?? null,
    upstream: {},
    chunks: {}
  };
  const result = {
    facts: [],
    unreadable: [],
    build,
    kept: 0,
    read: 0,
    files: 0,
    bytes: 0,
    problems: []
  };
  const writes = [];
  for (const [k, heads] of byChunk(job.heads)) {
    const file = path2.join(site.temp, "data", key, `c${k}.js`);
    const ckey = chunkKey(heads);
    const id = String(k);
    const size = previous && previous.build.chunks[id]?.key === ckey && heads.every((h) => previous.facts.has(h.version)) && linksHold(project, previous, id) ? await keepFile(path2.join(previous.dir, `c${k}.js`), file) : void 0;
    if (previous && size !== void 0) {
      result.files++;
      result.bytes += size;
      for (const h of heads) result.facts.push([h.version, previous.facts.get(h.version)]);
      build.chunks[id] = previous.build.chunks[id];
      result.kept++;
      continue;
    }
    const details = [];
    for (const head of heads) {
      const record2 = await ledger.materialization(name, head.version);
      if (!record2) {
        result.unreadable.push(head.version);
        continue;
      }
      result.facts.push([head.version, rowFacts(record2)]);
      details.push(versionDetail(record2, ctx, await ledger.series(record2)));
    }
    result.read++;
    if (details.length === 0) continue;
    const links = details.flatMap((d) => d.upstream);
    build.chunks[id] = chunkBuild(ckey, links);
    const chunk = { asset: key, chunk: k, versions: details };
    const text = dataFile(`${key}/c${k}`, chunk);
    result.files++;
    result.bytes += Buffer.byteLength(text);
    writes.push(writeFile(file, text));
  }
  for (const chunk of Object.values(build.chunks))
    for (const dep of chunk.deps)
      build.upstream[dep] ??= upstreamState(depKind(project.names, dep), project.versionsOf.get(dep) ?? []);
  await Promise.all(writes);
  return result;
}

export {
  TABLE_PAGE_ROWS,
  siteKey,
  commitLink,
  readAssetHistory,
  lineOf,
  summarize,
  dataVersions,
  versionTable,
  failureDetail,
  assetMeta,
  historyData,
  dataFile,
  versionsToBuild,
  buildVersionChunks
};
