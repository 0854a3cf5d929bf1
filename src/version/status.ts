// Fresh, stale or missing, and why. An asset is fresh when a successful materialization with the
// current logical version exists; otherwise every difference between what it was built from and
// what it would be built from now is a stale cause, in words a person can act on.
import path from "node:path";
import type { AssetSpec, Project } from "../manifest/project.js";
import { applyOverrides, overridesRecord, type RunOverrides } from "../manifest/overrides.js";
import {
  declaredSecrets,
  dependencyRef,
  PROD,
  refAsset,
  resolveConfig,
  resolveEnv,
} from "../manifest/project.js";
import { dependencyRecord } from "./dependency-record.js";
import {
  type FailureRecord,
  isExperiment,
  type MaterializationRecord,
  type Provenance,
  type VersionHead,
} from "../domain/records.js";
import { type HeadLog, headLogOf } from "../ledger/heads.js";
import type { Ledger } from "../ledger/ledger.js";
import type { AssetGraph } from "../graph/graph.js";
import type { CheckoutFiles } from "../git/repo.js";
import { buildGraph } from "../graph/graph.js";
import { normalizeOutputPath } from "../paths/containment.js";
import {
  type FileIndex,
  type Fingerprint,
  fingerprint,
  fingerprintKnown,
  outputFilter,
  type ProjectFiles,
  projectFiles,
} from "./fingerprint.js";
import { flatten } from "./flatten.js";
import { failureFilter, type Lineage, lineageFilter } from "./lineage.js";
import { type Observed, ObserveError, observeSource } from "./sources.js";
import { sha256 } from "../domain/hash.js";
import { canonicalJson, codeVersion, logicalVersion, sourceDataVersion } from "./versions.js";
import { type MemoAsset, VersionsMemo } from "./versions-memo.js";

export type AssetStatus = "fresh" | "stale" | "missing";

export interface StaleCause {
  kind:
    | "never-materialized"
    | "code-changed"
    | "code-version-changed"
    | "run-changed"
    | "config-changed"
    | "env-changed"
    | "input-changed"
    | "input-added"
    | "input-removed"
    | "dependency-updated"
    | "dependency-added"
    | "dependency-removed"
    | "dependency-stale"
    | "source-unavailable"
    | "last-run-failed"
    | "config-set-at-run-time"
    | "outputs-lost"
    | "outputs-changed"
    | "built-elsewhere";
  text: string;
}

export interface AssetAssessment {
  name: string;
  status: AssetStatus;
  /** The causes' texts, for people and the JSON contract. */
  reasons: string[];
  causes: StaleCause[];
  /** Undefined while a dependency is stale or missing. */
  logicalVersion?: string | undefined;
  provenance?: Provenance | undefined;
  /**
   * The provenance but its dependencies (code, config, env, inputs): known even while a
   * dependency's data version is not, so a failure decided before the step can still be recorded.
   */
  base: Omit<Provenance, "deps">;
  /**
   * The version the asset is at: the fresh one, else the newest of this checkout's lineage. Read
   * from the heads log (what status shows and compares), never from the whole record.
   */
  current?: CurrentVersion | undefined;
  /** The whole record of `current`, handed out only when asked for (AssessOptions.latestRecords). */
  latest?: MaterializationRecord | undefined;
  lastFailure?: FailureRecord | undefined;
  /** The asset's since-point: its newest materialization or failure (see lastHandled). */
  lastHandled?: LastHandled | undefined;
  /**
   * Fresh at a version of this environment newer than any its line of history holds (a merged pull
   * request's, found by its logical version): a run records that the line took it up at this
   * commit (LineAdoption), so it stays the line's version when the next change comes.
   */
  adopted?: true | undefined;
  /** The newest attempt at the current logical version failed (see failedAtVersion). */
  failedAtVersion?: FailedAtVersion | undefined;
  /** The code version differs from the one the asset last handled. */
  codeChanged: boolean;
  /** Dependencies whose data version differs from the one the asset last handled. */
  depsUpdated: string[];
  /** Patterns under `inputs`/`code` that matched no file. */
  unmatched: string[];
  /** Alias dependencies whose alias names no version yet (`model` of `model@champion`). */
  unavailable: string[];
  /**
   * Its code or input files, or the manifest, differ from the commit checked out: a version built
   * now is recorded with that commit and `dirty: true`, since the commit alone cannot rebuild it.
   */
  dirty?: boolean | undefined;
}

/** A version's head with its asset: enough to show it, compare it and ask a store for its bytes. */
export type CurrentVersion = VersionHead & { asset: string };

export interface SourceAssessment {
  name: string;
  /** Undefined when the source is unavailable. */
  dataVersion?: string | undefined;
  /** What `observe` printed, secrets masked. */
  observed?: string | undefined;
  /** Why `observe` failed (with the command's last stderr lines): its dependants wait. */
  unavailable?: string | undefined;
}

/** What versions a materialization: see ProjectAssessment.versionAt. */
export interface VersionAt {
  logicalVersion: string;
  provenance: Provenance;
  base: Omit<Provenance, "deps">;
  /** Built from uncommitted changes. */
  dirty?: boolean | undefined;
}

