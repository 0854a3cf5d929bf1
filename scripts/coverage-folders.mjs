// Prints the line coverage of each folder of src/ from vitest's coverage/coverage-summary.json
// (`npm run test:coverage`): the engine folders are the ones to keep high.
import { readFileSync } from "node:fs";
import path from "node:path";

const summary = JSON.parse(readFileSync("coverage/coverage-summary.json", "utf8"));
const folders = new Map();
for (const [file, data] of Object.entries(summary)) {
  if (file === "total") continue;
  const relative = path.relative(path.resolve("src"), file);
  const folder = relative.includes(path.sep) ? relative.split(path.sep)[0] : "(top)";
  const sum = folders.get(folder) ?? { covered: 0, total: 0 };
  sum.covered += data.lines.covered;
  sum.total += data.lines.total;
  folders.set(folder, sum);
}
const percent = ({ covered, total }) => (total === 0 ? 100 : (100 * covered) / total);
const rows = [...folders].sort(([a], [b]) => a.localeCompare(b));
console.log("\nline coverage per folder of src/ (in-process only)");
for (const [folder, sum] of rows) {
  console.log(
    `  ${folder.padEnd(12)} ${percent(sum).toFixed(1).padStart(5)} %  ${sum.covered}/${sum.total} lines`,
  );
}
console.log(`  ${"all".padEnd(12)} ${percent(summary.total.lines).toFixed(1).padStart(5)} %`);
