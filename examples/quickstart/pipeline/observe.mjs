// Prints the version of the external data: the package version and a hash of the file's bytes.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { carsFile } from "./data-file.mjs";

const bytes = readFileSync(carsFile);
const { version } = JSON.parse(readFileSync(path.join(path.dirname(carsFile), "..", "package.json"), "utf8"));
console.log(`vega-datasets@${version} cars.json sha256:${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}`);