export interface ProjectAssessment {
  graph: AssetGraph;
  assets: Map<string, AssetAssessment>;
  sources: Map<string, SourceAssessment>;
  /** Current data version of every source and of every fresh asset. */
  dataVersions: Map<string, string>;
  /**
   * Assesses one asset again with the given dependency data versions (early cutoff), by
   * dependency name; for an alias dependency, the data version of the record the alias names now.
   * A fresh asset comes with its whole record as `latest`: the executor reuses it (early cutoff).
   */
  reassess(asset: string, dependencyDataVersions: Record<string, string>): Promise<AssetAssessment>;
  /**
   * The version an asset runs at, given its dependencies' data versions (by dependency name, as for
   * reassess), without judging whether it is fresh: all a run needs of an asset it runs anyway (a
   * request: `--force`, a selection, a cron tick).
   */
  versionAt(asset: string, dependencyDataVersions: Record<string, string>): VersionAt;
  /**
   * The whole record of an asset's current version (what `latest` holds when latestRecords), read
   * once and only when asked: a run reads the records of the assets it works on, not of every
   * fresh one.
   */
  currentRecord(asset: string): Promise<MaterializationRecord | undefined>;
}

export interface AssessOptions {
  project: Project;
  ledger: Ledger;
  environment: string;
  /** Process environment for `observe` commands. */
  env?: NodeJS.ProcessEnv;
  /**
   * Whether some store can still give a record's bytes (the store chain's lookup). A fresh asset
   * whose bytes are gone everywhere is stale, "outputs lost", so it is rebuilt rather than failing
   * its dependants. Absent: bytes are assumed to be there.
   */
  outputsAvailable?:
    | ((
        version: Pick<MaterializationRecord, "asset" | "version" | "dataVersion" | "outputs" | "locations">,
      ) => Promise<boolean>)
    | undefined;
  /**
   * The records this checkout continues (src/version/lineage.ts): stale causes and the current
   * version come from them. Without it, every record of the environment counts.
   */
  lineage?: Lineage | undefined;
  /**
   * Run config set at run time: an experiment. Overridden assets get a logical version of their
   * own, and records of earlier experiments may match it; without overrides, experiment records
   * are invisible (never fresh, never the latest, never a stale cause's baseline).
   */
  overrides?: RunOverrides | undefined;
  /**
   * Hand out the whole record of each asset's current version as `latest` (default: no; callers
   * ask currentRecord() for the assets they work on). Either way each asset's current record is
   * checked intact, and its whole history never read (heads answer the rest). A reassessment (early
   * cutoff, an asset about to run) always reads it.
   */
  latestRecords?: boolean | undefined;
  /** The repository's top level, when the caller knows it; `null` outside git (see indexProjectFiles). */
  gitRoot?: string | null | undefined;
  /** Its file lists, when the command read them early (see indexProjectFiles). */
  files?: Promise<CheckoutFiles | undefined> | undefined;
}

function diffMaps(before: Record<string, string>, after: Record<string, string>) {
  const changed: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  for (const [key, value] of Object.entries(after)) {
    if (!(key in before)) added.push(key);
    else if (before[key] !== value) changed.push(key);
  }
  for (const key of Object.keys(before)) if (!(key in after)) removed.push(key);
  return { changed, added, removed };
}

/** Every difference between two provenances, as causes. `deps` may be partial (unknown upstream). */
export function staleCauses(
  before: Provenance,
  after: Omit<Provenance, "deps"> & { deps: Record<string, string | undefined> },
): StaleCause[] {
  const causes: StaleCause[] = [];
  if (after.overrides) {
    const set = Object.entries(after.overrides).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    causes.push({
      kind: "config-set-at-run-time",
      text: `experiment: config set for this run (${set.join(", ")})`,
    });
  }
  if (before.codeVersion !== after.codeVersion) {
    if (before.codeVersion.startsWith("declared:") || after.codeVersion.startsWith("declared:")) {
      const show = (v: string) => (v.startsWith("declared:") ? v.slice("declared:".length) : "from files");
      causes.push({
        kind: "code-version-changed",
        text: `code version changed (${show(before.codeVersion)} → ${show(after.codeVersion)})`,
      });
    } else {
      const code = diffMaps(before.code, after.code);
      for (const file of [...code.changed, ...code.added, ...code.removed])
        causes.push({ kind: "code-changed", text: `code changed (${file})` });
      if (before.runHash !== after.runHash) causes.push({ kind: "run-changed", text: "run command changed" });
    }
  }
  const beforeConfig = flatten(before.config);
  const afterConfig = flatten(after.config);
  const config = diffMaps(beforeConfig, afterConfig);
  for (const key of config.changed)
    causes.push({
      kind: "config-changed",
      text: `config changed (${key} ${beforeConfig[key]} → ${afterConfig[key]})`,
    });
  for (const key of config.added)
    causes.push({ kind: "config-changed", text: `config changed (${key} added: ${afterConfig[key]})` });
  for (const key of config.removed)
    causes.push({ kind: "config-changed", text: `config changed (${key} removed)` });
  const env = diffMaps(before.env, after.env);
  for (const name of [...env.changed, ...env.added, ...env.removed])
    causes.push({ kind: "env-changed", text: `env changed (${name})` });
  const inputs = diffMaps(before.inputs, after.inputs);
  for (const file of inputs.changed) causes.push({ kind: "input-changed", text: `input changed (${file})` });
  for (const file of inputs.added) causes.push({ kind: "input-added", text: `input added (${file})` });
  for (const file of inputs.removed) causes.push({ kind: "input-removed", text: `input removed (${file})` });
  for (const [dep, version] of Object.entries(after.deps)) {
    if (!(dep in before.deps)) causes.push({ kind: "dependency-added", text: `dependency added: ${dep}` });
    else if (version !== undefined && before.deps[dep] !== version) {
      causes.push({ kind: "dependency-updated", text: `dependency ${dep} has a new data version` });
    }
  }
  for (const dep of Object.keys(before.deps))
    if (!(dep in after.deps)) causes.push({ kind: "dependency-removed", text: `dependency removed: ${dep}` });
  const beforeOutputs = new Set(before.outputs ?? []);
  const afterOutputs = new Set(after.outputs ?? []);
  for (const output of afterOutputs)
    if (!beforeOutputs.has(output))
      causes.push({ kind: "outputs-changed", text: `outputs changed (${output} added)` });
  for (const output of beforeOutputs)
    if (!afterOutputs.has(output))
      causes.push({ kind: "outputs-changed", text: `outputs changed (${output} removed)` });
  return causes;
}

