// Observed sources (Dagster's observable source assets): a command prints the external data's
// version; Kiln never builds a source, it only notices when that version changes.
import { spawn } from "node:child_process";
import type { SourceSpec } from "../manifest/project.js";
import { observeEnvironment } from "../run/step-environment.js";

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
 * The command runs inside Kiln's process's environment, which in Actions holds the action's token
 * (it can write contents), the runner's tokens and the job's secrets: observeEnvironment keeps the
 * job's own variables (what `setup` left for it) without those.
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
      env: observeEnvironment(env, secretSources),
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
