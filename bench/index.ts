// `npm run bench [-- NAME…]`: benchmarks as ratios against a floor measured in the same run.
// Not part of `npm test`: timings are printed, never asserted.
import { criticalPathBench, overheadBench } from "./run.js";
import { siteBench } from "./site.js";
import { statusBench } from "./status.js";

const benches: Record<string, () => string | Promise<string>> = {
  status: () => statusBench(),
  overhead: () => overheadBench(),
  "critical-path": () => criticalPathBench(),
  site: () => siteBench(),
};

const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(benches)) {
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}"; choose from ${Object.keys(benches).join(", ")}`);
    process.exit(1);
  }
  console.log(await bench());
}