/** The declared outputs as provenance records them; absent when there are none. */
function declaredOutputs(asset: AssetSpec): string[] | undefined {
  const outputs = [...new Set(asset.outputs.map(normalizeOutputPath))].sort();
  return outputs.length > 0 ? outputs : undefined;
}

/**
 * Records written before Kiln versioned the declared outputs have none in their provenance. Such a
 * record reads as declaring the asset's current outputs when the files it recorded are exactly
 * theirs (upgrading Kiln rebuilds nothing), else as declaring the files it recorded (so the change
 * is named). Only a record whose version its provenance reproduces is re-hashed.
 */
function withDeclaredOutputs(
  record: MaterializationRecord,
  declared: string[] | undefined,
): MaterializationRecord {
  if (record.provenance.outputs !== undefined) return record;
  // Hand-made records (tests, tools) may lack outputs altogether.
  const files = Object.keys(record.outputs ?? {});
  if (files.length === 0 || logicalVersion(record.provenance) !== record.logicalVersion) return record;
  const isDeclared = outputFilter(declared ?? []);
  const same =
    declared !== undefined &&
    files.every(isDeclared) &&
    declared.every((output) => files.some((file) => outputFilter([output])(file)));
  const provenance = { ...record.provenance, outputs: same ? declared : files.sort() };
  return { ...record, provenance, logicalVersion: logicalVersion(provenance) };
}

/** Plain env values as recorded; secrets by name only, never their value. */
function versionedEnv(project: Project, asset: AssetSpec, environment: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(resolveEnv(project, asset, environment))) {
    env[name] = typeof value === "object" ? `secret:${value.secret}` : String(value);
  }
  return env;
}

interface Prepared {
  /**
   * The provenance but its dependencies. From a memo (see versions-memo.ts) it is worked out only
   * when something asks: a stale asset's causes, a logical version for new dependency versions, a
   * run's record.
   */
  base: () => Omit<Provenance, "deps">;
  codeVersion: string;
  /** The logical version with these dependency data versions (remembered, or worked out and noted). */
  logicalVersion: (deps: Record<string, string>) => string;
  /** The heads of the successful materializations that may match, read newest first. */
  records: AssetHeads;
  /**
   * The newest of them on this checkout's lineage (same environment, same line of history) built
   * from the manifest's own config (never an experiment's) whose record can be read.
   */
  latest?: VersionHead | undefined;
  lastFailure?: FailureRecord | undefined;
  /** Every failed or cancelled attempt, ascending by start time. */
  failures: FailureRecord[];
  unmatched: string[];
  dirty: boolean;
}

/** Everything to fingerprint an asset with: the files, and what a memo of them knows. */
interface FileFacts {
  files: ProjectFiles;
  memo: VersionsMemo | undefined;
  /** Every asset's declared outputs: never code (`code: ["**"]` would change with every run). */
  outputs: (file: string) => boolean;
}

async function prepare(
  project: Project,
  asset: AssetSpec,
  environment: string,
  facts: FileFacts,
  ledger: Ledger,
  overrides: RunOverrides | undefined,
  load: RecordLoader,
): Promise<Prepared> {
  const { memo, outputs } = facts;
  const remembered = memo?.found?.get(asset.name);
  const [fingerprints, log, failures] = await Promise.all([
    remembered ? undefined : fingerprintAsset(asset, facts.files.index(), outputs),
    headLogOf(ledger, asset.name),
    ledger.failures(asset.name),
  ]);
  const own = overrides?.byAsset.get(asset.name);
  let base: Omit<Provenance, "deps"> | undefined;
  let entry: MemoAsset;
  if (fingerprints) {
    const { code, inputs } = fingerprints;
    base = baseOf(project, asset, environment, own, code.files, inputs.files);
    const index = facts.files.index();
    const files = [...Object.keys(code.files), ...Object.keys(inputs.files)];
    entry = {
      codeVersion: base.codeVersion,
      unmatched: [...code.unmatched, ...inputs.unmatched],
      // The manifest holds the config and the run command: an uncommitted edit there counts too.
      dirty:
        index.anyUncommitted &&
        [path.basename(project.manifestPath), ...files].some((file) => index.uncommitted(file)),
    };
    if (memo) {
      if (index.anyHashed)
        for (const file of files)
          if (index.hashed(file)) memo.noteHashed(file, code.files[file] ?? inputs.files[file]!);
      memo.set(asset.name, entry);
    }
  } else entry = remembered!;
  const baseNow = () => {
    if (!base) {
      // A memo's entry: the same files, their uncommitted ones' blob ids checked when it was read.
      // An asset whose version names no file (a declared code version or no code, no inputs) does
      // not list the index: `git ls-files -s`, a process forked from Kiln's whole heap, delayed a
      // forced run's first step.
      const known = (file: string) => memo!.hashed(file);
      const files = (patterns: readonly string[], exclude?: (file: string) => boolean) =>
        patterns.length === 0
          ? none().files
          : fingerprintKnown(facts.files.index(), patterns, known, { exclude }).files;
      base = baseOf(
        project,
        asset,
        environment,
        own,
        asset.codeVersion === undefined ? files(asset.code, outputs) : none().files,
        files(asset.inputs),
      );
    }
    return base;
  };
  return {
    base: baseNow,
    codeVersion: entry.codeVersion,
    logicalVersion: (deps) => {
      const depsKey = canonicalJson(deps);
      if (entry.deps === depsKey && entry.logicalVersion !== undefined) return entry.logicalVersion;
      const lv = logicalVersion({ ...baseNow(), deps });
      entry = { ...entry, deps: depsKey, logicalVersion: lv };
      memo?.set(asset.name, entry);
      return lv;
    },
    // Outside an experiment, an experiment's records do not exist for freshness.
    records: new AssetHeads(asset.name, log, load, overrides !== undefined && overrides.texts.length > 0),
    // Chosen once every asset's records are read (`chooseLineage`), in one batch.
    latest: undefined,
    lastFailure: failures.at(-1),
    failures,
    unmatched: entry.unmatched,
    dirty: entry.dirty,
  };
}

