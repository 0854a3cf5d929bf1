import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);

// src/version/sources.ts
import { spawn } from "node:child_process";
var ObserveError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "ObserveError";
  }
};
var OBSERVE_TIMEOUT_MS = 12e4;
function observeSource(source, root, env) {
  const command = source.observe;
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", command], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (c) => out.push(c));
    child.stderr.on("data", (c) => err.push(c));
    const timer = setTimeout(() => child.kill("SIGKILL"), OBSERVE_TIMEOUT_MS);
    child.on(
      "error",
      (error) => reject(new ObserveError(`source "${source.name}": cannot run \`${command}\`: ${error.message}`))
    );
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString("utf8").trim().split("\n").slice(-5).join("\n  ");
      if (code !== 0) {
        const why = signal ? `was killed (${signal})` : `exited with code ${code}`;
        reject(
          new ObserveError(`source "${source.name}": \`${command}\` ${why}${stderr ? `:
  ${stderr}` : ""}`)
        );
        return;
      }
      const version = Buffer.concat(out).toString("utf8").trim();
      if (!version) {
        reject(
          new ObserveError(
            `source "${source.name}": \`${command}\` printed nothing; it must print the source's current version`
          )
        );
        return;
      }
      resolve(version);
    });
  });
}

export {
  ObserveError,
  observeSource
};
