// Dispatches the action's command. Expected failures become setFailed with a message; anything
// else is a bug and says so.
import { BUG_REPORT_URL } from "../cli/errors.js";
import { fromSystemError, isSystemError, UserError } from "../domain/errors.js";
import { type ActionIO, inertIO } from "./io.js";
import { readInputs } from "./inputs.js";
import { materializeAction } from "./materialize.js";
import { planAction } from "./plan.js";
import { ActionFailure } from "./workspace.js";

export async function runAction(given: ActionIO, getInput: (name: string) => string): Promise<void> {
  const inert = inertIO(given);
  // The plan job's failure is the whole run's: the report job, which always runs, names it in its
  // headline from this output (the generated workflow passes it on as `plan-error`).
  const io: ActionIO =
    getInput("command").trim() === "plan"
      ? {
          ...inert,
          setFailed: (message) => {
            inert.setOutput("error", message);
            inert.setFailed(message);
          },
        }
      : inert;
  const read = readInputs(getInput);
  if (!read.ok) {
    io.setFailed(read.error);
    return;
  }
  const { inputs } = read;
  if (inputs.token) io.mask(inputs.token);
  try {
    switch (inputs.command) {
      case "plan":
        await planAction(io, inputs);
        break;
      case "materialize":
      case "run": {
        const result = await materializeAction(io, inputs);
        if (result.failed)
          io.setFailed(
            `${result.outcomes
              .filter((o) => o.outcome === "failed")
              .map((o) => o.asset)
              .join(", ")} failed`,
          );
        break;
      }
      case "comment": {
        const { commentAction } = await import("./comment.js");
        await commentAction(io, inputs);
        break;
      }
      case "site": {
        const { siteAction } = await import("./site.js");
        await siteAction(io, inputs);
        break;
      }
      case "report": {
        const { reportAction } = await import("./report.js");
        await reportAction(io, inputs);
        break;
      }
      case "dispatch": {
        const { dispatchAction } = await import("./schedule-dispatch.js");
        await dispatchAction(io, inputs);
        break;
      }
    }
  } catch (error) {
    const user =
      error instanceof UserError ? error : isSystemError(error) ? fromSystemError(error) : undefined;
    if (error instanceof ActionFailure) io.setFailed(error.message);
    else if (user) io.setFailed(user.hint ? `${user.message}; ${user.hint}` : user.message);
    else {
      const message = error instanceof Error ? error.message : String(error);
      io.setFailed(
        `internal error: ${message}. This is a bug in Kiln; please report it at ${BUG_REPORT_URL}`,
      );
      if (error instanceof Error && error.stack) io.info(error.stack);
    }
  }
}