const none = (): Fingerprint => ({ files: {}, unmatched: [] });

async function fingerprintAsset(
  asset: AssetSpec,
  index: FileIndex,
  outputs: (file: string) => boolean,
): Promise<{ code: Fingerprint; inputs: Fingerprint }> {
  const [code, inputs] = await Promise.all([
    asset.codeVersion === undefined ? fingerprint(index, asset.code, { exclude: outputs }) : none(),
    fingerprint(index, asset.inputs),
  ]);
  return { code, inputs };
}

/** The provenance but its dependencies: what the asset is built from besides upstream data. */
function baseOf(
  project: Project,
  asset: AssetSpec,
  environment: string,
  own: ReturnType<RunOverrides["byAsset"]["get"]>,
  code: Record<string, string>,
  inputs: Record<string, string>,
): Omit<Provenance, "deps"> {
  const runHash = sha256(asset.run);
  return {
    codeVersion: codeVersion({ declared: asset.codeVersion, runHash, code }),
    code,
    runHash,
    config: applyOverrides(resolveConfig(project, asset, environment), own),
    env: versionedEnv(project, asset, environment),
    inputs,
    ...(own ? { overrides: overridesRecord(own) } : {}),
    outputs: declaredOutputs(asset),
  };
}

/**
 * Reads records on demand, each once: planning reads heads, and checks one record per asset. A
 * record whose whole is not needed (a fresh asset's, for status) is only checked to be intact,
 * which the ledger may answer without parsing it again (see Ledger.recordIntact).
 */
interface RecordLoader {
  (asset: string, version: number): Promise<MaterializationRecord | undefined>;
  intact(asset: string, version: number): Promise<boolean>;
  /** What `intact` answered for the record, once it has; undefined before. */
  intactNow(asset: string, version: number): boolean | undefined;
}

function recordLoader(ledger: Ledger, project: Project): RecordLoader {
  const loaded = new Map<string, Promise<MaterializationRecord | undefined>>();
  const checked = new Map<string, Promise<boolean>>();
  const load = (asset: string, version: number) => {
    const key = `${asset}\0${version}`;
    let record = loaded.get(key);
    if (!record) {
      const spec = project.assets.get(asset);
      const declared = spec ? declaredOutputs(spec) : undefined;
      record = ledger
        .materialization(asset, version)
        .then((r) => (r && spec ? withDeclaredOutputs(r, declared) : r));
      loaded.set(key, record);
    }
    return record;
  };
  const intact = (asset: string, version: number) => {
    const key = `${asset}\0${version}`;
    const record = loaded.get(key);
    if (record) return record.then((r) => r !== undefined);
    let known = checked.get(key);
    if (!known) {
      known = (
        ledger.recordIntact
          ? ledger.recordIntact(asset, version)
          : load(asset, version).then((r) => r !== undefined)
      ).then((answer) => {
        answered.set(key, answer);
        return answer;
      });
      checked.set(key, known);
    }
    return known;
  };
  const answered = new Map<string, boolean>();
  // As intact() answers: a record read whole answers for itself (through its promise).
  const intactNow = (asset: string, version: number) => {
    const key = `${asset}\0${version}`;
    return loaded.has(key) ? undefined : answered.get(key);
  };
  return Object.assign(load, { intact, intactNow });
}

interface TakeOptions {
  lv?: string | undefined;
  accept?: ((head: VersionHead) => boolean) | undefined;
}

/** Heads taken from an asset's log (see AssetHeads.take). */
interface Taken {
  heads: VersionHead[];
  next: number;
}

/**
 * An asset's heads as status judges them, newest first, each read when the search reaches it
 * (see HeadLog): an asset is judged by its newest head or two, whatever its history. A head of a
 * record from before declared outputs were versioned takes the logical version its record reads
 * as (withDeclaredOutputs, through the loader); outside an experiment, an experiment's heads are
 * not there.
 */
class AssetHeads {
  private readonly judged = new Map<number, Promise<VersionHead | undefined>>();

  constructor(
    private readonly asset: string,
    private readonly log: HeadLog,
    private readonly load: RecordLoader,
    private readonly experiments: boolean,
  ) {}

