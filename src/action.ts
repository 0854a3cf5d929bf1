// The GitHub Action entry (dist/index.js): one command, its inputs read and its IO bound to the
// runner (action/core-io.ts); failures become setFailed (action/main.ts). Everything else is plain
// functions, testable without a runner.
import { actionInput, coreIO } from "./action/core-io.js";
import { runAction } from "./action/main.js";

await runAction(coreIO(), actionInput);
