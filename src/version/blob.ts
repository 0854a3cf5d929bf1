// Git blob ids: sha1("blob <size>\0" + bytes). The same id git stores, so tracked files' ids come
// straight from the index and everything else is hashed to match.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";

export function blobId(bytes: Uint8Array | string): string {
  const buffer = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  return createHash("sha1").update(`blob ${buffer.length}\0`).update(buffer).digest("hex");
}

/**
 * Files up to this size are read whole in one synchronous read where Kiln hashes or stores them
 * (store/local.ts, store/chain.ts): a metrics file, a small model or a plot costs one read instead
 * of a stream's thread-pool round trips. Larger files are streamed, so a model of gigabytes is
 * never held in memory.
 */
export const SMALL_FILE_BYTES = 1024 * 1024;

/** Streams the file, so a large model file is never held in memory. */
export async function blobIdOfFile(file: string): Promise<string> {
  const { size } = await stat(file);
  const hash = createHash("sha1").update(`blob ${size}\0`);
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