  /**
   * Up to `count` heads `accept` takes, newest first, from the version at index `from` of the log
   * down (the log's newest: `versions.length - 1`); with `lv`, only the heads that may have that
   * logical version are read. `next` is where the following call goes on (-1: none left). A head
   * known without reading (see HeadLog.headNow) is taken without a promise: a status of thousands
   * of assets asks for one or two each.
   */
  async take(from: number, count: number, options: TakeOptions = {}): Promise<Taken> {
    const taken: Taken = { heads: [], next: from };
    // As far as the known heads go, then one read, and on.
    while (this.takeKnown(taken, count, options)) {
      const version = this.log.versions[taken.next]!;
      const head = await this.head(version);
      if (head && (!options.accept || options.accept(head))) taken.heads.push(head);
      taken.next--;
    }
    return taken;
  }

  /** `take`, when every head it reaches is known now (see headNow); undefined otherwise. */
  takeNow(from: number, count: number, options: TakeOptions = {}): Taken | undefined {
    const taken: Taken = { heads: [], next: from };
    return this.takeKnown(taken, count, options) ? undefined : taken;
  }

  /**
   * Goes on with `taken` through the heads known now; true when it stopped at one that must be read
   * (`taken.next` is its index), false when done.
   */
  private takeKnown(taken: Taken, count: number, { lv, accept }: TakeOptions): boolean {
    const { versions } = this.log;
    let i = Math.min(taken.next, versions.length - 1);
    for (; i >= 0 && taken.heads.length < count; i--) {
      const version = versions[i]!;
      if (lv !== undefined && !this.log.mayHave(version, lv)) continue;
      const now = this.headNow(version);
      if (!now) {
        taken.next = i;
        return true;
      }
      if (now.head && (!accept || accept(now.head))) taken.heads.push(now.head);
    }
    taken.next = i;
    return false;
  }

  /** The newest version's index in the log (where `take` starts). */
  get newest(): number {
    return this.log.versions.length - 1;
  }

  async any(): Promise<boolean> {
    return (await this.take(this.newest, 1)).heads.length > 0;
  }

  /**
   * The head of `version` as judged, when it needs neither a read nor its record (see
   * HeadLog.headNow); undefined when only `head` can tell.
   */
  private headNow(version: number): { head: VersionHead | undefined } | undefined {
    const now = this.log.headNow(version);
    if (!now) return undefined;
    const h = now.head;
    if (!h || (!this.experiments && isExperiment(h))) return { head: undefined };
    // Its logical version is its record's.
    return h.undeclaredOutputs ? undefined : now;
  }

  private head(version: number): Promise<VersionHead | undefined> {
    let head = this.judged.get(version);
    if (!head) {
      head = this.log.head(version).then(async (h) => {
        if (!h || (!this.experiments && isExperiment(h))) return undefined;
        if (!h.undeclaredOutputs) return h;
        const record = await this.load(this.asset, h.version);
        return record ? { ...h, logicalVersion: record.logicalVersion } : h;
      });
      this.judged.set(version, head);
    }
    return head;
  }
}

/**
 * The newest head `keep` accepts whose record can be read: a damaged record (reported by the
 * ledger) is passed over for the one before it, as when every record was read. Even `kiln status`
 * reads the one record it answers with: the record is the truth and the head only its index, so a
 * version whose record was cut short or edited must not be shown fresh (and then be passed over by
 * the run that follows).
 */
async function newestReadable(
  asset: string,
  heads: Iterable<VersionHead>,
  keep: (head: VersionHead) => boolean,
  load: RecordLoader,
): Promise<VersionHead | undefined> {
  for (const head of heads) {
    if (!keep(head)) continue;
    if (await load.intact(asset, head.version)) return head;
  }
  return undefined;
}

/** The newest head of the asset with logical version `lv` whose record can be read. */
async function newestReadableAt(
  asset: string,
  records: AssetHeads,
  lv: string,
  load: RecordLoader,
  environment?: string,
): Promise<VersionHead | undefined> {
  const keep = (head: VersionHead) =>
    head.logicalVersion === lv && (environment === undefined || head.context.environment === environment);
  // One head at a time: the search ends at the first intact one, usually the newest. What is
  // known already (the heads, the check chooseLineage made) is taken without a promise.
  for (let from = records.newest; from >= 0; ) {
    const options = { lv, accept: keep };
    const { heads, next } = records.takeNow(from, 1, options) ?? (await records.take(from, 1, options));
    const head = heads[0];
    if (head && (load.intactNow(asset, head.version) ?? (await load.intact(asset, head.version))))
      return head;
    from = next;
  }
  return undefined;
}

/** Whether only the environment's own builds make the asset fresh: a promoted model, in prod. */
function ownBuildsOnly(spec: AssetSpec, environment: string): boolean {
  return spec.promote !== undefined && environment === PROD;
}

