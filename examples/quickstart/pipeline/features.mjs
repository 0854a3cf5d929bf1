// Turns cars into standardized numeric features and splits them with a seeded shuffle.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { config, logMetrics } from "kiln-ml/step";

const settings = config();

const cars = readFileSync("build/cars.jsonl", "utf8").trim().split("\n").map((line) => JSON.parse(line));
const ORIGINS = ["USA", "Europe", "Japan"];
const year = (value) => new Date(value).getUTCFullYear();
const raw = cars.map((car) => [
  car.Cylinders,
  car.Displacement,
  car.Horsepower,
  car.Weight_in_lbs,
  car.Acceleration,
  year(car.Year),
  ...ORIGINS.map((origin) => (car.Origin === origin ? 1 : 0)),
]);
const names = ["cylinders", "displacement", "horsepower", "weight", "acceleration", "year", ...ORIGINS.map((o) => `origin_${o.toLowerCase()}`)];
const columns = names.map((_, j) => raw.map((row) => row[j]));
const mean = columns.map((c) => c.reduce((a, b) => a + b, 0) / c.length);
const std = columns.map((c, j) => Math.sqrt(c.reduce((a, b) => a + (b - mean[j]) ** 2, 0) / c.length) || 1);
const x = raw.map((row) => row.map((v, j) => (v - mean[j]) / std[j]));
const y = cars.map((car) => car.Miles_per_Gallon);

// Mulberry32: a tiny seeded generator, so the split is the same on every machine.
let state = settings.seed ?? 1;
const random = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const order = x.map((_, i) => i);
for (let i = order.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [order[i], order[j]] = [order[j], order[i]];
}
const nTest = Math.round(order.length * (settings.test ?? 0.2));
const nValidation = Math.round(order.length * (settings.validation ?? 0.2));
const pick = (indices) => ({ x: indices.map((i) => x[i]), y: indices.map((i) => y[i]) });
const splits = {
  test: pick(order.slice(0, nTest)),
  validation: pick(order.slice(nTest, nTest + nValidation)),
  train: pick(order.slice(nTest + nValidation)),
};
mkdirSync("build/features", { recursive: true });
for (const [name, split] of Object.entries(splits)) writeFileSync(`build/features/${name}.json`, JSON.stringify(split));
writeFileSync("build/features/schema.json", JSON.stringify({ names, mean, std }, null, 2));
logMetrics({ train_rows: splits.train.y.length, validation_rows: splits.validation.y.length, test_rows: splits.test.y.length, features: names.length });
