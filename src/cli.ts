// The `kiln` command. Everything happens in src/cli/program.ts; this file only sets the exit code.
import module from "node:module";
import { tuneForShortCommand } from "./cli/engine-flags.js";

// Before program.js is imported, so that every Kiln function runs with them.
tuneForShortCommand();

// Node 22.1 and later keep V8's compiled code of the modules a command loads on disk (in the
// temporary folder, or NODE_COMPILE_CACHE), so a command compiles next to nothing after the first;
// program.js is imported after this call so that the cache covers it. Node 20 has no such cache
// for ES modules (vm.Script's cachedData is for scripts), and nothing is done there.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { main } = await import("./cli/program.js");

process.exitCode = await main(process.argv.slice(2));
