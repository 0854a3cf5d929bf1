// Bundles the CLI (dist/cli.js) and the action entry (dist/index.js) into single files. CI rebuilds
// and fails when the committed dist/ differs.
import { rmSync } from "node:fs";
import { bundle } from "./bundle.mjs";

rmSync("dist", { recursive: true, force: true });
await bundle({ entry: "src/cli.ts", outfile: "dist/cli.js", shebang: true });
console.log("built dist/cli.js");
await bundle({ entry: "src/action.ts", outfile: "dist/index.js" });
console.log("built dist/index.js");
