// Records of a pull-request run whose token may not write the ledger (a fork's or Dependabot's
// read-only GITHUB_TOKEN). The asset jobs must not fail for that: what they record (new versions,
// failures) is kept and uploaded as a run artifact, `kiln-records-<asset>`, and every later job of
// the run (dependants, the report, and through the report's comment the workflow_run starter)
// reads those artifacts back over the ledger. Nothing of it reaches the ledger branch: a pull
// request's versions are for review, and a fork cannot vouch for them.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { withTemporaryFolder } from "../paths/temporary.js";
import {
  type AliasEvent,
  type CursorScope,
  type CursorState,
  type FailureRecord,
  headOf,
  type MaterializationRecord,
  type NewFailure,
  type NewMaterialization,
  RECORD_SCHEMA,
  type SeriesPoint,
  type StoreLocation,
  type VersionHead,
} from "../domain/records.js";
import type { CursorChanges } from "../ledger/cursor-changes.js";
import { type AliasState, type Ledger, type LedgerProblem, LedgerWriteDenied } from "../ledger/ledger.js";
import { parseFailure, parseMaterialization, withRecordSchemas } from "../ledger/records.js";

export const RECORDS_ARTIFACT_PREFIX = "kiln-records-";

interface RecordsFile {
  materializations: MaterializationRecord[];
  failures: FailureRecord[];
}

/** The ledger, with this run's records from artifacts laid over it, and writes kept when denied. */
export class RunRecordsLedger implements Ledger {
  readonly description: string;
  private readonly extra: RecordsFile = { materializations: [], failures: [] };
  private readonly kept: RecordsFile = { materializations: [], failures: [] };
  private denied: string | undefined;

  constructor(
    private readonly inner: Ledger,
    private readonly onDenied: (message: string) => void,
  ) {
    this.description = inner.description;
  }

  /** Why writes go to the run artifact instead of the ledger, once a push was refused. */
  get readOnly(): string | undefined {
    return this.denied;
  }

  /** Records this job kept because the ledger refused them. */
  pending(): RecordsFile {
    return this.kept;
  }

  add(records: RecordsFile): void {
    this.extra.materializations.push(...records.materializations);
    this.extra.failures.push(...records.failures);
  }

