// The store holds output bytes. Every backend — the local directory (.kiln/store), Actions cache
// entries, workflow artifacts, release assets — answers the same questions about one recorded
// version: do you have its bytes, put them back under this root, keep them. The version's record
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
   * Writes the version's files to their paths under `root`; false when this backend does not
   * have them. The caller checks the bytes against the record.
   */
  restore(version: StoredVersion, root: string): Promise<boolean>;
  /** Keeps the version's files, read from their paths under `root`; returns where they now are. */
  save(version: StoredVersion, root: string): Promise<StoreLocation[]>;
  /** Where this backend would look for the version, for a "not found" message. */
  describeLookup(version: StoredVersion): string;
}
