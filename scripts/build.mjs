// Bundles the CLI (dist/cli.js) and the action entry (dist/index.js), with the chunks they share
// (dist/chunks/). CI rebuilds and fails when the committed dist/ differs.
import { rmSync } from "node:fs";
import { bundleAll } from "./bundle.mjs";

rmSync("dist", { recursive: true, force: true });
await bundleAll({
  outdir: "dist",
  entries: [
    { name: "cli", entry: "src/cli.ts", shebang: true },
    { name: "index", entry: "src/action.ts" },
  ],
});
console.log("built dist/cli.js and dist/index.js");
