// Where the installed vega-datasets package keeps cars.json (its exports hide the data folder).
import path from "node:path";
import { fileURLToPath } from "node:url";

const entry = fileURLToPath(import.meta.resolve("vega-datasets"));
export const carsFile = path.join(path.dirname(entry), "..", "data", "cars.json");
