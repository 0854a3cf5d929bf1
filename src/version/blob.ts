// Git blob ids: sha1("blob <size>\0" + bytes). The same id git stores, so tracked files' ids come
// straight from the index and everything else is hashed to match.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";

export function blobId(bytes: Uint8Array | string): string {
  const buffer = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  return createHash("sha1").update(`blob ${buffer.length}\0`).update(buffer).digest("hex");
}

/** Streams the file, so a large model file is never held in memory. */
export async function blobIdOfFile(file: string): Promise<string> {
  const { size } = await stat(file);
  const hash = createHash("sha1").update(`blob ${size}\0`);
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
