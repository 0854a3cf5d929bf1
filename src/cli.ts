// The `kiln` command. Everything happens in src/cli/program.ts; this file only sets the exit code.
import module from "node:module";
import v8 from "node:v8";

// A command is short: most of its code runs a few thousand times (once per asset) and is done in
// well under a second. V8's default hands a function to its optimizing compiler after ~66 KB of
// bytecode executed; at 2,000 assets that compiled ~80 functions on a second thread, a fifth of
// `kiln status`'s CPU, mostly for code that had finished before its optimized version was ready.
// A budget 15 times larger leaves the short, once-per-asset code to the interpreter and baseline
// compiler and still optimizes what a long command (a run's loops, a site's series) spends its
// time in. Set before program.js is imported, so that every Kiln function counts with it.
v8.setFlagsFromString("--interrupt-budget=1000000");

// Node 22.1 and later keep V8's compiled code of the modules a command loads on disk (in the
// temporary folder, or NODE_COMPILE_CACHE), so a command compiles next to nothing after the first;
// program.js is imported after this call so that the cache covers it. Node 20 has no such cache
// for ES modules (vm.Script's cachedData is for scripts), and nothing is done there.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { main } = await import("./cli/program.js");

process.exitCode = await main(process.argv.slice(2));