async function judge(
  spec: AssetSpec,
  environment: string,
  prepared: Prepared,
  deps: Record<string, string | undefined>,
  upstream: Map<string, AssetStatus>,
  load: RecordLoader,
  latestRecords: boolean,
): Promise<AssetAssessment> {
  const name = spec.name;
  const { lastFailure, unmatched } = prepared;
  const known = Object.values(deps).every((v) => v !== undefined);
  const lv = known ? prepared.logicalVersion(deps as Record<string, string>) : undefined;
  // Fresh when any successful materialization has the current logical version, not only the
  // newest: a pull request's build must not make main look stale, and main's earlier version is
  // reused (outputs and data version) when main comes back to the same code, config and data.
  // Any environment's build counts: the logical version already holds the resolved config and env
  // values, so equal versions mean equal inputs (a branch reuses main's data build). Except for a
  // model prod promotes: prod trains and judges its own build, which alone may become champion
  // (a dev build found fresh on main was never trained in prod, so never promoted either).
  const own = ownBuildsOnly(spec, environment);
  const match =
    lv === undefined
      ? undefined
      : await newestReadableAt(name, prepared.records, lv, load, own ? environment : undefined);
  const elsewhere =
    own && lv !== undefined && !match ? await newestReadableAt(name, prepared.records, lv, load) : undefined;
  const latest = match ?? prepared.latest;
  // A stale asset's causes compare with its newest readable record on the lineage (chooseLineage
  // found it; the loader already holds it).
  const baselineRecord = latest && !match ? await load(name, latest.version) : undefined;
  const causes: StaleCause[] = [];
  let status: AssetStatus;
  if (!latest) {
    status = "missing";
    causes.push({
      kind: "never-materialized",
      // Records elsewhere (another environment or branch) are not this checkout's: say so.
      text: (await prepared.records.any())
        ? `never materialized in ${environment} on this line of history`
        : "never materialized",
    });
  } else if (match) {
    status = "fresh";
  } else if (elsewhere) {
    causes.push({
      kind: "built-elsewhere",
      text: `built only in ${elsewhere.context.environment} (v${elsewhere.version}); ${environment} trains and judges its own`,
    });
    status = "stale";
  } else {
    causes.push(...staleCauses(baselineRecord!.provenance, { ...prepared.base(), deps }));
    status = "stale";
  }
  // A missing asset needs no more reasons than that; a stale one says which upstream holds it back.
  for (const [dep, version] of Object.entries(deps)) {
    if (version === undefined && latest) {
      const [name, alias] = dep.split("@");
      causes.push({
        kind: "dependency-stale",
        text: alias
          ? `dependency ${name} has no ${alias} yet`
          : `dependency ${dep} is ${upstream.get(dep) ?? "stale"}`,
      });
    }
  }
  if (status === "fresh") causes.length = 0;
  if (
    status !== "fresh" &&
    lastFailure &&
    (!latest || lastFailure.finishedAt > latest.finishedAt) &&
    // At no version (its step never started: a dependency was not there) it is still the asset's
    // last run, and it failed.
    (lastFailure.logicalVersion === lv ||
      (lastFailure.logicalVersion === "" && lastFailure.status === "failed"))
  ) {
    causes.push({ kind: "last-run-failed", text: `last run failed (${lastFailure.error.split("\n")[0]})` });
  }
  if (status === "stale" && causes.length === 0) {
    // Same facts, different hash: a record written by another Kiln version.
    causes.push({ kind: "code-version-changed", text: "recorded with a different version scheme" });
  }
  const assessment: Omit<AssetAssessment, "base" | "provenance"> = {
    name,
    status,
    reasons: causes.map((c) => c.text),
    causes,
    logicalVersion: lv,
    // Object.assign, not a spread after `asset` (same fields, same order): V8 copies a spread that
    // follows other fields one property at a time in its runtime, ~5 µs a head, a tenth of a
    // status's own work at 2,000 assets.
    current: latest ? Object.assign({ asset: name }, latest) : undefined,
    latest: latest && latestRecords ? await load(name, latest.version) : undefined,
    lastFailure,
    ...sinceLastHandled(prepared, deps),
    failedAtVersion: status === "fresh" ? undefined : failedAtVersion(prepared, lv),
    // Newer than the line's newest: not on the line (chooseLineage would have taken it), and what
    // the line has from now on. An older one (a revert) would not change what the line calls its
    // newest, and noting it at every commit would write the cursor at every push.
    ...(match &&
    match.version > (prepared.latest?.version ?? 0) &&
    match.context.environment === environment &&
    !isExperiment(match)
      ? { adopted: true as const }
      : {}),
    unmatched,
    ...(prepared.dirty ? { dirty: true } : {}),
    unavailable: Object.keys(deps)
      .filter((d) => d.includes("@") && deps[d] === undefined)
      .map(refAsset),
  };
  return withProvenance(assessment, prepared.base, known ? (deps as Record<string, string>) : undefined);
}

/**
 * The assessment with `base` and `provenance` worked out when first read (a status of fresh
 * assets from a memo reads neither); a spread or JSON copy of it reads them as any other field.
 */
function withProvenance(
  assessment: Omit<AssetAssessment, "base" | "provenance">,
  base: () => Omit<Provenance, "deps">,
  deps: Record<string, string> | undefined,
): AssetAssessment {
  let provenance: Provenance | undefined;
  const field = (name: string, get: () => unknown) => ({
    get,
    set(this: object, value: unknown) {
      // Assigned (a caller's own copy): a plain field from then on.
      Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
    },
    enumerable: true,
    configurable: true,
  });
  return Object.defineProperties(assessment, {
    base: field("base", base),
    provenance: field("provenance", () => {
      if (deps !== undefined) provenance ??= { ...base(), deps };
      return provenance;
    }),
  }) as AssetAssessment;
}

/**
 * DESIGN "Versions and staleness": fresh needs a record with the current logical version AND its
 * bytes in some store. When every store lost them, the asset is stale with the cause "outputs lost".
 */
async function checkOutputs(assessment: AssetAssessment, options: AssessOptions): Promise<AssetAssessment> {
  const record = assessment.current;
  if (assessment.status !== "fresh" || !record || !options.outputsAvailable) return assessment;
  if (await options.outputsAvailable(record)) return assessment;
  const cause: StaleCause = {
    kind: "outputs-lost",
    text: `outputs lost (v${record.version}'s bytes are in no store)`,
  };
  return { ...assessment, status: "stale", causes: [cause], reasons: [cause.text] };
}

