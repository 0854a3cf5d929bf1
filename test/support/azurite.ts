// Azurite, Azure's Blob storage emulator: the blob store behind the results-service stand-in
// (./results-service.ts). One per test run, shared by every stand-in in the run's workers, each
// in a container of its own: starting one costs about a second of CPU and 1-7 s on a loaded
// machine, and seven test files each started theirs. The first stand-in that needs it starts it,
// so a run that needs none starts none; the run's teardown (test/global-setup.ts) stops it.
// Without a run's temporary root (a configuration without test/global-setup.ts), every caller
// starts one of its own, stopped with it.
import { type ChildProcess, spawn } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export interface Azurite {
  /** The blob service's origin, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Stops it when this caller owns it; the run's shared one is stopped by the run's teardown. */
  stop(): Promise<void>;
}

/** Where the run's shared Azurite says where it listens (`{ pid, url }`), read by the teardown. */
function azuriteStateFile(runRoot: string): string {
  return path.join(runRoot, "azurite", "state.json");
}

/** Stops the run's shared Azurite, if one was started (the run's teardown). */
export function stopSharedAzurite(runRoot: string): void {
  const file = azuriteStateFile(runRoot);
  if (!existsSync(file)) return;
  const { pid } = JSON.parse(readFileSync(file, "utf8")) as { pid: number };
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    // Gone already.
  }
}

/** The run's Azurite, started if it is not yet; without `runRoot`, one of the caller's own. */
export async function azurite(runRoot: string | undefined): Promise<Azurite> {
  if (!runRoot) return ownAzurite();
  return { url: await sharedUrl(runRoot), stop: async () => {} };
}

/** Starting takes seconds on a loaded machine; two minutes mean it never will. */
const START_LIMIT_MS = 120_000;

async function sharedUrl(runRoot: string): Promise<string> {
  const dir = path.join(runRoot, "azurite");
  const state = azuriteStateFile(runRoot);
  const lock = path.join(dir, "starting");
  mkdirSync(dir, { recursive: true });
  const deadline = Date.now() + START_LIMIT_MS;
  for (;;) {
    if (existsSync(state)) return (JSON.parse(readFileSync(state, "utf8")) as { url: string }).url;
    if (Date.now() > deadline) throw new Error(`no Azurite started for this run within ${START_LIMIT_MS} ms`);
    try {
      mkdirSync(lock);
    } catch (error) {
      // Another worker is starting it.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    try {
      // Detached, its output in a file: it outlives the worker that started it, which may end first.
      const log = path.join(dir, "log.txt");
      const fd = openSync(log, "a");
      const child = spawn(process.execPath, [main(), ...ARGS], { detached: true, stdio: ["ignore", fd, fd] });
      closeSync(fd);
      child.unref();
      const url = await listening(child, () => readFileSync(log, "utf8"));
      writeFileSync(`${state}.tmp`, JSON.stringify({ pid: child.pid, url }));
      renameSync(`${state}.tmp`, state);
      return url;
    } finally {
      // A failed start leaves the next caller to try again.
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

async function ownAzurite(): Promise<Azurite> {
  let output = "";
  const child = spawn(process.execPath, [main(), ...ARGS], { stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr])
    stream.on("data", (c: Buffer) => (output += c.toString()));
  const url = await listening(child, () => output);
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const ARGS = [
  "--blobHost",
  "127.0.0.1",
  "--blobPort",
  "0",
  "--inMemoryPersistence",
  "--skipApiVersionCheck",
  "--loose",
  "--disableTelemetry",
];

function main(): string {
  return createRequire(import.meta.url).resolve("azurite/dist/src/blob/main.js");
}

/** The URL Azurite prints once it listens; rejects (and kills it) when it exits first or takes too long. */
function listening(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const match = /listens on (http:\/\/127\.0\.0\.1:\d+)/.exec(output());
      if (match?.[1]) {
        done();
        resolve(match[1]);
      }
    }, 25);
    const limit = setTimeout(() => {
      done();
      child.kill("SIGKILL");
      reject(new Error(`azurite-blob did not listen within ${START_LIMIT_MS} ms:\n${output()}`));
    }, START_LIMIT_MS);
    const exited = (code: number | null) => {
      done();
      reject(new Error(`azurite-blob exited with ${code} before listening:\n${output()}`));
    };
    const done = () => {
      clearInterval(poll);
      clearTimeout(limit);
      child.off("exit", exited);
    };
    child.once("exit", exited);
  });
}
