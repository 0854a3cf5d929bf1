import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  SCHEDULED_TICK_INPUT
} from "./chunk-EERXAFT6.js";
import {
  LedgerWriteDenied
} from "./chunk-646SWM6C.js";
import {
  OVERRIDES_HINT,
  overridesFrom
} from "./chunk-YJUY5MZT.js";
import {
  tickEventOf
} from "./chunk-YCJ7GVD5.js";
import {
  RECORD_SCHEMA,
  eventPayload,
  headOf,
  openWorkspace,
  parseFailure,
  parseMaterialization,
  withRecordSchemas
} from "./chunk-OAUXH6FU.js";
import {
  openManifest,
  projectNameClash,
  startCheckoutReads
} from "./chunk-DQNGLDMZ.js";

// src/paths/temporary.ts
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
async function withTemporaryFolder(prefix, work, parent = os.tmpdir()) {
  const dir = await mkdtemp(path.join(parent, prefix));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// src/action/workspace.ts
import path3 from "node:path";

// src/action/run-records.ts
import { readdir, readFile, writeFile } from "node:fs/promises";
import path2 from "node:path";
var RECORDS_ARTIFACT_PREFIX = "kiln-records-";
var RunRecordsLedger = class {
  constructor(inner, onDenied) {
    this.inner = inner;
    this.onDenied = onDenied;
    this.description = inner.description;
  }
  inner;
  onDenied;
  description;
  extra = { materializations: [], failures: [] };
  kept = { materializations: [], failures: [] };
  denied;
  /** Why writes go to the run artifact instead of the ledger, once a push was refused. */
  get readOnly() {
    return this.denied;
  }
  /** Records this job kept because the ledger refused them. */
  pending() {
    return this.kept;
  }
  add(records) {
    this.extra.materializations.push(...records.materializations);
    this.extra.failures.push(...records.failures);
  }
  async attempt(write) {
    if (this.denied) return DENIED;
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof LedgerWriteDenied)) throw error;
      this.denied = error.message;
      this.onDenied(error.message);
      return DENIED;
    }
  }
  async materializations(asset) {
    const mine = this.extra.materializations.filter((r) => r.asset === asset);
    return [...await this.inner.materializations(asset), ...mine].sort((a, b) => a.version - b.version);
  }
  async heads(asset) {
    const mine = this.extra.materializations.filter((r) => r.asset === asset).map(headOf);
    if (mine.length === 0) return this.inner.heads(asset);
    return [...await this.inner.heads(asset), ...mine].sort((a, b) => a.version - b.version);
  }
  async materialization(asset, version) {
    const mine = this.extra.materializations.find((r) => r.asset === asset && r.version === version);
    return mine ?? this.inner.materialization(asset, version);
  }
  /** This run's records keep their series inline (they travel whole in the run artifact). */
  series(record) {
    return this.inner.series(record);
  }
  async failures(asset) {
    const mine = this.extra.failures.filter((r) => r.asset === asset);
    return [...await this.inner.failures(asset), ...mine].sort(
      (a, b) => a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0
    );
  }
  async recordMaterialization(record) {
    const written = await this.attempt(() => this.inner.recordMaterialization(record));
    if (written !== DENIED) return written;
    const versions = (await this.materializations(record.asset)).map((r) => r.version);
    const full = {
      schema: RECORD_SCHEMA,
      ...record,
      version: Math.max(0, ...versions) + 1
    };
    this.kept.materializations.push(full);
    this.extra.materializations.push(full);
    return full;
  }
  async recordFailure(record) {
    const written = await this.attempt(() => this.inner.recordFailure(record));
    if (written !== DENIED) return written;
    const full = { schema: RECORD_SCHEMA, ...record };
    this.kept.failures.push(full);
    this.extra.failures.push(full);
    return full;
  }
  aliasHistory(asset) {
    return this.inner.aliasHistory(asset);
  }
  aliasState(asset) {
    return this.inner.aliasState(asset);
  }
  /** Later locations are a convenience (a re-cached copy): refused ones are simply not noted. */
  async addLocations(asset, version, locations) {
    await this.attempt(() => this.inner.addLocations(asset, version, locations));
  }
  locations(asset, version) {
    return this.inner.locations(asset, version);
  }
  async moveAlias(event) {
    const moved = await this.attempt(() => this.inner.moveAlias(event));
    return moved === DENIED ? false : moved;
  }
  readCursor(scope) {
    return this.inner.readCursor(scope);
  }
  async updateCursor(changes) {
    await this.attempt(() => this.inner.updateCursor(changes));
  }
  problems() {
    return this.inner.problems();
  }
  async refresh() {
    await this.inner.refresh?.();
  }
};
var DENIED = /* @__PURE__ */ Symbol("denied");
async function loadRunRecords(ledger, warn) {
  return withTemporaryFolder("kiln-run-records-", (dir) => loadRunRecordsIn(dir, ledger, warn));
}
async function loadRunRecordsIn(dir, ledger, warn) {
  const { downloadRunArtifacts } = await import("./artifact-TVSVNP4U.js");
  const names = await downloadRunArtifacts(RECORDS_ARTIFACT_PREFIX, dir);
  let count = 0;
  for (const name of names) {
    for (const file of await readdir(path2.join(dir, name))) {
      let data;
      try {
        data = JSON.parse(await readFile(path2.join(dir, name, file), "utf8"));
      } catch (error) {
        warn(`artifact ${name}: ${file} is not JSON (${error.message}); ignored`);
        continue;
      }
      const records = { materializations: [], failures: [] };
      for (const raw of data.materializations ?? []) {
        const parsed = await withRecordSchemas(
          () => parseMaterialization(raw, { asset: raw?.asset, version: raw?.version })
        );
        if (parsed.ok) records.materializations.push(parsed.value);
        else warn(`artifact ${name}: a materialization record is invalid (${parsed.error}); ignored`);
      }
      for (const raw of data.failures ?? []) {
        const parsed = await parseFailure(raw, raw?.asset);
        if (parsed.ok) records.failures.push(parsed.value);
        else warn(`artifact ${name}: a failure record is invalid (${parsed.error}); ignored`);
      }
      ledger.add(records);
      count += records.materializations.length + records.failures.length;
    }
  }
  return count;
}
async function uploadRunRecords(ledger, label, attempt) {
  const pending = ledger.pending();
  if (pending.materializations.length + pending.failures.length === 0) return void 0;
  const name = `${RECORDS_ARTIFACT_PREFIX}${label}${attempt && attempt !== "1" ? `-attempt-${attempt}` : ""}`;
  await withTemporaryFolder("kiln-records-", async (dir) => {
    const file = path2.join(dir, "records.json");
    await writeFile(file, `${JSON.stringify(pending, null, 2)}
`);
    const { uploadFiles } = await import("./artifact-TVSVNP4U.js");
    await uploadFiles(name, [file], dir);
  });
  return name;
}

