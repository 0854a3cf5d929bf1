import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/domain/hash.ts
import * as crypto from "node:crypto";
var { createHash } = crypto;
var oneShotHash = crypto.hash;
function sha256(text) {
  return oneShotHash ? oneShotHash("sha256", text, "hex") : createHash("sha256").update(text).digest("hex");
}

export {
  sha256
};
