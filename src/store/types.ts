// The store holds output bytes. Every backend — the local directory (.kiln/store), Actions cache
// entries, workflow artifacts, release assets — answers the same questions about one recorded
// version: do you have its bytes, hand them over, keep them. The version's record
// says what the bytes are (path → git blob id), so whatever a backend returns is checked against it.
import type { MaterializationRecord, StoreLocation } from "../domain/records.js";

export interface StoredFile {
  blob: string;
  size: number;
}

/** What a backend needs to find and check one version's bytes: the record's identity and outputs. */
export type StoredVersion = Pick<
  MaterializationRecord,
  "asset" | "version" | "dataVersion" | "outputs" | "locations"
>;

export type StoreKind = StoreLocation["kind"];

export interface Store {
  readonly kind: StoreKind;
  /** For messages: `.kiln/store`, `the Actions cache`, `release assets of acme/churn`. */
  readonly description: string;
  /** Whether this backend can give the version's bytes now, without downloading them. */
  has(version: StoredVersion): Promise<boolean>;
  /**
   * Writes the version's files to their recorded paths under `staging`, an empty folder of the
   * caller's on the workspace's file system, never the workspace itself; false when this backend
   * does not have them. The chain checks every file against the record and keeps them in the local
   * store before any reaches the workspace, so a version a backend serves only in part (a deleted
   * release asset, a failed second download) leaves the workspace as it was.
   */
  fetch(version: StoredVersion, staging: string): Promise<boolean>;
  /** Keeps the version's files, read from their paths under `root`; returns where they now are. */
  save(version: StoredVersion, root: string): Promise<StoreLocation[]>;
  /** Where this backend would look for the version, for a "not found" message. */
  describeLookup(version: StoredVersion): string;
}
