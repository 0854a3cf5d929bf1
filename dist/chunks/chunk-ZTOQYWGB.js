import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/cli/engine-flags.ts
import v8 from "node:v8";
function tuneForShortCommand() {
  v8.setFlagsFromString("--interrupt-budget=1000000");
  v8.setFlagsFromString("--semi-space-growth-factor=1");
}
function tuneForLongCommand() {
  v8.setFlagsFromString("--semi-space-growth-factor=2");
}

export {
  tuneForShortCommand,
  tuneForLongCommand
};
