// Observed sources (Dagster's observable source assets): a command prints the external data's
// version; Kiln never builds a source, it only notices when that version changes.
import { spawn } from "node:child_process";
import type { SourceSpec } from "../manifest/project.js";
import { stepBaseEnvironment } from "../run/step-environment.js";

export class ObserveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ObserveError";
  }
}

const OBSERVE_TIMEOUT_MS = 120_000;

/**
 * Runs `observe` and returns its trimmed output; an ObserveError says what failed and how.
 *
 * The command is the manifest's, like a step, and starts from a step's environment (before the
 * manifest's `env`): in Actions it runs inside the plan job and every asset job, whose process
 * holds the action's token (which can write contents), the runner's tokens and the job's
 * secrets, none of them the command's; locally, the user's shell without the secrets the
 * manifest declares (`secretSources`).
 */
export function observeSource(
  source: SourceSpec,
  root: string,
  env: NodeJS.ProcessEnv,
  secretSources: ReadonlySet<string>,
): Promise<string> {
  const command = source.observe!;
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", command], {
      cwd: root,
      env: stepBaseEnvironment(env, secretSources),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill("SIGKILL"), OBSERVE_TIMEOUT_MS);
    child.on("error", (error) =>
      reject(new ObserveError(`source "${source.name}": cannot run \`${command}\`: ${error.message}`)),
    );
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString("utf8").trim().split("\n").slice(-5).join("\n  ");
      if (code !== 0) {
        const why = signal ? `was killed (${signal})` : `exited with code ${code}`;
        reject(
          new ObserveError(`source "${source.name}": \`${command}\` ${why}${stderr ? `:\n  ${stderr}` : ""}`),
        );
        return;
      }
      const version = Buffer.concat(out).toString("utf8").trim();
      if (!version) {
        reject(
          new ObserveError(
            `source "${source.name}": \`${command}\` printed nothing; it must print the source's current version`,
          ),
        );
        return;
      }
      resolve(version);
    });
  });
}