/** Names the unavailable sources an asset reads, in place of a vague "dependency is stale". */
function withUnavailableSources(
  assessment: AssetAssessment,
  asset: AssetSpec,
  sources: ReadonlyMap<string, SourceAssessment>,
): AssetAssessment {
  const unavailable = asset.deps.filter((dep) => sources.get(dep)?.unavailable !== undefined);
  if (unavailable.length === 0) return assessment;
  const causes: StaleCause[] = unavailable.map((dep) => ({
    kind: "source-unavailable",
    text: `source ${dep} is unavailable`,
  }));
  // judge() saw no data version for these and called them stale.
  const vague = new Set(unavailable.map((dep) => `dependency ${dep} is stale`));
  const kept = assessment.causes.filter((c) => !(c.kind === "dependency-stale" && vague.has(c.text)));
  const all = [...kept, ...causes];
  return { ...assessment, causes: all, reasons: all.map((c) => c.text) };
}

export interface LastHandled {
  kind: "materialized" | "failed";
  /** When it finished (ISO). */
  at: string;
  /** The version, for a materialization. */
  version?: number | undefined;
}

export interface FailedAtVersion {
  at: string;
  /** Failures at this logical version since the newest successful materialization. */
  failures: number;
  error: string;
  /** The workflow run the newest of them was made by (GitHub's run id); undefined outside one. */
  runId?: string | undefined;
}

/**
 * Dagster's "since last handled": the newest materialization or failure (a cancelled attempt
 * handles nothing), and what changed since it. A failure at new code handles that code change, so
 * `code_changed` does not stay true until something succeeds. A failure at no version (the
 * executor failed the asset before its version was known: a dependency stale or never built, an
 * alias naming no version) handles nothing either: its step never ran, so a cron tick it met is
 * still to be served once the dependency is there (DESIGN: "failed at this logical version").
 */
function sinceLastHandled(
  prepared: Prepared,
  deps: Record<string, string | undefined>,
): Pick<AssetAssessment, "lastHandled" | "codeChanged" | "depsUpdated"> {
  const failure = prepared.failures.findLast((f) => f.status === "failed" && f.logicalVersion !== "");
  const latest = prepared.latest;
  const handled =
    failure && (!latest || failure.finishedAt > latest.finishedAt)
      ? { kind: "failed" as const, at: failure.finishedAt, provenance: failure.provenance }
      : latest
        ? {
            kind: "materialized" as const,
            at: latest.finishedAt,
            provenance: { codeVersion: latest.codeVersion, deps: latest.deps },
            version: latest.version,
          }
        : undefined;
  if (!handled) return { codeChanged: false, depsUpdated: [] };
  return {
    lastHandled: { kind: handled.kind, at: handled.at, version: handled.version },
    codeChanged: handled.provenance.codeVersion !== prepared.codeVersion,
    // By asset name, as the conditions know dependencies (`model@champion` → `model`).
    depsUpdated: Object.keys(deps)
      .filter((d) => deps[d] !== undefined && handled.provenance.deps[d] !== deps[d])
      .map(refAsset),
  };
}

/** The failures at logical version `lv` since the newest success, when the newest attempt failed. */
function failedAtVersion(prepared: Prepared, lv: string | undefined): FailedAtVersion | undefined {
  if (lv === undefined) return undefined;
  const after = prepared.latest?.finishedAt ?? "";
  const failed = prepared.failures.filter((f) => f.status === "failed" && f.finishedAt > after);
  const newest = prepared.failures.findLast((f) => f.finishedAt > after);
  if (newest?.status !== "failed" || newest.logicalVersion !== lv) return undefined;
  return {
    at: newest.finishedAt,
    failures: failed.filter((f) => f.logicalVersion === lv).length,
    error: newest.error.split("\n")[0] ?? "",
    ...(newest.context.runId ? { runId: newest.context.runId } : {}),
  };
}

/**
 * Sets each asset's `latest` to the newest head of the checkout's lineage whose record is intact.
 * Heads are taken newest first, in rounds: each round asks git about the commits of the next few
 * heads of every asset not yet settled (one batch), twice as many as the round before. The usual
 * case, every asset's newest head on the line, is one round and one head per asset, whatever the
 * history.
 */
async function chooseLineage(
  prepared: Map<string, Prepared>,
  lineage: Lineage,
  load: RecordLoader,
): Promise<void> {
  const open = new Map([...prepared].map(([name, p]) => [name, { p, from: p.records.newest }]));
  const accept = (head: VersionHead) => !isExperiment(head);
  for (let take = 1; open.size > 0; take *= 2) {
    const round = new Map<string, VersionHead[]>();
    await Promise.all(
      [...open].map(async ([name, state]) => {
        const { heads, next } = await state.p.records.take(state.from, take, { accept });
        state.from = next;
        round.set(name, heads);
      }),
    );
    const inLineage = await lineageFilter(lineage, [...round.values()].flat());
    await Promise.all(
      [...round].map(async ([name, heads]) => {
        const state = open.get(name)!;
        state.p.latest = await newestReadable(name, heads, (head) => inLineage(head, name), load);
        if (state.p.latest || state.from < 0) open.delete(name);
      }),
    );
  }
}

/** Leaves each asset only the failed attempts that count for this checkout (failureFilter). */
async function keepOwnFailures(prepared: Map<string, Prepared>, lineage: Lineage): Promise<void> {
  const all = [...prepared.values()].flatMap((p) => p.failures);
  if (all.length === 0) return;
  const counts = await failureFilter(lineage, all);
  for (const p of prepared.values()) {
    if (p.failures.length === 0) continue;
    p.failures = p.failures.filter(counts);
    p.lastFailure = p.failures.at(-1);
  }
}

