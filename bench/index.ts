// `npm run bench [-- NAME…]`: benchmarks as ratios against a floor or a peer measured in the same
// run. Not part of `npm test`: timings are printed, never asserted. Sizes: KILN_BENCH_SIZES
// (default "200,2000"; "200,2000,10000" for the full table), KILN_BENCH_VERSIONS (20),
// KILN_BENCH_SERIES (points per series, default 10000; 100000 for the case).
import { chattyBench, criticalPathBench, overheadBench } from "./run.js";
import { scaleBench, seriesBench } from "./scale.js";
import { siteBench } from "./site.js";

const benches: Record<string, () => string | Promise<string>> = {
  scale: () => scaleBench(),
  series: () => seriesBench(),
  overhead: () => overheadBench(),
  "critical-path": () => criticalPathBench(),
  chatty: () => chattyBench(),
  site: () => siteBench(),
};

const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(benches)) {
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}"; choose from ${Object.keys(benches).join(", ")}`);
    process.exit(1);
  }
  const text = await bench();
  if (text) console.log(text);
}