// src/action/workspace.ts
var ActionFailure = class extends Error {
  constructor(message) {
    super(message);
    this.name = "ActionFailure";
  }
};
async function actionWorkspace(io, inputs, tick) {
  const manifestPath = path3.resolve(io.cwd, inputs.manifest);
  const display = path3.relative(io.cwd, manifestPath) || inputs.manifest;
  const reads = startCheckoutReads(path3.dirname(manifestPath));
  const loaded = await openManifest(manifestPath, { displayName: display });
  const clash = loaded.ok ? (await projectNameClash({
    manifestPath,
    project: loaded.value.project,
    display,
    cwd: io.cwd,
    reads
  })).diagnostics : [];
  const diagnostics = loaded.ok ? [...loaded.value.warnings, ...clash] : loaded.error;
  for (const d of diagnostics) {
    const annotation = {
      file: d.location.file,
      startLine: d.location.range?.line,
      startColumn: d.location.range?.column,
      title: `kiln: ${d.reason}`
    };
    const message = d.hint ? `${d.message} (${d.hint})` : d.message;
    if (d.severity === "error") io.error(message, annotation);
    else io.warning(message, annotation);
  }
  if (!loaded.ok || clash.length > 0)
    throw new ActionFailure(
      `${display} has ${diagnostics.filter((d) => d.severity === "error").length} problem(s); see the annotations`
    );
  const opened = await openWorkspace({
    project: loaded.value.project,
    environment: inputs.environment,
    event: tick.event,
    ledger: io.env.KILN_LEDGER === "local" ? "local" : "auto",
    token: inputs.token || void 0,
    env: io.env,
    reads
  });
  if (!opened.ok) throw new ActionFailure(opened.hint ? `${opened.error} (${opened.hint})` : opened.error);
  if (tick.event !== "pull_request" || inputs.command === "plan" || io.env.KILN_LEDGER === "local")
    return opened.workspace;
  const ledger = new RunRecordsLedger(opened.workspace.ledger, (message) => {
    io.info(message);
    io.warning(
      `The ledger refused this pull request's token (read-only for pull requests from forks and Dependabot): this job's records travel as a ${RECORDS_ARTIFACT_PREFIX}* artifact of the run, which the report reads.`
    );
  });
  try {
    const read = await loadRunRecords(ledger, (message) => io.warning(message));
    if (read > 0) io.info(`read ${read} record(s) of this run from ${RECORDS_ARTIFACT_PREFIX}* artifacts`);
  } catch (error) {
    io.warning(
      `could not read this run's ${RECORDS_ARTIFACT_PREFIX}* artifacts (${error.message}); records of earlier jobs that the ledger refused are not seen`
    );
  }
  return { ...opened.workspace, ledger };
}
function actionOverrides(io, inputs, workspace) {
  const read = overridesFrom(workspace.project, workspace.environment, inputs.config);
  if (!read.ok)
    throw new ActionFailure(
      `input "config": ${read.errors.join("; ")} (${OVERRIDES_HINT.replace("--set ", "")})`
    );
  if (read.overrides.texts.length > 0)
    io.info(
      `experiment: config set for this run \u2014 ${read.overrides.texts.join(" ")}. Recorded and compared with the champion; never promoted.`
    );
  return read.overrides;
}

