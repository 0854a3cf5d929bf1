import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  seriesChart
} from "./chunk-Y3Y3PR6Y.js";
import {
  _enum,
  array,
  literal,
  number,
  object,
  record,
  string,
  tuple
} from "./chunk-XTEFASAO.js";
import {
  nextTick
} from "./chunk-YJUY5MZT.js";
import {
  aliasHolders,
  isExperiment,
  metricDirection,
  refAsset,
  replayAliases
} from "./chunk-OAUXH6FU.js";

// src/site/version-chunks.ts
import { writeFileSync } from "node:fs";
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
var SITE_DATA_FORMAT = 4;
var SITE_LOG_LINES = 200;
function siteKey(project, asset) {
  return `${project}/${asset}`;
}
function chunkOf(version) {
  return Math.floor((version - 1) / CHUNK_VERSIONS);
}
function previousOnLine(versions) {
  const last = /* @__PURE__ */ new Map();
  const lastPlain = /* @__PURE__ */ new Map();
  return versions.map((version) => {
    const line = `${version.env}
${version.branch ?? ""}`;
    const previous = version.experiment ? last.get(line) : lastPlain.get(line);
    last.set(line, version.v);
    if (!version.experiment) lastPlain.set(line, version.v);
    return previous;
  });
}
function notFiniteTitle(kind) {
  return `the step reported ${kind}: not a number, so not drawn on the charts`;
}
var DATA_CALLBACK = "kilnData";

