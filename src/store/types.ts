// The store holds output bytes by content: the git blob id of the file. Backends: a local
// directory (.kiln/store), Actions cache entries, artifacts, release assets.

export interface StoredFile {
  blob: string;
  size: number;
}

export interface Store {
  readonly description: string;
  has(blob: string): Promise<boolean>;
  /** Copies a workspace file into the store (once per content) and returns its address. */
  put(filePath: string): Promise<StoredFile>;
  /** Writes the stored bytes to `destPath` atomically (temp file + rename); false when absent. */
  get(blob: string, destPath: string): Promise<boolean>;
}
