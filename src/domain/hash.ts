// The one SHA-256 of a text, as lowercase hex: versions, cache keys and record digests.
import * as crypto from "node:crypto";

const { createHash } = crypto;
/**
 * `crypto.hash` (Node 20.12 and later) hashes a string in one native call; createHash builds a
 * stream-like object per call, a few microseconds each, and status hashes several per asset.
 */
const oneShotHash: typeof crypto.hash | undefined = crypto.hash;

export function sha256(text: string): string {
  return oneShotHash ? oneShotHash("sha256", text, "hex") : createHash("sha256").update(text).digest("hex");
}

/** The SHA-256 of bytes that arrived in pieces (a process's output), as lowercase hex, without joining them. */
export function sha256OfPieces(pieces: readonly Uint8Array[]): string {
  const hash = createHash("sha256");
  for (const piece of pieces) hash.update(piece);
  return hash.digest("hex");
}
