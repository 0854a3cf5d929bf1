// Reads the raw data set and keeps the rows where every field the model uses is present.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { carsFile } from "./data-file.mjs";
import { logMetrics } from "kiln-ml/step";

const FIELDS = ["Miles_per_Gallon", "Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Year", "Origin"];
const raw = JSON.parse(readFileSync(carsFile, "utf8"));
const rows = raw.filter((row) => FIELDS.every((field) => row[field] !== null && row[field] !== undefined));
mkdirSync("build", { recursive: true });
writeFileSync("build/cars.jsonl", rows.map((row) => JSON.stringify(Object.fromEntries(FIELDS.map((f) => [f, row[f]])))).join("\n") + "\n");
console.log(`kept ${rows.length} of ${raw.length} cars`);
logMetrics({ rows: rows.length, dropped: raw.length - rows.length });
