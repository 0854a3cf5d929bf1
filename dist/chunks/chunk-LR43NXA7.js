import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/domain/hash.ts
import * as crypto from "node:crypto";
var { createHash } = crypto;
var oneShotHash = crypto.hash;
function sha256(text) {
  return oneShotHash ? oneShotHash("sha256", text, "hex") : createHash("sha256").update(text).digest("hex");
}
function sha256OfPieces(pieces) {
  const hash2 = createHash("sha256");
  for (const piece of pieces) hash2.update(piece);
  return hash2.digest("hex");
}

export {
  sha256,
  sha256OfPieces
};
