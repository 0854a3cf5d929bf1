// The `kiln` command. Everything happens in src/cli/program.ts; this file only sets the exit code.
import { main } from "./cli/program.js";

process.exitCode = await main(process.argv.slice(2));