export async function assessProject(options: AssessOptions): Promise<ProjectAssessment> {
  const { project, ledger, environment } = options;
  const graph = buildGraph(project);
  const files = await projectFiles(project.root, { gitRoot: options.gitRoot, files: options.files });
  // An experiment's versions are its own: worked out every time.
  const experiment =
    options.overrides !== undefined &&
    (options.overrides.texts.length > 0 || options.overrides.byAsset.size > 0);
  const memo = experiment
    ? undefined
    : await VersionsMemo.open({
        root: project.root,
        manifestPath: project.manifestPath,
        projectName: project.name,
        sourceHash: project.sourceHash,
        environment,
        files,
      });
  const sources = new Map<string, SourceAssessment>();
  const dataVersions = new Map<string, string>();
  await Promise.all(
    [...project.sources.values()].map(async (source) => {
      let observed: Observed | undefined;
      try {
        observed = source.observe
          ? await observeSource(source, project.root, options.env ?? process.env, declaredSecrets(project))
          : undefined;
      } catch (error) {
        // A source that cannot be observed holds back only its dependants (they wait with this
        // reason); every other asset is assessed and may run.
        if (!(error instanceof ObserveError)) throw error;
        sources.set(source.name, { name: source.name, unavailable: error.message });
        return;
      }
      const inputs = await fingerprint(files.index(), source.inputs);
      const dv = sourceDataVersion(observed?.version, inputs.files);
      sources.set(source.name, { name: source.name, dataVersion: dv, observed: observed?.shown });
      dataVersions.set(source.name, dv);
    }),
  );
  const load = recordLoader(ledger, project);
  const prepared = new Map<string, Prepared>();
  const facts: FileFacts = {
    files,
    memo,
    outputs: outputFilter([...project.assets.values()].flatMap((asset) => asset.outputs)),
  };
  await Promise.all(
    [...project.assets.values()].map(async (asset) =>
      prepared.set(
        asset.name,
        await prepare(project, asset, environment, facts, ledger, options.overrides, load),
      ),
    ),
  );
  // Alias dependencies read the version the alias names, not the dependency's current one.
  const aliasVersions = new Map<string, string | undefined>();
  await Promise.all(
    [...project.assets.values()].flatMap((asset) =>
      Object.keys(asset.depAliases).map(async (dep) => {
        const found = await dependencyRecord({ ledger, asset, dep, current: undefined });
        aliasVersions.set(dependencyRef(asset, dep), found.ok ? found.record.dataVersion : undefined);
      }),
    ),
  );
  /** A dependant's view of its dependencies' data versions, keyed as provenance records them. */
  const depVersions = (asset: AssetSpec, given: Record<string, string> = {}) => {
    // A loop rather than fromEntries over a map: asked once per asset, and pairs of arrays were
    // most of what it cost.
    const versions: Record<string, string | undefined> = {};
    for (const dep of asset.deps) {
      const ref = dependencyRef(asset, dep);
      versions[ref] = given[dep] ?? (ref === dep ? dataVersions.get(dep) : aliasVersions.get(ref));
    }
    return versions;
  };
  const latestRecords = options.latestRecords ?? false;
  const lineage = options.lineage ?? { environment, branches: [] };
  await chooseLineage(prepared, lineage, load);
  await keepOwnFailures(prepared, lineage);
  const assets = new Map<string, AssetAssessment>();
  const statuses = new Map<string, AssetStatus>();
  for (const name of graph.order) {
    const asset = project.assets.get(name);
    if (!asset) continue;
    const deps = depVersions(asset);
    const assessment = await checkOutputs(
      withUnavailableSources(
        await judge(asset, environment, prepared.get(name)!, deps, statuses, load, latestRecords),
        asset,
        sources,
      ),
      options,
    );
    assets.set(name, assessment);
    statuses.set(name, assessment.status);
    if (assessment.status === "fresh") dataVersions.set(name, assessment.current!.dataVersion);
  }
  memo?.save();
  return {
    graph,
    assets,
    sources,
    dataVersions,
    currentRecord: async (name) => {
      const current = assets.get(name)?.current;
      return current ? load(name, current.version) : undefined;
    },
    versionAt: (name, dependencyDataVersions) => {
      const asset = prepared.get(name)!;
      const deps = depVersions(project.assets.get(name)!, dependencyDataVersions);
      const missing = Object.keys(deps).filter((dep) => deps[dep] === undefined);
      if (missing.length > 0) throw new Error(`bug: ${name} has no data version for ${missing.join(", ")}`);
      const known = deps as Record<string, string>;
      const base = asset.base();
      return {
        logicalVersion: asset.logicalVersion(known),
        provenance: { ...base, deps: known },
        base,
        ...(asset.dirty ? { dirty: true } : {}),
      };
    },
    reassess: async (name, dependencyDataVersions) => {
      const asset = project.assets.get(name)!;
      const deps = depVersions(asset, dependencyDataVersions);
      // The records read at assessment time are enough: a concurrent writer can at worst make
      // this run materialize once more, never skip what is stale.
      const assessment = await checkOutputs(
        withUnavailableSources(
          await judge(asset, environment, prepared.get(name)!, deps, statuses, load, false),
          asset,
          sources,
        ),
        options,
      );
      // The whole record only for what the executor acts on: a fresh asset it reuses (early
      // cutoff).
      return assessment.status === "fresh" && assessment.current
        ? { ...assessment, latest: await load(name, assessment.current.version) }
        : assessment;
    },
  };
}