// src/action/tick.ts
var CLOCK_SKEW_MS = 5 * 6e4;
var UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z$/;
var PURPOSE = "Kiln's scheduled run on the default branch sets it when it dispatches its tick onto prod's branch; leave it empty when you run the workflow by hand";
function actionTick(env, override, options = {}) {
  const now = env.KILN_NOW ? new Date(env.KILN_NOW) : /* @__PURE__ */ new Date();
  if (Number.isNaN(now.getTime()))
    throw new ActionFailure(`KILN_NOW "${env.KILN_NOW}" is not an ISO 8601 time`);
  let carried;
  try {
    carried = override ? void 0 : carriedTick(env, now);
  } catch (error) {
    if (options.checked || !(error instanceof ActionFailure)) throw error;
  }
  if (carried) return { event: "schedule", now: carried, carried: true };
  return { event: tickEventOf(override ?? env.GITHUB_EVENT_NAME ?? "local"), now };
}
function carriedTick(env, clock) {
  if (env.GITHUB_EVENT_NAME !== "workflow_dispatch") return void 0;
  const inputs = eventPayload(env).inputs;
  if (inputs === null || typeof inputs !== "object") return void 0;
  const value = inputs[SCHEDULED_TICK_INPUT];
  if (value === void 0 || value === "") return void 0;
  const text = typeof value === "string" ? value : "";
  const time = new Date(text);
  if (!UTC_TIME.test(text) || Number.isNaN(time.getTime()) || time.toISOString().slice(0, 10) !== text.slice(0, 10)) {
    const shown = JSON.stringify(value) ?? String(value);
    throw new ActionFailure(
      `input "${SCHEDULED_TICK_INPUT}" of this dispatch is ${shown.length > 60 ? `${shown.slice(0, 57)}..."` : shown}, not a UTC time such as 2026-11-23T03:17:00.000Z. ${PURPOSE}`
    );
  }
  if (time.getTime() > clock.getTime() + CLOCK_SKEW_MS)
    throw new ActionFailure(
      `input "${SCHEDULED_TICK_INPUT}" of this dispatch is ${text}, later than this job's clock (${clock.toISOString()}): a tick cannot come from the future. ${PURPOSE}`
    );
  return time;
}

export {
  withTemporaryFolder,
  RunRecordsLedger,
  uploadRunRecords,
  ActionFailure,
  actionWorkspace,
  actionOverrides,
  actionTick
};