// src/site/collect.ts
function siteHead(head) {
  const { version, finishedAt, logicalVersion, dataVersion, metrics, context } = head;
  return { version, finishedAt, logicalVersion, dataVersion, metrics, context };
}
async function readAssetHistory(ledger, asset, heads) {
  const [failures, history] = await Promise.all([ledger.failures(asset), ledger.aliasHistory(asset)]);
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
function runInfo(context, repositoryUrl, withCommitUrl) {
  return {
    event: context.event,
    environment: context.environment,
    branch: branchOf(context),
    gitSha: context.gitSha,
    commitUrl: withCommitUrl ? commitLink(context.gitSha, context.runUrl, repositoryUrl) : void 0,
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
  const metrics = asset.metrics;
  const directions = {};
  for (const name of metrics ? [metrics.primary, ...Object.keys(metrics.directions)] : []) {
    const direction = metrics && metricDirection(metrics, name);
    if (direction) directions[name] = direction;
  }
  if (asset.promote) directions[asset.promote.metric] = asset.promote.direction;
  return { primary: asset.metrics?.primary ?? asset.promote?.metric, directions };
}
function summarize(asset, assessment, read, now) {
  const { heads, failures, holders } = read;
  const newest = heads.at(-1);
  const lastFailure = assessment?.lastFailure;
  const current = assessment?.current;
  const failedLast = lastFailure !== void 0 && (!current || lastFailure.finishedAt > current.finishedAt);
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
function depKind(project, name) {
  const asset = refAsset(name);
  return project.assets.has(asset) ? "asset" : project.sources.has(asset) ? "source" : "unknown";
}
function upstreamLinks(provenance, project, index) {
  return Object.entries(provenance.deps).sort(([a], [b]) => a.localeCompare(b)).map(([name, dataVersion]) => ({
    name,
    kind: depKind(project, name),
    dataVersion,
    version: index.get(name)?.get(dataVersion)
  }));
}
function siteSeriesJson(series) {
  if (series.length === 0) return void 0;
  const chart = seriesChart(series, SITE_SERIES_POINTS);
  if (!chart) return void 0;
  const { names, steps, values, omitted, sourcePoints } = chart;
  let text = `{"names":${JSON.stringify(names)},"steps":${JSON.stringify(steps)},"values":[`;
  for (let l = 0; l < values.length; l++) {
    const line = values[l];
    text += l === 0 ? "[" : ",[";
    for (let i = 0; i < line.length; i++)
      text += i === 0 ? siteNumberJson(line[i]) : `,${siteNumberJson(line[i])}`;
    text += "]";
  }
  text += "]";
  if (omitted.length > 0) text += `,"omitted":${JSON.stringify(omitted)}`;
  if (sourcePoints !== steps.length) text += `,"sourcePoints":${sourcePoints}`;
  return `${text}}`;
}
function siteValue(value) {
  return Number.isInteger(value) ? value : Number(value.toPrecision(SITE_SERIES_DIGITS));
}
function siteNumberJson(value) {
  if (Number.isInteger(value)) return String(value);
  const fixed = value.toPrecision(SITE_SERIES_DIGITS);
  if (fixed.includes("e")) return String(Number(fixed));
  let end = fixed.length;
  while (fixed.charCodeAt(end - 1) === 48) end--;
  if (fixed.charCodeAt(end - 1) === 46) end--;
  return fixed.slice(0, end);
}
function versionDetail(record2, ctx) {
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
    ...hasNotFinite(record2.notFinite) ? { notFinite: record2.notFinite } : {},
    checks: record2.checks,
    promotion: record2.promotion
  };
}
function hasNotFinite(notFinite) {
  return notFinite !== void 0 && Object.keys(notFinite).length > 0;
}
function rowFacts(record2) {
  const failed = record2.checks.filter((c) => !c.passed);
  return {
    checks: {
      passed: record2.checks.length - failed.length,
      total: record2.checks.length,
      ...failed.length > 0 ? { failed: failed.map((c) => `${c.name}: ${c.message}`).join("\n") } : {}
    },
    durationMs: record2.durationMs,
    ...hasNotFinite(record2.notFinite) ? { notFinite: record2.notFinite } : {}
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
    ...facts.notFinite ? { notFinite: facts.notFinite } : {},
    checks: facts.checks,
    durationMs: facts.durationMs,
    runUrl: context.runUrl,
    event: context.event
  };
}
function versionTable(asset, read, key, facts, repositoryUrl) {
  const metrics = chartMetrics(read.heads, metricSpec(asset).primary, TABLE_METRICS, [...facts.values()]);
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
function metaVersion(head) {
  return {
    v: head.version,
    at: head.finishedAt,
    env: head.context.environment,
    branch: branchOf(head.context),
    ...isExperiment(head) ? { experiment: true } : {}
  };
}
function assetMeta(asset, read, key, repositoryUrl) {
  return {
    asset: key,
    repositoryUrl,
    description: asset.description,
    metrics: metricSpec(asset),
    promoteAlias: asset.promote?.alias,
    versions: read.heads.map(metaVersion),
    aliases: Object.fromEntries(read.holders),
    moves: read.aliasEvents.flatMap(
      (e) => e.to === null ? [] : [
        {
          alias: e.alias,
          from: e.from,
          to: e.to,
          at: e.at,
          by: e.by,
          reason: e.reason,
          kind: e.kind,
          run: e.run
        }
      ]
    ),
    failures: read.failures.length
  };
}
function chartMetrics(records, primary, limit = 12, notFinite = []) {
  const names = /* @__PURE__ */ new Set();
  for (const r of records)
    for (const [name, value] of Object.entries(r.metrics)) if (Number.isFinite(value)) names.add(name);
  for (const facts of notFinite) for (const name of Object.keys(facts.notFinite ?? {})) names.add(name);
  const sorted = [...names].sort();
  const ordered = primary && names.has(primary) ? [primary, ...sorted.filter((n) => n !== primary)] : sorted;
  return ordered.slice(0, limit);
}
function historyData(asset, read, key, rows = []) {
  const spec = metricSpec(asset);
  const alias = asset.promote?.alias ?? "champion";
  const metrics = chartMetrics(read.heads, spec.primary, void 0, rows);
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
  return dataFileOf(key, JSON.stringify(value));
}
function dataFileOf(key, json) {
  return `${DATA_CALLBACK}(${JSON.stringify(key)},${json});
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
      durationMs: number(),
      notFinite: record(string(), _enum(["NaN", "Infinity", "-Infinity"])).optional()
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
  for (const row of table.data.rows)
    facts.set(row.v, {
      checks: row.checks,
      durationMs: row.durationMs,
      ...row.notFinite ? { notFinite: row.notFinite } : {}
    });
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
async function linksHold(project, previous, k) {
  const chunk = previous.build.chunks[k];
  if (!chunk) return false;
  await project.index.known([...chunk.deps, ...chunk.unresolved.map(([dep]) => dep)]);
  for (const dep of chunk.deps) {
    const then = previous.build.upstream[dep];
    const versions = project.index.versionsOf(dep);
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
  for (const [k, heads] of byChunk(job.heads)) {
    const file = path2.join(site.temp, "data", key, `c${k}.js`);
    const ckey = chunkKey(heads);
    const id = String(k);
    const size = previous && previous.build.chunks[id]?.key === ckey && heads.every((h) => previous.facts.has(h.version)) && await linksHold(project, previous, id) ? await keepFile(path2.join(previous.dir, `c${k}.js`), file) : void 0;
    if (previous && size !== void 0) {
      result.files++;
      result.bytes += size;
      for (const h of heads) result.facts.push([h.version, previous.facts.get(h.version)]);
      build.chunks[id] = previous.build.chunks[id];
      result.kept++;
      continue;
    }
    const records = [];
    for (const head of heads) {
      const record2 = await ledger.materialization(name, head.version);
      if (record2) records.push(record2);
      else result.unreadable.push(head.version);
    }
    await project.index.known(new Set(records.flatMap((r) => Object.keys(r.provenance.deps))));
    const versions = [];
    const links = [];
    for (const record2 of records) {
      result.facts.push([record2.version, rowFacts(record2)]);
      const detail = versionDetail(record2, ctx);
      links.push(...detail.upstream);
      const json = JSON.stringify(detail);
      const series = siteSeriesJson(await ledger.series(record2));
      versions.push(series === void 0 ? json : `${json.slice(0, -1)},"series":${series}}`);
    }
    result.read++;
    if (versions.length === 0) continue;
    build.chunks[id] = chunkBuild(ckey, links);
    const text = dataFileOf(
      `${key}/c${k}`,
      `{"asset":${JSON.stringify(key)},"chunk":${k},"versions":[${versions.join(",")}]}`
    );
    result.files++;
    result.bytes += Buffer.byteLength(text);
    writeFileSync(file, text);
  }
  for (const chunk of Object.values(build.chunks))
    for (const dep of chunk.deps)
      build.upstream[dep] ??= upstreamState(depKind(project.names, dep), project.index.versionsOf(dep));
  return result;
}

// src/site/upstream-index.ts
function upstreamPart(name, heads) {
  const first = /* @__PURE__ */ new Map();
  for (const h of heads) if (!first.has(h.dataVersion)) first.set(h.dataVersion, h.version);
  return { name, dataVersions: [...first], versions: heads.map((h) => h.version) };
}
var UpstreamIndex = class {
  constructor(names, parts = []) {
    this.names = names;
    for (const part of parts) this.add(part);
  }
  names;
  byData = /* @__PURE__ */ new Map();
  versions = /* @__PURE__ */ new Map();
  parts = [];
  waiting = /* @__PURE__ */ new Map();
  add(part) {
    if (this.versions.has(part.name)) throw new Error(`the site's index holds ${part.name} already`);
    this.byData.set(part.name, new Map(part.dataVersions));
    this.versions.set(part.name, part.versions);
    this.parts.push(part);
    const waiters = this.waiting.get(part.name);
    this.waiting.delete(part.name);
    for (const resolve of waiters ?? []) resolve();
  }
  /** The parts added so far, in order: what a worker thread started now is given. */
  added() {
    return this.parts;
  }
  /** Resolves once every asset among `names` has its part in. */
  async known(refs) {
    for (const name of new Set([...refs].map(refAsset))) {
      if (this.versions.has(name) || !this.names.assets.has(name)) continue;
      await new Promise((resolve) => {
        const list = this.waiting.get(name);
        if (list) list.push(resolve);
        else this.waiting.set(name, [resolve]);
      });
    }
  }
  /** data version → its first version, for a known asset (undefined for any other name). */
  get(ref) {
    return this.byData.get(refAsset(ref));
  }
  /** A known asset's versions, ascending (none for any other name). */
  versionsOf(ref) {
    return this.versions.get(refAsset(ref)) ?? [];
  }
};

export {
  TABLE_PAGE_ROWS,
  siteKey,
  previousOnLine,
  notFiniteTitle,
  commitLink,
  siteHead,
  readAssetHistory,
  lineOf,
  summarize,
  versionTable,
  failureDetail,
  metaVersion,
  assetMeta,
  historyData,
  dataFile,
  versionsToBuild,
  buildVersionChunks,
  upstreamPart,
  UpstreamIndex
};
