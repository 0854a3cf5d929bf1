// The ledger in a local directory (`.kiln/ledger`). Records are written to a temporary file, synced,
// then put in place atomically: a version number is claimed with link(2), which fails when the
// name exists, so two processes never get the same v<N> and a reader never sees half a record.
import { randomUUID } from "node:crypto";
import { link, open, readdir, readFile, rename, unlink } from "node:fs/promises";
import path from "node:path";
import { makeStateDir } from "../paths/kiln-dir.js";
import { replayAliases } from "./aliases.js";
import { aliasPath, cursorPath, failurePath, highestVersion, locationsPath, VERSION_FILE } from "./layout.js";
import {
  parseAliasLog,
  parseCursor,
  parseFailure,
  parseLocationLog,
  parseMaterialization,
} from "./records.js";
import {
  type AliasEvent,
  type CursorState,
  type FailureRecord,
  type MaterializationRecord,
  type NewFailure,
  type NewMaterialization,
  RECORD_SCHEMA,
  type StoreLocation,
} from "../domain/records.js";
import type { Ledger, LedgerProblem } from "./ledger.js";

async function writeSynced(file: string, text: string): Promise<void> {
  const handle = await open(file, "wx");
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `text` to `file` atomically: a reader sees the old file or the new one, never a mix. */
async function replaceAtomically(file: string, text: string): Promise<void> {
  await makeStateDir(path.dirname(file));
  const temp = path.join(path.dirname(file), `.tmp-${randomUUID()}`);
  await writeSynced(temp, text);
  await rename(temp, file);
}

/**
 * One write with O_APPEND: concurrent appends never interleave within a line. A crash can leave a
 * partial last line; readers skip it (reported) and the next append starts on a new line because
 * every write begins with its own leading newline guard.
 */
async function appendLines(file: string, lines: string[]): Promise<void> {
  await makeStateDir(path.dirname(file));
  const bytes = Buffer.from(`\n${lines.join("\n")}\n`);
  const handle = await open(file, "a");
  try {
    const { bytesWritten } = await handle.write(bytes);
    if (bytesWritten !== bytes.length) throw new Error(`short append to ${file}: the disk may be full`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A log's text, or undefined when nothing was ever appended to it. */
async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** The names in a folder; none when it does not exist. */
export async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

export class LocalLedger implements Ledger {
  readonly description: string;
  private readonly found: LedgerProblem[] = [];
  private readonly reported = new Set<string>();

  /**
   * `dir` is the ledger folder itself: a project's namespace, normally
   * `<root>/.kiln/ledger/projects/<name>` (see open.ts).
   */
  constructor(
    readonly dir: string,
    options: { description?: string } = {},
  ) {
    this.description = options.description ?? dir;
  }

  /** Adds a problem found while opening the ledger (see adopt-local.ts). */
  note(problem: LedgerProblem): void {
    this.problem(problem.path, problem.message);
  }

  private problem(file: string, message: string): void {
    const key = `${file}\0${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.found.push({ path: file, message });
  }

  problems(): LedgerProblem[] {
    return [...this.found];
  }

  private async readJson(file: string): Promise<unknown> {
    try {
      return JSON.parse(await readFile(file, "utf8"));
    } catch (error) {
      this.problem(
        file,
        error instanceof SyntaxError ? `not valid JSON (${error.message})` : String((error as Error).message),
      );
      return undefined;
    }
  }

  /**
   * Asset folders under materializations/ and failures/ as listed once by this process. A status
   * of thousands of assets, most never built, would otherwise list thousands of missing folders.
   * Only absence is remembered, and this process's own writes add to it; another process's first
   * record of an asset shows from the next command on.
   */
  private listed = new Map<string, Promise<Set<string>>>();

  private async mayHave(section: "materializations" | "failures", asset: string): Promise<boolean> {
    let names = this.listed.get(section);
    if (!names) {
      names = listDir(path.join(this.dir, section)).then((list) => new Set(list));
      this.listed.set(section, names);
    }
    return (await names).has(asset);
  }

  private async wrote(section: "materializations" | "failures", asset: string): Promise<void> {
    (await this.listed.get(section))?.add(asset);
  }

  async materializations(asset: string): Promise<MaterializationRecord[]> {
    const dir = path.join(this.dir, "materializations", asset);
    const records: MaterializationRecord[] = [];
    if (!(await this.mayHave("materializations", asset))) return records;
    for (const name of await listDir(dir)) {
      if (name.startsWith(".tmp-")) continue;
      const file = path.join(dir, name);
      const match = VERSION_FILE.exec(name);
      if (!match) {
        this.problem(file, "not a ledger record (expected v<N>.json)");
        continue;
      }
      const data = await this.readJson(file);
      if (data === undefined) continue;
      const parsed = parseMaterialization(data, { asset, version: Number(match[1]) });
      if (!parsed.ok) this.problem(file, parsed.error);
      else records.push(parsed.value);
    }
    return records.sort((a, b) => a.version - b.version);
  }

  async failures(asset: string): Promise<FailureRecord[]> {
    const dir = path.join(this.dir, "failures", asset);
    const records: FailureRecord[] = [];
    if (!(await this.mayHave("failures", asset))) return records;
    for (const name of await listDir(dir)) {
      if (name.startsWith(".tmp-")) continue;
      const file = path.join(dir, name);
      const data = await this.readJson(file);
      if (data === undefined) continue;
      const parsed = parseFailure(data, asset);
      if (!parsed.ok) this.problem(file, parsed.error);
      else records.push(parsed.value);
    }
    return records.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
  }

  async recordMaterialization(record: NewMaterialization): Promise<MaterializationRecord> {
    const dir = path.join(this.dir, "materializations", record.asset);
    await makeStateDir(dir);
    await this.wrote("materializations", record.asset);
    let version = highestVersion(await listDir(dir)) + 1;
    for (;;) {
      const full: MaterializationRecord = { schema: RECORD_SCHEMA, ...record, version };
      const temp = path.join(dir, `.tmp-${randomUUID()}`);
      await writeSynced(temp, `${JSON.stringify(full, null, 2)}\n`);
      try {
        await link(temp, path.join(dir, `v${version}.json`));
        return full;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        version++; // another writer claimed it first: take the next number
      } finally {
        await unlink(temp);
      }
    }
  }

  async recordFailure(record: NewFailure): Promise<FailureRecord> {
    const full: FailureRecord = { schema: RECORD_SCHEMA, ...record };
    const file = path.join(this.dir, failurePath(record.asset, record.startedAt));
    await replaceAtomically(file, `${JSON.stringify(full, null, 2)}\n`);
    await this.wrote("failures", record.asset);
    return full;
  }

  private aliasFile(asset: string): string {
    return path.join(this.dir, aliasPath(asset));
  }

  private async readAliasEvents(asset: string): Promise<AliasEvent[]> {
    const file = this.aliasFile(asset);
    const text = await readIfPresent(file);
    if (text === undefined) return [];
    const { events, problems } = parseAliasLog(text, asset);
    for (const p of problems) this.problem(`${file}:${p.line}`, p.message);
    return events;
  }

  async aliasHistory(asset: string): Promise<AliasEvent[]> {
    // The log first, then the records: a move to vN is appended only after vN's record is in
    // place and records are never removed, so every version this log snapshot names is listed.
    // The other order lets a concurrent writer's new version and its move fall in between, and
    // this reader would void a move that every other reader accepts.
    const events = await this.readAliasEvents(asset);
    const versions = new Set((await this.materializations(asset)).map((r) => r.version));
    const { effective, orphans } = replayAliases(events, versions);
    for (const event of orphans) {
      this.problem(
        this.aliasFile(asset),
        `alias ${event.alias} → v${event.to} names a version with no record; ignored`,
      );
    }
    return effective;
  }

  async moveAlias(request: Omit<AliasEvent, "id" | "at"> & { at?: string }): Promise<boolean> {
    const event: AliasEvent = { ...request, at: request.at ?? new Date().toISOString(), id: randomUUID() };
    await appendLines(this.aliasFile(request.asset), [JSON.stringify(event)]);
    const history = await this.aliasHistory(request.asset);
    return history.some((e) => e.id === event.id);
  }

  async addLocations(asset: string, version: number, locations: StoreLocation[]): Promise<void> {
    if (locations.length === 0) return;
    await appendLines(
      path.join(this.dir, locationsPath(asset, version)),
      locations.map((l) => JSON.stringify(l)),
    );
  }

  async locations(asset: string, version: number): Promise<StoreLocation[]> {
    const file = path.join(this.dir, locationsPath(asset, version));
    const text = await readIfPresent(file);
    if (text === undefined) return [];
    const { locations, problems } = parseLocationLog(text);
    for (const p of problems) this.problem(`${file}:${p.line}`, p.message);
    return locations;
  }

  async readCursor(scope: string): Promise<CursorState | undefined> {
    const file = path.join(this.dir, cursorPath(scope));
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    const parsed = parseCursor(text);
    if (!parsed.ok) {
      this.problem(file, `${parsed.error}; the automation cursors start over`);
      return undefined;
    }
    return parsed.value;
  }

  async writeCursor(state: CursorState): Promise<void> {
    await replaceAtomically(
      path.join(this.dir, cursorPath(state.scope)),
      `${JSON.stringify(state, null, 2)}\n`,
    );
  }
}
export { scopeFileName } from "./layout.js";
