// Observed sources (Dagster's observable source assets): a command prints the external data's
// version; Kiln never builds a source, it only notices when that version changes.
import { spawn } from "node:child_process";
import type { SourceSpec } from "../manifest/project.js";
import { knownSecretsMasker, observeEnvironment } from "../run/step-environment.js";

export class ObserveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ObserveError";
  }
}

const OBSERVE_TIMEOUT_MS = 120_000;

/** What `observe` printed: the version, and the same text masked for anything Kiln shows. */
export interface Observed {
  /** The trimmed output, as printed: the source's data version is worked out from it. */
  version: string;
  /** The output with every secret Kiln knows masked (`kiln show`, `kiln status`). */
  shown: string;
}

/**
 * Runs `observe` and returns its trimmed output; an ObserveError says what failed and how.
 *
 * The command runs inside Kiln's process's environment, which in Actions holds the action's token
 * (it can write contents), the runner's tokens and the job's secrets: observeEnvironment keeps the
 * job's own variables (what `setup` left for it) without those. What it printed may still hold a
 * secret (a credentials file a `setup` step wrote, a variable it exported): the error's text goes
 * into the ledger's cursor, failure issues and Slack, so it is masked with every secret Kiln knows.
 */
export function observeSource(
  source: SourceSpec,
  root: string,
  env: NodeJS.ProcessEnv,
  secretSources: ReadonlySet<string>,
): Promise<Observed> {
  const command = source.observe!;
  const masker = knownSecretsMasker(env, secretSources);
  const failed = (message: string) => new ObserveError(masker.mask(message));
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
      reject(failed(`source "${source.name}": cannot run \`${command}\`: ${error.message}`)),
    );
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      // Masked before the tail is cut into lines, so a multi-line secret is whole when masked.
      const stderr = masker
        .mask(Buffer.concat(err).toString("utf8"))
        .trim()
        .split("\n")
        .slice(-5)
        .join("\n  ");
      if (code !== 0) {
        const why = signal ? `was killed (${signal})` : `exited with code ${code}`;
        reject(failed(`source "${source.name}": \`${command}\` ${why}${stderr ? `:\n  ${stderr}` : ""}`));
        return;
      }
      const version = Buffer.concat(out).toString("utf8").trim();
      if (!version) {
        reject(
          failed(
            `source "${source.name}": \`${command}\` printed nothing; it must print the source's current version`,
          ),
        );
        return;
      }
      resolve({ version, shown: masker.mask(version) });
    });
  });
}