  private async attempt<T>(write: () => Promise<T>): Promise<T | typeof DENIED> {
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

  async materializations(asset: string): Promise<MaterializationRecord[]> {
    const mine = this.extra.materializations.filter((r) => r.asset === asset);
    return [...(await this.inner.materializations(asset)), ...mine].sort((a, b) => a.version - b.version);
  }

  async heads(asset: string): Promise<VersionHead[]> {
    const mine = this.extra.materializations.filter((r) => r.asset === asset).map(headOf);
    if (mine.length === 0) return this.inner.heads(asset);
    return [...(await this.inner.heads(asset)), ...mine].sort((a, b) => a.version - b.version);
  }

  async materialization(asset: string, version: number): Promise<MaterializationRecord | undefined> {
    const mine = this.extra.materializations.find((r) => r.asset === asset && r.version === version);
    return mine ?? this.inner.materialization(asset, version);
  }

  /** This run's records keep their series inline (they travel whole in the run artifact). */
  series(record: MaterializationRecord): Promise<SeriesPoint[]> {
    return this.inner.series(record);
  }

  async failures(asset: string): Promise<FailureRecord[]> {
    const mine = this.extra.failures.filter((r) => r.asset === asset);
    return [...(await this.inner.failures(asset)), ...mine].sort((a, b) =>
      a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0,
    );
  }

  async recordMaterialization(record: NewMaterialization): Promise<MaterializationRecord> {
    const written = await this.attempt(() => this.inner.recordMaterialization(record));
    if (written !== DENIED) return written;
    const versions = (await this.materializations(record.asset)).map((r) => r.version);
    const full: MaterializationRecord = {
      schema: RECORD_SCHEMA,
      ...record,
      version: Math.max(0, ...versions) + 1,
    };
    this.kept.materializations.push(full);
    this.extra.materializations.push(full);
    return full;
  }

  async recordFailure(record: NewFailure): Promise<FailureRecord> {
    const written = await this.attempt(() => this.inner.recordFailure(record));
    if (written !== DENIED) return written;
    const full: FailureRecord = { schema: RECORD_SCHEMA, ...record };
    this.kept.failures.push(full);
    this.extra.failures.push(full);
    return full;
  }

  aliasHistory(asset: string): Promise<AliasEvent[]> {
    return this.inner.aliasHistory(asset);
  }

  aliasState(asset: string): Promise<AliasState> {
    return this.inner.aliasState(asset);
  }

  /** Later locations are a convenience (a re-cached copy): refused ones are simply not noted. */
  async addLocations(asset: string, version: number, locations: StoreLocation[]): Promise<void> {
    await this.attempt(() => this.inner.addLocations(asset, version, locations));
  }

  locations(asset: string, version: number): Promise<StoreLocation[]> {
    return this.inner.locations(asset, version);
  }

  async moveAlias(event: Omit<AliasEvent, "id" | "at"> & { at?: string }): Promise<boolean> {
    const moved = await this.attempt(() => this.inner.moveAlias(event));
    return moved === DENIED ? false : moved;
  }

  readCursor(scope: CursorScope): Promise<CursorState | undefined> {
    return this.inner.readCursor(scope);
  }

  async updateCursor(changes: CursorChanges): Promise<void> {
    await this.attempt(() => this.inner.updateCursor(changes));
  }

  problems(): LedgerProblem[] {
    return this.inner.problems();
  }

  async refresh(): Promise<void> {
    await this.inner.refresh?.();
  }
}

const DENIED = Symbol("denied");

/**
 * Lays the run's `kiln-records-*` artifacts over the ledger. They come from jobs of this run, but
 * a fork controls what its jobs upload: each record is parsed and checked like a ledger file, and
 * one that does not parse is dropped with a warning.
 */
export async function loadRunRecords(
  ledger: RunRecordsLedger,
  warn: (message: string) => void,
): Promise<number> {
  return withTemporaryFolder("kiln-run-records-", (dir) => loadRunRecordsIn(dir, ledger, warn));
}

async function loadRunRecordsIn(
  dir: string,
  ledger: RunRecordsLedger,
  warn: (message: string) => void,
): Promise<number> {
  const { downloadRunArtifacts } = await import("../store/artifact.js");
  const names = await downloadRunArtifacts(RECORDS_ARTIFACT_PREFIX, dir);
  let count = 0;
  for (const name of names) {
    for (const file of await readdir(path.join(dir, name))) {
      let data: Partial<RecordsFile>;
      try {
        data = JSON.parse(await readFile(path.join(dir, name, file), "utf8"));
      } catch (error) {
        warn(`artifact ${name}: ${file} is not JSON (${(error as Error).message}); ignored`);
        continue;
      }
      const records: RecordsFile = { materializations: [], failures: [] };
      for (const raw of data.materializations ?? []) {
        const parsed = await withRecordSchemas(() =>
          parseMaterialization(raw, { asset: raw?.asset, version: raw?.version }),
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

/** Uploads the records this job kept as `kiln-records-<label>`; the artifact name is unique per run attempt. */
export async function uploadRunRecords(
  ledger: RunRecordsLedger,
  label: string,
  attempt: string | undefined,
): Promise<string | undefined> {
  const pending = ledger.pending();
  if (pending.materializations.length + pending.failures.length === 0) return undefined;
  const name = `${RECORDS_ARTIFACT_PREFIX}${label}${attempt && attempt !== "1" ? `-attempt-${attempt}` : ""}`;
  await withTemporaryFolder("kiln-records-", async (dir) => {
    const file = path.join(dir, "records.json");
    await writeFile(file, `${JSON.stringify(pending, null, 2)}\n`);
    // Imported when used: the Actions artifact client and Azure's SDK are 2 MB of code that a job
    // without records to share (a plan, most asset jobs) would otherwise compile at start-up.
    const { uploadFiles } = await import("../store/artifact.js");
    await uploadFiles(name, [file], dir);
  });
  return name;
}
